import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { VERSION } from '../version.js'
import {
  type HostedConfig,
  loadAutotaskCredentials,
  loadConfig,
  loadConnectWiseCredentials,
  loadConsultantPassword,
  loadHostedConfig,
} from '../config.js'
import { checkTenantId, HostedError } from './config.js'
import { buildConsultantApp } from './consultant.js'
import { ensureWebBuilt } from '../web.js'
import { startFront } from './front.js'
import { Registry, type SimSize } from './registry.js'
import { tenantWebhooks } from './tenant-webhooks.js'
import { isPsaName, PSA_NAMES, PSA_TITLES, PSA_VARIABLES, type PsaSource } from '../psa.js'
import { deprovisionTenant, provisionTenant, removalLine, TenantHost } from './tenants.js'

const USAGE = `roleboard hosted: many client MSPs on one install (ROLEBOARD_SECRET_KEY is required; see docs/hosted.md)

  roleboard hosted [--port 8080] [--host 127.0.0.1]   the front server: /t/<tenant>/... and /api/consultant/...
  roleboard hosted tenant add --id acme --name "Acme IT" [--simulator [--psa autotask|connectwise] [--seed N] [--size tiny|small|medium|large] | --autotask | --connectwise] [--interval 300]
                                                      --autotask reads AUTOTASK_USERNAME, AUTOTASK_SECRET, AUTOTASK_INTEGRATION_CODE (and AUTOTASK_DISCOVERY_URL)
                                                      --connectwise reads CONNECTWISE_SITE, CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY, CONNECTWISE_CLIENT_ID
  roleboard hosted tenant list
  roleboard hosted tenant remove --id acme [--delete-data]
                                                      out of the registry with its consultant grants; a running server stops serving and
                                                      syncing it at its next request (within 5 s in any case). The data file is kept unless --delete-data
  roleboard hosted tenant webhooks register|unregister|status --id acme
                                                      Autotask webhooks for an --autotask tenant, to <ROLEBOARD_PUBLIC_URL>/t/acme (changes in seconds)
  roleboard hosted consultant add --user NAME [--tenant ID ...]
                                                      password from ROLEBOARD_CONSULTANT_PASSWORD, or generated and printed once
`

export async function hostedCommand(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv
  if (first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(USAGE)
    return 0
  }
  const hosted = loadHostedConfig()
  if (first === 'tenant' && second === 'add') return withRegistry(hosted, (registry) => addTenant(registry, rest))
  if (first === 'tenant' && second === 'list') return withRegistry(hosted, listTenants)
  if (first === 'tenant' && second === 'remove') return withRegistry(hosted, (registry) => removeTenant(registry, rest))
  if (first === 'tenant' && second === 'webhooks')
    return withRegistry(hosted, (registry) => tenantWebhooks(registry, rest))
  if (first === 'consultant' && second === 'add')
    return withRegistry(hosted, (registry) => addConsultant(registry, rest))
  if (first === undefined || first.startsWith('--')) return serveHosted(hosted, argv)
  process.stderr.write(`roleboard hosted: unknown command "${argv.join(' ')}"\n\n${USAGE}`)
  return 1
}

async function withRegistry(hosted: HostedConfig, run: (registry: Registry) => Promise<number>): Promise<number> {
  const registry = await Registry.open(hosted.registryPath, hosted.secretKey)
  try {
    return await run(registry)
  } finally {
    await registry.close()
  }
}

async function addTenant(registry: Registry, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      simulator: { type: 'boolean', default: false },
      autotask: { type: 'boolean', default: false },
      connectwise: { type: 'boolean', default: false },
      psa: { type: 'string', default: 'autotask' },
      seed: { type: 'string', default: '42' },
      size: { type: 'string', default: 'small' },
      interval: { type: 'string', default: '300' },
    },
    strict: true,
  })
  if (!values.id || !values.name) throw new HostedError('tenant add needs --id and --name')
  if ([values.simulator, values.autotask, values.connectwise].filter(Boolean).length !== 1)
    throw new HostedError(
      'say where the data comes from: --simulator (a demo desk), --autotask (AUTOTASK_* variables) or --connectwise (CONNECTWISE_* variables)',
    )
  const psa = values.psa!
  if (!isPsaName(psa)) throw new HostedError(`--psa must be one of ${PSA_NAMES.join(', ')}, not "${psa}"`)
  const interval = Number(values.interval)
  if (!Number.isInteger(interval) || interval < 5 || interval > 86_400)
    throw new HostedError(`--interval is seconds from 5 to 86400, not "${values.interval}"`)
  const size = values.size as SimSize
  if (!['tiny', 'small', 'medium', 'large'].includes(size))
    throw new HostedError(`--size must be tiny, small, medium or large, not "${values.size}"`)
  const seed = Number(values.seed)
  if (!Number.isInteger(seed) || seed < 0) throw new HostedError(`--seed must be a whole number, not "${values.seed}"`)
  const account = accountFromEnv(values)
  const { tenant, adminPassword } = await provisionTenant(
    registry,
    {
      id: checkTenantId(values.id),
      name: values.name,
      source: account?.psa ?? 'simulator',
      ...(account ? { account } : { simulator: { seed, size, psa } }),
      syncIntervalSeconds: interval,
    },
    new Date().toISOString(),
  )
  const title = PSA_TITLES[tenant.psa]
  process.stdout.write(
    `Tenant "${tenant.id}" (${tenant.name}) added: ${account ? `${title} credentials stored encrypted` : `${title} simulator, ${size} data, seed ${seed}`}, syncing every ${interval} s.\n` +
      `  Builder: /t/${tenant.id}/admin  user: admin  password: ${adminPassword}  (shown once)\n`,
  )
  return 0
}

