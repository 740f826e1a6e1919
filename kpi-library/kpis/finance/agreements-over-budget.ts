import { countOf, exact, money, pluralWord } from '../../format.js'
import { sql } from 'kysely'
import { agreementHourTypes, billedEntries } from '../../billing.js'
import { labelOf, sqlList } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { BUDGET_SHARE, burnQueries, monthBurn, monthToDate, overBudget } from './shared.js'
import { ownedBy } from '../../clients.js'
import { AGREEMENT_LABOUR_SOURCES, RECURRING_TYPES, STANDARD_RATE } from '../../contracts.js'
import { FIELD } from '../../lists.js'

// Listed when this month's hours already exceed the budget, or when the month-end projection does.
// Before `minDays` business days the projection counts as if that many had passed: undamped it swings on a
// single busy morning, left out it hides a client that used 97% of its budget by day 4.

export const agreementsOverBudget = defineKpi({
  id: 'agreements_over_budget',
  title: { en: 'Agreements over their hour budget', nl: 'Contracten boven urenbudget' },
  description: {
    en: 'Agreement clients who use, or are on course to use, more hours under their agreement this month than their MRR pays for at the standard rate (hours billed separately left out). Review scope and pricing with the client and fix the root cause behind the top categories.',
    nl: 'Contractklanten die deze maand meer uren onder hun contract gebruiken, of op koers liggen om te gebruiken, dan hun MRR tegen het standaardtarief betaalt (apart gefactureerde uren tellen niet mee). Bespreek scope en prijs met de klant en pak de oorzaak achter de grootste categorieën aan.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['account-manager', 'finance', 'integrator', 'owner'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'month to date', nl: 'deze maand tot nu' },
  params: {
    standardRate: STANDARD_RATE,
    budgetShare: BUDGET_SHARE,
    recurringTypes: RECURRING_TYPES,
    minDays: {
      type: 'integer',
      default: 5,
      min: 1,
      max: 23,
      description: {
        en: 'Business days the projection counts at least: earlier in the month it projects as if that many had passed.',
        nl: 'Werkdagen die de prognose minstens telt: eerder in de maand rekent ze alsof er zoveel voorbij zijn.',
      },
    },
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Review scope and pricing', nl: 'Scope en prijs herzien' },
    leavesWhen: {
      en: 'the month ends, or hours and projection fall back under budget',
      nl: 'de maand voorbij is, of uren en prognose weer onder budget vallen',
    },
    owner: { en: 'the account manager with the service manager', nl: 'de accountmanager samen met de servicemanager' },
    fields: [
      FIELD.companyName,
      FIELD.mrr,
      { key: 'hoursMtd', label: { en: 'Hours this month', nl: 'Uren deze maand' }, type: 'hours' },
      { key: 'budgetHours', label: { en: 'Budget (h)', nl: 'Budget (u)' }, type: 'hours' },
      { key: 'burnPct', label: { en: 'Used', nl: 'Verbruikt' }, type: 'percent' },
      { key: 'projectedPct', label: { en: 'Projected', nl: 'Prognose' }, type: 'percent' },
      { key: 'topCategories', label: { en: 'Top categories', nl: 'Grootste categorieën' }, type: 'text' },
      FIELD.accountManager,
    ],
    sort: { en: 'highest projected use first', nl: 'hoogste prognose eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Agreement clients whose hours under their own recurring-service and retainer contracts this month exceed, or are projected to exceed, the hour budget.',
      nl: 'Contractklanten van wie de uren onder hun eigen recurring-service- en retainercontracten deze maand boven het urenbudget uitkomen, of naar verwachting uitkomen.',
    },
    sources: [...AGREEMENT_LABOUR_SOURCES, 'ticket.issue_type', 'company.owner_resource_id'],
    industry: {
      en: "G9 (Cognition360's underwater agreements): G8 over 100% month to date or projected by business days.",
      nl: 'G9 (underwater agreements bij Cognition360): G8 boven 100% deze maand, of volgens de prognose op werkdagen.',
    },
  },
  queries: (ctx) => {
    const { db, now, tz, hours, params } = ctx
    const month = monthToDate(now, tz, hours)
    return {
      ...burnQueries(ctx, params.recurringTypes),
      // The same hours as the budget: ticket work under the agreement itself.
      categories: billedEntries(db)
        .innerJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
        .select([
          'ticket.company_id as companyId',
          labelOf('ticketCategory', 'ticket.issue_type').as('category'),
          sql<number>`sum(time_entry.hours_worked)`.as('hours'),
        ])
        .where('billing_contract.contract_type', 'in', sqlList(agreementHourTypes(params.recurringTypes)))
        .where('time_entry.date_worked', '>=', month.from)
        .where('time_entry.date_worked', '<=', month.today)
        .groupBy(['ticket.company_id', 'ticket.issue_type']),
    }
  },
  compute: ({ contracts, labour, categories }, ctx) => {
    const over = monthBurn({ contracts, labour }, ctx, ctx.params, ctx.params.minDays)
      .filter(ownedBy(ctx.me))
      .filter(overBudget)
    const top = (companyId: number) =>
      categories
        .filter((r) => r.companyId === companyId)
        .sort((a, b) => Number(b.hours) - Number(a.hours) || String(a.category).localeCompare(String(b.category)))
        .slice(0, 3)
        .map((r) => r.category ?? '?')
        .join(', ')
    const rows = over
      .map((c) => ({
        ...c,
        hoursMtd: exact(c.hoursMtd),
        budgetHours: exact(c.budgetHours),
        burnPct: exact(c.burnPct),
        projectedPct: c.projectedPct === null ? null : exact(c.projectedPct),
        topCategories: top(c.companyId),
        sortKey: c.projectedPct ?? c.burnPct,
      }))
      .sort((a, b) => b.sortKey - a.sortKey || a.companyId - b.companyId)
      .map(({ sortKey: _, ...row }) => row)
    return { rows, facts: { count: rows.length, mrr: rows.reduce((sum, r) => sum + r.mrr, 0) } }
  },
  context: ({ facts }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: 'Every agreement client is within its hour budget this month.',
        nl: 'Elke contractklant blijft deze maand binnen zijn urenbudget.',
      }
    const mrr = money(Number(facts?.mrr ?? 0))
    return {
      en: `${n} agreement ${pluralWord(n, 'client is', 'clients are')} over or heading over their hour budget this month, together ${mrr.en} MRR.`,
      nl: `${countOf(n, 'contractklant zit', 'contractklanten zitten')} deze maand boven of op koers boven het urenbudget, samen ${mrr.nl} MRR.`,
    }
  },
})
