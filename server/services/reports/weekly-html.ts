import { formatDay } from '../../../kpi-library/time-text.js'
import { formatValue } from '../../../kpi-library/value-text.js'
import type { Lang, ListField, Status } from '../../../kpi-library/wire-types.js'
import { dateText, escapeHtml } from './html.js'
import type { WeeklyItem, WeeklyReport } from './weekly.js'

// The client review (qbr-html.ts) takes them from here too.
export { dateText, escapeHtml }

// The weekly review as one HTML document: the page admins open and the PDF Chromium prints (A4, the footer's page
// numbers are the PDF's). Everything inline (styles, the trend's SVG): the document fetches nothing. Status reads by
// word and shape as well as colour, so a black-and-white print keeps it.

const WORDS: Record<Lang, Record<WordKey, string>> = {
  en: {
    title: 'Weekly review',
    week: 'Week',
    asOf: 'KPIs as of',
    dataAsOf: 'data synced',
    never: 'never synced',
    goals: 'Company goals',
    tiles: 'Dashboard',
    kpi: 'KPI',
    value: 'Value',
    target: 'Target / path',
    pathTo: 'path to {target} by {date}',
    status: 'Status',
    trend: 'Last 8 weeks',
    noHistory: 'No KPI history is recorded yet: the trend column fills in as the weeks are recorded.',
    decide: 'To decide on',
    more: 'and {n} more',
    summary: '{good} on target, {warn} to watch, {bad} off target',
    page: 'Page',
    of: 'of',
    good: 'On target',
    warn: 'Watch',
    bad: 'Off target',
    unknown: 'No data',
    noTarget: 'No target',
    nothingOn: 'Nothing to decide on at the end of the week: {lists}.',
    error: 'Could not be evaluated',
  },
  nl: {
    title: 'Weekoverzicht',
    week: 'Week',
    asOf: "KPI's per",
    dataAsOf: 'gegevens gesynchroniseerd',
    never: 'nooit gesynchroniseerd',
    goals: 'Bedrijfsdoelen',
    tiles: 'Dashboard',
    kpi: 'KPI',
    value: 'Waarde',
    target: 'Doel / pad',
    pathTo: 'pad naar {target} op {date}',
    status: 'Status',
    trend: 'Laatste 8 weken',
    noHistory:
      'Er is nog geen KPI-geschiedenis vastgelegd: de trendkolom vult zich naarmate de weken worden vastgelegd.',
    decide: 'Te beslissen',
    more: 'en nog {n}',
    summary: '{good} op doel, {warn} om op te letten, {bad} buiten doel',
    page: 'Pagina',
    of: 'van',
    good: 'Op doel',
    warn: 'Let op',
    bad: 'Buiten doel',
    unknown: 'Geen gegevens',
    noTarget: 'Geen doel',
    nothingOn: 'Niets te beslissen aan het eind van de week: {lists}.',
    error: 'Kon niet worden berekend',
  },
}

export type WeeklyWords = Record<WordKey, string>

export function weeklyWords(lang: Lang): WeeklyWords {
  return WORDS[lang]
}

type WordKey =
  | 'title'
  | 'week'
  | 'asOf'
  | 'dataAsOf'
  | 'never'
  | 'goals'
  | 'tiles'
  | 'kpi'
  | 'value'
  | 'target'
  | 'pathTo'
  | 'status'
  | 'trend'
  | 'noHistory'
  | 'decide'
  | 'more'
  | 'summary'
  | 'page'
  | 'of'
  | 'good'
  | 'warn'
  | 'bad'
  | 'unknown'
  | 'noTarget'
  | 'nothingOn'
  | 'error'

// ▲ and ▼ mean up and down on the walls (a tile's change in a week): a status never borrows them.
const STATUS_MARK: Record<Status, string> = { good: '●', warn: '⚠', bad: '■', none: '○' }
const STATUS_COLOUR: Record<Status, string> = { good: '#1b7f5b', warn: '#b26a00', bad: '#b3261e', none: '#666' }

/** An instant in the install's zone: `23-11-2026 07:30`. */
function instantText(at: string, lang: Lang, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  )
  return `${dateText(`${p.year}-${p.month}-${p.day}`, lang)} ${p.hour}:${p.minute}`
}

function valueText(item: WeeklyItem, value: number | null, lang: Lang): string {
  return item.unit ? formatValue(value, item.unit, lang) : '–'
}

function statusCell(item: WeeklyItem, words: WeeklyWords): string {
  const { status } = item
  const word =
    item.kind === 'error'
      ? words.error
      : status !== 'none'
        ? words[status]
        : item.value === null
          ? words.unknown
          : words.noTarget
  return `<span class="status" style="color:${STATUS_COLOUR[status]}"><span aria-hidden="true">${STATUS_MARK[status]}</span> ${escapeHtml(word)}</span>`
}

