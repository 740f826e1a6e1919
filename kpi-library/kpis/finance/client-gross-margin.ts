import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { contractsInForce, coveredMonths, firstWorkedDay, fullMonths, labourByCompany, labourMap, mrrByCompany, ownedBy, RECURRING_TYPES } from './shared.js'

// Labour cost = hours worked x the resource's internal cost (the PSA's hourly cost); tool and
// licence costs are not synced, so this is the margin after labour only, on agreement revenue.

export const clientGrossMargin = defineKpi({
  id: 'client_gross_margin',
  title: { en: 'Client gross margin after labour', nl: 'Brutomarge per klant na arbeid' },
  description: {
    en: 'Last month\'s recurring revenue per agreement client minus the cost of the hours worked for it, as a share of that revenue. Aim for 65%; clients under 50% need a scope or price conversation.',
    nl: 'De terugkerende omzet van vorige maand per contractklant min de kosten van de voor die klant gewerkte uren, als deel van die omzet. Streef naar 65%; klanten onder 50% vragen om een gesprek over scope of prijs.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['owner', 'finance', 'account-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last full month', nl: 'vorige volle maand' },
  params: {
    recurringTypes: RECURRING_TYPES,
    fallbackCost: { type: 'number', default: 45, min: 0, max: 500, description: { en: 'Hourly cost for resources without an internal cost in the PSA.', nl: 'Uurkosten voor medewerkers zonder interne kostprijs in de PSA.' } },
  },
  band: { target: 65, warn: 50 },
  freshnessMinutes: 24 * 60,
  personal: true,
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    const { from, to } = fullMonths(today, 1)
    return { contracts: contractsInForce(db, today), labour: labourByCompany(db, from, to, params.fallbackCost), first: firstWorkedDay(db) }
  },
  compute: ({ contracts, labour, first }, { params, me, now, tz }) => {
    const { from, to } = fullMonths(localDate(now, tz), 1)
    // Revenue only for the part of the month the synced history covers.
    const share = coveredMonths(from, to, 1, first[0]?.first)
    const costs = labourMap(labour)
    const rows = [...mrrByCompany(contracts, params.recurringTypes).values()].filter(ownedBy(me)).map((c) => ({ ...c, mrr: c.mrr * share, cost: costs.get(c.companyId)?.cost ?? 0 }))
      .filter((c) => c.mrr > 0)
    const revenue = rows.reduce((sum, c) => sum + c.mrr, 0)
    const cost = rows.reduce((sum, c) => sum + c.cost, 0)
    const items = rows
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: (100 * (c.mrr - c.cost)) / c.mrr }))
      .sort((a, b) => a.value - b.value || Number(a.key) - Number(b.key))
    return { value: revenue === 0 ? null : (100 * (revenue - cost)) / revenue, items, facts: { clients: rows.length, under: items.filter((i) => i.value < 50).length } }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined) return { en: 'No agreement revenue, so no margin to show.', nl: 'Geen contractomzet, dus geen marge om te tonen.' }
    const pct = Math.round(value)
    return {
      en: `After labour, agreement clients left a margin of ${pct}% last month; ${facts?.under} of ${facts?.clients} are below 50%.`,
      nl: `Na arbeidskosten leverden contractklanten vorige maand ${pct}% marge op; ${facts?.under} van de ${facts?.clients} zitten onder 50%.`,
    }
  },
})
