import { billableStaff } from '../../billing.js'
import { defineKpi } from '../../types.js'
import {
  activeDaysParam,
  capacityOf,
  capacityShare,
  hoursByResource,
  LAST_WEEK,
  sentence,
  weeklyHoursParam,
} from './shared.js'
import { percentText } from '../../format.js'
import { previousIsoWeek, wholeMonth } from '../../time.js'

// Capacity is a setting, not data: PTO, holidays and contracted hours are not synced. Capacity =
// weeklyHours pro rata to the week's business days (ctx.hours) for every billable staff member:
// an active resource with a billable entry in the last `activeDays` days (billing.ts). A service
// manager or finance clerk who only logs admin time is not capacity. Hours of people outside that
// set (leavers) stay out of both sides; billable_utilization_last_week counts every billable hour.

export const billableUtilization = defineKpi({
  id: 'billable_utilization',
  title: {
    en: 'Billable utilization, billable staff, last week',
    nl: 'Bezetting declarabele medewerkers, vorige week',
  },
  description: {
    en: 'Billable hours worked last week by billable staff (active people who logged billable time in the last 30 days) as a share of their available hours. 70-80% is typical for engineers; above 85% risks burnout, well below means idle capacity or unlogged work: check the time-sheet gaps first.',
    nl: 'Declarabel gewerkte uren vorige week van declarabele medewerkers (actieve mensen die de afgelopen 30 dagen declarabele tijd schreven) als deel van hun beschikbare uren. 70-80% is gebruikelijk voor engineers; boven 85% dreigt overbelasting, ver daaronder betekent onbenutte capaciteit of niet-geschreven werk: kijk eerst naar de gaten in de urenstaten.',
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
  reachDays: 14,
  about: {
    population: {
      en: 'Billable staff: active resources with an entry not marked non-billable in the last 30 days (activeDays); hours of others (leavers) out of both sides.',
      nl: 'Declarabele medewerkers: actieve medewerkers met een registratie die niet als niet-declarabel is gemarkeerd in de afgelopen 30 dagen (activeDays); uren van anderen (vertrokken) tellen aan geen van beide kanten.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'resource.is_active',
    ],
    industry: {
      en: 'E1: billable / available hours [BMK]; 75% [BMK], 70-80% at high performers [HAS]. Capacity is a setting (weeklyHours), not synced PTO.',
      nl: "E1: declarabele / beschikbare uren [BMK]; 75% [BMK], 70-80% bij goed presterende MSP's [HAS]. Capaciteit is een instelling (weeklyHours), geen gesynchroniseerd verlof.",
    },
  },
  queries: ({ db, now, tz, me, params }) => ({
    hours: hoursByResource(db, previousIsoWeek(now, tz), me),
    people: billableStaff(db, now, tz, params.activeDays, me),
  }),
  compute: ({ hours, people }, { now, tz, hours: calendar, params, staff }) => {
    const { value, facts } = capacityShare(
      hours,
      people,
      capacityOf(params.weeklyHours, previousIsoWeek(now, tz), calendar, staff),
      (p) => p.billable,
    )
    // This month's available hours of the same people: what a shortfall in points is a share of (consequence).
    const month = capacityOf(params.weeklyHours, wholeMonth(now, tz), calendar, staff)
    return { value, facts: { ...facts, monthCapacity: people.reduce((sum, p) => sum + month(p.resourceId), 0) } }
  },
  // Points short of the path, of this month's available hours, at the standard rate: billable time not sold.
  consequence: (gap, { facts }, { standardRate }) =>
    standardRate === undefined || !(facts.monthCapacity > 0)
      ? null
      : {
          amount: (gap / 100) * facts.monthCapacity * standardRate,
          what: {
            en: 'of billable time short this month at this pace',
            nl: 'declarabele tijd tekort deze maand bij dit tempo',
          },
        },
  context: ({ value, facts }, { me, params }) =>
    sentence((lang, n) => {
      const capacity = Number(facts?.capacity ?? 0)
      if (capacity === 0)
        return lang === 'en'
          ? `No capacity last week: nobody logged billable time in the last ${params.activeDays} days.`
          : `Geen capaciteit vorige week: niemand schreef de afgelopen ${params.activeDays} dagen declarabele tijd.`
      const who = me === null ? (lang === 'en' ? 'The team' : 'Het team') : lang === 'en' ? 'You' : 'Je'
      return lang === 'en'
        ? `${who} worked ${n(Number(facts?.hours))} billable hours of ${n(capacity)} available last week (${percentText(value, lang)}%).`
        : `${who} werkte vorige week ${n(Number(facts?.hours))} declarabele uren van de ${n(capacity)} beschikbare (${percentText(value, lang)}%).`
    }),
})
