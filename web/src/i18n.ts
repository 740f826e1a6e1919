import type { Lang } from './types.ts'

const STRINGS = {
  revokedTitle: { en: "This screen's link was revoked", nl: 'De link van dit scherm is ingetrokken' },
  revokedBody: {
    en: 'An administrator switched this wall-screen link off. Ask them for a new link and open it on this screen.',
    nl: 'Een beheerder heeft deze schermlink uitgezet. Vraag om een nieuwe link en open die op dit scherm.',
  },
  badLinkTitle: { en: 'This link does not work', nl: 'Deze link werkt niet' },
  badLinkBody: {
    en: 'The link is incomplete or unknown. Open the wall-screen link from the builder again.',
    nl: 'De link is onvolledig of onbekend. Open de schermlink uit de bouwer opnieuw.',
  },
  waiting: { en: 'Waiting for the server…', nl: 'Wachten op de server…' },
  offline: { en: 'No connection: showing data of', nl: 'Geen verbinding: gegevens van' },
  dataAge: { en: 'Data', nl: 'Gegevens' },
  noData: { en: 'no data yet', nl: 'nog geen gegevens' },
  stale: { en: 'stale', nl: 'verouderd' },
  andMore: { en: 'and {n} more', nl: 'en nog {n}' },
  more: { en: 'more', nl: 'meer' },
  allClear: { en: 'All clear', nl: 'Alles afgehandeld' },
  unassigned: { en: 'unassigned', nl: 'niemand' },
  tilesHidden: { en: '{n} more tiles do not fit this screen', nl: 'Nog {n} tegels passen niet op dit scherm' },
  error: { en: 'Could not compute', nl: 'Niet te berekenen' },
  target: { en: 'target', nl: 'doel' },
  pathNow: { en: 'path {value} by now', nl: 'doelpad nu {value}' },
  pathEnd: { en: '{value} by {date}', nl: '{value} op {date}' },
  goalPathNow: { en: 'goal path {value}', nl: 'doelpad {value}' },
  inAWeek: { en: '{change} in a week', nl: '{change} in een week' },
  sameInAWeek: { en: 'unchanged in a week', nl: 'gelijk gebleven in een week' },
  onMonthBefore: { en: '{change} on the month before', nl: '{change} t.o.v. de maand ervoor' },
  sameAsMonthBefore: { en: 'same as the month before', nl: 'gelijk aan de maand ervoor' },
  percentPoints: { en: '{value} pts', nl: '{value} %-punt' },
  trendLabel: { en: 'The last 12 months, week by week', nl: 'De laatste 12 maanden, per week' },
  trendLabelMonths: { en: 'The last 12 months, month by month', nl: 'De laatste 12 maanden, per maand' },
  underPath: { en: 'Behind the goal path: {amount}.', nl: 'Achter op het doelpad: {amount}.' },
  costUnderPath: { en: '{amount} behind the path', nl: '{amount} achter op doelpad' },
  takenBy: { en: '✓ {name} on it', nl: '✓ {name} pakt het op' },
  alsoAbove: { en: 'also above', nl: 'zie boven' },
  alsoLeft: { en: 'also left', nl: 'zie links' },
  nothingOpen: { en: 'Nothing needs you right now. Well done.', nl: 'Niets heeft je nu nodig. Goed bezig.' },
  meTicketsOne: { en: '1 ticket needs you', nl: '1 ticket heeft je nodig' },
  meTicketsOther: { en: '{n} tickets need you', nl: '{n} tickets hebben je nodig' },
  meNoTickets: { en: 'No ticket needs you.', nl: 'Geen ticket heeft je nodig.' },
  meAlso: { en: 'Also: {items}.', nl: 'Verder: {items}.' },
  meTicketsWithoutTime: { en: 'tickets without time: {tickets}', nl: 'tickets zonder uren: {tickets}' },
  meRiskNoteAbove: {
    en: 'SLA cards (⚠) leave once the change reaches roleboard.',
    nl: 'SLA-kaarten (⚠) verdwijnen zodra de wijziging in roleboard binnen is.',
  },
  meOtherOne: { en: 'and 1 other', nl: 'en nog 1 ander' },
  meOthers: { en: 'and {n} others', nl: 'en nog {n} andere' },
  meTake: { en: "I'm on it", nl: 'Ik pak het op' },
  meTakenByYou: { en: 'Taken by you at {time}', nl: 'Opgepakt door jou om {time}' },
  meTakenBy: { en: 'Taken by {name} at {time}', nl: 'Opgepakt door {name} om {time}' },
  meUndo: { en: 'Undo', nl: 'Ongedaan maken' },
  // Short in Dutch: "Naar ConnectWise" would push "Ik pak het op" onto a line of its own on a phone.
  meOpenInPsa: { en: 'Open in {psa}', nl: 'In {psa}' },
  meCall: { en: 'Call {name}', nl: 'Bel {name}' },
  meRiskNote: {
    en: 'Leaves once the change reaches roleboard.',
    nl: 'Verdwijnt zodra de wijziging in roleboard binnen is.',
  },
  meNoteLabel: { en: 'What did you agree?', nl: 'Wat is er afgesproken?' },
  meNoteNeeded: { en: 'Write a short note first.', nl: 'Schrijf eerst een korte notitie.' },
  meSave: { en: 'Save', nl: 'Opslaan' },
  meCancel: { en: 'Cancel', nl: 'Annuleren' },
  meFailed: { en: 'Not saved: {message}', nl: 'Niet opgeslagen: {message}' },
  meReloadFailed: { en: 'Could not refresh: {message}', nl: 'Verversen mislukt: {message}' },
  meListFailed: { en: 'Could not compute {n} of your lists.', nl: '{n} van je lijsten konden niet worden berekend.' },
} satisfies Record<string, Record<Lang, string>>

