import { defineKpi } from '../../types.js'
import {
  activeDaysParam,
  capacityOf,
  capacityQueries,
  LAST_WEEK,
  personHours,
  personItems,
  sentence,
  weeklyHoursParam,
} from './shared.js'
import { pluralWord } from '../../format.js'
import { sum } from '../../sql.js'
import { previousIsoWeek } from '../../time.js'

// Capacity per person = weeklyHours pro rata to the week's business days (a week with a holiday in
// ctx.hours has less); PTO is not synced. Only people capacity counts for are shown.

export const overtimeHours = defineKpi({
  id: 'overtime_hours',
  title: { en: 'Hours above capacity', nl: 'Uren boven capaciteit' },
  description: {
    en: 'Per person, hours logged last week above their contracted hours. Now and then is fine; the same names every week burn out and leave: rebalance their tickets and check their after-hours duty.',
    nl: 'Per medewerker de uren die vorige week boven de contracturen zijn geschreven. Af en toe is prima; steeds dezelfde namen raken opgebrand en vertrekken: verdeel hun tickets opnieuw en kijk naar hun diensten buiten kantoortijd.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'integrator', 'service-manager'],
  unit: 'hours',
  direction: 'lower',
  window: LAST_WEEK,
  params: { weeklyHours: weeklyHoursParam(), activeDays: activeDaysParam() },
  // [guess] a day's worth of overtime across the team in a week is a signal.
  band: { target: 0, warn: 8 },
  freshnessMinutes: 240,
  personal: true,
  reachDays: 14,
  about: {
    population: {
      en: "Capacity people (active resources with any entry in the last 30 days, activeDays): all their hours dated in the previous ISO week, billable or not, above weeklyHours pro rata to the week's business days (a holiday in the calendar lowers it; PTO is not synced). Hours of others are left out. On a personal dashboard, that person.",
      nl: 'Capaciteitsmedewerkers (actieve medewerkers met een registratie in de afgelopen 30 dagen, activeDays): al hun uren gedateerd in de vorige ISO-week, declarabel of niet, boven weeklyHours naar rato van de werkdagen van die week (een feestdag in de kalender verlaagt dat; verlof wordt niet gesynchroniseerd). Uren van anderen tellen niet mee. Op een persoonlijk dashboard die persoon.',
    },
    sources: ['time_entry.hours_worked', 'time_entry.date_worked', 'time_entry.resource_id', 'resource.is_active'],
    industry: {
      en: 'E15 per week: hours above capacity; burnout risk above 85% billable [AGMSP-UTIL], and the most utilised MSPs report more staff churn [SCALEPAD-T]. The 0 / 8 hour band is a guess.',
      nl: "E15 per week: uren boven capaciteit; risico op overbelasting boven 85% declarabel [AGMSP-UTIL], en de drukst bezette MSP's melden meer personeelsverloop [SCALEPAD-T]. De grens van 0 / 8 uur is een schatting.",
    },
  },
  queries: (ctx) => capacityQueries(ctx, previousIsoWeek(ctx.now, ctx.tz)),
  compute: ({ hours, people: rows }, { now, tz, hours: calendar, params, staff }) => {
    const capacity = capacityOf(params.weeklyHours, previousIsoWeek(now, tz), calendar, staff)
    const byPerson = personHours(hours)
    const over = (id: number) => Math.max(0, (byPerson.get(id)?.hours ?? 0) - capacity(id))
    const items = personItems(rows, (person) => over(person.resourceId))
    return {
      value: sum(items.map((item) => item.value ?? 0)),
      items,
      facts: { people: items.filter((item) => (item.value ?? 0) > 0).length },
    }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      const count = Number(facts?.people ?? 0)
      if (count === 0)
        return lang === 'en'
          ? 'Nobody logged more than their capacity last week.'
          : 'Niemand schreef vorige week meer dan zijn capaciteit.'
      return lang === 'en'
        ? `${count} ${pluralWord(count, 'person', 'people')} logged ${n(value)} h above capacity last week.`
        : `${count} ${pluralWord(count, 'medewerker schreef', 'medewerkers schreven')} vorige week samen ${n(value)} uur boven capaciteit.`
    }),
})
