import { udfNumber } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { contractsToday } from './shared.js'
import { money } from '../../format.js'
import { clientRows, ownedBy } from '../../clients.js'
import { mrrByCompany, RECURRING_TYPES } from '../../contracts.js'

// Seats come from the company UDF "Seats". No band: the only benchmark is US per-user pricing of low
// confidence, which does not fit Dutch price levels.

export const mrrPerSeat = defineKpi({
  id: 'mrr_per_seat',
  title: { en: 'MRR per seat', nl: 'MRR per gebruiker' },
  description: {
    en: 'Monthly recurring revenue per licensed user, per client and for the portfolio. Clients far below the rest are underpriced: put a price review on the agenda of their next meeting.',
    nl: 'Maandelijkse terugkerende omzet per gebruiker, per klant en voor het hele klantenbestand. Klanten ver onder de rest betalen te weinig: zet een prijsherziening op de agenda van het volgende gesprek.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['owner', 'account-manager', 'finance'],
  unit: 'euro',
  direction: 'higher',
  window: { en: 'today', nl: 'vandaag' },
  params: { recurringTypes: RECURRING_TYPES },
  band: null,
  freshnessMinutes: 24 * 60,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: 'Clients with MRR > 0 and a seat count (company UDF Seats).',
      nl: 'Klanten met MRR > 0 en een aantal gebruikers (bedrijfs-UDF Seats).',
    },
    sources: ['contract.udf[Monthly Value]', 'company.udf[Seats]'],
    industry: {
      en: 'G5: MRR / seats, portfolio as sum over sum; no band (the benchmark is US pricing of low confidence).',
      nl: 'G5: MRR / gebruikers, portefeuille als som over som; geen band (de benchmark is Amerikaanse prijsstelling met lage zekerheid).',
    },
  },
  queries: (ctx) => ({ ...contractsToday(ctx), clients: clientRows(ctx.db) }),
  compute: ({ contracts, clients }, { params, me }) => {
    const revenue = mrrByCompany(contracts, params.recurringTypes)
    const rows = clients
      .filter(ownedBy(me))
      .map((c) => ({ ...c, seats: udfNumber(c.udf, 'Seats') ?? 0, mrr: revenue.get(c.companyId)?.mrr ?? 0 }))
      .filter((c) => c.seats > 0 && c.mrr > 0)
    const mrr = rows.reduce((sum, c) => sum + c.mrr, 0)
    const seats = rows.reduce((sum, c) => sum + c.seats, 0)
    const items = rows
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: c.mrr / c.seats }))
      .sort((a, b) => a.value - b.value || Number(a.key) - Number(b.key))
    return {
      value: seats === 0 ? null : mrr / seats,
      items,
      facts: { clients: rows.length, seats, lowest: items[0]?.label ?? null },
    }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: 'No client has both a recurring contract and a seat count.',
        nl: 'Geen klant heeft zowel een abonnementscontract als een aantal gebruikers.',
      }
    return {
      en: `Clients pay ${money(value).en} per seat a month on average over ${facts?.seats} seats at ${facts?.clients} clients; ${facts?.lowest} pays the least.`,
      nl: `Klanten betalen gemiddeld ${money(value).nl} per gebruiker per maand, over ${facts?.seats} gebruikers bij ${facts?.clients} klanten; ${facts?.lowest} betaalt het minst.`,
    }
  },
})
