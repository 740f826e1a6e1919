import { percent, sum } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { hoursByResource, LAST_MONTH, lastMonthShare, personHours, personItems } from './shared.js'
import { previousMonth } from '../../time.js'

export const billableMix = defineKpi({
  id: 'billable_mix',
  title: { en: 'Billable share of logged time', nl: 'Declarabel deel van de geschreven uren' },
  description: {
    en: 'Per person, the share of last month’s logged hours on billable entries. The right level depends on the role (help desk high, service manager low): discuss a drop with the person, and recode time that was wrongly marked non-billable.',
    nl: 'Per medewerker het deel van de geschreven uren van vorige maand op declarabele registraties. Het juiste niveau hangt af van de rol (servicedesk hoog, servicemanager laag): bespreek een daling met de medewerker en corrigeer uren die ten onrechte niet-declarabel zijn gemaakt.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'finance', 'integrator', 'engineer'],
  unit: 'percent',
  direction: 'neutral',
  window: LAST_MONTH,
  params: {},
  band: null,
  freshnessMinutes: 720,
  personal: true,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: "Every entry dated in the previous calendar month, per resource with hours; billable = entries not marked non-billable. On a personal dashboard, that person's entries.",
      nl: 'Elke registratie gedateerd in de vorige kalendermaand, per medewerker met uren; declarabel = registraties die niet als niet-declarabel zijn gemarkeerd. Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: ['time_entry.hours_worked', 'time_entry.non_billable', 'time_entry.date_worked', 'time_entry.resource_id'],
    industry: {
      en: 'E3 [MSPB-UTIL], with the hours worked on billable entries as numerator where the catalog takes the billable hours (hours to bill), so write-downs do not lower it; realization_rate shows those. No benchmark: the right share depends on the role.',
      nl: 'E3 [MSPB-UTIL], met de gewerkte uren op declarabele registraties als teller waar de catalogus de declarabele (te factureren) uren neemt, dus afschrijvingen drukken het niet; die toont realization_rate. Geen benchmark: het juiste aandeel hangt af van de rol.',
    },
  },
  queries: ({ db, now, tz, me }) => ({ hours: hoursByResource(db, previousMonth(now, tz), me) }),
  compute: ({ hours }) => {
    const list = [...personHours(hours).values()].filter((p) => p.hours > 0)
    const billable = sum(list.map((p) => p.billable))
    const worked = sum(list.map((p) => p.hours))
    return {
      value: percent(billable, worked),
      items: personItems(list, (p) => percent(p.billable, p.hours)),
      facts: { billable, worked },
    }
  },
  context: ({ value, facts }) =>
    lastMonthShare(Number(facts?.billable), Number(facts?.worked ?? 0), value, { en: 'billable', nl: 'declarabel' }),
})
