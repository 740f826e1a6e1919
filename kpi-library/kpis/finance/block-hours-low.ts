import { exact, formatNumber, isText, pluralWord } from '../../format.js'
import { sql } from 'kysely'
import { addDays, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { sqlList, udfNumber } from '../../sql.js'
import { billedEntries, prepaidHoursUsed } from '../../billing.js'
import { ownedBy } from '../../clients.js'
import { ACTIVE, contractsInForce, futureContracts, isRenewed } from '../../contracts.js'
import { FIELD } from '../../lists.js'

// Used hours = billable hours (hours to bill, else hours worked) of the entries billed under the
// contract: booked to it, or to a ticket under it opened during its term (billing.ts); purchased = the contract UDF "Hours
// Purchased" for the current term. Burn rate = the last 28 days. A contract whose next block is
// already entered has been renewed and leaves the list.

export const blockHoursLow = defineKpi({
  id: 'block_hours_low',
  title: { en: 'Prepaid hours low or used up', nl: 'Strippenkaart bijna of helemaal op' },
  description: {
    en: 'Block-hour and retainer contracts with less than 20% of the purchased hours left. Offer the client a new block or a top-up before the hours run out and work becomes unbillable or blocked.',
    nl: 'Strippenkaarten en retainers met minder dan 20% van de gekochte uren over. Bied de klant een nieuwe strippenkaart of aanvulling aan voordat de uren op zijn en werk niet meer te factureren is of blijft liggen.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['account-manager', 'finance'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'current contract term', nl: 'huidige contractperiode' },
  params: {
    remainingShare: {
      type: 'number',
      default: 0.2,
      min: 0,
      max: 1,
      description: {
        en: 'List a contract when less than this share of its hours is left.',
        nl: 'Toon een contract als er minder dan dit deel van de uren over is.',
      },
    },
    blockTypes: {
      type: 'integers',
      default: [4, 6],
      description: {
        en: 'Contract types with prepaid hours (4 Block Hours, 6 Retainer).',
        nl: 'Contracttypen met vooruitbetaalde uren (4 Block Hours, 6 Retainer).',
      },
    },
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Sell a new block or top-up', nl: 'Nieuwe strippenkaart of aanvulling verkopen' },
    leavesWhen: {
      en: 'a new block is bought or the contract is renewed',
      nl: 'er een nieuwe strippenkaart is gekocht of het contract is verlengd',
    },
    owner: { en: 'the account manager', nl: 'de accountmanager' },
    fields: [
      FIELD.companyName,
      { key: 'contractName', label: { en: 'Contract', nl: 'Contract' }, type: 'text' },
      { key: 'hoursPurchased', label: { en: 'Purchased (h)', nl: 'Gekocht (u)' }, type: 'hours' },
      { key: 'hoursLeft', label: { en: 'Left (h)', nl: 'Over (u)' }, type: 'hours' },
      { key: 'usedPct', label: { en: 'Used', nl: 'Verbruikt' }, type: 'percent' },
      { key: 'burnPerWeek', label: { en: 'Hours per week', nl: 'Uren per week' }, type: 'hours' },
      { key: 'weeksLeft', label: { en: 'Weeks left', nl: 'Weken over' }, type: 'number' },
      { key: 'endDate', label: { en: 'Ends', nl: 'Einddatum' }, type: 'date' },
      FIELD.accountManager,
    ],
    sort: { en: 'fewest weeks left first', nl: 'minste weken over eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Block-hour and retainer contracts in force, not yet renewed; used hours are the billable entries billed under the contract (booked to it, or to a ticket under it).',
      nl: 'Lopende strippenkaarten en retainers die nog niet verlengd zijn; verbruikte uren zijn de declarabele registraties onder het contract (erop geboekt, of op een ticket eronder).',
    },
    sources: [
      'contract.contract_type',
      'contract.udf[Hours Purchased]',
      'time_entry.hours_to_bill',
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.contract_id',
      'ticket.contract_id',
    ],
    industry: {
      en: 'G19: less than 20% of the purchased hours left; tools alert at 80% and 95% used [ATERA].',
      nl: 'G19: minder dan 20% van de gekochte uren over; tools waarschuwen bij 80% en 95% verbruik [ATERA].',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    const billable = prepaidHoursUsed()
    // The prepaid contracts in force (only they are listed), and the tickets under them opened during
    // their term, found through the company index rather than by reading every ticket.
    const prepaid = db
      .selectFrom('contract as block')
      .where('block.status', '=', ACTIVE)
      .where('block.contract_type', 'in', sqlList(params.blockTypes))
      .where('block.start_date', '<=', today)
      .where((eb) => eb.or([eb('block.end_date', 'is', null), eb('block.end_date', '>=', today)]))
    const prepaidTickets = prepaid
      .innerJoin('ticket', (join) =>
        join
          .onRef('ticket.company_id', '=', 'block.company_id')
          .onRef('ticket.created_at', '>=', 'block.start_date')
          .onRef('ticket.contract_id', '=', 'block.id'),
      )
      .select('ticket.id')
    return {
      contracts: contractsInForce(db, today),
      later: futureContracts(db, today),
      usage: billedEntries(db)
        .select([
          'billing_contract.id as contractId',
          sql<number>`sum(${billable})`.as('used'),
          sql<number>`sum(case when time_entry.date_worked > ${addDays(today, -28)} then ${billable} else 0 end)`.as(
            'recent',
          ),
        ])
        // Only prepaid contracts are listed, so only the entries that may be billed under one are read,
        // through the contract and ticket indexes, not all of history; grouping by the billing contract
        // puts each where it belongs (an entry booked elsewhere on such a ticket lands on that contract).
        .where((eb) =>
          eb.or([
            eb('time_entry.contract_id', 'in', prepaid.select('block.id')),
            eb('time_entry.ticket_id', 'in', prepaidTickets),
          ]),
        )
        .groupBy('billing_contract.id'),
    }
  },
  compute: ({ contracts, later, usage }, { params, me }) => {
    const byContract = new Map(usage.map((u) => [u.contractId, { used: u.used, recent: u.recent }]))
    const rows = contracts
      .filter((k) => k.contractType !== null && params.blockTypes.includes(k.contractType) && !isRenewed(k, later))
      .filter(ownedBy(me))
      .map((k) => {
        const purchased = udfNumber(k.udf, 'Hours Purchased') ?? 0
        const use = byContract.get(k.contractId) ?? { used: 0, recent: 0 }
        const left = purchased - use.used
        const burnPerWeek = use.recent / 4
        return {
          companyId: k.companyId,
          companyName: k.companyName,
          contractId: k.contractId,
          contractName: k.contractName,
          endDate: k.endDate,
          accountManagerId: k.accountManagerId,
          accountManagerName: k.accountManagerName,
          hoursPurchased: purchased,
          hoursLeft: exact(left),
          usedPct: purchased > 0 ? exact((100 * use.used) / purchased) : null,
          burnPerWeek: exact(burnPerWeek),
          weeksLeft: burnPerWeek > 0 ? exact(Math.max(0, left) / burnPerWeek) : null,
          low: purchased > 0 && left / purchased < params.remainingShare,
        }
      })
      .filter((k) => k.low)
      .map(({ low: _, ...k }) => k)
      .sort((a, b) => (a.weeksLeft ?? Infinity) - (b.weeksLeft ?? Infinity) || a.contractId - b.contractId)
    // Hours over of each used-up contract, most first: the sentence counts each contract once, used up or low.
    const over = rows
      .filter((r) => r.hoursLeft <= 0)
      .map((r) => -r.hoursLeft)
      .sort((a, b) => b - a)
    return {
      rows,
      facts: {
        count: rows.length,
        empty: over.length,
        over: over.length > 0 && over.length <= 3 ? { en: hoursOver(over, 'en'), nl: hoursOver(over, 'nl') } : null,
      },
    }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    const pct = Math.round(params.remainingShare * 100)
    if (n === 0)
      return {
        en: `Every prepaid contract has at least ${pct}% of its hours left.`,
        nl: `Elk contract met vooruitbetaalde uren heeft nog minstens ${pct}% over.`,
      }
    const empty = Number(facts?.empty ?? 0)
    const low = n - empty
    const hours = (lang: 'en' | 'nl') => (isText(facts?.over) ? ` (${facts.over[lang]})` : '')
    // Each contract once: used up, or below the share but not used up yet.
    return {
      en: `${empty} used up${hours('en')}; ${low} below ${pct}% of ${pluralWord(low, 'its', 'their')} hours.`,
      nl: `${empty} helemaal op${hours('nl')}; ${low} onder ${pct}% van ${pluralWord(low, 'zijn', 'hun')} uren.`,
    }
  },
})

/** "9.6 h and 0.6 h over" / "9,6 u en 0,6 u eroverheen": the hours past the purchased ones of each used-up contract. */
function hoursOver(over: number[], lang: 'en' | 'nl'): string {
  const each = over.map((h) => `${formatNumber(h, lang)} ${lang === 'en' ? 'h' : 'u'}`)
  const joined =
    each.length > 1 ? `${each.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'en'} ${each.at(-1)}` : each[0]
  return lang === 'en' ? `${joined} over` : `${joined} eroverheen`
}
