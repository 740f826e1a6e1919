import { h } from '../dom.ts'
import type { Lang, LibraryKpi, Unit } from '../types.ts'
import type { Say } from './say.ts'

/** A tile's or goal's own target and amber line; null: the KPI's own value. As the API stores them. */
export interface BandValue {
  target: number | null
  warn: number | null
}

export interface BandFields {
  /** The two labelled fields and the line under them that says what is wrong. */
  fields: HTMLElement[]
  message: HTMLElement
  /** The band as it would be saved, or null (and the message shown) while the fields do not make sense. */
  read: () => BandValue | null
  /** The server refused it: say so next to the fields until they change. */
  reject: (reason: string) => void
}

const LOCALE: Record<Lang, string> = { en: 'en-GB', nl: 'nl-NL' }

/** A number as it is typed in a field: `4,5` in Dutch, `4.5` in English; no grouping. */
export function fieldNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { useGrouping: false, maximumFractionDigits: 6 }).format(value)
}

/**
 * A typed number, read the way the user means it: a decimal comma or point either way, and thousands
 * dots (`1.000`) in Dutch. Empty: null; not a number: NaN.
 */
export function parseFieldNumber(text: string, lang: Lang): number | null {
  let s = text.replace(/[\s\u00a0]/g, '')
  if (s === '') return null
  if (lang === 'nl')
    s = s.includes(',')
      ? s.replaceAll('.', '').replace(',', '.')
      : /^-?\d{1,3}(\.\d{3})+$/.test(s)
        ? s.replaceAll('.', '')
        : s
  else s = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replaceAll(',', '') : s.replace(',', '.')
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN
}

/** The server's amber line when only a target is set (kpi-library/engine.ts defaultWarn): the KPI's own while it fits. */
function defaultWarn(kpi: LibraryKpi, target: number): number {
  const warn = kpi.band!.warn
  const fits = kpi.direction === 'higher' ? warn <= target : kpi.direction === 'lower' ? warn >= target : true
  return fits ? warn : target
}

/** What the target counts: the KPI's unit; an action list counts its rows, a ticket count its tickets. */
function unitAffix(kpi: LibraryKpi, say: Say): { before?: string; after?: string } {
  const unit: Unit = kpi.unit
  if (unit === 'euro') return { before: '€' }
  if (unit === 'count') {
    if (kpi.kind === 'list') return { after: say('unitRows') }
    return /ticket/.test(kpi.id) ? { after: say('unitTickets') } : {}
  }
  const after = { percent: '%', hours: say('unitHoursShort'), minutes: 'min', days: say('unitDaysShort') }[
    unit as string
  ]
  return after ? { after } : {}
}

let ids = 0

/**
 * The target and the amber line of one tile or goal, edited together: both fields show the values in
 * force (the KPI's own in grey as placeholder, used when a field is emptied), are checked against the
 * KPI's direction before anything is sent, and say what is wrong next to them until it is fixed.
 * `onCommit` hears a band that makes sense and differs from the saved one.
 */
export function bandFields(
  kpi: LibraryKpi,
  saved: BandValue,
  view: { lang: Lang; say: Say; title: string },
  onCommit: (band: BandValue) => void,
): BandFields | null {
  const band = kpi.band
  if (!band) return null
  const { lang, say } = view
  const message = h('p.field-error', { id: `band-error-${++ids}`, role: 'alert' })
  const effectiveTarget = saved.target ?? band.target
  const effectiveWarn = saved.warn ?? (saved.target === null ? band.warn : defaultWarn(kpi, saved.target))
  const input = (name: string, label: string, value: number, placeholder: number) =>
    h('input', {
      name,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      'aria-label': label,
      'aria-describedby': message.id,
      value: fieldNumber(value, lang),
      placeholder: fieldNumber(placeholder, lang),
      title: say('bandDefault', { value: fieldNumber(placeholder, lang) }),
    })
  const target = input('target', say('targetOf', { title: view.title }), effectiveTarget, band.target)
  const warn = input('warn', say('amberOf', { title: view.title }), effectiveWarn, band.warn)
  const affix = unitAffix(kpi, say)
  // The unit after the field takes its place even when there is none, so the fields of all rows line up.
  const field = (label: string, box: HTMLInputElement) =>
    h(
      'label.band',
      null,
      `${label} `,
      affix.before ? h('span.unit', { text: affix.before }) : null,
      box,
      affix.before ? null : h('span.unit.after', { text: affix.after ?? '' }),
    )

  function show(text: string, bad: HTMLInputElement[]): void {
    message.textContent = text
    for (const box of [target, warn]) box.setAttribute('aria-invalid', String(bad.includes(box)))
  }

  /** What is wrong with the fields now, or the band to save. */
  function check(): { error: string; bad: HTMLInputElement[] } | BandValue {
    const t = parseFieldNumber(target.value, lang)
    const w = parseFieldNumber(warn.value, lang)
    const example = fieldNumber(band!.target, lang)
    if (Number.isNaN(t)) return { error: say('notANumber', { example }), bad: [target] }
    if (Number.isNaN(w)) return { error: say('notANumber', { example: fieldNumber(band!.warn, lang) }), bad: [warn] }
    const tv = t ?? band!.target
    const wv = w ?? (t === null ? band!.warn : defaultWarn(kpi, tv))
    const values = { target: fieldNumber(tv, lang), warn: fieldNumber(wv, lang) }
    if (kpi.direction === 'higher' && wv > tv) return { error: say('amberHigher', values), bad: [target, warn] }
    if (kpi.direction === 'lower' && wv < tv) return { error: say('amberLower', values), bad: [target, warn] }
    // The KPI's own value is stored as null, so the tile keeps following the library's band.
    return { target: tv === band!.target ? null : tv, warn: wv === band!.warn ? null : wv }
  }

  function read(): BandValue | null {
    const result = check()
    if ('error' in result) {
      show(result.error, result.bad)
      return null
    }
    show('', [])
    return result
  }

  for (const box of [target, warn]) {
    // While a message shows, it follows the typing, and goes as soon as the fields make sense.
    box.addEventListener('input', () => {
      if (!message.textContent) return
      const result = check()
      if ('error' in result) show(result.error, result.bad)
      else show('', [])
    })
    box.addEventListener('change', () => {
      const value = read()
      if (!value) return
      // Written back in the page's number form (`4.5` typed on a Dutch page reads `4,5`).
      target.value = fieldNumber(value.target ?? band.target, lang)
      warn.value = fieldNumber(value.warn ?? (value.target === null ? band.warn : defaultWarn(kpi, value.target)), lang)
      if (value.target !== saved.target || value.warn !== saved.warn) onCommit(value)
    })
  }
  return {
    // Which way is better, said beside the fields (the amber line's check follows it).
    fields: [
      field(say('target'), target),
      field(say('amber'), warn),
      kpi.direction === 'neutral'
        ? null
        : h('span.band-direction', {
            'data-direction': kpi.direction,
            text: say(kpi.direction === 'higher' ? 'higherBetter' : 'lowerBetter'),
          }),
    ].filter((el): el is HTMLElement => el !== null),
    message,
    read,
    reject: (reason) => show(say('notSaved', { reason }), [target, warn]),
  }
}
