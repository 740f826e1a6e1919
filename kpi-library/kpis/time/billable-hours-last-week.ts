import { formatDay } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { activeDaysParam, capacityQueries, LAST_WEEK, personHours, personItems, sentence } from './shared.js'
import { countOf, pluralWord } from '../../format.js'
import { sum } from '../../sql.js'
import { previousIsoWeek } from '../../time.js'

// Billable = the entry is not marked non-billable; the hours are the hours worked, not the hours
// billed (realization_rate compares the two). Active people who logged time lately but nothing
// billable last week show as 0, so an empty bar is visible too.

export const billableHoursLastWeek = defineKpi({
  id: 'billable_hours_last_week',
  title: { en: 'Billable hours last week', nl: 'Declarabele uren vorige week' },
  description: {
    en: 'Hours worked on billable entries last week (Monday to Sunday), per person. Compare with each person’s weekly goal and ask about the low bars in the weekly one-to-one.',
    nl: 'Gewerkte uren op declarabele registraties vorige week (maandag t/m zondag), per medewerker. Vergelijk met ieders weekdoel en bespreek de lage balken in het wekelijkse één-op-één-gesprek.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'service-manager', 'integrator', 'finance', 'engineer'],
  unit: 'hours',
  direction: 'higher',
  window: LAST_WEEK,
  params: { activeDays: activeDaysParam() },
  band: null,
  freshnessMinutes: 240,
  personal: true,
  reachDays: 14,
  about: {
    population: {
      en: "Entries not marked non-billable, dated in the previous ISO week (Monday to Sunday): hours worked per resource, of anyone who has them. Capacity people (active, any entry in the last 30 days) without billable time show as 0. On a personal dashboard, that person's entries.",
      nl: 'Registraties die niet als niet-declarabel zijn gemarkeerd, gedateerd in de vorige ISO-week (maandag t/m zondag): gewerkte uren per medewerker, van iedereen die ze heeft. Capaciteitsmedewerkers (actief, een registratie in de afgelopen 30 dagen) zonder declarabele uren staan op 0. Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'resource.is_active',
    ],
    industry: {
      en: 'E14 for the last full week, without a goal: the numerator of E1 per person, to hold against a weekly billable-hours goal [AGMSP-UTIL]; a "billable hours by member" query [ANSDEV]. Billable = hours worked on billable entries, not hours to bill (realization_rate compares the two).',
      nl: 'E14 over de laatste volle week, zonder doel: de teller van E1 per persoon, om naast een wekelijks doel voor declarabele uren te leggen [AGMSP-UTIL]; een query "declarabele uren per medewerker" [ANSDEV]. Declarabel = gewerkte uren op declarabele registraties, niet de te factureren uren (realization_rate vergelijkt die twee).',
    },
  },
  queries: (ctx) => capacityQueries(ctx, previousIsoWeek(ctx.now, ctx.tz), true),
  compute: ({ hours, people: rows }, { now, tz }) => {
    const byPerson = personHours(hours)
    const everyone = [...byPerson.values(), ...rows.filter((person) => !byPerson.has(person.resourceId))]
    const items = personItems(everyone, (person) => byPerson.get(person.resourceId)?.billable ?? 0)
    const week = previousIsoWeek(now, tz)
    return {
      value: sum([...byPerson.values()].map((p) => p.billable)),
      items,
      facts: { from: week.from, to: week.to, people: [...byPerson.values()].filter((p) => p.billable > 0).length },
    }
  },
  context: ({ value, facts }) => {
    const count = Number(facts?.people ?? 0)
    return sentence((lang, n) =>
      lang === 'en'
        ? `${n(value ?? 0)} billable hours were worked from ${formatDay(String(facts?.from), 'en')} to ${formatDay(String(facts?.to), 'en')}, by ${countOf(count, 'person', 'people')}.`
        : `Van ${formatDay(String(facts?.from), 'nl')} t/m ${formatDay(String(facts?.to), 'nl')} ${pluralWord(value, 'is', 'zijn')} ${n(value ?? 0)} ${pluralWord(value, 'declarabel uur', 'declarabele uren')} gewerkt, door ${countOf(count, 'medewerker', 'medewerkers')}.`,
    )
  },
})
