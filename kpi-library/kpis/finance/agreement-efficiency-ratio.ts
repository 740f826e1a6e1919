import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { LAST_FULL_MONTH } from './shared.js'
import { ownedBy } from '../../clients.js'
import { agreementEconomics, agreementQueries, RECURRING_TYPES, STANDARD_RATE } from '../../contracts.js'
import { pluralWord } from '../../format.js'

// The ratio's healthy range is 0.8-1.5; the band can only say "higher is better", so it flags the
// unprofitable side and the description warns about the overcharging side. Hours are those the
// agreement pays for (its own fee-covered contracts, billing.ts), as in effective_hourly_rate. Their
// value is at the standard rate on purpose, not the settings' contract-type rates: a labour benchmark
// for fee-covered hours, which no client pays per hour.

export const agreementEfficiencyRatio = defineKpi({
  id: 'agreement_efficiency_ratio',
  title: { en: 'Agreement efficiency ratio', nl: 'Efficiëntieratio contracten' },
  description: {
    en: 'What agreement clients paid last month divided by the value, at the standard rate, of the hours worked under their agreement (hours billed separately left out). Below 0.8 the agreement loses money: rescope or reprice it. Above 1.5 the client may feel overcharged: show them the value you deliver.',
    nl: 'Wat contractklanten vorige maand betaalden, gedeeld door de waarde tegen het standaardtarief van de onder hun contract gewerkte uren (apart gefactureerde uren tellen niet mee). Onder 0,8 verliest het contract geld: pas de scope of de prijs aan. Boven 1,5 kan de klant zich te duur uit voelen: laat zien welke waarde je levert.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['finance', 'owner'],
  unit: 'ratio',
  direction: 'higher',
  window: LAST_FULL_MONTH,
  params: { standardRate: STANDARD_RATE, recurringTypes: RECURRING_TYPES },
  band: { target: 1, warn: 0.8 },
  bandPerItem: true,
  freshnessMinutes: 24 * 60,
  personal: true,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: 'Agreement clients (MRR > 0 from recurring-service and retainer contracts in force); hours worked under those contracts only (billing.ts), not T&M, prepaid or other fees.',
      nl: 'Contractklanten (MRR > 0 uit lopende recurring-service- en retainercontracten); alleen uren onder die contracten (billing.ts), niet op nacalculatie, strippenkaart of andere vaste bedragen.',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'time_entry.contract_id',
      'ticket.contract_id',
      'ticket.company_id',
    ],
    industry: {
      en: "G10: MRR / (hours x standard rate), healthy 0.8-1.5 [MSPCFO]. Revenue is today's MRR for the part of the month the synced history covers (no invoice feed).",
      nl: 'G10: MRR / (uren x standaardtarief), gezond 0,8-1,5 [MSPCFO]. Omzet is de MRR van vandaag voor het deel van de maand dat de gesynchroniseerde historie dekt (geen factuurgegevens).',
    },
  },
  queries: ({ db, now, tz, params }) => agreementQueries(db, localDate(now, tz), 1, 0, params.recurringTypes),
  compute: ({ contracts, labour, first }, { params, me, now, tz }) => {
    const rows = agreementEconomics({ contracts, labour, first }, localDate(now, tz), 1, params.recurringTypes)
      .filter(ownedBy(me))
      .map((c) => ({ ...c, value: c.hours * params.standardRate }))
    const worked = rows.filter((c) => c.value > 0)
    const paid = worked.reduce((sum, c) => sum + c.revenue, 0)
    const value = worked.reduce((sum, c) => sum + c.value, 0)
    const items = rows
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: c.value > 0 ? c.revenue / c.value : null }))
      .sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || Number(a.key) - Number(b.key))
    const under = items.filter((i) => i.value !== null && i.value < 0.8).length
    const over = items.filter((i) => i.value !== null && i.value > 1.5).length
    return { value: value === 0 ? null : paid / value, items, facts: { clients: worked.length, under, over } }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: 'No hours were worked for agreement clients last month.',
        nl: 'Vorige maand zijn er geen uren gewerkt voor contractklanten.',
      }
    const ratio = value.toFixed(2)
    return {
      en: `Agreement clients paid ${ratio}× the standard-rate value of their hours last month; ${facts?.under} of ${facts?.clients} are below 0.8 and ${facts?.over} above 1.5.`,
      nl: `Contractklanten betaalden vorige maand ${ratio.replace('.', ',')}× de waarde van hun uren tegen standaardtarief; ${facts?.under} van de ${facts?.clients} ${pluralWord(Number(facts?.under), 'zit', 'zitten')} onder 0,8 en ${facts?.over} boven 1,5.`,
    }
  },
})
