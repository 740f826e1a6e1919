import { inLanguage } from '../../../kpi-library/format.js'
import { DEFAULT_SETTINGS } from '../../../kpi-library/settings.js'
import { formatMonth } from '../../../kpi-library/time-text.js'
import { formatValue } from '../../../kpi-library/value-text.js'
import type { Lang, Text, Unit } from '../../../kpi-library/wire-types.js'
import type { QbrComment, QbrReport, QuarterFigures } from './qbr.js'
import { dateText, escapeHtml } from './weekly-html.js'
import { localDate } from '../../../kpi-library/time.js'

// The client review (QBR) as one HTML document, for the account manager to hand the client: the page admins open
// and the PDF Chromium prints on A4. In the MSP's colour and with its logo (the settings' brand); everything inline
// (styles, the logo's data URL, the charts' SVG), so the document fetches nothing and renders offline.

const WORDS = {
  en: {
    title: 'Quarterly service review',
    compared: 'compared with {quarter}',
    prepared: 'Prepared on {date}',
    throughToday: 'This quarter is still running: figures up to {date}.',
    partialHistory: 'roleboard holds data from {date} on: {quarter} is counted only from then.',
    noHistory: 'roleboard holds data from {date} on: {quarter} is counted from then, {previous} not at all.',
    glance: 'The quarter at a glance',
    created: 'Tickets created',
    completed: 'Tickets completed',
    openAtEnd: 'Open at quarter end',
    slaMet: 'SLA met',
    csat: 'Satisfaction (positive)',
    hoursWorked: 'Hours worked',
    tickets: 'Tickets',
    byPriority: 'By priority',
    byIssueType: 'By issue type',
    perWeek: 'Tickets per week',
    createdShort: 'created',
    completedShort: 'completed',
    sla: 'Service levels (SLA)',
    slaOverall: 'Tickets completed within their SLA',
    firstResponse: 'First response within SLA',
    resolution: 'Resolution within SLA',
    slaPerMonth: 'SLA met per month',
    ofTotal: '{met} of {total}',
    satisfaction: 'Satisfaction',
    responses: '{n} responses: {positive} positive, {negative} negative',
    smileBack: 'From your SmileBack reviews.',
    surveys: 'From the surveys sent when tickets were closed.',
    csatPerMonth: 'Positive ratings per month',
    comments: 'In your words',
    noComments: 'No comments were left this quarter.',
    faces: { '1': 'positive', '0': 'neutral', '-1': 'negative' },
    ticket: 'ticket',
    hours: 'Hours and agreements',
    billable: 'Billable hours',
    perContract: 'Hours by contract',
    contract: 'Contract',
    worked: 'Worked',
    billableShort: 'Billable',
    noContract: 'Without a contract (per hour)',
    hoursPerWeek: 'Hours per week',
    agreements: 'Prepaid hours',
    purchased: 'Purchased',
    usedQuarter: 'Used this quarter',
    usedTotal: 'Used to date',
    left: 'Left',
    term: 'Term',
    noAgreements: 'No block-hour or retainer contract ran this quarter.',
    recurring: 'Recurring issues',
    recurringHint: 'Issue types raised at least twice this quarter: candidates for a structural fix.',
    noRecurring: 'No issue type came back this quarter.',
    issue: 'Issue',
    none: 'None this quarter.',
    page: 'Page',
    of: 'of',
  },
  nl: {
    title: 'Kwartaalrapportage dienstverlening',
    compared: 'vergeleken met {quarter}',
    prepared: 'Opgesteld op {date}',
    throughToday: 'Dit kwartaal loopt nog: cijfers tot en met {date}.',
    partialHistory: 'roleboard heeft gegevens vanaf {date}: {quarter} telt pas vanaf dan.',
    noHistory: 'roleboard heeft gegevens vanaf {date}: {quarter} telt pas vanaf dan, {previous} helemaal niet.',
    glance: 'Het kwartaal in het kort',
    created: 'Tickets aangemaakt',
    completed: 'Tickets afgerond',
    openAtEnd: 'Open aan het eind',
    slaMet: 'SLA gehaald',
    csat: 'Tevredenheid (positief)',
    hoursWorked: 'Gewerkte uren',
    tickets: 'Tickets',
    byPriority: 'Per prioriteit',
    byIssueType: 'Per probleemtype',
    perWeek: 'Tickets per week',
    createdShort: 'aangemaakt',
    completedShort: 'afgerond',
    sla: 'Serviceniveaus (SLA)',
    slaOverall: 'Tickets binnen de SLA afgerond',
    firstResponse: 'Eerste reactie binnen de SLA',
    resolution: 'Oplossing binnen de SLA',
    slaPerMonth: 'SLA gehaald per maand',
    ofTotal: '{met} van {total}',
    satisfaction: 'Tevredenheid',
    responses: '{n} reacties: {positive} positief, {negative} negatief',
    smileBack: 'Uit jullie SmileBack-beoordelingen.',
    surveys: 'Uit de enquêtes die bij het afsluiten van tickets zijn verstuurd.',
    csatPerMonth: 'Positieve beoordelingen per maand',
    comments: 'In jullie woorden',
    noComments: 'Dit kwartaal is er geen opmerking achtergelaten.',
    faces: { '1': 'positief', '0': 'neutraal', '-1': 'negatief' },
    ticket: 'ticket',
    hours: 'Uren en contracten',
    billable: 'Declarabele uren',
    perContract: 'Uren per contract',
    contract: 'Contract',
    worked: 'Gewerkt',
    billableShort: 'Declarabel',
    noContract: 'Zonder contract (per uur)',
    hoursPerWeek: 'Uren per week',
    agreements: 'Vooruitbetaalde uren',
    purchased: 'Gekocht',
    usedQuarter: 'Verbruikt dit kwartaal',
    usedTotal: 'Verbruikt tot nu',
    left: 'Over',
    term: 'Looptijd',
    noAgreements: 'Dit kwartaal liep er geen strippenkaart of retainer.',
    recurring: 'Terugkerende problemen',
    recurringHint:
      'Probleemtypen die dit kwartaal minstens twee keer voorkwamen: kandidaten voor een structurele oplossing.',
    noRecurring: 'Dit kwartaal kwam geen probleemtype terug.',
    issue: 'Probleem',
    none: 'Geen dit kwartaal.',
    page: 'Pagina',
    of: 'van',
  },
} as const

