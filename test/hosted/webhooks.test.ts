import { describe, expect, test } from 'vitest'
import { WEBHOOK_ENTITIES, type WebhookEntity } from '../../connectors/autotask/callout.js'
import type { TenantRuntime } from '../../server/hosted/tenants.js'
import { runRoleboard } from '../helpers/cli.js'
import { hookSignature, registerRows } from '../helpers/webhook-env.js'
import { hostedEnv, SECRET_KEY } from './hosted-env.js'

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

  test('roleboard hosted tenant webhooks: registered at Autotask for the tenant, whose app then takes its callouts', async () => {
    const env = await hostedEnv()
    const cli = { ROLEBOARD_HOSTED_DIR: env.dir, ROLEBOARD_SECRET_KEY: SECRET_KEY, ROLEBOARD_PUBLIC_URL: env.front.url }
    const webhooks = (action: string, id = 'beta', more: NodeJS.ProcessEnv = {}) =>
      runRoleboard(['hosted', 'tenant', 'webhooks', action, '--id', id], { ...cli, ...more })
    const hooks = `${env.front.url}/t/beta/hooks/autotask/`

    const registered = await webhooks('register')
    expect(registered.code).toBe(0)
    expect(registered.stderr).toContain(
      `roleboard hosted: warning: ROLEBOARD_PUBLIC_URL (${env.front.url}/t/beta) is not https: Autotask only calls https`,
    )
    expect(registered.stdout).toContain(`Tickets      registered as roleboard-tickets-`)
    const atAutotask = env.betaSim.webhooks.list().map((hook) => [hook.resource, String(hook.webhookUrl)])
    expect(atAutotask).toEqual([
      ['TicketWebhooks', `${hooks}tickets`],
      ['TicketNoteWebhooks', `${hooks}ticket-notes`],
      ['CompanyWebhooks', `${hooks}companies`],
      ['ContactWebhooks', `${hooks}contacts`],
    ])
    const rows = () => env.b.runtime.handle.db.selectFrom('autotask_webhook').select(['entity', 'is_active']).execute()
    expect(await rows()).toEqual(
      ['Tickets', 'TicketNotes', 'Companies', 'Contacts'].map((entity) => ({ entity, is_active: 1 })),
    )

    // Autotask's callout, signed with the key the CLI sealed, is opened by the running tenant app and read.
    const ticket = await env.b.runtime.handle.db
      .selectFrom('ticket')
      .select('id')
      .where('status', '!=', 5)
      .limit(1)
      .executeTakeFirstOrThrow()
    env.betaSim.webhooks.change('Tickets', ticket.id, { title: 'Registered from the hosted CLI' })
    await env.betaSim.webhooks.whenIdle()
    const events = env.betaSim.webhooks.callouts().filter((callout) => callout.kind === 'event')
    expect(events.map((callout) => [callout.url, callout.entityId, callout.status])).toEqual([
      [`${hooks}tickets`, ticket.id, 204],
    ])
    const title = () =>
      env.b.runtime.handle.db.selectFrom('ticket').select('title').where('id', '=', ticket.id).executeTakeFirstOrThrow()
    for (let i = 0; i < 100 && (await title()).title !== 'Registered from the hosted CLI'; i++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await title()).title).toBe('Registered from the hosted CLI')
    expect((await webhooks('status')).stdout).toMatch(/Tickets .*Autotask: active, ready; last callout 20/)

    // Each refusal is one line and changes nothing.
    const refusals = await Promise.all([
      webhooks('register', 'alpha'),
      webhooks('register', 'gamma'),
      webhooks('register', 'beta', { ROLEBOARD_PUBLIC_URL: '' }),
    ])
    expect(refusals.map(({ code, stdout, stderr }) => ({ code, stdout, stderr }))).toEqual([
      {
        code: 1,
        stdout: '',
        stderr:
          'roleboard hosted: tenant "alpha" runs on the built-in simulator: it has no Autotask account to register webhooks with\n',
      },
      { code: 1, stdout: '', stderr: 'roleboard hosted: there is no tenant "gamma"\n' },
      {
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(/^roleboard hosted: set ROLEBOARD_PUBLIC_URL to the https address [^\n]*\n$/),
      },
    ])
    expect(env.betaSim.webhooks.list()).toHaveLength(4)

    const unregistered = await webhooks('unregister')
    expect(unregistered.stdout).toContain('Tickets      1 webhook(s) deleted at Autotask')
    expect(env.betaSim.webhooks.list()).toEqual([])
    expect(await rows()).toEqual([])
    for (const run of [registered, unregistered, ...refusals])
      expect(`${run.stdout}${run.stderr}`).not.toContain(env.betaUser.secret)
  })
})
