import { createHmac } from 'node:crypto'
import type { Insertable, Kysely } from 'kysely'
import { onTestFinished } from 'vitest'
import { calloutUrls, secretContext, WEBHOOK_ENTITIES, type WebhookEntity } from '../../connectors/autotask/callout.js'
import type { AutotaskWebhookTable, Database } from '../../db/schema.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { batchedHints } from '../../server/hints.js'
import type { SecretBox } from '../../server/services/secret-box.js'
import { ADMIN_PASSWORD, collectLogs } from './app-env.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from './sync-env.js'

/**
 * JSON as Autotask's serialiser writes it (autotask-webhooks.md §6.2): inside strings `& < > ' " \` +` and every
 * character beyond ASCII as \uXXXX, so a body parsed and written again no longer matches its signature.
 */
export function autotaskJson(value: unknown): string {
  if (typeof value === 'string') {
    let out = '"'
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i)
      const char = value[i]!
      if (char === '\\') out += '\\\\'
      else if (code < 0x20 || code > 0x7e || '&<>\'"`+'.includes(char))
        out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
      else out += char
    }
    return `${out}"`
  }
  if (Array.isArray(value)) return `[${value.map(autotaskJson).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `${autotaskJson(key)}:${autotaskJson(item)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** The X-Hook-Signature of these bytes, worked out here from the reference, not with roleboard's own helper. */
export function hookSignature(body: string | Buffer, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('base64')}`
}

export const SECRETS: Record<WebhookEntity, string> = {
  Tickets: 'tickets-key-0123456789abcdefghijklmnopqrstuv',
  TicketNotes: 'notes-key-0123456789abcdefghijklmnopqrstuvwx',
  Companies: 'companies-key-0123456789abcdefghijklmnopqrs',
  Contacts: 'contacts-key-0123456789abcdefghijklmnopqrst',
}

/**
 * The real app on a database synced from the simulator, with the four webhooks registered as `roleboard webhooks
 * register` leaves them (rows with sealed keys), and hints applied in this thread by the connector. `settled()`
 * waits for every hint handed over so far to be read.
 */
export async function appWithWebhooks(options: { secrets?: Record<WebhookEntity, string> } = {}) {
  const secrets = options.secrets ?? SECRETS
  const sim = await startSim({ size: 'tiny' })
  const handle = await openTempDb()
  const connector = fastConnector(handle, sim.credentials)
  const summary = await connector.sync()
  if (!summary.ok) throw new Error(`fixture sync failed: ${summary.error?.message}`)
  const { logs, stream } = collectLogs()
  const hinted: Array<{ entity: WebhookEntity; ids: number[] }> = []
  const pending: Array<Promise<void>> = []
  const sink = batchedHints(async (entity, ids) => void (await connector.refresh(entity, ids)), { busyRetryMs: 50 })
  const app = await buildApp({
    config: { ...loadConfig({}), now: SIM_NOW, publicUrl: 'https://dash.example.nl' },
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
    logger: { level: 'info', stream } as never,
    onHint: (entity, ids) => {
      hinted.push({ entity, ids: [...ids] })
      const applied = sink(entity, ids)
      pending.push(applied)
      return applied
    },
  })
  onTestFinished(() => app.close())
  await registerRows(handle.db, app.secretBox(), secrets, 'https://dash.example.nl')
  return {
    app,
    sim,
    handle,
    connector,
    logs,
    hinted,
    async settled() {
      await Promise.allSettled(pending)
    },
  }
}

/**
 * The four webhooks as `roleboard webhooks register` leaves them in a database (keys sealed with `box`), for tests
 * of what receives and shows them; `overrides` per entity (a stopped one, a last callout).
 */
export async function registerRows(
  db: Kysely<Database>,
  box: SecretBox,
  secrets: Record<WebhookEntity, string>,
  publicUrl: string,
  overrides: Partial<Record<WebhookEntity, Partial<Insertable<AutotaskWebhookTable>>>> = {},
): Promise<void> {
  for (const [index, entity] of WEBHOOK_ENTITIES.entries()) {
    const { url, deactivationUrl } = calloutUrls(publicUrl, entity)
    await db
      .insertInto('autotask_webhook')
      .values({
        entity,
        webhook_id: index + 1,
        guid: `0000000${index + 1}-aaaa-bbbb-cccc-dddddddddddd`,
        name: `roleboard-${entity.toLowerCase()}-test`,
        url,
        deactivation_url: deactivationUrl,
        secret_sealed: box.seal(secrets[entity], secretContext(entity)),
        is_active: 1,
        registered_at: SIM_NOW,
        ...overrides[entity],
      })
      .execute()
  }
}

/** A callout as Autotask posts it: the body's exact bytes and its signature (or the headers the test chose). */
export function post(
  app: Awaited<ReturnType<typeof appWithWebhooks>>['app'],
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  })
}
