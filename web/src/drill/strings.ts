import { fill } from '../i18n.ts'
import type { Lang } from '../types.ts'

// The drill-down page's words, in English and Dutch.

const STRINGS = {
  pageTitle: { en: 'Rows behind the number', nl: 'Rijen achter het getal' },
  windowLabel: { en: 'Period', nl: 'Periode' },
  rangeFrom: { en: 'From', nl: 'Van' },
  rangeTo: { en: 'To', nl: 'Tot en met' },
  rangeShow: { en: 'Show', nl: 'Toon' },
  allCompanies: { en: 'All companies', nl: 'Alle bedrijven' },
  allResources: { en: 'Everyone', nl: 'Iedereen' },
  allQueues: { en: 'All queues', nl: 'Alle wachtrijen' },
  company: { en: 'Company', nl: 'Bedrijf' },
  resource: { en: 'Engineer', nl: 'Engineer' },
  queue: { en: 'Queue', nl: 'Wachtrij' },
  rows: { en: '1 ticket|{n} tickets', nl: '1 ticket|{n} tickets' },
  // Rows come those that count against the number first: a capped list is mostly those, and says so.
  rowsCapped: {
    en: 'showing the first {shown} of {n}, problems first',
    nl: 'de eerste {shown} van {n}, problemen eerst',
  },
  filteredValue: { en: 'With these filters: {value}', nl: 'Met deze filters: {value}' },
  notRecomputable: {
    en: 'The number above counts every row; this KPI cannot be worked out for a filtered part.',
    nl: 'Het getal hierboven telt alle rijen; deze KPI is niet voor een gefilterd deel te berekenen.',
  },
  noRows: { en: 'No tickets in this period.', nl: 'Geen tickets in deze periode.' },
  target: { en: 'target {value}', nl: 'doel {value}' },
  openInPsa: { en: 'Open {number} in {psa}', nl: 'Open {number} in {psa}' },
  unassigned: { en: 'nobody', nl: 'niemand' },
  noCompany: { en: 'no company', nl: 'geen bedrijf' },
  noTicket: { en: 'No ticket', nl: 'Geen ticket' },
  noDrill: {
    en: 'This tile has no rows behind its number: it is not one list of tickets.',
    nl: 'Deze tegel heeft geen rijen achter het getal: het is geen lijst tickets.',
  },
  tilesTitle: { en: 'Tiles of {wall}', nl: 'Tegels van {wall}' },
  tilesIntro: {
    en: 'Pick a tile to see the tickets behind its number.',
    nl: 'Kies een tegel om de tickets achter het getal te zien.',
  },
  goals: { en: 'Company goals', nl: 'Bedrijfsdoelen' },
  noRowsBehind: { en: 'no rows behind it', nl: 'geen rijen erachter' },
  allTiles: { en: '‹ All tiles', nl: '‹ Alle tegels' },
  failed: { en: 'Could not load: {message}', nl: 'Laden mislukt: {message}' },
  dataAsOf: { en: 'Data of {time}', nl: 'Gegevens van {time}' },
} satisfies Record<string, Record<Lang, string>>

export type DrillStringKey = keyof typeof STRINGS

export function say(lang: Lang, key: DrillStringKey, values: Record<string, string | number> = {}): string {
  return fill(STRINGS[key][lang], values)
}
