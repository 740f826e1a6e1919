import { bothLanguages, formatNumber } from '../../format.js'
import { alertsNote, createdIn, includeAlertsParam, withAlerts } from '../../sql.js'
import { addMonths, firstOfMonth, localDate, localDatesWindow } from '../../time.js'
import { formatMonth } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { CI_TYPES, ENDPOINT_SOURCES, endpointsByCompany, OWN_COMPANIES } from './shared.js'

// Catalog A12, per client and for the portfolio (sum over sum), over last full calendar month (local
// time). Endpoints are those active now: the PSA keeps no history of a device's active flag. Only
// clients with endpoints count; tickets of clients without any are named in the facts. Monitoring
// alerts are left out by default: the benchmark is for tickets people raise.

function lastMonth(now: Date, tz: string) {
  const thisMonth = firstOfMonth(localDate(now, tz))
  const from = addMonths(thisMonth, -1)
  return { month: from.slice(0, 7), window: localDatesWindow(from, thisMonth, tz) }
}

export const ticketsPerEndpointMonth = defineKpi({
  id: 'tickets_per_endpoint_month',
  title: { en: 'Tickets per endpoint last month', nl: 'Tickets per endpoint vorige maand' },
  description: {
    en: 'Tickets created last month per managed endpoint (active configuration item), per client and for all clients together; monitoring alerts left out unless asked for. It makes noise comparable between clients of every size: a client far above the rest needs root-cause work, standardisation or a conversation about its devices.',
    nl: 'Tickets die vorige maand zijn aangemaakt per beheerd endpoint (actief configuratie-item), per klant en voor alle klanten samen; monitoringalerts tellen niet mee, tenzij gevraagd. Zo is de ruis tussen klanten van elke omvang te vergelijken: een klant ver boven de rest vraagt om oorzaakanalyse, standaardisatie of een gesprek over zijn apparaten.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['owner', 'account-manager', 'integrator', 'service-manager'],
  unit: 'ratio',
  direction: 'lower',
  window: { en: 'last full calendar month', nl: 'vorige volledige kalendermaand' },
  params: { includeAlerts: includeAlertsParam(false), ciTypes: CI_TYPES, ownCompanyIds: OWN_COMPANIES },
  // Goal 0.2-0.5, industry average 2 for reactive support [MAINSPRING] (low confidence, vendor).
  band: { target: 0.5, warn: 2 },
  bandPerItem: true,
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Tickets created last month (local time) at clients with at least one active endpoint, monitoring alerts out unless includeAlerts; endpoints as in endpoints_per_tech, counted now.',
      nl: 'Tickets die vorige maand (lokale tijd) zijn aangemaakt bij klanten met minstens één actief endpoint, monitoringalerts niet tenzij includeAlerts; endpoints zoals bij endpoints_per_tech, nu geteld.',
    },
    sources: ['ticket.created_at', 'ticket.company_id', 'ticket.kind', ...ENDPOINT_SOURCES],
    industry: {
      en: "A12: COUNT(tickets created in the month) / endpoints, per client and as sum over sum; goal 0.2-0.5, industry average 2 for reactive support [MAINSPRING], low confidence. Endpoints are today's, not the month's.",
      nl: 'A12: AANTAL(tickets aangemaakt in de maand) / endpoints, per klant en als som over som; doel 0,2-0,5, branchegemiddelde 2 voor reactieve support [MAINSPRING], lage zekerheid. Endpoints van vandaag, niet van die maand.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const { window } = lastMonth(now, tz)
    return {
      tickets: withAlerts(
        db
          .selectFrom('ticket')
          .select((eb) => ['ticket.company_id as companyId', eb.fn.countAll<number>().as('tickets')])
          .where(createdIn(window)),
        params.includeAlerts,
      ).groupBy('ticket.company_id'),
      endpoints: endpointsByCompany(db, params.ciTypes, params.ownCompanyIds),
      companies: db.selectFrom('company').select(['company.id as companyId', 'company.name as companyName']),
    }
  },
  compute: ({ tickets, endpoints, companies }, { now, tz }) => {
    const ticketsBy = new Map(tickets.map((row) => [Number(row.companyId), Number(row.tickets)]))
    const names = new Map(companies.map((row) => [Number(row.companyId), String(row.companyName)]))
    let counted = 0
    let total = 0
    const items = endpoints.map((row) => {
      const companyId = Number(row.companyId)
      const count = ticketsBy.get(companyId) ?? 0
      counted += count
      total += Number(row.endpoints)
      return {
        key: String(companyId),
        label: names.get(companyId) ?? `#${companyId}`,
        value: count / Number(row.endpoints),
        tickets: count,
        endpoints: Number(row.endpoints),
      }
    })
    items.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    const all = [...ticketsBy.values()].reduce((sum, n) => sum + n, 0)
    return {
      value: total > 0 ? counted / total : null,
      items,
      facts: {
        month: lastMonth(now, tz).month,
        tickets: counted,
        endpoints: total,
        uncounted: all - counted,
        worst: items[0]?.label ?? null,
        worstValue: items[0]?.value ?? null,
      },
    }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const n = (v: unknown, digits = 2) => formatNumber(Number(v), lang, digits)
      const endpoints = Number(facts?.endpoints ?? 0)
      const alerts = alertsNote(params.includeAlerts, lang)
      if (endpoints === 0)
        return lang === 'en'
          ? 'No client has an active endpoint, so there is nothing to divide by.'
          : 'Geen enkele klant heeft een actief endpoint, dus er is niets om door te delen.'
      const uncounted = Number(facts?.uncounted ?? 0)
      const one = uncounted === 1
      const rest =
        uncounted === 0
          ? ''
          : lang === 'en'
            ? `; ${uncounted} ${one ? 'ticket' : 'tickets'} of clients without endpoints ${one ? 'is' : 'are'} not counted`
            : `; ${uncounted} ${one ? 'ticket' : 'tickets'} van klanten zonder endpoints ${one ? 'telt' : 'tellen'} niet mee`
      return lang === 'en'
        ? `${facts?.tickets} tickets${alerts} over ${endpoints} endpoints in ${formatMonth(String(facts?.month), lang)}: ${n(value)} per endpoint; highest ${facts?.worst} (${n(facts?.worstValue)})${rest}.`
        : `${facts?.tickets} tickets${alerts} over ${endpoints} endpoints in ${formatMonth(String(facts?.month), lang)}: ${n(value)} per endpoint; het hoogst bij ${facts?.worst} (${n(facts?.worstValue)})${rest}.`
    }),
})
