import { describe, expect, test } from 'vitest'
import { WEBHOOK_ENTITIES, type WebhookEntity } from '../../connectors/autotask/callout.js'
import type { TenantRuntime } from '../../server/hosted/tenants.js'
import { hookSignature, registerRows } from '../helpers/webhook-env.js'
import { hostedEnv } from './hosted-env.js'

/** The tenant's four webhooks as `register` leaves them, each with the key `key`. */
function registered(runtime: TenantRuntime, key: string) {
  const keys = Object.fromEntries(WEBHOOK_ENTITIES.map((entity) => [entity, key])) as Record<WebhookEntity, string>
  return registerRows(
    runtime.handle.db,
    runtime.app.secretBox(),
    keys,
    `https://hosted.example.nl/t/${runtime.tenant.id}`,
  )
}

async function webhookRuns(runtime: TenantRuntime) {
  return runtime.handle.db
    .selectFrom('sync_run')
    .select(['ok', 'records'])
    .where('kind', '=', 'webhook')
    .where('finished_at', 'is not', null)
    .execute()
}

describe('hosted: webhook callouts through the front door', () => {
  test("each tenant checks its own key, and a verified callout is read by that tenant's own schedule", async () => {
    const env = await hostedEnv()
    const alphaKey = 'alpha-webhook-key-0123456789abcdefghijkl'
    const betaKey = 'beta-webhook-key-0123456789abcdefghijklm'
    await registered(env.a.runtime, alphaKey)
    await registered(env.b.runtime, betaKey)
    const ticket = await env.b.runtime.handle.db.selectFrom('ticket').select('id').limit(1).executeTakeFirstOrThrow()
    const body = JSON.stringify({ Action: 'Update', EntityType: 'Ticket', Id: ticket.id, Guid: 'g', SequenceNumber: 1 })
    const send = (tenant: string, key: string) =>
      fetch(`${env.front.url}/t/${tenant}/hooks/autotask/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hook-signature': hookSignature(body, key) },
        body,
      })

    // Beta's callout sent to alpha (or signed with beta's key for alpha) is not alpha's.
    expect((await send('alpha', betaKey)).status).toBe(401)
    expect((await send('beta', alphaKey)).status).toBe(401)
    expect((await send('beta', betaKey)).status).toBe(204)

    for (let i = 0; i < 100 && (await webhookRuns(env.b.runtime)).length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await webhookRuns(env.b.runtime)).toEqual([{ ok: 1, records: 1 }])
    expect(await webhookRuns(env.a.runtime)).toEqual([])
    const refused = env.logs.filter((line) => line.includes('webhook callout refused'))
    expect(refused.map((line) => JSON.parse(line).tenant)).toEqual(['alpha', 'beta'])
    for (const line of env.logs) {
      expect(line).not.toContain(alphaKey)
      expect(line).not.toContain(betaKey)
      expect(line).not.toContain('sha1=')
    }
  })
})
