import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { contractsInForce, coveredMonths, firstWorkedDay, fullMonths, labourByCompany, labourMap, money, mrrByCompany, ownedBy, RECURRING_TYPES, STANDARD_RATE } from './shared.js'

// Revenue = today's MRR x the months in the window (no invoice feed; MRR history is not kept), so
// a contract that started or grew inside the window is overstated. Only agreement clients (MRR > 0)
// count: a T&M client's rate is its billing rate by definition.

export const effectiveHourlyRate = defineKpi({
  id: 'effective_hourly_rate',
  title: { en: 'Effective hourly rate per client', nl: 'Effectief uurtarief per klant' },
  description: {
    en: 'Recurring revenue divided by the hours worked for each agreement client over the last 3 full months. A client below the standard rate costs more time than it pays for: find the cause (noisy users, old hardware) or reprice.',
    nl: 'Terugkerende omzet gedeeld door de gewerkte uren per contractklant over de afgelopen 3 volle maanden. Een klant onder het standaardtarief kost meer tijd dan hij betaalt: zoek de oorzaak (veeleisende gebruikers, oude hardware) of pas de prijs aan.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['owner', 'finance', 'account-manager'],
  unit: 'euro',
  direction: 'higher',
  window: { en: 'last 3 full months', nl: 'afgelopen 3 volle maanden' },
  params: {
    months: { type: 'integer', default: 3, min: 1, max: 12, description: { en: 'Full calendar months to look back.', nl: 'Aantal volle kalendermaanden terug.' } },
    standardRate: STANDARD_RATE,
    recurringTypes: RECURRING_TYPES,
  },
  band: { target: 95, warn: 85 },
  freshnessMinutes: 24 * 60,
  personal: true,
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    const { from, to } = fullMonths(today, params.months)
    return { contracts: contractsInForce(db, today), labour: labourByCompany(db, from, to, 0), first: firstWorkedDay(db) }
  },
  compute: ({ contracts, labour, first }, { params, me, now, tz }) => {
    const { from, to } = fullMonths(localDate(now, tz), params.months)
    const months = coveredMonths(from, to, params.months, first[0]?.first)
    const hours = labourMap(labour)
    const rows = [...mrrByCompany(contracts, params.recurringTypes).values()]
      .filter(ownedBy(me))
      .map((c) => ({ ...c, revenue: c.mrr * months, hours: hours.get(c.companyId)?.hours ?? 0 }))
    const worked = rows.filter((c) => c.hours > 0)
    const revenue = worked.reduce((sum, c) => sum + c.revenue, 0)
    const total = worked.reduce((sum, c) => sum + c.hours, 0)
    const items = rows
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: c.hours > 0 ? c.revenue / c.hours : null }))
      .sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || Number(a.key) - Number(b.key))
    const below = items.filter((i) => i.value !== null && i.value < params.standardRate).length
    return { value: total === 0 ? null : revenue / total, items, facts: { clients: worked.length, below } }
  },
  context: ({ value, facts }, { params }) => {
    if (value === null || value === undefined) return { en: `No hours were worked for agreement clients in the last ${params.months} full months.`, nl: `Er zijn de afgelopen ${params.months} volle maanden geen uren gewerkt voor contractklanten.` }
    const rate = money(params.standardRate)
    return {
      en: `Agreement clients paid ${money(value).en} per hour worked; ${facts?.below} of ${facts?.clients} are below the standard ${rate.en}.`,
      nl: `Contractklanten betaalden ${money(value).nl} per gewerkt uur; ${facts?.below} van de ${facts?.clients} zitten onder het standaardtarief van ${rate.nl}.`,
    }
  },
})
