import { parseArgs } from 'node:util'
import { openDatabase } from '../../db/index.js'
import { loadConfig } from '../config.js'
import { isWebhookAction, runWebhookAction, webhookSetup } from '../webhooks-command.js'
import { checkTenantId, HostedError } from './config.js'
import type { Registry } from './registry.js'

/**
 * `roleboard hosted tenant webhooks register|unregister|status --id acme`: the single install's command for one
 * tenant, with its credentials from the registry, at `<ROLEBOARD_PUBLIC_URL>/t/<id>`, on its own database. The keys
 * are sealed with the registry's box, the one the tenant's app opens them with when a callout arrives.
 */
export async function tenantWebhooks(registry: Registry, argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  const { values } = parseArgs({ args: rest, options: { id: { type: 'string' } }, strict: true })
  if (!isWebhookAction(action) || !values.id)
    throw new HostedError('tenant webhooks takes register, unregister or status, and --id TENANT')
  const id = checkTenantId(values.id)
  const tenant = await registry.getTenant(id)
  if (!tenant) throw new HostedError(`there is no tenant "${id}"`)
  const account = registry.sourceOf(tenant)
  // A demo tenant's desk lives inside the running server, on a port of its own: no other process can register there.
  if (!account)
    throw new HostedError(
      `tenant "${id}" runs on the built-in simulator: it has no Autotask account to register webhooks with`,
    )
  if (account.psa !== 'autotask')
    throw new HostedError(`tenant "${id}" syncs from ConnectWise PSA: webhooks are Autotask's, it has none to register`)
  const { credentials } = account
  const config = loadConfig()
  if (!config.publicUrl && action !== 'status')
    throw new HostedError(
      `set ROLEBOARD_PUBLIC_URL to the https address Autotask reaches this hosted install at (such as https://dash.example.nl): tenant "${id}"'s callouts arrive under it at /t/${id}/hooks/autotask/`,
    )
  const handle = await openDatabase(registry.tenantDbPath(tenant))
  try {
    const publicUrl = config.publicUrl ? `${config.publicUrl}/t/${id}` : ''
    const setup = webhookSetup(config, handle, credentials, publicUrl, registry.secretBox)
    await runWebhookAction(action, setup, {
      command: 'roleboard hosted',
      again: `roleboard hosted tenant webhooks register --id ${id}`,
    })
    return 0
  } finally {
    await handle.close()
  }
}