export type QbrWords = (typeof WORDS)[Lang]

export function qbrWords(lang: Lang): QbrWords {
  return WORDS[lang]
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`)

/** `Q3 2026`, as people say it in both languages. */
export function quarterName(id: string): string {
  return `${id.slice(5)} ${id.slice(0, 4)}`
}

/** The brand colour when it is one (#rrggbb), else roleboard's: it goes into CSS. */
function brandColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_SETTINGS.brandColor
}

/** Black or white, whichever reads on the colour (WCAG relative luminance). */
function inkOn(color: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111111' : '#ffffff'
}

/** The logo as an image when it is a PNG or SVG data URL (the settings refuse anything else; this keeps it so). */
function logoImg(logo: string | null): string {
  if (!logo || !/^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+=*$/.test(logo)) return ''
  return `<img class="logo" src="${logo}" alt="">`
}

export function qbrHtml(report: QbrReport, lang: Lang): string {
  const w = WORDS[lang]
  const color = brandColor(report.brand.color)
  const cur = report.current
  const prev = report.previous
  const q = quarterName(cur.quarter.id)
  const p = quarterName(prev.quarter.id)
  const value = (n: number | null, unit: Unit) => escapeHtml(formatValue(n, unit, lang))
  const word = (label: string | Text) => escapeHtml(String(inLanguage(label, lang)))
  // A quarter before the synced data starts has no figures, not zero ones: its column shows a dash.
  const noPrevious = report.dataFrom !== null && report.dataFrom > prev.quarter.to
  const partial =
    report.dataFrom === null || report.dataFrom <= prev.quarter.from
      ? ''
      : `<p class="note">${fill(noPrevious ? w.noHistory : w.partialHistory, {
          date: dateText(report.dataFrom, lang),
          quarter: noPrevious ? q : p,
          previous: p,
        })}</p>`
  const running =
    cur.through < cur.quarter.to
      ? `<p class="note">${fill(w.throughToday, { date: dateText(cur.through, lang) })}</p>`
      : ''

  const card = (label: string, now: number | null, before: number | null, unit: Unit) =>
    `<div class="card"><div class="label">${label}</div><div class="value">${value(now, unit)}</div>` +
    `<div class="before">${p}: ${noPrevious ? '–' : value(before, unit)}</div></div>`

  const compareRow = (label: string, now: string, before: string) =>
    `<tr><td>${label}</td><td class="num">${now}</td><td class="num">${noPrevious ? '–' : before}</td></tr>`
  const compareHead = (first: string) =>
    `<thead><tr><th>${first}</th><th class="num">${q}</th><th class="num">${p}</th></tr></thead>`
  const share = (s: { met: number; total: number; pct: number | null }) =>
    s.total === 0
      ? '–'
      : `${value(s.pct, 'percent')} <span class="small">(${fill(w.ofTotal, { met: value(s.met, 'count'), total: value(s.total, 'count') })})</span>`

  const byLabel = (now: QuarterFigures['tickets']['byPriority'], before: QuarterFigures['tickets']['byPriority']) =>
    now.length === 0
      ? `<p class="empty">${w.none}</p>`
      : `<table>${compareHead('')}<tbody>` +
        now
          .map((item) =>
            compareRow(
              word(item.label),
              value(item.count, 'count'),
              value(before.find((b) => b.key === item.key)?.count ?? 0, 'count'),
            ),
          )
          .join('') +
        `</tbody></table>`

  const weekLabel = (start: string) => dateText(start, lang).slice(0, 5)
  const monthLabel = (month: string) => escapeHtml(formatMonth(month, lang).split(' ')[0]!)
  /** A share per month of the quarter (SLA met, positive ratings) as bars on a 0-100% scale. */
  const perMonth = (pick: (month: QbrReport['months'][number]) => number | null, name: string) =>
    barChart(
      report.months.map((m) => ({ label: monthLabel(m.month), values: [pick(m)] })),
      [{ name, color }],
      (n) => formatValue(n, 'percent', lang),
      100,
    )
  const responses = (csat: QuarterFigures['csat']) =>
    fill(w.responses, {
      n: value(csat.responses, 'count'),
      positive: value(csat.positive, 'count'),
      negative: value(csat.negative, 'count'),
    })

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${w.title} · ${report.company.name} · ${q}`)}</title>
<style>${style(color)}</style>
</head>
<body>
<header>
  <div class="band">${logoImg(report.brand.logo)}<div><h1>${escapeHtml(w.title)}</h1>
  <div class="client">${escapeHtml(report.company.name)}</div></div></div>
  <p class="period"><strong>${q}</strong> (${dateText(cur.quarter.from, lang)} – ${dateText(cur.quarter.to, lang)}), ${fill(w.compared, { quarter: p })} · ${fill(w.prepared, { date: dateText(localDate(new Date(report.generatedAt), report.tz), lang) })}</p>
  ${running}${partial}