/** The account --autotask or --connectwise reads from the environment; null for --simulator. */
function accountFromEnv(flags: { autotask?: boolean; connectwise?: boolean }): PsaSource | null {
  if (flags.autotask) {
    const credentials = loadAutotaskCredentials()
    if (credentials) return { psa: 'autotask', credentials }
  } else if (flags.connectwise) {
    const credentials = loadConnectWiseCredentials()
    if (credentials) return { psa: 'connectwise', credentials }
  } else return null
  const psa = flags.autotask ? 'autotask' : 'connectwise'
  throw new HostedError(`--${psa} reads ${PSA_VARIABLES[psa]}: set them for this command`)
}

async function listTenants(registry: Registry): Promise<number> {
  const tenants = await registry.listTenants()
  if (tenants.length === 0)
    process.stdout.write('No tenants yet: roleboard hosted tenant add --id ID --name NAME --simulator|--autotask\n')
  for (const t of tenants)
    process.stdout.write(
      `${t.id.padEnd(20)} ${t.name.padEnd(30)} ${(t.source === 'simulator' && t.psa !== 'autotask' ? `simulator (${t.psa})` : t.source).padEnd(11)} every ${t.sync_interval_seconds} s  ${registry.tenantDbPath(t)}\n`,
    )
  return 0
}

async function removeTenant(registry: Registry, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { id: { type: 'string' }, 'delete-data': { type: 'boolean', default: false } },
    strict: true,
  })
  if (!values.id) throw new HostedError('tenant remove needs --id')
  const removed = await deprovisionTenant(registry, checkTenantId(values.id), { deleteData: values['delete-data']! })
  if (!removed) throw new HostedError(`there is no tenant "${values.id}"`)
  process.stdout.write(`${removalLine(removed)}\n`)
  return 0
}

async function addConsultant(registry: Registry, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, tenant: { type: 'string', multiple: true } },
    strict: true,
  })
  if (!values.user || !/^[\w.@-]{1,100}$/.test(values.user))
    throw new HostedError('consultant add needs --user NAME (letters, digits, . @ _ -)')
  const given = loadConsultantPassword()
  const password = given || randomBytes(12).toString('base64url')
  const tenants = values.tenant?.map(checkTenantId) ?? null
  await registry.addConsultant(values.user, password, tenants, new Date().toISOString())
  process.stdout.write(
    `Consultant "${values.user}" added, for ${tenants ? `tenants ${tenants.join(', ')}` : 'every tenant'}.` +
      (given ? ' Password: ROLEBOARD_CONSULTANT_PASSWORD.\n' : `\n  password: ${password}  (shown once)\n`),
  )
  return 0
}

async function serveHosted(hosted: HostedConfig, argv: string[]): Promise<number> {
  const config = loadConfig()
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', default: String(config.port) }, host: { type: 'string', default: config.host } },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new HostedError(`--port must be a port number, not "${values.port}"`)
  const registry = await Registry.open(hosted.registryPath, hosted.secretKey)
  const host = new TenantHost({ registry, baseConfig: config, version: VERSION, logger: { level: 'info' } })
  const { open: tenants, failed } = await host.openAll()
  const consultant = await buildConsultantApp({
    host,
    logger: { level: 'info' },
    trustProxy: config.trustProxy,
    ...(config.now ? { now: () => new Date(config.now!) } : {}),
  })
  try {
    await ensureWebBuilt({ log: (line) => process.stdout.write(line) })
  } catch (error) {
    process.stderr.write(
      `roleboard: the front end could not be built (${(error as Error).message}); serving the API only\n`,
    )
  }
  const front = await startFront({ host, consultant, port, hostname: values.host! })
  const consultants = await registry.db.selectFrom('consultant').select('id').execute()
  process.stdout.write(
    `roleboard (hosted) is running at ${front.url} with ${tenants.length} tenant${tenants.length === 1 ? '' : 's'} from ${hosted.dir}\n` +
      tenants
        .map(
          (t) =>
            `  ${t.tenant.id.padEnd(20)} ${front.url}/t/${t.tenant.id}/  (${t.tenant.name}, sync every ${t.tenant.sync_interval_seconds} s)\n`,
        )
        .join('') +
      failed.map((f) => `  ${f.id.padEnd(20)} NOT AVAILABLE: ${f.error.message}\n`).join('') +
      `Consultant API: ${front.url}/api/consultant/\n` +
      (consultants.length === 0 ? 'No consultant account yet: roleboard hosted consultant add --user NAME\n' : ''),
  )
  const stop = new AbortController()
  await Promise.race(['SIGINT', 'SIGTERM'].map((signal) => once(process, signal, { signal: stop.signal }))).finally(
    () => stop.abort(),
  )
  await front.close()
  await consultant.close()
  await host.closeAll()
  await registry.close()
  return 0
}
