import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { contractsInForce, coveredMonths, firstWorkedDay, fullMonths, labourByCompany, labourMap, mrrByCompany, ownedBy, RECURRING_TYPES, STANDARD_RATE } from './shared.js'

// The ratio's healthy range is 0.8-1.5; the band can only say "higher is better", so it flags the
// unprofitable side and the description warns about the overcharging side.

export const agreementEfficiencyRatio = defineKpi({
  id: 'agreement_efficiency_ratio',
  title: { en: 'Agreement efficiency ratio', nl: 'Efficiëntieratio contracten' },
  description: {
    en: 'What agreement clients paid last month divided by the value of the hours worked for them at the standard rate. Below 0.8 the agreement loses money: rescope or reprice it. Above 1.5 the client may feel overcharged: show them the value you deliver.',
    nl: 'Wat contractklanten vorige maand betaalden, gedeeld door de waarde van de voor hen gewerkte uren tegen het standaardtarief. Onder 0,8 verliest het contract geld: pas de scope of de prijs aan. Boven 1,5 kan de klant zich te duur uit voelen: laat zien welke waarde je levert.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['finance', 'owner'],
  unit: 'ratio',
  direction: 'higher',
  window: { en: 'last full month', nl: 'vorige volle maand' },
  params: { standardRate: STANDARD_RATE, recurringTypes: RECURRING_TYPES },
  band: { target: 1, warn: 0.8 },
  freshnessMinutes: 24 * 60,
  personal: true,
  queries: ({ db, now, tz }) => {
    const today = localDate(now, tz)
    const { from, to } = fullMonths(today, 1)
    return { contracts: contractsInForce(db, today), labour: labourByCompany(db, from, to, 0), first: firstWorkedDay(db) }
  },
  compute: ({ contracts, labour, first }, { params, me, now, tz }) => {
    const { from, to } = fullMonths(localDate(now, tz), 1)
    // Revenue only for the part of the month the synced history covers.
    const share = coveredMonths(from, to, 1, first[0]?.first)
    const hours = labourMap(labour)
    const rows = [...mrrByCompany(contracts, params.recurringTypes).values()].filter(ownedBy(me)).map((c) => ({ ...c, mrr: c.mrr * share, value: (hours.get(c.companyId)?.hours ?? 0) * params.standardRate }))
    const worked = rows.filter((c) => c.value > 0)
    const paid = worked.reduce((sum, c) => sum + c.mrr, 0)
    const value = worked.reduce((sum, c) => sum + c.value, 0)
    const items = rows
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: c.value > 0 ? c.mrr / c.value : null }))
      .sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || Number(a.key) - Number(b.key))
    const under = items.filter((i) => i.value !== null && i.value < 0.8).length
    const over = items.filter((i) => i.value !== null && i.value > 1.5).length
    return { value: value === 0 ? null : paid / value, items, facts: { clients: worked.length, under, over } }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined) return { en: 'No hours were worked for agreement clients last month.', nl: 'Vorige maand zijn er geen uren gewerkt voor contractklanten.' }
    const ratio = value.toFixed(2)
    return {
      en: `Agreement clients paid ${ratio}× the standard-rate value of their hours last month; ${facts?.under} of ${facts?.clients} are below 0.8 and ${facts?.over} above 1.5.`,
      nl: `Contractklanten betaalden vorige maand ${ratio.replace('.', ',')}× de waarde van hun uren tegen standaardtarief; ${facts?.under} van de ${facts?.clients} zitten onder 0,8 en ${facts?.over} boven 1,5.`,
    }
  },
})