</header>

<section class="glance">
<h2>${w.glance}</h2>
<div class="cards">
${card(w.created, cur.tickets.created, prev.tickets.created, 'count')}
${card(w.completed, cur.tickets.completed, prev.tickets.completed, 'count')}
${card(w.slaMet, cur.sla.overall.pct, prev.sla.overall.pct, 'percent')}
${card(w.csat, cur.csat.pct, prev.csat.pct, 'percent')}
${card(w.hoursWorked, cur.hours.worked, prev.hours.worked, 'hours')}
</div>
</section>

<section>
<h2>${w.tickets}</h2>
<table>${compareHead('')}<tbody>
${compareRow(w.created, value(cur.tickets.created, 'count'), value(prev.tickets.created, 'count'))}
${compareRow(w.completed, value(cur.tickets.completed, 'count'), value(prev.tickets.completed, 'count'))}
${compareRow(w.openAtEnd, value(cur.tickets.openAtEnd, 'count'), value(prev.tickets.openAtEnd, 'count'))}
</tbody></table>
<div class="two">
<div><h3>${w.byPriority}</h3>${byLabel(cur.tickets.byPriority, prev.tickets.byPriority)}</div>
<div><h3>${w.byIssueType}</h3>${byLabel(cur.tickets.byIssueType.slice(0, 8), prev.tickets.byIssueType)}</div>
</div>
<h3>${w.perWeek}</h3>
${barChart(
  report.weeks.map((wk) => ({ label: weekLabel(wk.start), values: [wk.created, wk.completed] })),
  [
    { name: w.createdShort, color },
    { name: w.completedShort, color: '#9aa4ae' },
  ],
  (n) => formatValue(n, 'count', lang),
)}
</section>

