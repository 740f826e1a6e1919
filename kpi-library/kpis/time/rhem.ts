import { udfNumber } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { integersParam, LAST_MONTH, previousMonth, sentence, sortItems, workedIn } from './shared.js'

// Endpoints come from the company UDF "Endpoints" (not a standard Autotask field). Reactive means
// ticket type Incident, Problem or Alert. Shown in minutes: at about 0.25 h the engine's one-decimal
// rounding of hours would hide the differences. Companies without an endpoint count stay out of both the
// hours and the endpoints of the portfolio figure; their hours are named in the facts.

export const rhem = defineKpi({
  id: 'rhem',
  title: { en: 'Reactive hours per endpoint (RHEM)', nl: 'Reactieve uren per endpoint (RHEM)' },
  description: {
    en: 'Hours spent last month fixing incidents, problems and alerts, per managed endpoint. Experts aim for about 15 minutes per endpoint per month: clients far above that need root-cause work or a standardisation project.',
    nl: 'Uren die vorige maand zijn besteed aan het oplossen van incidenten, problemen en alerts, per beheerd endpoint. Experts streven naar ongeveer 15 minuten per endpoint per maand: klanten ver daarboven hebben oorzaakanalyse of een standaardisatieproject nodig.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['owner', 'integrator', 'service-manager', 'account-manager'],
  unit: 'minutes',
  direction: 'lower',
  window: LAST_MONTH,
  params: {
    reactiveTypes: integersParam([2, 3, 5], 'Ticket types counted as reactive (2 Incident, 3 Problem, 5 Alert).', 'Tickettypen die als reactief tellen (2 Incident, 3 Probleem, 5 Alert).'),
    ownCompanyIds: integersParam([0], 'Company ids of the MSP itself.', 'Bedrijfs-id’s van de MSP zelf.'),
  },
  // About 15 minutes per endpoint per month [CHPRO]; amber up to 30 minutes [guess].
  band: { target: 15, warn: 30 },
  freshnessMinutes: 720,
  personal: false,
  queries: ({ db, now, tz, params }) => {
    const month = previousMonth(now, tz)
    const own = params.ownCompanyIds.length > 0 ? params.ownCompanyIds : [-1]
    return {
      hours: db
        .selectFrom('time_entry')
        .innerJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
        .select((eb) => ['ticket.company_id as companyId', eb.fn.sum<number>('time_entry.hours_worked').as('hours')])
        .where('ticket.ticket_type', 'in', params.reactiveTypes.length > 0 ? params.reactiveTypes : [-1])
        .where(workedIn(month))
        .groupBy('ticket.company_id'),
      companies: db.selectFrom('company').select(['company.id as companyId', 'company.name as companyName', 'company.udf as udf']).where('company.id', 'not in', own),
    }
  },
  compute: ({ hours, companies }) => {
    const hoursBy = new Map(hours.map((row) => [Number(row.companyId), Number(row.hours ?? 0)]))
    let totalHours = 0
    let endpoints = 0
    const items = []
    for (const company of companies) {
      const count = udfNumber(company.udf, 'Endpoints')
      if (count === null || count <= 0) continue
      const reactive = hoursBy.get(Number(company.companyId)) ?? 0
      totalHours += reactive
      endpoints += count
      items.push({ key: String(company.companyId), label: String(company.companyName), value: (60 * reactive) / count, hours: reactive, endpoints: count })
    }
    const counted = new Set(items.map((item) => Number(item.key)))
    const uncounted = [...hoursBy.entries()].filter(([id]) => !counted.has(id)).reduce((total, [, h]) => total + h, 0)
    sortItems(items)
    return { value: endpoints > 0 ? (60 * totalHours) / endpoints : null, items, facts: { hours: totalHours, endpoints, uncounted, worst: items[0]?.label ?? null, worstValue: items[0]?.value ?? null } }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      const endpoints = Number(facts?.endpoints ?? 0)
      if (endpoints === 0) return lang === 'en' ? 'No company has an endpoint count, so RHEM cannot be computed.' : 'Geen enkel bedrijf heeft een aantal endpoints, dus RHEM is niet te berekenen.'
      return lang === 'en'
        ? `${n(Number(facts?.hours))} reactive hours over ${endpoints} endpoints last month: ${n(value, 0)} min per endpoint; highest ${facts?.worst} (${n(Number(facts?.worstValue), 0)} min).`
        : `Vorige maand ${n(Number(facts?.hours))} reactieve uren over ${endpoints} endpoints: ${n(value, 0)} min per endpoint; het hoogst bij ${facts?.worst} (${n(Number(facts?.worstValue), 0)} min).`
    }),
})
