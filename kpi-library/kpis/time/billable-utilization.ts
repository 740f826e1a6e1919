import { defineKpi } from '../../types.js'
import { activeDaysParam, capacityHours, capacityQueries, capacityShare, LAST_WEEK, previousIsoWeek, sentence, weeklyHoursParam } from './shared.js'

// Capacity is a setting, not data: PTO, holidays and contracted hours are not synced. Capacity =
// weeklyHours pro rata to the week's business days (ctx.hours, holidays included) for every active
// resource who logged time in the last `activeDays` days.

export const billableUtilization = defineKpi({
  id: 'billable_utilization',
  title: { en: 'Billable utilization', nl: 'Declarabele bezetting' },
  description: {
    en: 'Billable hours worked last week as a share of available hours. 70-80% is typical for engineers; above 85% risks burnout, well below means idle capacity or unlogged work: check the time-sheet gaps first.',
    nl: 'Declarabel gewerkte uren vorige week als deel van de beschikbare uren. 70-80% is gebruikelijk voor engineers; boven 85% dreigt overbelasting, ver daaronder betekent onbenutte capaciteit of niet-geschreven werk: kijk eerst naar de gaten in de urenstaten.',
  },
  group: 'time',
  kind: 'number',
  roles: ['owner', 'integrator', 'service-manager', 'team-lead', 'finance', 'engineer'],
  unit: 'percent',
  direction: 'higher',
  window: LAST_WEEK,
  params: { weeklyHours: weeklyHoursParam(), activeDays: activeDaysParam() },
  // 75% billable [BMK]; 70-80% at high performers [HAS].
  band: { target: 75, warn: 65 },
  freshnessMinutes: 240,
  personal: true,
  queries: (ctx) => capacityQueries(ctx, previousIsoWeek(ctx.now, ctx.tz)),
  compute: ({ hours, people }, { now, tz, hours: calendar, params }) => {
    const { value, facts } = capacityShare(hours, people, capacityHours(params.weeklyHours, previousIsoWeek(now, tz), calendar), (p) => p.billable)
    return { value, facts }
  },
  context: ({ value, facts }, { me }) =>
    sentence((lang, n) => {
      const capacity = Number(facts?.capacity ?? 0)
      if (capacity === 0) return lang === 'en' ? 'No capacity last week: nobody counts as available.' : 'Geen capaciteit vorige week: niemand telt als beschikbaar.'
      const who = me === null ? (lang === 'en' ? 'The team' : 'Het team') : lang === 'en' ? 'You' : 'Je'
      return lang === 'en'
        ? `${who} worked ${n(Number(facts?.hours))} billable hours of ${n(capacity)} available last week (${n(value, 0)}%).`
        : `${who} werkte vorige week ${n(Number(facts?.hours))} declarabele uren van de ${n(capacity)} beschikbare (${n(value, 0)}%).`
    }),
})