<section class="new-page">
<h2>${w.sla}</h2>
<table>${compareHead('')}<tbody>
${compareRow(w.slaOverall, share(cur.sla.overall), share(prev.sla.overall))}
${compareRow(w.firstResponse, share(cur.sla.firstResponse), share(prev.sla.firstResponse))}
${compareRow(w.resolution, share(cur.sla.resolution), share(prev.sla.resolution))}
</tbody></table>
<h3>${w.slaPerMonth}</h3>
${perMonth((m) => m.slaPct, w.slaMet)}
</section>

<section>
<h2>${w.satisfaction}</h2>
<table>${compareHead('')}<tbody>
${compareRow(w.csat, value(cur.csat.pct, 'percent'), value(prev.csat.pct, 'percent'))}
${compareRow('', responses(cur.csat), responses(prev.csat))}
</tbody></table>
<p class="note">${report.csatSource === 'smileback' ? w.smileBack : w.surveys}</p>
<h3>${w.csatPerMonth}</h3>
${perMonth((m) => m.csatPct, w.csat)}
<h3>${w.comments}</h3>
${report.comments.length === 0 ? `<p class="empty">${w.noComments}</p>` : `<ul class="comments">${report.comments.map((c) => comment(c, lang)).join('')}</ul>`}
</section>

<section class="new-page">
<h2>${w.hours}</h2>
<table>${compareHead('')}<tbody>
${compareRow(w.hoursWorked, value(cur.hours.worked, 'hours'), value(prev.hours.worked, 'hours'))}
${compareRow(w.billable, value(cur.hours.billable, 'hours'), value(prev.hours.billable, 'hours'))}
</tbody></table>
<h3>${w.perContract}</h3>
${
  cur.hours.byContract.length === 0
    ? `<p class="empty">${w.none}</p>`
    : `<table><thead><tr><th>${w.contract}</th><th class="num">${w.worked}</th><th class="num">${w.billableShort}</th></tr></thead><tbody>` +
      cur.hours.byContract
        .map(
          (k) =>
            `<tr><td>${k.contractId === null ? w.noContract : `${escapeHtml(k.name ?? `#${k.contractId}`)}${k.type ? ` <span class="small">${escapeHtml(k.type)}</span>` : ''}`}</td>` +
            `<td class="num">${value(k.worked, 'hours')}</td><td class="num">${value(k.billable, 'hours')}</td></tr>`,
        )
        .join('') +
      `</tbody></table>`
}
<h3>${w.agreements}</h3>
${
  report.agreements.length === 0
    ? `<p class="empty">${w.noAgreements}</p>`
    : `<table><thead><tr><th>${w.contract}</th><th class="num">${w.purchased}</th><th class="num">${w.usedQuarter}</th><th class="num">${w.usedTotal}</th><th class="num">${w.left}</th><th></th></tr></thead><tbody>` +
      report.agreements
        .map(
          (a) =>
            `<tr><td>${escapeHtml(a.name ?? `#${a.contractId}`)}<div class="small">${w.term}: ${a.startDate ? dateText(a.startDate, lang) : '…'} – ${a.endDate ? dateText(a.endDate, lang) : '…'}</div></td>` +
            `<td class="num">${value(a.purchased, 'hours')}</td><td class="num">${value(a.usedInQuarter, 'hours')}</td>` +
            `<td class="num">${value(a.usedToDate, 'hours')}</td><td class="num">${value(a.left, 'hours')}</td>` +
            `<td class="use">${a.usedPct === null ? '' : `${useBar(a.usedPct, color)} ${value(a.usedPct, 'percent')}`}</td></tr>`,
        )
        .join('') +
      `</tbody></table>`
}
<h3>${w.hoursPerWeek}</h3>
${barChart(
  report.weeks.map((wk) => ({ label: weekLabel(wk.start), values: [wk.hours] })),
  [{ name: w.hoursWorked, color }],
  (n) => formatValue(n, 'hours', lang),
)}
</section>

