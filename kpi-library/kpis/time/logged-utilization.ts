import { defineKpi } from '../../types.js'
import {
  activeDaysParam,
  capacityOf,
  capacityQueries,
  capacityShare,
  LAST_WEEK,
  sentence,
  weeklyHoursParam,
} from './shared.js'
import { numberParam } from '../../params.js'
import { percentText, pluralWord } from '../../format.js'
import { previousIsoWeek } from '../../time.js'

// Capacity as in billable_utilization (a weeklyHours setting per active resource who logged time
// lately); PTO is not synced, so a week off shows as a low bar.

export const loggedUtilization = defineKpi({
  id: 'logged_utilization',
  title: { en: 'Hours logged vs capacity', nl: 'Geschreven uren t.o.v. capaciteit' },
  description: {
    en: 'All hours logged last week, billable or not, as a share of each person’s capacity. Below 85% usually means time was not written down: ask the person to fill the gaps from their calendar.',
    nl: 'Alle geschreven uren van vorige week, declarabel of niet, als deel van ieders capaciteit. Onder 85% is er meestal tijd niet geschreven: vraag de medewerker de gaten vanuit de agenda aan te vullen.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'service-manager', 'engineer', 'integrator'],
  unit: 'percent',
  direction: 'higher',
  window: LAST_WEEK,
  params: {
    weeklyHours: weeklyHoursParam(),
    activeDays: activeDaysParam(),
    minShare: numberParam(
      85,
      0,
      200,
      'People below this share are counted in the sentence.',
      'Medewerkers onder dit percentage worden in de zin geteld.',
    ),
  },
  // MSPbots' reviewer expects 85-100% of attendance hours to be logged.
  band: { target: 85, warn: 75 },
  bandPerItem: true,
  freshnessMinutes: 240,
  personal: true,
  reachDays: 14,
  about: {
    population: {
      en: "Capacity people (active resources with any entry in the last 30 days, activeDays): all their hours dated in the previous ISO week, billable or not, over weeklyHours pro rata to the week's business days; hours of others (leavers) are left out of both sides. On a personal dashboard, that person.",
      nl: 'Capaciteitsmedewerkers (actieve medewerkers met een registratie in de afgelopen 30 dagen, activeDays): al hun uren gedateerd in de vorige ISO-week, declarabel of niet, gedeeld door weeklyHours naar rato van de werkdagen van die week; uren van anderen (vertrokken medewerkers) tellen aan geen van beide kanten mee. Op een persoonlijk dashboard die persoon.',
    },
    sources: ['time_entry.hours_worked', 'time_entry.date_worked', 'time_entry.resource_id', 'resource.is_active'],
    industry: {
      en: 'E2: hours logged / capacity; 85-100% of attendance hours, and below 85% MSPbots asks for the missing entries [MSPB-TSR]. Capacity is a setting, not synced PTO, so a week off shows as a low bar.',
      nl: 'E2: geschreven uren / capaciteit; 85-100% van de aanwezige uren, en onder 85% vraagt MSPbots om de ontbrekende registraties [MSPB-TSR]. Capaciteit is een instelling, geen gesynchroniseerd verlof, dus een week vrij geeft een lage balk.',
    },
  },
  queries: (ctx) => capacityQueries(ctx, previousIsoWeek(ctx.now, ctx.tz)),
  compute: ({ hours, people }, { now, tz, hours: calendar, params, staff }) => {
    const share = capacityShare(
      hours,
      people,
      capacityOf(params.weeklyHours, previousIsoWeek(now, tz), calendar, staff),
      (p) => p.hours,
    )
    const below = share.items.filter((item) => item.value !== null && item.value < params.minShare).length
    return { ...share, facts: { ...share.facts, below } }
  },
  context: ({ value, facts }, { params }) =>
    sentence((lang, n) => {
      const capacity = Number(facts?.capacity ?? 0)
      const below = Number(facts?.below ?? 0)
      if (capacity === 0)
        return lang === 'en'
          ? 'No capacity last week: nobody counts as available.'
          : 'Geen capaciteit vorige week: niemand telt als beschikbaar.'
      return lang === 'en'
        ? `${n(Number(facts?.hours))} of ${n(capacity)} available hours were logged last week (${percentText(value, lang)}%); ${below} ${pluralWord(below, 'person', 'people')} below ${n(params.minShare)}%.`
        : `Vorige week is ${n(Number(facts?.hours))} van de ${n(capacity)} beschikbare uren geschreven (${percentText(value, lang)}%); ${below} ${pluralWord(below, 'medewerker', 'medewerkers')} onder ${n(params.minShare)}%.`
    }),
})
