import { udfNumber } from '../../sql.js'
import { addDays, DAY, localDate, startOfDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { countOf, money } from '../../format.js'
import { ownedBy } from '../../clients.js'
import { contractsInForce, futureContracts, isRenewed } from '../../contracts.js'
import { FIELD } from '../../lists.js'

// A contract counts as renewed when a later contract of the same client and type is already
// entered to follow it; such rows are hidden unless `includeRenewed` is set.

export const contractsExpiring90d = defineKpi({
  id: 'contracts_expiring_90d',
  title: { en: 'Contracts expiring within 90 days', nl: 'Contracten die binnen 90 dagen aflopen' },
  description: {
    en: 'Active contracts that end in the next 90 days and have no follow-up contract yet, in 0-30, 31-60 and 61-90 day buckets. Start the renewal conversation now, with a price review.',
    nl: 'Lopende contracten die in de komende 90 dagen aflopen en nog geen vervolgcontract hebben, in groepen van 0-30, 31-60 en 61-90 dagen. Begin nu het verlengingsgesprek, inclusief prijsherziening.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['account-manager', 'finance', 'owner'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'next 90 days', nl: 'komende 90 dagen' },
  params: {
    days: {
      type: 'integer',
      default: 90,
      min: 1,
      max: 365,
      description: { en: 'How many days ahead to look.', nl: 'Hoeveel dagen vooruit.' },
    },
    types: {
      type: 'integers',
      default: [7, 6, 4, 1, 8],
      description: {
        en: 'Contract types that get renewed (not fixed-price projects, which simply end).',
        nl: 'Contracttypen die verlengd worden (geen projecten met vaste prijs, die gewoon eindigen).',
      },
    },
    includeRenewed: {
      type: 'boolean',
      default: false,
      description: {
        en: 'Also list contracts that already have a follow-up.',
        nl: 'Ook contracten tonen die al een vervolg hebben.',
      },
    },
  },
  band: { target: 0, warn: 3 },
  freshnessMinutes: 24 * 60,
  personal: true,
  action: {
    verb: { en: 'Start the renewal', nl: 'Verlenging starten' },
    leavesWhen: {
      en: 'a follow-up contract is entered, or the contract is cancelled',
      nl: 'er een vervolgcontract is ingevoerd, of het contract is opgezegd',
    },
    owner: { en: 'the account manager', nl: 'de accountmanager' },
    fields: [
      FIELD.companyName,
      { key: 'contractName', label: { en: 'Contract', nl: 'Contract' }, type: 'text' },
      { key: 'contractTypeLabel', label: { en: 'Type', nl: 'Type' }, type: 'text' },
      { key: 'endDate', label: { en: 'Ends', nl: 'Einddatum' }, type: 'date' },
      { key: 'daysLeft', label: { en: 'Days left', nl: 'Dagen over' }, type: 'days' },
      { key: 'bucket', label: { en: 'Bucket', nl: 'Groep' }, type: 'text' },
      FIELD.mrr,
      { key: 'renewed', label: { en: 'Follow-up entered', nl: 'Vervolg ingevoerd' }, type: 'text' },
      FIELD.accountManager,
    ],
    sort: { en: 'end date, then MRR (largest first)', nl: 'einddatum, dan MRR (grootste eerst)' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Contracts in force ending within 90 days, without a successor of the same client and type.',
      nl: 'Lopende contracten die binnen 90 dagen aflopen, zonder opvolger van dezelfde klant en hetzelfde type.',
    },
    sources: [
      'contract.end_date',
      'contract.start_date',
      'contract.contract_type',
      'contract.status',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: 'G20: a 30/60/90-day renewal pipeline [MCP-REN].',
      nl: 'G20: een verlengingspijplijn van 30/60/90 dagen [MCP-REN].',
    },
  },
  queries: ({ db, now, tz }) => {
    const today = localDate(now, tz)
    return { contracts: contractsInForce(db, today), later: futureContracts(db, today) }
  },
  compute: ({ contracts, later }, { now, tz, params, me }) => {
    const today = localDate(now, tz)
    const last = addDays(today, params.days)
    const rows = contracts
      .filter(
        (k) =>
          k.endDate !== null && k.endDate <= last && k.contractType !== null && params.types.includes(k.contractType),
      )
      .filter(ownedBy(me))
      .map((k) => {
        const daysLeft = Math.round((startOfDate(k.endDate!, tz).getTime() - startOfDate(today, tz).getTime()) / DAY)
        const { udf: _, ...rest } = k
        return {
          ...rest,
          daysLeft,
          bucket: daysLeft <= 30 ? '0-30' : daysLeft <= 60 ? '31-60' : '61-90',
          mrr: udfNumber(k.udf, 'Monthly Value') ?? 0,
          renewed: isRenewed(k, later),
        }
      })
      .filter((k) => params.includeRenewed || !k.renewed)
      .sort((a, b) => a.endDate!.localeCompare(b.endDate!) || b.mrr - a.mrr || a.contractId - b.contractId)
    return {
      rows,
      facts: {
        count: rows.length,
        within30: rows.filter((r) => r.daysLeft <= 30).length,
        mrr: rows.reduce((sum, r) => sum + r.mrr, 0),
      },
    }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: `No contract ends in the next ${params.days} days without a follow-up.`,
        nl: `Er loopt de komende ${params.days} dagen geen contract af zonder vervolg.`,
      }
    const mrr = money(Number(facts?.mrr ?? 0))
    return {
      en: `${countOf(n, 'contract ends', 'contracts end')} in the next ${params.days} days (${facts?.within30} within 30), carrying ${mrr.en} MRR.`,
      nl: `${countOf(n, 'contract loopt', 'contracten lopen')} de komende ${params.days} dagen af (${facts?.within30} binnen 30), samen ${mrr.nl} MRR.`,
    }
  },
})
