// roleboard's PSA-neutral model: what the raw tables' coded columns mean, whichever PSA filled them.
// Every connector maps its PSA's records onto these meanings (docs/psa-model.md); the KPI library
// reads only them, so a KPI means the same on Autotask and on ConnectWise.

/** Where a ticket stands (`ticket.state`). Every state but `complete` is open. */
export const TICKET_STATES = ['open', 'waiting_customer', 'on_hold', 'resolved', 'complete'] as const
export type TicketState = (typeof TICKET_STATES)[number]

/** What kind of work a ticket is (`ticket.kind`); null when the PSA says nothing we recognise. */
export const TICKET_KINDS = ['service_request', 'incident', 'problem', 'change', 'alert'] as const
export type TicketKind = (typeof TICKET_KINDS)[number]

/** How urgent a ticket is (`ticket.urgency`): 1 critical, 2 high, 3 medium, 4 low; null when unknown. */
export const URGENCY = { critical: 1, high: 2, medium: 3, low: 4 } as const
export type Urgency = (typeof URGENCY)[keyof typeof URGENCY]

/**
 * How an opportunity stands (`opportunity.outcome`): open while it is still in the pipeline, won, or lost when it
 * closed without a win (lost, or shelved as not ready to buy). The win rate counts a won or lost one by its own date
 * (`closed_at`, `lost_at`), so a shelved one, which has no lost date, counts against no rate.
 */
export const OPPORTUNITY_OUTCOMES = ['open', 'won', 'lost'] as const
export type OpportunityOutcome = (typeof OPPORTUNITY_OUTCOMES)[number]

/**
 * The kind of a contract (`contract.contract_type`), roleboard's own codes. How an hour under it is paid
 * (kpi-library/billing.ts) and whether it is recurring revenue follow from the kind.
 */
export const CONTRACT_KIND = {
  timeAndMaterials: 1,
  fixedPrice: 3,
  blockHours: 4,
  retainer: 6,
  recurringService: 7,
  perTicket: 8,
} as const

/**
 * The label lists a connector fills (`picklist_value`), by the PSA value a column holds: a ticket's status,
 * priority, queue (ConnectWise: board), category (issue type; ConnectWise: subtype) and so on. The keys are
 * the stored `entity` and `field`.
 */
export const LABELS = {
  ticketStatus: { entity: 'Tickets', field: 'status' },
  ticketPriority: { entity: 'Tickets', field: 'priority' },
  ticketQueue: { entity: 'Tickets', field: 'queueID' },
  ticketCategory: { entity: 'Tickets', field: 'issueType' },
  ticketSubcategory: { entity: 'Tickets', field: 'subIssueType' },
  ticketSource: { entity: 'Tickets', field: 'source' },
  ticketType: { entity: 'Tickets', field: 'ticketType' },
  contractKind: { entity: 'Contracts', field: 'contractType' },
  noteType: { entity: 'TicketNotes', field: 'noteType' },
  billingCode: { entity: 'TimeEntries', field: 'billingCodeID' },
} as const
export type LabelList = keyof typeof LABELS

/**
 * What a PSA's API cannot tell roleboard, where that changes what a KPI counts (docs/psa-model.md). A KPI that
 * depends on one says how on its tile (its `differs`), so the same number never means two things unsaid.
 */
export const PSA_LIMITS = ['dueTimesIgnoreWaits', 'noQuotes'] as const
export type PsaLimit = (typeof PSA_LIMITS)[number]

/** The limits of each PSA's data; a PSA not named has none. */
export const LIMITS_OF_PSA: Readonly<Record<string, readonly PsaLimit[]>> = {
  // ConnectWise's API shows no time a ticket waited, so its SLA resolution due times stay as set at creation; its
  // quotes live in ConnectWise Sell, outside the PSA's API.
  connectwise: ['dueTimesIgnoreWaits', 'noQuotes'],
}

/**
 * Which status names mean what, and which ticket sources are monitoring alerts: MSP settings, as
 * case-insensitive regular expressions over the PSA's own names. The defaults read English and Dutch.
 */
export interface TicketMeanings {
  waitingCustomer: string
  onHold: string
  resolved: string
  alertSources: string
}

export const DEFAULT_TICKET_MEANINGS: TicketMeanings = {
  waitingCustomer: '(wait|wacht).*(customer|klant)',
  onHold: 'on ?hold|wait|wacht|pending|vendor|leverancier',
  resolved: 'resolved|opgelost|work complete',
  alertSources: 'monitor|rmm|automate|alert',
}

/** The meanings compiled once; a pattern that does not compile matches nothing (the settings' schema checks them). */
export function compileMeanings(meanings: TicketMeanings) {
  const re = (source: string) => {
    try {
      return new RegExp(source, 'i')
    } catch {
      return /$^/
    }
  }
  return {
    waitingCustomer: re(meanings.waitingCustomer),
    onHold: re(meanings.onHold),
    resolved: re(meanings.resolved),
    alertSources: re(meanings.alertSources),
  }
}
export type CompiledMeanings = ReturnType<typeof compileMeanings>

/**
 * A ticket's state: complete when the PSA says it is closed, else what its status name means. Waiting on the
 * customer is tested first, so "Waiting Customer" is not read as on hold.
 */
export function ticketState(closed: boolean, statusName: string | null, meanings: CompiledMeanings): TicketState {
  if (closed) return 'complete'
  if (statusName === null) return 'open'
  if (meanings.waitingCustomer.test(statusName)) return 'waiting_customer'
  if (meanings.resolved.test(statusName)) return 'resolved'
  if (meanings.onHold.test(statusName)) return 'on_hold'
  return 'open'
}

/** A kind from a PSA's type name ("Incident", "Service Request", "Wijziging"); null when none fits. */
export function kindFromName(name: string | null): TicketKind | null {
  if (name === null) return null
  if (/alert|monitor/i.test(name)) return 'alert'
  if (/incident|storing/i.test(name)) return 'incident'
  if (/problem|probleem/i.test(name)) return 'problem'
  if (/change|wijziging/i.test(name)) return 'change'
  if (/request|verzoek|aanvraag/i.test(name)) return 'service_request'
  return null
}

/** An urgency from a PSA's priority name ("Priority 1 - Critical", "Hoog"); null when none fits. */
export function urgencyFromName(name: string | null): Urgency | null {
  if (name === null) return null
  if (/critical|kritiek|emergency|urgent/i.test(name)) return URGENCY.critical
  if (/high|hoog/i.test(name)) return URGENCY.high
  if (/medium|normal|gemiddeld|normaal/i.test(name)) return URGENCY.medium
  if (/low|laag/i.test(name)) return URGENCY.low
  return null
}
