import { MANAGED_TYPES } from '../../billing.js'
import { sqlList, udfNumber } from '../../sql.js'
import { localDate, previousMonth } from '../../time.js'
import { defineKpi } from '../../types.js'
import { LAST_MONTH, sentence, sortItems, workedIn } from './shared.js'
import { integersParam } from '../../params.js'
import { contractHistory, inForceDuring } from '../../contracts.js'

// Endpoints come from the company UDF "Endpoints" (not a standard PSA field). Reactive means
// an incident, a problem or a monitoring alert (ticket.kind). Only managed clients count: those with a recurring-service
// agreement in force on some day of the month. A time-and-materials or block-hours client pays for
// every reactive hour, so its hours say nothing about how well the managed service runs. Shown in
// minutes, where the differences between clients are visible. Managed companies without an endpoint
// count stay out of both the hours and the endpoints of the portfolio figure; their hours are named
// in the facts.

export const rhem = defineKpi({
  id: 'rhem',
  title: { en: 'Reactive time per endpoint, last month', nl: 'Reactieve tijd per endpoint, vorige maand' },
  description: {
    en: 'Minutes per managed endpoint spent last month fixing incidents, problems and alerts at managed clients (a recurring-service agreement in force). Experts aim for about 15 minutes per endpoint per month: clients far above that need root-cause work or a standardisation project.',
    nl: 'Minuten per beheerd endpoint die vorige maand zijn besteed aan het oplossen van incidenten, problemen en alerts bij beheerklanten (met een lopend recurring-servicecontract). Experts streven naar ongeveer 15 minuten per endpoint per maand: klanten ver daarboven hebben oorzaakanalyse of een standaardisatieproject nodig.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['owner', 'integrator', 'service-manager', 'account-manager'],
  unit: 'minutes',
  direction: 'lower',
  window: LAST_MONTH,
  params: {
    ownCompanyIds: integersParam([0], 'Company ids of the MSP itself.', 'Bedrijfs-id’s van de MSP zelf.'),
    managedTypes: integersParam(
      MANAGED_TYPES,
      'Contract types that make a client managed (7 Recurring Service).',
      'Contracttypen die van een klant een beheerklant maken (7 Recurring Service).',
    ),
  },
  // About 15 minutes per endpoint per month [CHPRO]; amber up to 30 minutes [guess].
  band: { target: 15, warn: 30 },
  bandPerItem: true,
  freshnessMinutes: 720,
  personal: false,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: 'Managed clients: those with a recurring-service agreement in force on some day of the month, with an endpoint count. Reactive: incidents, problems and monitoring alerts. T&M and block-hours clients are left out.',
      nl: 'Beheerklanten: met een recurring-servicecontract dat op een dag van de maand liep, en met een aantal endpoints. Reactief: incidenten, problemen en monitoringalerts. Klanten op nacalculatie of strippenkaart tellen niet mee.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'ticket.kind',
      'ticket.company_id',
      'company.udf[Endpoints]',
      'contract.contract_type',
      'contract.start_date',
      'contract.end_date',
      'contract.status',
    ],
    industry: {
      en: 'E19 [AGMSP-RHEM], in minutes; about 15 minutes per endpoint per month [CHPRO].',
      nl: 'E19 [AGMSP-RHEM], in minuten; ongeveer 15 minuten per endpoint per maand [CHPRO].',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const month = previousMonth(now, tz)
    const own = sqlList(params.ownCompanyIds)
    return {
      hours: db
        .selectFrom('time_entry')
        .innerJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
        .select((eb) => ['ticket.company_id as companyId', eb.fn.sum<number>('time_entry.hours_worked').as('hours')])
        .where('ticket.kind', 'in', ['incident', 'problem', 'alert'])
        .where(workedIn(month))
        .groupBy('ticket.company_id'),
      companies: db
        .selectFrom('company')
        .select(['company.id as companyId', 'company.name as companyName', 'company.udf as udf'])
        .where('company.id', 'not in', own),
      contracts: contractHistory(db),
    }
  },
  compute: ({ hours, companies, contracts }, { now, tz, params }) => {
    const month = previousMonth(now, tz)
    const today = localDate(now, tz)
    const managed = new Set(
      contracts
        .filter(
          (k) =>
            k.contractType !== null &&
            params.managedTypes.includes(k.contractType) &&
            inForceDuring(k, month.from, month.to, today),
        )
        .map((k) => Number(k.companyId)),
    )
    const hoursBy = new Map(
      hours
        .filter((row) => managed.has(Number(row.companyId)))
        .map((row) => [Number(row.companyId), Number(row.hours ?? 0)]),
    )
    let totalHours = 0
    let endpoints = 0
    const items = []
    for (const company of companies) {
      if (!managed.has(Number(company.companyId))) continue
      const count = udfNumber(company.udf, 'Endpoints')
      if (count === null || count <= 0) continue
      const reactive = hoursBy.get(Number(company.companyId)) ?? 0
      totalHours += reactive
      endpoints += count
      items.push({
        key: String(company.companyId),
        label: String(company.companyName),
        value: (60 * reactive) / count,
        hours: reactive,
        endpoints: count,
      })
    }
    const counted = new Set(items.map((item) => Number(item.key)))
    const uncounted = [...hoursBy.entries()].filter(([id]) => !counted.has(id)).reduce((total, [, h]) => total + h, 0)
    sortItems(items)
    return {
      value: endpoints > 0 ? (60 * totalHours) / endpoints : null,
      items,
      facts: {
        hours: totalHours,
        endpoints,
        uncounted,
        worst: items[0]?.label ?? null,
        worstValue: items[0]?.value ?? null,
      },
    }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      const endpoints = Number(facts?.endpoints ?? 0)
      if (endpoints === 0)
        return lang === 'en'
          ? 'No managed client has an endpoint count, so RHEM cannot be computed.'
          : 'Geen enkele beheerklant heeft een aantal endpoints, dus RHEM is niet te berekenen.'
      return lang === 'en'
        ? `${n(Number(facts?.hours))} reactive hours at managed clients over ${endpoints} endpoints last month: ${n(value, 0)} min per endpoint; highest ${facts?.worst} (${n(Number(facts?.worstValue), 0)} min).`
        : `Vorige maand ${n(Number(facts?.hours))} reactieve uren bij beheerklanten over ${endpoints} endpoints: ${n(value, 0)} min per endpoint; het hoogst bij ${facts?.worst} (${n(Number(facts?.worstValue), 0)} min).`
    }),
})
