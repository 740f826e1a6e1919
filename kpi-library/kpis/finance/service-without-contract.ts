import { countOf, exact } from '../../format.js'
import { sql } from 'kysely'
import { addDays, localDate, sameTimeDaysBefore } from '../../time.js'
import { defineKpi } from '../../types.js'
import { clientRows, ownedBy } from '../../clients.js'
import { contractsInForce, labourByCompany, labourMap } from '../../contracts.js'
import { FIELD } from '../../lists.js'

export const serviceWithoutContract = defineKpi({
  id: 'service_without_contract',
  title: { en: 'Service without a contract', nl: 'Service zonder contract' },
  description: {
    en: 'Clients who raised tickets or got hours of work in the last 30 days but have no contract in force. Renew the contract, or make sure the work is billed as time and materials.',
    nl: 'Klanten die de afgelopen 30 dagen tickets aanmaakten of uren werk kregen, maar geen lopend contract hebben. Verleng het contract, of zorg dat het werk op nacalculatie wordt gefactureerd.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['account-manager', 'finance', 'owner'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: {
    days: {
      type: 'integer',
      default: 30,
      min: 1,
      max: 365,
      description: {
        en: 'How many days back to look for service.',
        nl: 'Hoeveel dagen terug naar geleverde service te kijken.',
      },
    },
  },
  band: { target: 0, warn: 1 },
  freshnessMinutes: 24 * 60,
  personal: true,
  action: {
    verb: { en: 'Renew or bill T&M', nl: 'Verlengen of nacalculeren' },
    leavesWhen: { en: 'a contract is in force for the client', nl: 'er een lopend contract voor de klant is' },
    owner: { en: 'the account manager with finance', nl: 'de accountmanager met de financiële administratie' },
    fields: [
      FIELD.companyName,
      { key: 'tickets', label: { en: 'Tickets', nl: 'Tickets' }, type: 'number' },
      { key: 'hours', label: { en: 'Hours', nl: 'Uren' }, type: 'hours' },
      { key: 'lastContractEnd', label: { en: 'Last contract ended', nl: 'Laatste contract eindigde' }, type: 'date' },
      FIELD.accountManager,
    ],
    sort: { en: 'most hours first', nl: 'meeste uren eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Clients (not the MSP) with a ticket created or time worked in the last 30 days and no contract in force.',
      nl: 'Klanten (niet de MSP) met een ticket of gewerkte tijd in de afgelopen 30 dagen en geen lopend contract.',
    },
    sources: [
      'ticket.created_at',
      'ticket.company_id',
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
    ],
    industry: {
      en: 'G21: clients served on expired or missing contracts [MCP-REN].',
      nl: 'G21: klanten bediend op een verlopen of ontbrekend contract [MCP-REN].',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    // Grouped on an expression: on the bare column SQLite walks all of history through the
    // (company_id, created_at) index to save sorting the window's few thousand tickets.
    const company = sql<number | null>`ticket.company_id + 0`
    return {
      clients: clientRows(db),
      contracts: contractsInForce(db, today),
      tickets: db
        .selectFrom('ticket')
        .select([company.as('companyId'), sql<number>`count(*)`.as('n')])
        .where('created_at', '>', sameTimeDaysBefore(now, tz, params.days).toISOString())
        .groupBy(company),
      labour: labourByCompany(db, addDays(today, -params.days), today, 0, null),
      lastEnd: db
        .selectFrom('contract')
        .select(['company_id as companyId', sql<string | null>`max(end_date)`.as('endDate')])
        .where('end_date', '<', today)
        .groupBy('company_id'),
    }
  },
  compute: ({ clients, contracts, tickets, labour, lastEnd }, { me }) => {
    const covered = new Set(contracts.map((k) => k.companyId))
    const ticketCount = new Map(tickets.map((t) => [t.companyId, Number(t.n)]))
    const hours = labourMap(labour)
    const ended = new Map(lastEnd.map((k) => [k.companyId, k.endDate]))
    const rows = clients
      .filter(ownedBy(me))
      .filter((c) => !covered.has(c.companyId))
      .map(({ udf: _, ...c }) => ({
        ...c,
        tickets: ticketCount.get(c.companyId) ?? 0,
        hours: exact(hours.get(c.companyId)?.hours ?? 0),
        lastContractEnd: ended.get(c.companyId) ?? null,
      }))
      .filter((c) => c.tickets > 0 || c.hours > 0)
      .sort((a, b) => b.hours - a.hours || b.tickets - a.tickets || a.companyId - b.companyId)
    return { rows, facts: { count: rows.length, hours: exact(rows.reduce((sum, r) => sum + r.hours, 0)) } }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: `Every client served in the last ${params.days} days has a contract in force.`,
        nl: `Elke klant die de afgelopen ${params.days} dagen service kreeg, heeft een lopend contract.`,
      }
    const hours = Number(facts?.hours ?? 0)
    return {
      en: `${countOf(n, 'client was', 'clients were')} served without a contract in the last ${params.days} days (${hours} h of work).`,
      nl: `${countOf(n, 'klant kreeg', 'klanten kregen')} de afgelopen ${params.days} dagen service zonder contract (${String(hours).replace('.', ',')} u werk).`,
    }
  },
})