<section>
<h2>${w.recurring}</h2>
<p class="note">${w.recurringHint}</p>
${
  report.recurring.length === 0
    ? `<p class="empty">${w.noRecurring}</p>`
    : `<table>${compareHead(w.issue)}<tbody>` +
      report.recurring
        .map((r) => compareRow(word(r.label), value(r.count, 'count'), value(r.previous, 'count')))
        .join('') +
      `</tbody></table>`
}
</section>
</body>
</html>
`
}

/** A comment as the client wrote it, with its rating (stars, or SmileBack's face in words), date, ticket and person. */
function comment(c: QbrComment, lang: Lang): string {
  const w = WORDS[lang]
  const rating =
    c.face === null
      ? `<span class="stars" aria-label="${c.rating}/5">${'★'.repeat(c.rating)}${'☆'.repeat(Math.max(0, 5 - c.rating))}</span>`
      : `<span class="face">${w.faces[String(c.face) as '1' | '0' | '-1']}</span>`
  const who = [
    dateText(c.at.slice(0, 10), lang),
    c.ticketNumber ? `${w.ticket} ${c.ticketNumber}` : null,
    c.contactName,
  ]
    .filter((part): part is string => Boolean(part))
    .map(escapeHtml)
    .join(' · ')
  const tone = c.rating <= 2 ? 'negative' : c.rating >= 4 ? 'positive' : 'neutral'
  return `<li class="${tone}">${rating} <span class="who">${who}</span><blockquote>${escapeHtml(c.comment)}</blockquote></li>`
}

/** A used share as a small bar, full at 100%. */
function useBar(pct: number, color: string): string {
  const width = Math.max(0, Math.min(100, pct))
  return `<svg class="usebar" viewBox="0 0 100 8" width="70" height="8" aria-hidden="true"><rect width="100" height="8" fill="#e3e7eb"/><rect width="${width.toFixed(1)}" height="8" fill="${pct > 100 ? '#b3261e' : color}"/></svg>`
}

/**
 * Grouped bars, one group per label, one bar per series; a missing value leaves its place empty. Sized by its
 * viewBox, so it fills the column at any page width; each bar carries its value as a tooltip and the highest is
 * labelled so a printed page reads without a scale.
 */
function barChart(
  groups: Array<{ label: string; values: Array<number | null> }>,
  series: Array<{ name: string; color: string }>,
  format: (n: number) => string,
  fixedMax?: number,
): string {
  const width = 680
  const height = 120
  const top = 14
  const bottom = 18
  const known = groups.flatMap((g) => g.values).filter((v): v is number => v !== null)
  const max = fixedMax ?? Math.max(1, ...known)
  const slot = width / Math.max(1, groups.length)
  const bar = Math.min(28, (slot * 0.7) / series.length)
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max)
  const bars = groups
    .map((g, i) => {
      const x0 = i * slot + (slot - bar * series.length) / 2
      const rects = g.values
        .map((v, s) =>
          v === null
            ? ''
            : `<rect x="${(x0 + s * bar).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${(height - bottom - y(v)).toFixed(1)}" fill="${series[s]!.color}"><title>${escapeHtml(`${g.label} ${series[s]!.name}: ${format(v)}`)}</title></rect>` +
              (v > 0 && (series.length === 1 || groups.length <= 6)
                ? `<text x="${(x0 + s * bar + bar / 2).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" class="v">${escapeHtml(format(v))}</text>`
                : ''),
        )
        .join('')
      return `${rects}<text x="${(i * slot + slot / 2).toFixed(1)}" y="${height - 4}" class="x">${escapeHtml(g.label)}</text>`
    })
    .join('')
  const legend =
    series.length > 1
      ? `<div class="legend">${series.map((s) => `<span><i style="background:${s.color}"></i>${escapeHtml(s.name)}</span>`).join('')}</div>`
      : ''
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(series.map((s) => s.name).join(', '))}"><line x1="0" x2="${width}" y1="${height - bottom}" y2="${height - bottom}" stroke="#b6c0cc"/>${bars}</svg>${legend}</figure>`
}

