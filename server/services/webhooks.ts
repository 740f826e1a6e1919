import type { Kysely } from 'kysely'
import { type Callout, WEBHOOK_ENTITIES, type WebhookEntity } from '../../connectors/autotask/callout.js'
import type { Database } from '../../db/schema.js'
import type { WebhookList } from '../wire/hooks.js'

// The server's bookkeeping of Autotask webhooks: which callouts were seen (so one sent again changes nothing
// twice), when the last arrived, and whether Autotask said it stopped sending.

/** Autotask retries a delivery for about two minutes; a week of keys covers any replay worth recognising. */
const KEEP_CALLOUTS_MS = 7 * 86_400_000

export function webhookRow(db: Kysely<Database>, entity: WebhookEntity) {
  return db.selectFrom('autotask_webhook').selectAll().where('entity', '=', entity).executeTakeFirst()
}

/**
 * Notes a verified callout: its time on the webhook, and its delivery key. 'duplicate' when that key was seen
 * before (the same delivery again: nothing to apply).
 */
export async function recordCallout(
  db: Kysely<Database>,
  entity: WebhookEntity,
  callout: Callout,
  at: Date,
): Promise<'new' | 'duplicate'> {
  const receivedAt = at.toISOString()
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('autotask_webhook')
      .set({ last_callout_at: receivedAt })
      .where('entity', '=', entity)
      .execute()
    if (callout.deliveryKey === null) return 'new'
    await trx
      .deleteFrom('webhook_callout')
      .where('received_at', '<', new Date(at.getTime() - KEEP_CALLOUTS_MS).toISOString())
      .execute()
    const inserted = await trx
      .insertInto('webhook_callout')
      .values({
        delivery_key: callout.deliveryKey,
        entity,
        record_id: callout.id,
        action: callout.action ?? 'other',
        received_at: receivedAt,
      })
      .onConflict((oc) => oc.column('delivery_key').doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1 ? 'new' : 'duplicate'
  })
}

/** Autotask stopped sending this entity's changes: kept with when and how we learned it, for the owner to see. */
export async function markDeactivated(db: Kysely<Database>, entity: WebhookEntity, at: Date, note: string) {
  await db
    .updateTable('autotask_webhook')
    .set({ is_active: 0, deactivated_at: at.toISOString(), deactivation_note: note })
    .where('entity', '=', entity)
    .where('is_active', '=', 1)
    .execute()
}

/** Each entity's webhook as the builder shows it. */
export async function webhookList(db: Kysely<Database>, publicUrl: string | null): Promise<WebhookList> {
  const rows = await db.selectFrom('autotask_webhook').selectAll().execute()
  return {
    publicUrl,
    webhooks: WEBHOOK_ENTITIES.map((entity) => {
      const row = rows.find((candidate) => candidate.entity === entity)
      return {
        entity,
        registered: row !== undefined,
        active: row?.is_active === 1,
        url: row?.url ?? null,
        registeredAt: row?.registered_at ?? null,
        deactivatedAt: row?.deactivated_at ?? null,
        deactivationNote: row?.deactivation_note ?? null,
        lastCalloutAt: row?.last_callout_at ?? null,
      }
    }),
  }
}
