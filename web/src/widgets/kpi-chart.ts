import embed, { type Result } from 'vega-embed'
import type { Config, TopLevelSpec } from 'vega-lite'
import type { Lang, TrendResult } from '../types.ts'

export interface ChartBox {
  width: number
  height: number
  /** Text size in CSS px: never under the wall's label floor. */
  font: number
  lang: Lang
}

const LOCALE = {
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] },
  nl: { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] },
} as const

const TIME_LOCALE = {
  en: {
    dateTime: '%a %e %b %Y %X',
    date: '%d/%m/%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  nl: {
    dateTime: '%a %e %B %Y %X',
    date: '%d-%m-%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
    months: [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ],
    shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  },
}

const INK = '#e8edf2'
const MUTED = '#aab4c0'
const LINE = '#6cb6ff'

function config(box: ChartBox): Config {
  return {
    background: 'transparent',
    view: { stroke: null },
    font: 'Inter, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif',
    axis: {
      labelFontSize: box.font,
      labelColor: MUTED,
      titleFontSize: box.font,
      domainColor: '#3a4552',
      tickColor: '#3a4552',
      gridColor: '#26303b',
      labelPadding: 4,
    },
    text: { fontSize: box.font, color: INK },
  }
}

/** A trend: a line over time, with the target as a dashed rule; axes only when there is room for them. */
export function trendSpec(result: TrendResult, box: ChartBox): TopLevelSpec {
  const axes = box.height >= box.font * 5 && box.width >= box.font * 12
  const points = result.points.filter((p) => p.value !== null)
  const spec: TopLevelSpec = {
    width: box.width,
    height: box.height,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 2,
    data: { values: points },
    config: config(box),
    layer: [
      {
        mark: {
          type: 'area',
          line: { color: LINE, strokeWidth: Math.max(3, box.font / 6) },
          color: {
            x1: 1,
            y1: 1,
            x2: 1,
            y2: 0,
            gradient: 'linear',
            stops: [
              { offset: 0, color: 'rgba(108,182,255,0)' },
              { offset: 1, color: 'rgba(108,182,255,0.35)' },
            ],
          },
        },
        encoding: {
          x: {
            field: 't',
            type: 'temporal',
            axis: axes
              ? {
                  title: null,
                  format: box.lang === 'nl' ? '%d-%m' : '%d/%m',
                  tickCount: 3,
                  grid: false,
                  labelOverlap: true,
                }
              : null,
          },
          y: {
            field: 'value',
            type: 'quantitative',
            scale: { zero: false },
            axis: axes ? { title: null, tickCount: 3, labelOverlap: true, format: '~s' } : null,
          },
        },
      },
      ...(result.target === null
        ? []
        : [
            {
              mark: { type: 'rule' as const, color: MUTED, strokeDash: [6, 6], strokeWidth: 2 },
              encoding: { y: { datum: result.target } },
            },
          ]),
    ],
  }
  return spec
}

/** Renders a spec into `el` as SVG, without the embed menu; returns the function that frees it. */
export async function renderChart(el: HTMLElement, spec: TopLevelSpec, lang: Lang): Promise<() => void> {
  const result: Result = await embed(el, spec, {
    actions: false,
    renderer: 'svg',
    tooltip: false,
    formatLocale: LOCALE[lang] as unknown as Record<string, unknown>,
    timeFormatLocale: TIME_LOCALE[lang] as unknown as Record<string, unknown>,
  })
  return () => result.finalize()
}
