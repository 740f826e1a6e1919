import { BILLABLE_STAFF_DAYS, billableStaff } from '../../billing.js'
import { percent, sum } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { hoursByResource, LAST_WEEK, personHours, sentence, weeklyHoursOf, weeklyHoursParam } from './shared.js'
import { percentText, pluralWord } from '../../format.js'
import { previousIsoWeek } from '../../time.js'

// The pinned reading (issue "KPI trust"): every hour worked on an entry not marked non-billable with
// date worked in the previous ISO week, over weeklyHours for each billable staff member (active, with a
// billable entry in the last 30 days; billing.ts). Unlike billable_utilization, the hours of people
// who left since still count, and the capacity is the full week whatever the business calendar says.

export const billableUtilizationLastWeek = defineKpi({
  id: 'billable_utilization_last_week',
  title: {
    en: 'Billable utilization last week (every billable hour)',
    nl: 'Declarabele bezetting vorige week (alle declarabele uren)',
  },
  description: {
    en: 'Every billable hour worked last week (Monday to Sunday) as a share of the weekly hours of billable staff: active people who logged billable time in the last 30 days. 70-80% is typical for engineers; well below means idle capacity or unlogged work.',
    nl: 'Alle declarabel gewerkte uren van vorige week (maandag t/m zondag) als deel van de weekuren van declarabele medewerkers: actieve mensen die de afgelopen 30 dagen declarabele tijd schreven. 70-80% is gebruikelijk voor engineers; ver daaronder betekent onbenutte capaciteit of niet-geschreven werk.',
  },
  group: 'time',
  kind: 'number',
  roles: ['owner', 'integrator', 'service-manager', 'team-lead', 'finance'],
  unit: 'percent',
  direction: 'higher',
  window: LAST_WEEK,
  params: { weeklyHours: weeklyHoursParam() },
  // 75% billable [BMK]; 70-80% at high performers [HAS].
  band: { target: 75, warn: 65 },
  freshnessMinutes: 240,
  personal: true,
  reachDays: 14,
  about: {
    population: {
      en: 'Every entry not marked non-billable in the previous ISO week; capacity of billable staff (active, with such an entry in the last 30 days).',
      nl: "Elke registratie die niet als niet-declarabel is gemarkeerd in de vorige ISO-week; capaciteit van declarabele medewerkers (actief, met zo'n registratie in de afgelopen 30 dagen).",
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'resource.is_active',
    ],
    industry: {
      en: 'E1 over one week: billable / available hours [BMK]; 75% [BMK], 70-80% at high performers [HAS].',
      nl: "E1 over één week: declarabele / beschikbare uren [BMK]; 75% [BMK], 70-80% bij goed presterende MSP's [HAS].",
    },
  },
  queries: ({ db, now, tz, me }) => ({
    hours: hoursByResource(db, previousIsoWeek(now, tz), me),
    staff: billableStaff(db, now, tz, BILLABLE_STAFF_DAYS, me),
  }),
  compute: ({ hours, staff }, { params, staff: calendar }) => {
    const billable = sum([...personHours(hours).values()].map((p) => p.billable))
    const capacity = sum(staff.map((person) => weeklyHoursOf(person.resourceId, params.weeklyHours, calendar)))
    return { value: percent(billable, capacity), facts: { hours: billable, capacity, people: staff.length } }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      const people = Number(facts?.people ?? 0)
      if (people === 0)
        return lang === 'en'
          ? `Nobody logged billable time in the last ${BILLABLE_STAFF_DAYS} days, so there is no capacity to compare with.`
          : `Niemand schreef de afgelopen ${BILLABLE_STAFF_DAYS} dagen declarabele tijd, dus er is geen capaciteit om mee te vergelijken.`
      return lang === 'en'
        ? `${n(Number(facts?.hours))} billable hours last week against ${n(Number(facts?.capacity))} hours of ${people} billable staff (${percentText(value, lang)}%).`
        : `Vorige week ${n(Number(facts?.hours))} declarabele uren tegenover ${n(Number(facts?.capacity))} uur van ${people} declarabele ${pluralWord(people, 'medewerker', 'medewerkers')} (${percentText(value, lang)}%).`
    }),
})
