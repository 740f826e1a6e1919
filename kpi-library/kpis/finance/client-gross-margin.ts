import { formatPercent, pluralWord } from '../../format.js'
import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { LAST_FULL_MONTH } from './shared.js'
import { ownedBy } from '../../clients.js'
import { agreementEconomics, agreementQueries, FALLBACK_COST, RECURRING_TYPES } from '../../contracts.js'

// Labour cost = hours worked under the agreement x the resource's internal cost (the PSA's hourly
// cost); tool and licence costs are not synced, so this is the margin after labour only, on
// agreement revenue. Hours billed separately (per hour, prepaid blocks) earn their own revenue and
// stay out of both sides (billing.ts).

export const clientGrossMargin = defineKpi({
  id: 'client_gross_margin',
  title: { en: 'Client gross margin after labour, last month', nl: 'Brutomarge per klant na arbeid, vorige maand' },
  description: {
    en: "Last month's recurring revenue per agreement client minus the cost of the hours worked under the agreement, as a share of that revenue. Aim for 65%; clients under 50% need a scope or price conversation.",
    nl: 'De terugkerende omzet van vorige maand per contractklant min de kosten van de onder het contract gewerkte uren, als deel van die omzet. Streef naar 65%; klanten onder 50% vragen om een gesprek over scope of prijs.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['owner', 'finance', 'account-manager'],
  unit: 'percent',
  direction: 'higher',
  window: LAST_FULL_MONTH,
  params: {
    recurringTypes: RECURRING_TYPES,
    fallbackCost: FALLBACK_COST,
  },
  band: { target: 65, warn: 50 },
  bandPerItem: true,
  freshnessMinutes: 24 * 60,
  personal: true,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: 'Agreement clients (MRR > 0); labour cost of hours under their recurring-service and retainer contracts only.',
      nl: 'Contractklanten (MRR > 0); alleen arbeidskosten van uren onder hun recurring-service- en retainercontracten.',
    },
    sources: [
      'contract.contract_type',
      'contract.udf[Monthly Value]',
      'time_entry.hours_worked',
      'time_entry.contract_id',
      'ticket.contract_id',
      'resource.internal_cost',
    ],
    industry: {
      en: "G11 without direct costs (no tool or licence feed): (revenue - labour) / revenue; TBG's goal 65% [KASEYA-TBG].",
      nl: 'G11 zonder directe kosten (geen tool- of licentiegegevens): (omzet - arbeid) / omzet; doel van TBG 65% [KASEYA-TBG].',
    },
  },
  queries: ({ db, now, tz, params }) =>
    agreementQueries(db, localDate(now, tz), 1, params.fallbackCost, params.recurringTypes),
  compute: ({ contracts, labour, first }, { params, me, now, tz }) => {
    const rows = agreementEconomics({ contracts, labour, first }, localDate(now, tz), 1, params.recurringTypes)
      .filter(ownedBy(me))
      .filter((c) => c.revenue > 0)
    const revenue = rows.reduce((sum, c) => sum + c.revenue, 0)
    const cost = rows.reduce((sum, c) => sum + c.cost, 0)
    const items = rows
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: (100 * (c.revenue - c.cost)) / c.revenue }))
      .sort((a, b) => a.value - b.value || Number(a.key) - Number(b.key))
    return {
      value: revenue === 0 ? null : (100 * (revenue - cost)) / revenue,
      items,
      facts: { clients: rows.length, under: items.filter((i) => i.value < 50).length },
    }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: 'No agreement revenue, so no margin to show.',
        nl: 'Geen contractomzet, dus geen marge om te tonen.',
      }
    const pct = { en: formatPercent(value, 'en'), nl: formatPercent(value, 'nl') }
    return {
      en: `After labour, agreement clients left a margin of ${pct.en}% last month; ${facts?.under} of ${facts?.clients} are below 50%.`,
      nl: `Na arbeidskosten leverden contractklanten vorige maand ${pct.nl}% marge op; ${facts?.under} van de ${facts?.clients} ${pluralWord(Number(facts?.under), 'zit', 'zitten')} onder 50%.`,
    }
  },
})