function style(color: string): string {
  const ink = inkOn(color)
  return `
  @page { size: A4; }
  * { box-sizing: border-box; }
  body { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; padding: 16px; max-width: 190mm;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  header .band { display: flex; align-items: center; gap: 16px; background: ${color}; color: ${ink}; padding: 14px 18px; border-radius: 4px; }
  header .logo { max-height: 52px; max-width: 180px; background: #fff; padding: 4px; border-radius: 3px; }
  h1 { font-size: 18pt; margin: 0; }
  header .client { font-size: 13pt; font-weight: 600; }
  .period { margin: 8px 0 0; color: #333; }
  h2 { font-size: 13pt; margin: 20px 0 6px; color: ${color}; border-bottom: 1.5px solid ${color}; padding-bottom: 2px; break-after: avoid; }
  h3 { font-size: 10.5pt; margin: 12px 0 4px; break-after: avoid; }
  section { break-inside: auto; }
  /* Printed, the review reads as three pages: tickets; service levels and satisfaction; hours and issues. */
  @media print { body { padding: 0; } section.new-page { break-before: page; } section.new-page h2 { margin-top: 0; } }
  .glance { break-inside: avoid; }
  .cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; }
  .card { border: 1px solid #d5dbe1; border-top: 4px solid ${color}; border-radius: 4px; padding: 8px; }
  .card .label { font-size: 8.5pt; color: #444; min-height: 2.6em; }
  .card .value { font-size: 17pt; font-weight: 700; }
  .card .before { font-size: 8.5pt; color: #555; }
  table { width: 100%; border-collapse: collapse; margin: 4px 0; break-inside: avoid; }
  th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e3e7eb; vertical-align: top; }
  th { font-size: 8.5pt; color: #444; font-weight: 600; }
  .num { text-align: right; white-space: nowrap; }
  .small { font-size: 8.5pt; color: #555; }
  .note, .empty { color: #444; font-size: 9pt; margin: 4px 0; }
  .two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  figure.chart { margin: 4px 0 8px; break-inside: avoid; }
  figure.chart svg { width: 100%; height: auto; display: block; }
  figure.chart text { font-size: 10px; fill: #333; text-anchor: middle; }
  figure.chart text.v { font-size: 9px; fill: #111; }
  .legend { font-size: 8.5pt; color: #333; display: flex; gap: 14px; }
  .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
  ul.comments { list-style: none; padding: 0; margin: 0; }
  ul.comments li { border-left: 4px solid #9aa4ae; padding: 4px 10px; margin: 6px 0; break-inside: avoid; }
  ul.comments li.negative { border-left-color: #b3261e; }
  ul.comments li.positive { border-left-color: #1b7f5b; }
  .stars { color: #b26a00; letter-spacing: 1px; }
  .face { font-weight: 600; }
  .who { font-size: 8.5pt; color: #555; }
  blockquote { margin: 2px 0 0; font-style: italic; }
  .use { white-space: nowrap; }
  .usebar { vertical-align: middle; }
`
}
