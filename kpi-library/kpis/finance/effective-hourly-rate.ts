import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { money, pluralWord } from '../../format.js'
import { ownedBy } from '../../clients.js'
import {
  AGREEMENT_LABOUR_SOURCES,
  agreementEconomics,
  agreementQueries,
  effectiveRate,
  RECURRING_TYPES,
  STANDARD_RATE,
} from '../../contracts.js'

// Revenue = today's MRR x the months in the window the synced history covers (no invoice feed), so
// a contract that started or grew inside the window is overstated. Hours = those worked under the
// agreement's own fee-covered contracts (billing.ts): time billed per hour or off a prepaid block is
// paid for separately. Only agreement clients (MRR > 0) count: a T&M client's rate is its billing
// rate by definition.

export const effectiveHourlyRate = defineKpi({
  id: 'effective_hourly_rate',
  title: {
    en: 'Hourly rate per agreement client, last 3 full months',
    nl: 'Uurtarief per contractklant, afgelopen 3 volle maanden',
  },
  description: {
    en: 'Recurring revenue divided by the hours worked under the agreement for each agreement client over the last 3 full months (hours billed separately, per hour or off prepaid blocks, left out). A client below the standard rate costs more time than it pays for: find the cause (noisy users, old hardware) or reprice.',
    nl: 'Terugkerende omzet gedeeld door de onder het contract gewerkte uren per contractklant over de afgelopen 3 volle maanden (apart gefactureerde uren, op nacalculatie of van een strippenkaart, tellen niet mee). Een klant onder het standaardtarief kost meer tijd dan hij betaalt: zoek de oorzaak (veeleisende gebruikers, oude hardware) of pas de prijs aan.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['owner', 'finance', 'account-manager'],
  unit: 'euro',
  direction: 'higher',
  window: { en: 'last 3 full months', nl: 'afgelopen 3 volle maanden' },
  params: {
    months: {
      type: 'integer',
      default: 3,
      min: 1,
      max: 12,
      description: { en: 'Full calendar months to look back.', nl: 'Aantal volle kalendermaanden terug.' },
    },
    standardRate: STANDARD_RATE,
    recurringTypes: RECURRING_TYPES,
  },
  band: { target: 95, warn: 85 },
  bandPerItem: true,
  freshnessMinutes: 24 * 60,
  personal: true,
  reachDays: 123,
  stepsMonthly: true,
  about: {
    population: {
      en: 'Agreement clients (MRR > 0); hours worked under their recurring-service and retainer contracts only, not T&M, prepaid or other fees (billing.ts).',
      nl: 'Contractklanten (MRR > 0); alleen uren onder hun recurring-service- en retainercontracten, niet op nacalculatie, strippenkaart of andere vaste bedragen (billing.ts).',
    },
    sources: [...AGREEMENT_LABOUR_SOURCES],
    industry: {
      en: "G7 in its simple form, revenue / hours [MSPINS]; revenue is today's MRR x the months the synced history covers (no invoice feed, no addition costs).",
      nl: 'G7 in de eenvoudige vorm, omzet / uren [MSPINS]; omzet is de MRR van vandaag x de maanden die de gesynchroniseerde historie dekt (geen factuurgegevens, geen bijkomende kosten).',
    },
  },
  queries: ({ db, now, tz, params }) =>
    agreementQueries(db, localDate(now, tz), params.months, 0, params.recurringTypes),
  compute: ({ contracts, labour, first }, { params, me, now, tz }) => {
    const clients = agreementEconomics(
      { contracts, labour, first },
      localDate(now, tz),
      params.months,
      params.recurringTypes,
    ).filter(ownedBy(me))
    const worked = clients.filter((c) => c.hours > 0)
    const revenue = worked.reduce((sum, c) => sum + c.revenue, 0)
    const total = worked.reduce((sum, c) => sum + c.hours, 0)
    const items = clients
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: effectiveRate(c) }))
      .sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || Number(a.key) - Number(b.key))
    const below = items.filter((i) => i.value !== null && i.value < params.standardRate).length
    return {
      value: total === 0 ? null : revenue / total,
      items,
      facts: { clients: worked.length, below, hours: total },
    }
  },
  // Euros an hour short, times the hours worked under agreements: the revenue those hours fell short by.
  consequence: (gap, { facts }, { params }) => ({
    amount: gap * facts.hours,
    what:
      params.months === 1
        ? { en: 'less revenue last full month', nl: 'minder omzet vorige volle maand' }
        : {
            en: `less revenue over the last ${params.months} full months`,
            nl: `minder omzet over de afgelopen ${params.months} volle maanden`,
          },
  }),
  context: ({ value, facts }, { params }) => {
    if (value === null || value === undefined)
      return {
        en: `No hours were worked for agreement clients in the last ${params.months} full months.`,
        nl: `Er zijn de afgelopen ${params.months} volle maanden geen uren gewerkt voor contractklanten.`,
      }
    const rate = money(params.standardRate)
    return {
      en: `Agreement clients paid ${money(value).en} per hour worked; ${facts?.below} of ${facts?.clients} are below the standard ${rate.en}.`,
      nl: `Contractklanten betaalden ${money(value).nl} per gewerkt uur; ${facts?.below} van de ${facts?.clients} ${pluralWord(Number(facts?.below), 'zit', 'zitten')} onder het standaardtarief van ${rate.nl}.`,
    }
  },
})
