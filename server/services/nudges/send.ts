import type { Kysely } from 'kysely'
import { type TicketLinker, ticketLinker } from '../ticket-links.js'
import type { Database } from '../../../db/schema.js'
import { findKpi } from '../../../kpi-library/engine.js'
import type { Lang } from '../../../kpi-library/wire-types.js'
import { personName } from '../access.js'
import type { SecretBox } from '../secret-box.js'
import { channelTarget, recordDelivered, recordFailed } from './channels.js'
import { type Outcome, postJson } from './deliver.js'
import { type Nudge, nudgeMessage, type NudgeRow } from './messages.js'
import { acknowledgedKeys, type KeyedRow, rulesWithTiles } from './tile-list.js'

// Sends the posts that are due, oldest first, channel by channel. A failure holds that channel back until its
// next attempt (exponential backoff from `firstMs`, capped at `maxMs`; a 429's Retry-After wins), so posts
// keep their order; a post still failing after `giveUpMs` is given up and kept for the builder to show.
// Delivery is at least once: the post is deleted after the webhook said 2xx, so a crash between the two posts it
// again on restart. A nudge lost is a customer not called back; a nudge doubled once is a nuisance.

export interface Backoff {
  firstMs: number
  maxMs: number
  giveUpMs: number
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 30_000, maxMs: 30 * 60_000, giveUpMs: 24 * 3_600_000 }

/** The wait after the `failures`-th failure in a row: 30 s, 1 min, 2 min, 4 min … up to the cap. */
export function backoffDelay(failures: number, backoff: Backoff): number {
  return Math.min(backoff.firstMs * 2 ** Math.max(0, failures - 1), backoff.maxMs)
}

export interface SendOptions {
  now: Date
  backoff: Backoff
  lang: Lang
  tz: string
  /** Where walls are reached, without a trailing slash (`https://roleboard.example.nl`, a tenant's `…/t/acme`). */
  linkBase: string
  post?: (url: string, body: unknown, now: Date) => Promise<Outcome>
}

/** The rows of a post, each with its link into the PSA and its person, still not acknowledged. */
async function nudgeRows(
  db: Kysely<Database>,
  kpi: string,
  rows: KeyedRow[],
  linkTo: TicketLinker | null,
): Promise<NudgeRow[]> {
  const acked = await acknowledgedKeys(db, kpi)
  const open = rows.filter((row) => !acked.has(row.key))
  const ids = [...new Set(open.flatMap(({ row }) => (typeof row.resourceId === 'number' ? [row.resourceId] : [])))]
  const people =
    ids.length === 0
      ? []
      : await db
          .selectFrom('resource')
          .select(['id', 'first_name', 'last_name', 'email'])
          .where('id', 'in', ids)
          .execute()
  const byId = new Map(people.map((person) => [person.id, person]))
  return open.map(({ row }) => {
    const known = typeof row.resourceId === 'number' ? byId.get(row.resourceId) : undefined
    const name =
      typeof row.resourceName === 'string' && row.resourceName ? row.resourceName : known && personName(known)
    return {
      row,
      ticketUrl: linkTo && typeof row.ticketId === 'number' ? linkTo.urlOf(row.ticketId) : null,
      person: name ? { name, email: known?.email ?? null } : null,
    }
  })
}

/** The channel's webhook, or why it cannot be opened (the key changed): a failure the builder shows like any other. */
async function openTarget(
  db: Kysely<Database>,
  box: SecretBox,
  id: number,
): Promise<Awaited<ReturnType<typeof channelTarget>> | { error: string }> {
  try {
    return await channelTarget(db, box, id)
  } catch (error) {
    return { error: (error as Error).message }
  }
}

/** Sends every post that is due on a channel that may be tried now. */
export async function sendDue(db: Kysely<Database>, box: SecretBox, options: SendOptions): Promise<void> {
  const at = options.now.toISOString()
  const post = options.post ?? postJson
  const due = await rulesWithTiles(db)
    .innerJoin('nudge_outbox', 'nudge_outbox.rule_id', 'nudge_rule.id')
    .innerJoin('nudge_channel', 'nudge_channel.id', 'nudge_rule.channel_id')
    .select([
      'nudge_outbox.id',
      'nudge_outbox.rule_id',
      'nudge_outbox.rows',
      'nudge_outbox.created_at',
      'nudge_rule.channel_id',
      'nudge_rule.audience',
      'nudge_channel.failures',
      'dashboard_tile.kpi_id',
      'dashboard_tile.title',
      'dashboard.role',
    ])
    .where('nudge_outbox.given_up_at', 'is', null)
    .where('nudge_outbox.send_after', '<=', at)
    .where((eb) =>
      eb.or([eb('nudge_channel.next_attempt_at', 'is', null), eb('nudge_channel.next_attempt_at', '<=', at)]),
    )
    .orderBy('nudge_outbox.id')
    .execute()
  const held = new Set<number>()
  const targets = new Map<number, Awaited<ReturnType<typeof openTarget>>>()
  for (const item of due) {
    if (held.has(item.channel_id)) continue
    const kpi = findKpi(item.kpi_id)
    const keyed = JSON.parse(item.rows) as KeyedRow[]
    const linkTo = await ticketLinker(db)
    const rows = kpi?.kind === 'list' && kpi.action ? await nudgeRows(db, kpi.id, keyed, linkTo) : []
    // The tile shows another KPI now, or everyone's rows were acknowledged while the post waited: nothing to say.
    if (!kpi?.action || rows.length === 0) {
      await db.deleteFrom('nudge_outbox').where('id', '=', item.id).execute()
      continue
    }
    const target = targets.get(item.channel_id) ?? (await openTarget(db, box, item.channel_id))
    targets.set(item.channel_id, target)
    const nudge: Nudge = {
      lang: options.lang,
      tz: options.tz,
      audience: item.audience,
      title: item.title ?? kpi.title[options.lang],
      verb: kpi.action.verb[options.lang],
      fields: kpi.action.fields,
      rows,
      psa: linkTo?.psa ?? null,
      wallUrl: `${options.linkBase}/wall/${item.role}?lang=${options.lang}`,
    }
    const outcome: Outcome =
      'error' in target
        ? { ok: false, error: target.error, retryAfterMs: null }
        : await post(target.url, nudgeMessage(target.kind, nudge), options.now)
    if (outcome.ok) {
      const keys = keyed.map((row) => row.key)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('nudge_outbox').where('id', '=', item.id).execute()
        await trx
          .updateTable('nudge_seen')
          .set({ posted_at: at })
          .where('rule_id', '=', item.rule_id)
          .where('row_key', 'in', keys)
          .execute()
        await recordDelivered(trx, item.channel_id, at)
      })
      continue
    }
    held.add(item.channel_id)
    const wait = outcome.retryAfterMs ?? backoffDelay(item.failures + 1, options.backoff)
    const givingUp = options.now.getTime() - Date.parse(item.created_at) >= options.backoff.giveUpMs
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('nudge_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), given_up_at: givingUp ? at : null }))
        .where('id', '=', item.id)
        .execute()
      await recordFailed(trx, item.channel_id, {
        error: givingUp ? `gave up after a day: ${outcome.error}` : outcome.error,
        at,
        nextAttemptAt: new Date(options.now.getTime() + wait).toISOString(),
      })
    })
  }
}
