import { formatDate, formatValue } from '../format.ts'
import type { Lang, Row, Unit } from '../types.ts'

/** `over`: how a negative remainder reads ("9.6 h over", not "-9.6 h left"). */
type Why = { unit: Unit | 'text' | 'rating' | 'date'; en: string; nl: string; over?: { en: string; nl: string } }

// The field that says why a row is on its list, per the library's action specs; the first one a
// row has wins. `{v}` is the formatted value.
const WHY: Array<[string, Why]> = [
  ['overdueHours', { unit: 'hours', en: '{v} past SLA', nl: '{v} over tijd' }],
  ['minutesLeft', { unit: 'minutes', en: '{v} left', nl: 'nog {v}', over: { en: '{v} over time', nl: '{v} over tijd' } }],
  ['ageBusinessMinutes', { unit: 'minutes', en: 'waiting {v}', nl: 'wacht {v}' }],
  ['minutesOpen', { unit: 'minutes', en: 'open {v}', nl: 'open {v}' }],
  ['ageMinutes', { unit: 'minutes', en: 'waiting {v}', nl: 'wacht {v}' }],
  ['idleHours', { unit: 'hours', en: 'idle {v}', nl: '{v} stil' }],
  ['daysIdle', { unit: 'days', en: 'idle {v}', nl: '{v} stil' }],
  ['daysWaiting', { unit: 'days', en: 'waiting {v}', nl: 'wacht {v}' }],
  ['daysPastDue', { unit: 'days', en: '{v} past due', nl: '{v} over deadline' }],
  ['ageDays', { unit: 'days', en: '{v} old', nl: '{v} oud' }],
  ['businessDaysSinceResolved', { unit: 'days', en: 'resolved {v} ago', nl: '{v} geleden opgelost' }],
  ['daysSinceReopen', { unit: 'days', en: 'reopened {v} ago', nl: '{v} geleden heropend' }],
  ['rating', { unit: 'rating', en: '{v}', nl: '{v}' }],
  ['dropPoints', { unit: 'count', en: 'CSAT {v} points', nl: 'CSAT {v} punten' }],
  ['hoursMissing', { unit: 'hours', en: '{v} not logged', nl: '{v} niet geschreven' }],
  ['overlapMinutes', { unit: 'minutes', en: '{v} overlap', nl: '{v} overlap' }],
  ['problem', { unit: 'text', en: '{v}', nl: '{v}' }],
  ['reason', { unit: 'text', en: '{v}', nl: '{v}' }],
  ['ticketCount', { unit: 'count', en: '{v} tickets', nl: '{v} tickets' }],
  ['burnPct', { unit: 'percent', en: '{v} of budget used', nl: '{v} van het budget verbruikt' }],
  ['value', { unit: 'euro', en: '{v} unbilled', nl: '{v} niet gefactureerd' }],
  ['hoursLeft', { unit: 'hours', en: '{v} left', nl: 'nog {v}', over: { en: '{v} over', nl: '{v} overschreden' } }],
  ['daysLeft', { unit: 'days', en: 'ends in {v}', nl: 'eindigt over {v}' }],
  ['ratio', { unit: 'ratio', en: '{v}× normal', nl: '{v}× normaal' }],
  ['hoursWorked', { unit: 'hours', en: '{v} worked', nl: '{v} gewerkt' }],
  ['hours', { unit: 'hours', en: '{v} without contract', nl: '{v} zonder contract' }],
  ['completedByName', { unit: 'text', en: 'closed by {v}', nl: 'gesloten door {v}' }],
  ['endDate', { unit: 'date', en: 'ends {v}', nl: 'eindigt {v}' }],
]

export function rowWhy(row: Row, lang: Lang): string | null {
  for (const [key, why] of WHY) {
    const given = row[key]
    if (given === null || given === undefined || given === '') continue
    const overdrawn = why.over !== undefined && typeof given === 'number' && given < 0
    const value = overdrawn ? -Number(given) : given
    let text: string
    if (why.unit === 'text') text = String(value)
    else if (why.unit === 'date') text = formatDate(String(value), lang)
    else if (why.unit === 'rating') text = `${'★'.repeat(Math.max(0, Math.min(5, Number(value))))}${row.comment ? ` “${String(row.comment)}”` : ''}`
    else if (typeof value === 'number' && why.unit === 'minutes' && value >= 120) text = formatValue(value / 60, 'hours', lang)
    else if (typeof value === 'number') text = formatValue(value, why.unit, lang)
    else continue
    return (overdrawn ? why.over! : why)[lang].replace('{v}', text)
  }
  return null
}

/** What the row is about: the ticket, else the person or client it names. */
export function rowWhat(row: Row): string {
  const ticket = [row.ticketNumber, row.ticketTitle].filter(Boolean).join(' ')
  if (ticket) return ticket
  return String(row.contractName ?? row.companyName ?? row.resourceName ?? row.rowKey ?? '')
}

/** Why it is listed, then who acts and for which client: the part cut off last is the least needed. */
export function rowDetail(row: Row, lang: Lang): string {
  const what = rowWhat(row)
  const unassigned = lang === 'nl' ? 'niemand toegewezen' : 'unassigned'
  const why = rowWhy(row, lang)
  const parts = [why]
  if (row.resourceName && !why?.includes(String(row.resourceName))) parts.push(String(row.resourceName))
  else if ('resourceId' in row && row.ticketNumber) parts.push(unassigned)
  if (row.accountManagerName && !row.resourceName) parts.push(String(row.accountManagerName))
  parts.push(row.companyName ? String(row.companyName) : null, row.contactName ? String(row.contactName) : null)
  return [...new Set(parts.filter((part): part is string => Boolean(part) && part !== what))].join(' · ')
}
