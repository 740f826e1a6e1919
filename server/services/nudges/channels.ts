import type { Kysely, Selectable } from 'kysely'
import type { Database, NudgeChannelTable } from '../../../db/schema.js'
import { badRequest, notFound } from '../../errors.js'
import type { ChannelView, NewChannel } from '../../wire/nudges.js'
import type { SecretBox } from '../secret-box.js'

// The chat channels nudges post to. A webhook URL is a bearer secret (whoever has it can post), so it is sealed
// at rest, opened only to post, and never answered, logged or put into an error: the builder sees its host.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The webhook URL, or a 400 that does not repeat it. Any https URL is accepted (Teams Workflows answer from
 * several Azure and Power Platform hosts, and those move); plain http only to this machine, for a local receiver
 * in tests and demos, since a post carries customer names and must not cross a network unencrypted.
 */
export function webhookUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw badRequest('the webhook URL is not a URL: paste the whole address Teams or Slack gave you')
  }
  const local = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !local)
    throw badRequest('the webhook URL must start with https:// (http only to localhost, for a local test receiver)')
  if (url.username || url.password) throw badRequest('the webhook URL must not carry a user name or password')
  return url
}

/** What may be shown of a webhook: its host and a mark that there is more (`hooks.slack.com/…`). */
function maskedHost(url: URL): string {
  return `${url.host}/…`
}

/** A channel's sealing context: a sealed URL copied to another channel's row does not open. */
export const channelContext = (id: number) => `nudge-channel:${id}`

export async function addChannel(
  db: Kysely<Database>,
  box: SecretBox,
  input: NewChannel,
  now: string,
): Promise<ChannelView> {
  const name = input.name.trim()
  if (!name) throw badRequest('give the channel a name, like "Service desk in Teams"')
  const url = webhookUrl(input.url)
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('nudge_channel')
      .values({ kind: input.kind, name, url_sealed: '', host: maskedHost(url), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('nudge_channel')
      .set({ url_sealed: box.seal(url.href, channelContext(row.id)) })
      .where('id', '=', row.id)
      .execute()
    return row.id
  })
  return (await listChannels(db)).find((channel) => channel.id === id)!
}

function channelView(row: Selectable<NudgeChannelTable>, pending: number, givenUp: number): ChannelView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    host: row.host,
    createdAt: row.created_at,
    health: row.failures > 0 ? 'failing' : row.last_ok_at ? 'ok' : 'new',
    failures: row.failures,
    failingSince: row.failing_since,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    nextAttemptAt: row.next_attempt_at,
    lastOkAt: row.last_ok_at,
    pending,
    givenUp,
  }
}

export async function listChannels(db: Kysely<Database>): Promise<ChannelView[]> {
  const channels = await db.selectFrom('nudge_channel').selectAll().orderBy('id').execute()
  const counts = await db
    .selectFrom('nudge_outbox')
    .innerJoin('nudge_rule', 'nudge_rule.id', 'nudge_outbox.rule_id')
    .select((eb) => [
      'nudge_rule.channel_id as channel',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('nudge_outbox.given_up_at').as('givenUp'),
    ])
    .groupBy('nudge_rule.channel_id')
    .execute()
  const byChannel = new Map(counts.map((count) => [count.channel, count]))
  return channels.map((row) => {
    const count = byChannel.get(row.id)
    return channelView(row, (count?.n ?? 0) - (count?.givenUp ?? 0), count?.givenUp ?? 0)
  })
}

/** Deletes a channel with its rules and their waiting posts (the foreign keys cascade). */
export async function deleteChannel(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('nudge_channel').where('id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw notFound(`there is no channel ${id}`)
}

/** A channel's kind and opened webhook URL, to post to; a 404 for no such channel. */
export async function channelTarget(
  db: Kysely<Database>,
  box: SecretBox,
  id: number,
): Promise<{ kind: ChannelView['kind']; url: string }> {
  const row = await db
    .selectFrom('nudge_channel')
    .select(['kind', 'url_sealed'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound(`there is no channel ${id}`)
  return { kind: row.kind, url: box.open(row.url_sealed, channelContext(id), `the webhook address of channel ${id}`) }
}

/** A delivered post: the channel is healthy again. */
export async function recordDelivered(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db
    .updateTable('nudge_channel')
    .set({ failures: 0, failing_since: null, next_attempt_at: null, last_ok_at: at })
    .where('id', '=', id)
    .execute()
}

/** A failed post: counted, its one-line reason kept, and when to try again. */
export async function recordFailed(
  db: Kysely<Database>,
  id: number,
  failure: { error: string; at: string; nextAttemptAt: string | null },
): Promise<void> {
  await db
    .updateTable('nudge_channel')
    .set((eb) => ({
      failures: eb('failures', '+', 1),
      failing_since: eb.fn.coalesce('failing_since', eb.val(failure.at)),
      last_error: failure.error,
      last_error_at: failure.at,
      next_attempt_at: failure.nextAttemptAt,
    }))
    .where('id', '=', id)
    .execute()
}
