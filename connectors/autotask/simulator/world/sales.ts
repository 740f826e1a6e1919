import type { ApiRecord } from '../store.js'
import { addBusinessDays, iso, isBusinessDay, isoDate } from './clock.js'
import type { BusinessContext, BusinessPart, Planner } from './business.js'
import { atHours } from './business.js'
import { ODDS } from './odds.js'
import { COMPANY_TYPE, OPPORTUNITY_STAGE, OPPORTUNITY_STATUS } from './picklists.js'
import { Rng, mix } from './random.js'
import { NO_UDFS } from './roster.js'
import type { CompanyInfo } from './types.js'

// The sales pipeline: account managers open opportunities with clients (upsell) and prospects (new
// business), send a quote, sometimes a revised one, and win about four in ten. Each opportunity's
// whole course is planned the day it is opened; its changes are revealed as the clock passes them.

interface Deal {
  amount: number
  monthly: number | null
  category: number
}

interface Offer {
  title: (rng: Rng) => string
  deal: (rng: Rng) => Deal
  /** Offered to prospects rather than to existing clients. */
  newBusiness: boolean
  weight: number
}

const round50 = (n: number) => Math.round(n / 50) * 50
const oneOff =
  (category: number, min: number, max: number) =>
  (rng: Rng): Deal => ({ amount: round50(rng.range(min, max)), monthly: null, category })
const yearly =
  (category: number, min: number, max: number) =>
  (rng: Rng): Deal => {
    const monthly = round50(rng.range(min, max))
    return { amount: monthly * 12, monthly, category }
  }

const OFFERS: readonly Offer[] = [
  { title: () => 'Uitbreiding Microsoft 365 licenties', deal: yearly(2, 100, 700), newBusiness: false, weight: 5 },
  {
    title: (rng) => `Vervanging laptops (${rng.int(3, 20)} st.)`,
    deal: oneOff(2, 3500, 23000),
    newBusiness: false,
    weight: 4,
  },
  { title: () => 'Nieuwe firewall en switches', deal: oneOff(2, 3500, 9000), newBusiness: false, weight: 3 },
  { title: () => 'Project migratie naar SharePoint', deal: oneOff(3, 4000, 18000), newBusiness: false, weight: 2 },
  { title: () => 'Back-up en disaster recovery', deal: yearly(1, 150, 600), newBusiness: false, weight: 3 },
  { title: () => 'Security awareness training', deal: oneOff(1, 1200, 4800), newBusiness: false, weight: 2 },
  { title: () => 'Managed Services Werkplek', deal: yearly(1, 600, 4200), newBusiness: true, weight: 4 },
  { title: () => 'Overname IT-beheer', deal: yearly(1, 900, 5500), newBusiness: true, weight: 2 },
]

/** lossReason "no answer from the client" (picklists.ts). */
const LOSS_NO_ANSWER = 4

export function planSales(ctx: BusinessContext): BusinessPart {
  const customers = ctx.roster.companies.filter((c) => c.customer)
  const prospects = ctx.roster.companies.filter(
    (c) => c.rec.companyType === COMPANY_TYPE.prospect || c.rec.companyType === COMPANY_TYPE.lead,
  )

  return {
    day(plan, day) {
      if (!isBusinessDay(day)) return
      const rng = new Rng(mix(ctx.seed, day, 0x5a1e5))
      const visible = (list: CompanyInfo[]) => list.filter((c) => c.createdDay < day)
      const clients = visible(customers)
      const leads = visible(prospects)
      if (clients.length === 0) return
      for (let n = rng.count(Math.max(0.25, clients.length * ODDS.opportunityOpenedPerDay)); n > 0; n--) {
        const newBusiness = leads.length > 0 && rng.chance(ODDS.opportunityIsNewBusiness)
        const company = newBusiness
          ? rng.pick(leads)
          : rng.weighted(
              clients,
              clients.map((c) => c.weight),
            )
        const offers = OFFERS.filter((offer) => offer.newBusiness === newBusiness)
        const offer = rng.weighted(
          offers,
          offers.map((o) => o.weight),
        )
        opportunity(plan, rng, company, offer, day, newBusiness)
      }
    },
  }
}