export type StringKey = keyof typeof STRINGS

/**
 * The personal page's words per action list: `label` starts a reason on a ticket's card ("SLA at
 * risk: 30 min left"); `one`/`other` count tickets in the page's opening sentence. A list missing
 * here falls back to its title.
 */
export const LIST_WORDS: Record<
  string,
  { label: Record<Lang, string>; one: Record<Lang, string>; other: Record<Lang, string> }
> = {
  sla_breached_open: {
    label: { en: 'Past SLA', nl: 'Over SLA' },
    one: { en: '{n} past its SLA', nl: '{n} over de SLA' },
    other: { en: '{n} past their SLA', nl: '{n} over de SLA' },
  },
  sla_at_risk_2h: {
    label: { en: 'SLA at risk', nl: 'SLA in gevaar' },
    one: { en: '{n} about to breach its SLA', nl: '{n} dreigt de SLA te missen' },
    other: { en: '{n} about to breach their SLA', nl: '{n} dreigen de SLA te missen' },
  },
  critical_not_picked_up_15m: {
    label: { en: 'Critical, not picked up', nl: 'Kritiek, niet opgepakt' },
    one: { en: '{n} critical, not picked up', nl: '{n} kritiek, niet opgepakt' },
    other: { en: '{n} critical, not picked up', nl: '{n} kritiek, niet opgepakt' },
  },
  no_first_response: {
    label: { en: 'No first response', nl: 'Geen eerste reactie' },
    one: { en: '{n} without a first response', nl: '{n} zonder eerste reactie' },
    other: { en: '{n} without a first response', nl: '{n} zonder eerste reactie' },
  },
  resolution_plan_overdue: {
    label: { en: 'Resolution plan overdue', nl: 'Oplosplan te laat' },
    one: { en: '{n} with an overdue resolution plan', nl: '{n} met een te laat oplosplan' },
    other: { en: '{n} with an overdue resolution plan', nl: '{n} met een te laat oplosplan' },
  },
  reopened_this_week: {
    label: { en: 'Reopened', nl: 'Heropend' },
    one: { en: '{n} reopened', nl: '{n} heropend' },
    other: { en: '{n} reopened', nl: '{n} heropend' },
  },
  csat_low_callback: {
    label: { en: 'Low CSAT', nl: 'Lage CSAT' },
    one: { en: '{n} to call back', nl: '{n} om terug te bellen' },
    other: { en: '{n} to call back', nl: '{n} om terug te bellen' },
  },
  timesheet_gaps_yesterday: {
    label: { en: 'Time sheet', nl: 'Urenstaat' },
    one: { en: '{n} time-sheet gap', nl: '{n} gat in je urenstaat' },
    other: { en: '{n} time-sheet gaps', nl: '{n} gaten in je urenstaat' },
  },
  tickets_completed_without_time: {
    label: { en: 'No time logged', nl: 'Geen uren geschreven' },
    one: { en: '{n} completed without time', nl: '{n} afgerond zonder uren' },
    other: { en: '{n} completed without time', nl: '{n} afgerond zonder uren' },
  },
  overlapping_entries: {
    label: { en: 'Overlapping time', nl: 'Overlappende uren' },
    one: { en: '{n} with overlapping time', nl: '{n} met overlappende uren' },
    other: { en: '{n} with overlapping time', nl: '{n} met overlappende uren' },
  },
  time_entry_coding_errors: {
    label: { en: 'Time entry to fix', nl: 'Uren herstellen' },
    one: { en: '{n} with a time entry to fix', nl: '{n} met uren om te herstellen' },
    other: { en: '{n} with time entries to fix', nl: '{n} met uren om te herstellen' },
  },
  tickets_stale: {
    label: { en: 'Stale', nl: 'Stilgevallen' },
    one: { en: '{n} gone stale', nl: '{n} stilgevallen' },
    other: { en: '{n} gone stale', nl: '{n} stilgevallen' },
  },
  waiting_customer_over_5d: {
    label: { en: 'Customer silent', nl: 'Klant reageert niet' },
    one: { en: '{n} waiting on the customer', nl: '{n} wacht op de klant' },
    other: { en: '{n} waiting on the customer', nl: '{n} wachten op de klant' },
  },
  my_due_today: {
    label: { en: 'Due today', nl: 'Deadline vandaag' },
    one: { en: '{n} due today', nl: '{n} met deadline vandaag' },
    other: { en: '{n} due today', nl: '{n} met deadline vandaag' },
  },
  my_next_tickets: {
    label: { en: 'Next up', nl: 'Volgende' },
    one: { en: '{n} next in your queue', nl: '{n} in je wachtrij' },
    other: { en: '{n} next in your queue', nl: '{n} in je wachtrij' },
  },
}

export function t(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return fill(STRINGS[key][lang], values)
}

/**
 * A table's text with its `{name}` places filled in: the one rule for every string table (this one and
 * the builder's, admin/strings.ts). `one|other` picks the first form when `{n}` is 1.
 */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  const form = text.includes('|') ? text.split('|')[values.n === 1 ? 0 : 1]! : text
  return form.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
}

export function langFrom(search: URLSearchParams): Lang {
  // The last one counts: `&lang=nl` added to a link that carries its own language wins.
  const asked = search.getAll('lang').at(-1) ?? localStorage.getItem('roleboard.lang')
  return asked === 'nl' ? 'nl' : 'en'
}
