import { resourceName, sum } from '../../sql.js'
import { HOUR } from '../../time.js'
import { defineKpi } from '../../types.js'
import { entriesEnded, nameOf, sentence, sortItems } from './shared.js'
import { daysParam } from '../../params.js'
import { groupBy } from '../../lists.js'

// Lag = created_at - end_at, never negative (an entry may be created while the work still runs).
// Entries without an end time have no lag to measure and stay out.

export const timeEntryLag = defineKpi({
  id: 'time_entry_lag',
  title: { en: 'Average time-entry lag', nl: 'Gemiddelde vertraging bij uren schrijven' },
  description: {
    en: 'Per person, the average time between the end of the work and the time entry, for work that ended in the last 7 days. The longer the lag, the more the hours are guessed: coach the slowest to log right after each ticket.',
    nl: 'Per medewerker de gemiddelde tijd tussen het einde van het werk en de tijdregistratie, voor werk dat de afgelopen 7 dagen eindigde. Hoe langer de vertraging, hoe meer de uren geschat zijn: coach de traagsten om direct na elk ticket te schrijven.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'service-manager', 'engineer'],
  unit: 'hours',
  direction: 'lower',
  window: { en: 'last 7 days', nl: 'afgelopen 7 dagen' },
  params: { days: daysParam(7, 90) },
  // [guess] within the hour is good, more than half a working day is not.
  band: { target: 1, warn: 4 },
  bandPerItem: true,
  freshnessMinutes: 60,
  personal: true,
  reachDays: 7,
  about: {
    population: {
      en: "Entries whose end time lies in the last 7 days (days), up to now, per resource; lag = creation minus end, 0 when the entry was created before the work ended. Entries without an end time are left out. On a personal dashboard, that person's entries.",
      nl: 'Registraties met een eindtijd in de afgelopen 7 dagen (days), tot nu, per medewerker; vertraging = aanmaken min einde, 0 als de registratie al vóór het einde van het werk is aangemaakt. Registraties zonder eindtijd tellen niet mee. Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: ['time_entry.end_at', 'time_entry.created_at', 'time_entry.resource_id'],
    industry: {
      en: 'E9: average created minus end per resource. The catalog gives no target; the 1 h / 4 h band is a guess.',
      nl: 'E9: gemiddeld aanmaken min einde per medewerker. De catalogus noemt geen norm; de grens van 1 / 4 uur is een schatting.',
    },
  },
  queries: (ctx) => ({
    entries: entriesEnded(ctx, ctx.params.days)
      .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
      .select(['time_entry.resource_id as resourceId', resourceName().as('resourceName')]),
  }),
  compute: ({ entries }) => {
    const lagOf = (entry: { createdAt: string; endAt: string }) =>
      Math.max(0, Date.parse(entry.createdAt) - Date.parse(entry.endAt)) / HOUR
    const people = groupBy(entries, (entry) => Number(entry.resourceId))
    const items = sortItems(
      [...people.entries()].map(([id, list]) => ({
        key: String(id),
        label: nameOf({ resourceId: id, resourceName: list[0]!.resourceName }),
        value: sum(list.map(lagOf)) / list.length,
        entries: list.length,
      })),
    )
    return {
      value: entries.length === 0 ? null : sum(entries.map(lagOf)) / entries.length,
      items,
      facts: { entries: entries.length, slowest: items[0]?.label ?? null, slowestLag: items[0]?.value ?? null },
    }
  },
  context: ({ value, facts }, { params }) =>
    sentence((lang, n) => {
      if (!facts?.entries)
        return lang === 'en'
          ? `No time entries for work in the last ${params.days} days.`
          : `Geen tijdregistraties voor werk in de afgelopen ${params.days} dagen.`
      return lang === 'en'
        ? `Time is entered on average ${n(value)} h after the work; slowest: ${facts.slowest} (${n(Number(facts.slowestLag))} h).`
        : `Uren worden gemiddeld ${n(value)} uur na het werk geschreven; het traagst: ${facts.slowest} (${n(Number(facts.slowestLag))} uur).`
    }),
})
