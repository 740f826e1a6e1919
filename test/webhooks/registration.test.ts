import { describe, expect, test } from 'vitest'
import { secretContext } from '../../connectors/autotask/callout.js'
import {
  registerWebhooks,
  unregisterWebhooks,
  type WebhookSetup,
  webhookStatus,
} from '../../connectors/autotask/webhooks.js'
import { localSecretBox } from '../../server/services/secret-box.js'
import { runRoleboard } from '../helpers/cli.js'
import { fastConnector, openTempDb, startSim } from '../helpers/sync-env.js'

type Sim = Awaited<ReturnType<typeof startSim>>

/** One install: its own database and key, registering with the simulated tenant `sim` for `publicUrl`. */
async function install(sim: Sim, publicUrl: string, username = sim.credentials.username): Promise<WebhookSetup> {
  const handle = await openTempDb()
  return {
    client: fastConnector(handle, sim.credentials).client,
    db: handle.db,
    publicUrl,
    username,
    box: localSecretBox(handle.path, undefined),
  }
}

/** The simulated tenant's webhooks, as its control API lists them. */
function atAutotask(sim: Sim) {
  return sim.webhooks.list()
}

describe('roleboard webhooks register / unregister / status', () => {
  test('register makes one active, ready webhook per entity, calling the public URL, with its key sealed here', async () => {
    const sim = await startSim()
    const setup = await install(sim, 'https://dash.example.nl/')
    const { webhooks, warnings } = await registerWebhooks(setup)

    expect(webhooks.map((hook) => [hook.entity, hook.kept])).toEqual([
      ['Tickets', false],
      ['TicketNotes', false],
      ['Companies', false],
      ['Contacts', false],
    ])
    const remote = atAutotask(sim)
    const base = 'https://dash.example.nl/hooks/autotask'
    expect(
      Object.fromEntries(
        remote.map((hook) => [hook.resource, [hook.webhookUrl, hook.deactivationUrl, hook.isActive, hook.isReady]]),
      ),
    ).toEqual({
      TicketWebhooks: [`${base}/tickets`, `${base}/tickets/deactivated`, true, true],
      TicketNoteWebhooks: [`${base}/ticket-notes`, `${base}/ticket-notes/deactivated`, true, true],
      CompanyWebhooks: [`${base}/companies`, `${base}/companies/deactivated`, true, true],
      ContactWebhooks: [`${base}/contacts`, `${base}/contacts/deactivated`, true, true],
    })
    for (const hook of remote) {
      expect(String(hook.name)).toMatch(/^roleboard-(tickets|ticket-notes|companies|contacts)-[0-9a-f]{8}$/)
      expect(String(hook.name).length).toBeLessThanOrEqual(50)
    }

    // The ticket webhook watches what the screens show, and names the ticket number in every callout.
    const picklist = (await setup.client.fields('TicketWebhookFields')).find((field) => field.name === 'fieldID')!
    const nameOf = new Map(picklist.picklistValues!.map((value) => [Number(value.value), value.label]))
    const tickets = remote.find((hook) => hook.resource === 'TicketWebhooks')!
    const subscribed = tickets.fields
      .filter((row) => row.isSubscribedField)
      .map((row) => nameOf.get(Number(row.fieldID)))
    expect(subscribed).toEqual(
      expect.arrayContaining([
        'status',
        'priority',
        'queueID',
        'assignedResourceID',
        'dueDateTime',
        'title',
        'companyID',
      ]),
    )
    const shown = tickets.fields.filter((row) => row.isDisplayAlwaysField).map((row) => nameOf.get(Number(row.fieldID)))
    expect(shown).toEqual(['ticketNumber'])

    // The demo user has no resource of its own in the simulated tenant: nothing to exclude, and it says so.
    expect(warnings).toEqual([
      expect.stringContaining('no Autotask resource has the user name or e-mail api@demo-msp.example'),
    ])
    expect(tickets.excludedResources).toEqual([])

    const rows = await setup.db.selectFrom('autotask_webhook').selectAll().orderBy('entity').execute()
    expect(rows.map((row) => [row.entity, row.is_active, row.url])).toEqual([
      ['Companies', 1, 'https://dash.example.nl/hooks/autotask/companies'],
      ['Contacts', 1, 'https://dash.example.nl/hooks/autotask/contacts'],
      ['TicketNotes', 1, 'https://dash.example.nl/hooks/autotask/ticket-notes'],
      ['Tickets', 1, 'https://dash.example.nl/hooks/autotask/tickets'],
    ])
    for (const row of rows) {
      const secret = setup.box.open(row.secret_sealed, secretContext(row.entity as 'Tickets'))
      expect(secret.length).toBeGreaterThanOrEqual(32)
      expect(secret.length).toBeLessThanOrEqual(64)
      expect(row.secret_sealed).not.toContain(secret)
      const hook = remote.find((candidate) => candidate.id === row.webhook_id && candidate.webhookUrl === row.url)!
      expect(row.guid).toBe(hook.webhookGUID)
    }
    expect(new Set(rows.map((row) => row.secret_sealed)).size).toBe(4)
  })

  test("the API user's own resource is excluded, so its changes never come back as callouts", async () => {
    const sim = await startSim()
    const resource = sim.world.records('Resources').find((r) => r.isActive !== false && r.userName)!
    const setup = await install(sim, 'https://dash.example.nl', String(resource.userName))
    const { warnings } = await registerWebhooks(setup)
    expect(warnings).toEqual([])
    for (const hook of atAutotask(sim))
      expect(hook.excludedResources.map((row) => row.resourceID)).toEqual([resource.id])
  })

  test('register is idempotent: a second run keeps the four, a new address replaces them, another install keeps its own', async () => {
    const sim = await startSim()
    const setup = await install(sim, 'https://dash.example.nl')
    const first = await registerWebhooks(setup)
    const again = await registerWebhooks(setup)
    expect(again.webhooks.map((hook) => hook.kept)).toEqual([true, true, true, true])
    expect(again.webhooks.map((hook) => hook.webhookId)).toEqual(first.webhooks.map((hook) => hook.webhookId))
    expect(atAutotask(sim)).toHaveLength(4)

    // Another roleboard (a staging install) on the same Autotask tenant, at its own address.
    const staging = await install(sim, 'https://staging.example.nl')
    await registerWebhooks(staging)
    expect(atAutotask(sim)).toHaveLength(8)

    // The first install moves: its old webhooks go, the staging ones stay.
    const moved = await registerWebhooks({ ...setup, publicUrl: 'https://wall.example.nl' })
    expect(moved.webhooks.map((hook) => [hook.kept, hook.replaced])).toEqual([
      [false, 1],
      [false, 1],
      [false, 1],
      [false, 1],
    ])
    expect(
      atAutotask(sim)
        .map((hook) => new URL(String(hook.webhookUrl)).host)
        .sort(),
    ).toEqual([...Array(4).fill('staging.example.nl'), ...Array(4).fill('wall.example.nl')])

    // A webhook Autotask no longer calls (deactivated there) is made anew, with a new key.
    const before = await setup.db
      .selectFrom('autotask_webhook')
      .selectAll()
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    await setup.client.write('TicketWebhooks', 'delete', `TicketWebhooks/${before.webhook_id}`)
    const healed = await registerWebhooks({ ...setup, publicUrl: 'https://wall.example.nl' })
    expect(healed.webhooks.map((hook) => hook.kept)).toEqual([false, true, true, true])
    const after = await setup.db
      .selectFrom('autotask_webhook')
      .selectAll()
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    expect(after.webhook_id).not.toBe(before.webhook_id)
    expect(atAutotask(sim)).toHaveLength(8)
  })

  test('status shows what Autotask and this database say; unregister removes this install’s webhooks only', async () => {
    const sim = await startSim()
    const setup = await install(sim, 'https://dash.example.nl')
    await registerWebhooks(setup)
    const staging = await install(sim, 'https://staging.example.nl')
    await registerWebhooks(staging)
    const contacts = await setup.db
      .selectFrom('autotask_webhook')
      .selectAll()
      .where('entity', '=', 'Contacts')
      .executeTakeFirstOrThrow()
    await setup.client.write('ContactWebhooks', 'delete', `ContactWebhooks/${contacts.webhook_id}`)

    const status = await webhookStatus(setup)
    expect(status.map((entry) => [entry.entity, entry.local?.active, entry.remote])).toEqual([
      ['Tickets', true, { isActive: true, isReady: true }],
      ['TicketNotes', true, { isActive: true, isReady: true }],
      ['Companies', true, { isActive: true, isReady: true }],
      ['Contacts', true, null],
    ])

    const removed = await unregisterWebhooks(setup)
    expect(removed.map((entry) => entry.deleted)).toEqual([1, 1, 1, 1])
    expect(await setup.db.selectFrom('autotask_webhook').selectAll().execute()).toEqual([])
    expect(atAutotask(sim).map((hook) => new URL(String(hook.webhookUrl)).host)).toEqual(
      Array(4).fill('staging.example.nl'),
    )
    expect((await webhookStatus(setup)).map((entry) => entry.local)).toEqual([null, null, null, null])
  })

  test('the CLI needs ROLEBOARD_PUBLIC_URL, says so in one line, and warns when Autotask could not call it', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const env = {
      ROLEBOARD_DB: handle.path,
      AUTOTASK_USERNAME: sim.credentials.username,
      AUTOTASK_SECRET: sim.credentials.secret,
      AUTOTASK_INTEGRATION_CODE: sim.credentials.integrationCode,
      AUTOTASK_DISCOVERY_URL: sim.credentials.discoveryUrl,
      ROLEBOARD_PUBLIC_URL: '',
    }
    const missing = await runRoleboard(['webhooks', 'register'], env)
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^roleboard webhooks: set ROLEBOARD_PUBLIC_URL to the https address Autotask reaches/),
    ])
    expect(atAutotask(sim)).toEqual([])

    const plain = await runRoleboard(['webhooks', 'register'], { ...env, ROLEBOARD_PUBLIC_URL: 'http://127.0.0.1:9' })
    expect(plain.code).toBe(0)
    expect(plain.stderr).toContain('is not https: Autotask only calls https addresses on port 443')
    expect(plain.stdout).toContain('Tickets      registered as roleboard-tickets-')
    expect(plain.stdout).not.toContain(sim.credentials.secret)
    const status = await runRoleboard(['webhooks', 'status'], env)
    expect(status.stdout).toContain('Autotask: active, ready; last callout none yet')
  })
})
