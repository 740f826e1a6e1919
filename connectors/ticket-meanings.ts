import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import {
  compileMeanings,
  DEFAULT_TICKET_MEANINGS,
  kindFromName,
  LABELS,
  type TicketMeanings,
  type TicketState,
  ticketState,
  type Urgency,
  urgencyFromName,
} from '../db/psa-model.js'

// What a tenant's ticket statuses and priorities mean (db/psa-model.ts), read from the labels a connector
// synced and the MSP's settings. Every connector maps its tickets through these, and a change of the
// settings restates the open tickets, so a ticket's state never waits for its next edit.

/** The meanings of one tenant's status and priority values, by the PSA's own value. */
export interface TicketVocabulary {
  /** The state of an open ticket by its status (absent: plainly open). */
  statusStates: ReadonlyMap<number, TicketState>
  /** The urgency by priority, from its label (absent: unknown). */
  priorityUrgency: ReadonlyMap<number, Urgency>
  /** Ticket sources that are monitoring alerts. */
  alertSources: ReadonlySet<number>
}

/** The MSP's ticket meanings (`msp_settings.settings.ticketMeanings`) over the defaults. */
export async function loadTicketMeanings(db: Kysely<Database>): Promise<TicketMeanings> {
  const row = await db.selectFrom('msp_settings').select('settings').where('id', '=', 1).executeTakeFirst()
  let stored: Partial<TicketMeanings> = {}
  try {
    stored =
      (row ? (JSON.parse(row.settings) as { ticketMeanings?: Partial<TicketMeanings> }).ticketMeanings : {}) ?? {}
  } catch {
    // A settings row that does not parse is the settings service's to report; the defaults apply here.
  }
  return { ...DEFAULT_TICKET_MEANINGS, ...stored }
}

/** A tenant's vocabulary: its labels (`picklist_value`) read through the MSP's meanings. */
export async function loadTicketVocabulary(db: Kysely<Database>, psa: string): Promise<TicketVocabulary> {
  const meanings = compileMeanings(await loadTicketMeanings(db))
  const labels = async (list: 'ticketStatus' | 'ticketPriority' | 'ticketSource') =>
    db
      .selectFrom('picklist_value')
      .select(['value', 'label'])
      .where('psa', '=', psa)
      .where('entity', '=', LABELS[list].entity)
      .where('field', '=', LABELS[list].field)
      .execute()
  const statusStates = new Map<number, TicketState>()
  for (const { value, label } of await labels('ticketStatus')) {
    const state = ticketState(false, label, meanings)
    if (state !== 'open') statusStates.set(Number(value), state)
  }
  const priorityUrgency = new Map<number, Urgency>()
  for (const { value, label } of await labels('ticketPriority')) {
    const urgency = urgencyFromName(label)
    if (urgency !== null) priorityUrgency.set(Number(value), urgency)
  }
  const alertSources = new Set<number>()
  for (const { value, label } of await labels('ticketSource'))
    if (meanings.alertSources.test(label)) alertSources.add(Number(value))
  return { statusStates, priorityUrgency, alertSources }
}

/** PSAs whose monitoring alerts are told by the ticket's source (ConnectWise has no alert ticket type). */
export const ALERTS_BY_SOURCE: ReadonlySet<string> = new Set(['connectwise'])

/**
 * Sets every open ticket's state from its status by the current vocabulary (after the MSP changed what a
 * status name means, or a status was relabelled). Complete tickets keep theirs: that is the PSA's fact. Where
 * alerts are told by source, every ticket's kind follows the alert sources too.
 */
export async function restateOpenTickets(db: Kysely<Database>): Promise<number> {
  let changed = 0
  const psas = await db.selectFrom('ticket').select('psa').distinct().execute()
  for (const { psa } of psas) {
    const { statusStates, alertSources } = await loadTicketVocabulary(db, psa)
    await db.transaction().execute(async (trx) => {
      const open = trx.updateTable('ticket').where('psa', '=', psa).where('state', '!=', 'complete')
      const marked = [...statusStates.keys()]
      for (const [status, state] of statusStates) {
        const result = await open
          .set({ state })
          .where('status', '=', status)
          .where('state', '!=', state)
          .executeTakeFirst()
        changed += Number(result.numUpdatedRows)
      }
      const plain = await open
        .set({ state: 'open' })
        .where('state', '!=', 'open')
        .$if(marked.length > 0, (q) => q.where('status', 'not in', marked))
        .executeTakeFirst()
      changed += Number(plain.numUpdatedRows)
      if (ALERTS_BY_SOURCE.has(psa)) changed += await rekindAlerts(trx, psa, alertSources)
    })
  }
  return changed
}

/**
 * A ticket from an alert source is an alert; one that was an alert by a source no longer counted as one gets the
 * kind its type names again.
 */
async function rekindAlerts(db: Kysely<Database>, psa: string, alertSources: ReadonlySet<number>): Promise<number> {
  const sources = [...alertSources]
  let changed = 0
  if (sources.length > 0) {
    const alerts = await db
      .updateTable('ticket')
      .set({ kind: 'alert' })
      .where('psa', '=', psa)
      .where('source', 'in', sources)
      .where((eb) => eb.or([eb('kind', 'is', null), eb('kind', '!=', 'alert')]))
      .executeTakeFirst()
    changed += Number(alerts.numUpdatedRows)
  }
  const types = await db
    .selectFrom('picklist_value')
    .select(['value', 'label'])
    .where('psa', '=', psa)
    .where('entity', '=', LABELS.ticketType.entity)
    .where('field', '=', LABELS.ticketType.field)
    .execute()
  const kindOfType = new Map(types.map((type) => [Number(type.value), kindFromName(type.label)]))
  const former = await db
    .selectFrom('ticket')
    .select(['id', 'ticket_type'])
    .where('psa', '=', psa)
    .where('kind', '=', 'alert')
    .$if(sources.length > 0, (q) => q.where((eb) => eb.or([eb('source', 'is', null), eb('source', 'not in', sources)])))
    .execute()
  for (const ticket of former) {
    const kind = ticket.ticket_type === null ? null : (kindOfType.get(ticket.ticket_type) ?? null)
    if (kind === 'alert') continue
    await db.updateTable('ticket').set({ kind }).where('id', '=', ticket.id).execute()
    changed++
  }
  return changed
}
