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
  ack: { en: 'Done', nl: 'Gedaan' },
  acked: { en: 'Marked done', nl: 'Afgevinkt' },
  myLists: { en: 'My lists', nl: 'Mijn lijsten' },
  nothingOpen: { en: 'Nothing open. Well done.', nl: 'Niets open. Goed bezig.' },
} satisfies Record<string, Record<Lang, string>>

export type StringKey = keyof typeof STRINGS

export function t(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
}

export function langFrom(search: URLSearchParams): Lang {
  const asked = search.get('lang') ?? localStorage.getItem('roleboard.lang')
  return asked === 'nl' ? 'nl' : 'en'
}