/** Eight weeks as a small line, the last point marked; a week without a value leaves a gap. */
function sparkline(item: WeeklyItem): string {
  const values = item.trend.map((point) => point.value)
  const known = values.filter((v): v is number => v !== null)
  if (known.length === 0) return ''
  const min = Math.min(...known, item.target ?? Infinity)
  const max = Math.max(...known, item.target ?? -Infinity)
  const span = max - min || 1
  const x = (i: number) => 2 + (i * 76) / Math.max(1, values.length - 1)
  const y = (v: number) => 20 - ((v - min) / span) * 16
  const segments: string[] = []
  let run: string[] = []
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) segments.push(run.join(' '))
      run = []
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`)
  })
  if (run.length) segments.push(run.join(' '))
  const last = values.at(-1)
  const target =
    item.target === null
      ? ''
      : `<line x1="2" x2="78" y1="${y(item.target).toFixed(1)}" y2="${y(item.target).toFixed(1)}" stroke="#999" stroke-dasharray="2 2" stroke-width="0.8"/>`
  return (
    `<svg class="spark" viewBox="0 0 80 22" width="80" height="22" aria-hidden="true">${target}` +
    segments
      .map((points) => `<polyline points="${points}" fill="none" stroke="#1f4e79" stroke-width="1.4"/>`)
      .join('') +
    (last === null || last === undefined
      ? ''
      : `<circle cx="${x(values.length - 1).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2" fill="#1f4e79"/>`) +
    `</svg>`
  )
}

/** The line, and in words where it starts and ends (`W40 18 h → W47 12,5 u`): a print has no tooltip. */
function trendCell(item: WeeklyItem, lang: Lang): string {
  const known = item.trend.filter((point) => point.value !== null)
  const first = known[0]
  const last = known.at(-1)
  // This week alone is no trend: its value stands in the value column.
  if (!first || !last || known.length < 2) return '–'
  const point = (p: WeeklyItem['trend'][number]) => `${p.week.slice(5)} ${valueText(item, p.value, lang)}`
  const words = `${point(first)} → ${point(last)}`
  return `${sparkline(item)}<span class="trend-from">${escapeHtml(words)}</span>`
}

/** The target, or on a path the value expected at the week's end with where the path goes. */
function targetCell(item: WeeklyItem, lang: Lang, words: WeeklyWords): string {
  if (item.target === null) return '–'
  const target = escapeHtml(valueText(item, item.target, lang))
  if (!item.path) return target
  const to = words.pathTo
    .replace('{target}', valueText(item, item.path.target, lang))
    .replace('{date}', dateText(item.path.end, lang))
  return `${target}<div class="window">${escapeHtml(to)}</div>`
}

function summaryRow(item: WeeklyItem, report: WeeklyReport, words: WeeklyWords): string {
  const { lang } = report
  return (
    `<tr class="status-${item.status}">` +
    `<td><strong>${escapeHtml(item.title)}</strong><div class="window">${escapeHtml(item.window)}</div></td>` +
    `<td class="num">${escapeHtml(valueText(item, item.value, lang))}</td>` +
    `<td class="num">${targetCell(item, lang, words)}</td>` +
    `<td>${statusCell(item, words)}</td>` +
    `<td class="trend">${trendCell(item, lang)}</td>` +
    `</tr>` +
    `<tr class="context"><td colspan="5">${escapeHtml(item.context)}${
      item.path?.consequence ? ` <strong>${escapeHtml(item.path.consequence.text)}</strong>` : ''
    }</td></tr>`
  )
}

function summaryTable(items: WeeklyItem[], report: WeeklyReport, words: WeeklyWords): string {
  return (
    `<table class="kpis"><colgroup><col><col class="c-value"><col class="c-target"><col class="c-status"><col class="c-trend"></colgroup><thead><tr><th>${words.kpi}</th><th class="num">${words.value}</th><th class="num">${words.target}</th>` +
    `<th>${words.status}</th><th>${words.trend}</th></tr></thead><tbody>` +
    items.map((item) => summaryRow(item, report, words)).join('') +
    `</tbody></table>`
  )
}

/** One cell of an action row, as its field's type reads. */
export function cellText(value: unknown, field: ListField, lang: Lang, tz: string): string {
  if (value === null || value === undefined || value === '') return ''
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? formatValue(value, 'count', lang) : String(value)
    case 'hours':
    case 'minutes':
    case 'days':
    case 'percent':
    case 'euro':
      return typeof value === 'number' ? formatValue(value, field.type, lang) : String(value)
    case 'date':
      return typeof value === 'string' ? formatDay(value, lang) : String(value)
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? instantText(value, lang, tz)
        : String(value)
    case 'rating':
      return typeof value === 'number' ? `${formatValue(value, 'count', lang)} ★` : String(value)
    default:
      if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1]
      return typeof value === 'object' ? '' : String(value)
  }
}

/** A true/false field of a row, as a reader writes it. */
const YES_NO: Record<Lang, [string, string]> = { en: ['yes', 'no'], nl: ['ja', 'nee'] }

function decisionSection(item: WeeklyItem, report: WeeklyReport, words: WeeklyWords, tz: string): string {
  const list = item.list!
  const head = `<h3>${escapeHtml(item.title)} <span class="count">(${formatValue(list.count, 'count', report.lang)})</span></h3>${
    list.verb ? `<p class="verb">${escapeHtml(list.verb)}</p>` : ''
  }`
  const fields = list.fields.slice(0, 8)
  const rows = list.rows
    .map(
      (row) =>
        `<tr>${fields.map((field) => `<td>${escapeHtml(cellText(row[field.key], field, report.lang, tz))}</td>`).join('')}</tr>`,
    )
    .join('')
  const more =
    list.count > list.rows.length
      ? `<p class="more">${escapeHtml(words.more.replace('{n}', formatValue(list.count - list.rows.length, 'count', report.lang)))}</p>`
      : ''
  return `<section class="decide">${head}<table class="rows"><thead><tr>${fields
    .map((field) => `<th>${escapeHtml(field.label[report.lang])}</th>`)
    .join('')}</tr></thead><tbody>${rows}</tbody></table>${more}</section>`
}

const STYLE = `
  @page { size: A4; }
  * { box-sizing: border-box; }
  body { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; margin: 0; padding: 16px; max-width: 190mm; }
  header { border-bottom: 2px solid #1f4e79; margin-bottom: 12px; padding-bottom: 6px; }
  h1 { font-size: 18pt; margin: 0; color: #1f4e79; }
  h2 { font-size: 13pt; margin: 18px 0 6px; color: #1f4e79; break-after: avoid; }
  h3 { font-size: 11pt; margin: 12px 0 2px; break-after: avoid; }
  .meta, .window, .verb, .more, .none, .note, .trend-from { color: #555; font-size: 8.5pt; }
  .summary { font-size: 11pt; margin: 6px 0 0; }
  table { width: 100%; border-collapse: collapse; }
  /* The same columns in both tables, so goals and tiles line up. */
  table.kpis { table-layout: fixed; }
  col.c-value { width: 20mm; } col.c-target { width: 30mm; } col.c-status { width: 31mm; } col.c-trend { width: 33mm; }
  th { text-align: left; font-size: 8.5pt; color: #555; border-bottom: 1px solid #999; padding: 3px 4px; }
  td { padding: 3px 4px; vertical-align: top; }
  table.kpis tr.context td { border-bottom: 1px solid #ddd; color: #333; font-size: 8.5pt; padding-top: 0; }
  tr { break-inside: avoid; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .status { font-weight: 600; }
  .spark { display: block; }
  .num .window { white-space: normal; }
  table.rows td { border-bottom: 1px solid #eee; font-size: 8.5pt; }
  section.decide { break-inside: avoid; }
  .count { color: #555; font-weight: normal; }
`

/** The report as a whole HTML document in its language; `tz` writes its instants in the install's time zone. */
export function weeklyHtml(report: WeeklyReport, tz: string): string {
  const words = WORDS[report.lang]
  const { lang } = report
  const all = [...report.goals, ...report.tiles]
  const count = (status: Status) => String(all.filter((item) => item.status === status).length)
  const lists = all.filter((item) => item.list && item.list.count > 0)
  const empty = all.filter((item) => item.list && item.list.count === 0).map((item) => item.title)
  const recorded = all.some((item) => item.trend.filter((point) => point.value !== null).length > 1)
  const n = String(Number(report.week.id.slice(6)))
  const title = `${words.title} · ${report.roleName} · ${words.week} ${n}`
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body data-report="weekly" data-role="${escapeHtml(report.role)}" data-week="${report.week.id}">
<header>
<h1>${escapeHtml(words.title)}: ${escapeHtml(report.roleName)}</h1>
<p class="meta">${escapeHtml(words.week)} ${n} (${report.week.id.slice(0, 4)}), ${dateText(report.week.from, lang)} – ${dateText(report.week.to, lang)} · ${escapeHtml(words.asOf)} ${instantText(report.asOf, lang, tz)} · ${escapeHtml(words.dataAsOf)} ${report.dataAsOf ? instantText(report.dataAsOf, lang, tz) : escapeHtml(words.never)}</p>
<p class="summary">${escapeHtml(words.summary.replace('{good}', count('good')).replace('{warn}', count('warn')).replace('{bad}', count('bad')))}</p>
</header>
${report.goals.length > 0 ? `<h2>${words.goals}</h2>${summaryTable(report.goals, report, words)}` : ''}
<h2>${escapeHtml(words.tiles)}: ${escapeHtml(report.title)}</h2>
${summaryTable(report.tiles, report, words)}
${recorded ? '' : `<p class="note">${escapeHtml(words.noHistory)}</p>`}
${lists.length + empty.length > 0 ? `<h2>${words.decide}</h2>` : ''}
${lists.map((item) => decisionSection(item, report, words, tz)).join('')}
${empty.length > 0 ? `<p class="none">${escapeHtml(words.nothingOn.replace('{lists}', empty.join(', ')))}</p>` : ''}
</body></html>
`
}