/** Opens an opportunity on `day` and plans its course: quote, stage changes, slips, and the outcome. */
function opportunity(
  plan: Planner,
  rng: Rng,
  company: CompanyInfo,
  offer: Offer,
  day: number,
  newBusiness: boolean,
): void {
  const deal = offer.deal(rng)
  const t0 = atHours(rng, day, 8.5, 17.5)
  const owner = company.rec.ownerResourceID as number
  const contact = company.contacts[0]?.id ?? null
  const closeDay = addBusinessDays(day, rng.int(10, 50))
  const opp: ApiRecord = {
    id: 0,
    amount: deal.amount,
    closedDate: null,
    companyID: company.id,
    contactID: contact,
    cost: round50(deal.amount * 0.6),
    createDate: iso(t0),
    description: null,
    lastActivity: iso(t0),
    leadSource: newBusiness ? rng.int(2, 4) : 1,
    lossReason: null,
    lostDate: null,
    monthlyRevenue: deal.monthly,
    onetimeRevenue: deal.monthly === null ? deal.amount : null,
    opportunityCategoryID: deal.category,
    ownerResourceID: owner,
    probability: 10,
    projectedCloseDate: isoDate(closeDay),
    stage: OPPORTUNITY_STAGE.qualify,
    startDate: isoDate(day),
    status: OPPORTUNITY_STATUS.active,
    title: offer.title(rng),
    winReason: null,
    userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
  }
  plan.create('Opportunities', t0, opp)
  const change = (t: number, patch: Partial<ApiRecord>) =>
    plan.edit('Opportunities', t, opp, { ...patch, lastActivity: iso(t) })

  const quoteDay = addBusinessDays(day, rng.int(2, 8))
  if (rng.chance(ODDS.opportunityNeedsAnalysis)) {
    change(atHours(rng, addBusinessDays(day, 1), 8.5, 17.5), { stage: OPPORTUNITY_STAGE.needs, probability: 25 })
  }
  const quoteAt = atHours(rng, quoteDay, 8.5, 17.5)
  let current = quote(plan, opp, quoteAt, quoteDay)
  change(quoteAt, { stage: OPPORTUNITY_STAGE.quoted, probability: 50 })

  // About 42% won, 43% lost, 5% put on hold; the rest drag on for months and are then lost for want of an answer.
  const roll = rng.next()
  const odds = ODDS.outcomeBelow
  const outcome = roll < odds.won ? 'won' : roll < odds.lost ? 'lost' : roll < odds.notReady ? 'notReady' : 'drawnOut'
  const decisionDay = Math.max(
    addBusinessDays(quoteDay, 1),
    addBusinessDays(closeDay, rng.int(-5, 15)) + (outcome === 'drawnOut' ? rng.int(60, 120) : 0),
  )
  if (decisionDay > closeDay + 5 && rng.chance(ODDS.closeDateMoved)) {
    const slipAt = atHours(rng, Math.max(quoteDay + 1, closeDay - 2), 8.5, 17.5)
    change(slipAt, { projectedCloseDate: isoDate(addBusinessDays(decisionDay, rng.int(0, 10))) })
  }
  // A quote runs 30 days; one still needed after that is sent again, replacing the first.
  if (decisionDay > quoteDay + 30 && rng.chance(ODDS.quoteRevised)) {
    const reviseDay = quoteDay + 28
    const reviseAt = atHours(rng, reviseDay, 8.5, 17.5)
    plan.edit('Quotes', reviseAt, current, { primaryQuote: false, isActive: false, lastActivityDate: iso(reviseAt) })
    current = quote(plan, opp, reviseAt, reviseDay)
  }
  const decidedAt = atHours(rng, decisionDay, 8.5, 17.5)
  if (outcome === 'won') {
    if (decisionDay - 3 > quoteDay && rng.chance(ODDS.opportunityNegotiated)) {
      change(atHours(rng, decisionDay - 3, 8.5, 17.5), { stage: OPPORTUNITY_STAGE.negotiate, probability: 75 })
    }
    change(decidedAt, {
      status: OPPORTUNITY_STATUS.closed,
      probability: 100,
      closedDate: iso(decidedAt),
      winReason: rng.int(1, 3),
    })
    if (rng.chance(ODDS.opportunityImplemented)) {
      const implementedAt = atHours(rng, addBusinessDays(decisionDay, rng.int(15, 40)), 8.5, 17.5)
      change(implementedAt, { status: OPPORTUNITY_STATUS.implemented })
    }
  } else if (outcome === 'lost' || outcome === 'drawnOut') {
    const reason = outcome === 'drawnOut' ? LOSS_NO_ANSWER : rng.int(1, 3)
    change(decidedAt, { status: OPPORTUNITY_STATUS.lost, probability: 0, lostDate: iso(decidedAt), lossReason: reason })
    plan.edit('Quotes', decidedAt, current, { isActive: false, lastActivityDate: iso(decidedAt) })
  } else if (outcome === 'notReady') {
    change(decidedAt, { status: OPPORTUNITY_STATUS.notReady, probability: 0 })
  }
}

function quote(plan: Planner, opp: ApiRecord, t: number, day: number): ApiRecord {
  const record: ApiRecord = {
    id: 0,
    companyID: opp.companyID,
    contactID: opp.contactID,
    createDate: iso(t),
    creatorResourceID: opp.ownerResourceID,
    effectiveDate: isoDate(day),
    expirationDate: isoDate(day + 30),
    isActive: true,
    lastActivityDate: iso(t),
    name: `Offerte ${opp.title}`,
    opportunityID: 0,
    primaryQuote: true,
    quoteNumber: 0,
    userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
  }
  plan.create('Quotes', t, record, (q) => {
    q.opportunityID = opp.id
    q.quoteNumber = 1000 + (q.id % 100000)
  })
  return record
}
