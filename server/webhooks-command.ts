import { parseArgs } from 'node:util'
import { type AutotaskCredentials, SyncError } from '../connectors/autotask/index.js'
import {
  type KeyBox,
  registerWebhooks,
  unregisterWebhooks,
  type WebhookSetup,
  webhookStatus,
} from '../connectors/autotask/webhooks.js'
import { type DbHandle, openDatabase } from '../db/index.js'
import { type Config, ConfigError, loadConfig, loadPsaCredentials, loadSecretKey } from './config.js'
import { localSecretBox } from './services/secret-box.js'
import { configuredConnector } from './sync.js'

const USAGE = `Usage:
  roleboard webhooks register     one Autotask webhook per entity (tickets, ticket notes, companies, contacts)
  roleboard webhooks unregister   delete them at Autotask; the regular sync goes on polling
  roleboard webhooks status       what Autotask and this database say of each
`

export type WebhookAction = 'register' | 'unregister' | 'status'

export function isWebhookAction(word: string | undefined): word is WebhookAction {
  return word === 'register' || word === 'unregister' || word === 'status'
}

/** `roleboard webhooks ...` with the AUTOTASK_* variables and ROLEBOARD_PUBLIC_URL, on ROLEBOARD_DB. */
export async function webhooksCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  parseArgs({ args: rest, options: {}, strict: true })
  if (!isWebhookAction(sub)) {
    process.stderr.write(`roleboard webhooks: ${sub ? `unknown subcommand "${sub}"` : 'name a subcommand'}\n${USAGE}`)
    return 1
  }
  const config = loadConfig()
  const source = loadPsaCredentials()
  // Only Autotask's webhooks are wired: ConnectWise PSA's changes come with each sync.
  if (source?.psa === 'connectwise')
    throw new ConfigError(
      "webhooks are Autotask's: this install syncs from ConnectWise PSA, whose changes come with each sync",
    )
  const credentials = source?.credentials
  if (!credentials)
    throw new ConfigError(
      'set AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE: webhooks are registered with that Autotask account',
    )
  if (!config.publicUrl && sub !== 'status')
    throw new ConfigError(
      'set ROLEBOARD_PUBLIC_URL to the https address Autotask reaches this server at (such as https://dash.example.nl): callouts arrive under it at /hooks/autotask/',
    )
  const handle = await openDatabase(config.dbPath)
  try {
    const box = localSecretBox(handle.path, loadSecretKey())
    const setup = webhookSetup(config, handle, credentials, config.publicUrl ?? '', box)
    await runWebhookAction(sub, setup, { command: 'roleboard webhooks', again: 'roleboard webhooks register' })
    return 0
  } finally {
    await handle.close()
  }
}

/** What the webhook functions need, for the Autotask account `credentials` and the database of `handle`. */
export function webhookSetup(
  config: Config,
  handle: DbHandle,
  credentials: AutotaskCredentials,
  publicUrl: string,
  box: KeyBox,
): WebhookSetup {
  const client = configuredConnector(config, handle, credentials).client
  return { client, db: handle.db, publicUrl, username: credentials.username, box }
}

/**
 * Registers, unregisters or reports the webhooks of `setup` and prints what happened, a line per entity.
 * `command` prefixes the warnings; `again` is what to run when Autotask stopped one.
 */
export async function runWebhookAction(
  action: WebhookAction,
  setup: WebhookSetup,
  words: { command: string; again: string },
): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  if (action === 'register') {
    const { webhooks, warnings } = await registerWebhooks(setup)
    for (const warning of warnings) process.stderr.write(`${words.command}: warning: ${warning}\n`)
    for (const hook of webhooks)
      out(
        `  ${hook.entity.padEnd(12)} ${hook.kept ? 'kept' : 'registered'} as ${hook.name} (id ${hook.webhookId}) -> ${hook.url}` +
          (hook.replaced ? `; ${hook.replaced} earlier one(s) deleted` : '') +
          (hook.missingFields.length ? `; not offered by this tenant: ${hook.missingFields.join(', ')}` : ''),
      )
    out('Autotask now sends changes as they happen; the regular sync keeps polling as a safety net.')
  } else if (action === 'unregister') {
    for (const { entity, deleted } of await unregisterWebhooks(setup))
      out(`  ${entity.padEnd(12)} ${deleted ? `${deleted} webhook(s) deleted at Autotask` : 'none registered'}`)
  } else {
    for (const status of await webhookStatus(setup)) {
      const { local, remote } = status
      if (!local) {
        out(`  ${status.entity.padEnd(12)} not registered`)
        continue
      }
      const atAutotask = remote
        ? `Autotask: ${remote.isActive ? 'active' : 'INACTIVE'}, ${remote.isReady ? 'ready' : 'NOT READY'}`
        : 'Autotask: GONE (deleted there)'
      const here = local.active
        ? `last callout ${local.lastCalloutAt ?? 'none yet'}`
        : `stopped ${local.deactivatedAt} (${local.deactivationNote}): run ${words.again} again`
      out(`  ${status.entity.padEnd(12)} id ${local.webhookId} -> ${local.url}; ${atAutotask}; ${here}`)
    }
  }
}

/**
 * The demo's webhooks: registered with the built-in simulator, to this server's own local address, so a change in
 * the simulated desk reaches the screens the way a real Autotask's would. A simulator without webhooks only costs
 * the line that says so: the regular sync still brings every change.
 */
export async function registerDemoWebhooks(
  config: Config,
  handle: DbHandle,
  credentials: AutotaskCredentials,
  box: KeyBox,
  serverUrl: string,
): Promise<string> {
  try {
    const { webhooks } = await registerWebhooks(webhookSetup(config, handle, credentials, serverUrl, box))
    return `Webhooks: the simulator sends ${webhooks.map((hook) => hook.entity).join(', ')} changes to ${serverUrl}/hooks/autotask/ as they happen.`
  } catch (error) {
    if (!(error instanceof SyncError)) throw error
    return `Webhooks not registered (${error.message}): changes show at the next sync.`
  }
}
