import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import { DEFAULT_DISCOVERY_URL, withTrailingSlash } from '../../connectors/autotask/config.js'
import { siteUrl } from '../../connectors/connectwise/config.js'
import { SyncError } from '../../connectors/autotask/errors.js'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import { loggerOptions } from '../logging.js'
import { readBuiltPage, sendPage, WEB_DIST } from '../web.js'
import { sessionCookie } from '../auth.js'
import { readCookie } from '../cookies.js'
import { installValidation } from '../validation.js'
import { badRequest, forbidden, HttpError, notFound, sendError, sendNoRoute, unauthorized } from '../errors.js'
import { guardedLogin, LoginGuard } from '../services/login-guard.js'
import { type Config, ConfigError, fastifyTrustProxy } from '../config.js'
import { HostedError } from './config.js'
import { tenantOverview } from './overview.js'
import { builderVisits, issueHandoff } from './handoff.js'
import { applyToTenants, checkPackage, planForTenants, type Target } from './packages.js'
import type { Consultant } from './registry.js'
import type { PsaSource } from '../psa.js'
import { provisionTenant, removalLine, type TenantHost, type TenantRuntime } from './tenants.js'
import {
  type AutotaskInput,
  type BuilderHandoff,
  type ConnectWiseInput,
  BuilderSessionSchema,
  type ConsultantSession,
  NewTenantSchema,
  TenantChangeSchema,
  type TenantList,
  type TenantListEntry,
  TenantParamsSchema,
  TenantRemovalQuerySchema,
  type TenantsApplyAnswer,
  TenantsApplySchema,
  type TenantsPlanAnswer,
  TenantsPlanSchema,
} from '../wire/consultant.js'
import { LoginSchema, type User } from '../wire/session.js'

export const CONSULTANT_COOKIE = 'rb_consultant'
const PREFIX = '/api/consultant'

declare module 'fastify' {
  interface FastifyRequest {
    consultant: Consultant | null
  }
}

export interface ConsultantAppOptions {
  host: TenantHost
  now?: () => Date
  logger?: FastifyServerOptions['logger']
  /** ROLEBOARD_TRUST_PROXY, as every tenant app gets it. */
  trustProxy?: Config['trustProxy']
}

/** The consultant API: one login for the install, the health of every client MSP, new tenants and packages for many at once. */
export async function buildConsultantApp(options: ConsultantAppOptions): Promise<FastifyInstance> {
  const { host } = options
  const registry = host.registry
  const now = options.now ?? (() => new Date())
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
  }).withTypeProvider<TypeBoxTypeProvider>()
  installValidation(app)
  const guard = new LoginGuard(registry.db)

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HostedError) return reply.code(400).send({ message: error.message, code: 'bad_request' })
    return sendError(error, request, reply)
  })
  // The built pages of every tenant load their scripts and styles from /assets at the root; files of a
  // build made after start (a wall reloading into it) are found too.
  if (existsSync(join(WEB_DIST, 'assets')))
    await app.register(fastifyStatic, {
      root: join(WEB_DIST, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
    })
  // The consultant's page: the same built app as the tenants' pages, which routes on its path.
  app.get('/consultant', async (_request, reply) => {
    const page = await readBuiltPage()
    if (!page) throw notFound('the front end is not built yet: run npm run build:web')
    return sendPage(reply, page)
  })
  app.setNotFoundHandler(sendNoRoute)

  app.decorateRequest('consultant', null)
  app.addHook('onRequest', async (request) => {
    const session = readCookie(request, CONSULTANT_COOKIE)
    if (session && session.length <= 200) request.consultant = await registry.sessionConsultant(session, now())
  })

  const signedIn = (request: FastifyRequest): Consultant => {
    if (!request.consultant) throw unauthorized()
    return request.consultant
  }
  // A tenant outside the consultant's scope answers exactly as one that does not exist.
  const tenantFor = async (request: FastifyRequest, id: string): Promise<TenantRuntime> => {
    const consultant = signedIn(request)
    const runtime = consultant.tenants && !consultant.tenants.has(id) ? null : await host.open(id)
    if (!runtime) throw notFound(`there is no tenant "${id}"`)
    return runtime
  }

  app.post(`${PREFIX}/session`, { schema: { body: LoginSchema } }, async (request, reply): Promise<User> => {
    const { username, password } = request.body
    const session = await guardedLogin(
      guard,
      request,
      reply,
      // Scoped to the consultant API: a tenant's pages never receive it.
      {
        account: username,
        loginPath: `${PREFIX}/session`,
        sessionCookie: (value, secure) => sessionCookie(CONSULTANT_COOKIE, value.sessionId, PREFIX, secure),
      },
      () => registry.login(username, password, now()),
    )
    if (!session) throw unauthorized('wrong user name or password', 'bad_login')
    return { user: request.body.username }
  })

  app.get(`${PREFIX}/session`, async (request): Promise<ConsultantSession> => {
    const consultant = signedIn(request)
    return { user: consultant.username, tenants: consultant.tenants ? [...consultant.tenants].sort() : 'all' }
  })

  app.delete(`${PREFIX}/session`, async (request, reply) => {
    const session = readCookie(request, CONSULTANT_COOKIE)
    if (session) await registry.logout(session)
    reply.header('set-cookie', sessionCookie(CONSULTANT_COOKIE, '', PREFIX, false))
    return { message: 'logged out' }
  })

  app.get(`${PREFIX}/tenants`, async (request): Promise<TenantList> => {
    const consultant = signedIn(request)
    const tenants: TenantListEntry[] = []
    for (const row of await registry.listTenants()) {
      if (consultant.tenants && !consultant.tenants.has(row.id)) continue
      const runtime = await host.open(row.id).catch((error: Error) => error)
      if (runtime instanceof Error || !runtime) {
        // One tenant that cannot open (a broken file) must not hide the others.
        tenants.push({
          id: row.id,
          name: row.name,
          source: row.source,
          psa: row.psa,
          error: runtime instanceof ConfigError ? runtime.message : 'this tenant could not be opened',
        })
        if (runtime instanceof Error && !(runtime instanceof ConfigError))
          request.log.error({ err: runtime, tenant: row.id }, 'tenant did not open')
        continue
      }
      tenants.push(await tenantOverview(runtime))
    }
    return { tenants }
  })

  app.get(`${PREFIX}/tenants/:id`, { schema: { params: TenantParamsSchema } }, async (request) => {
    return tenantOverview(await tenantFor(request, request.params.id))
  })

  app.post(`${PREFIX}/tenants`, { schema: { body: NewTenantSchema } }, async (request, reply) => {
    if (signedIn(request).tenants) throw forbidden('only a consultant with every tenant may add one')
    const { id, name, source, autotask, connectwise, simulator, syncIntervalSeconds, adminPassword } = request.body
    if (source === 'autotask' && !autotask)
      throw badRequest('an Autotask tenant needs "autotask": its API user name, secret and integration code')
    if (source === 'connectwise' && !connectwise)
      throw badRequest(
        'a ConnectWise PSA tenant needs "connectwise": its site, company, public and private key and client id',
      )
    if (source === 'simulator' && (autotask || connectwise))
      throw badRequest('a simulator tenant takes no PSA credentials')
    // Exactly the one account its source names: another PSA's beside it would be sealed for nothing.
    if (autotask && connectwise) throw badRequest('a tenant has one PSA: send "autotask" or "connectwise", not both')
    const account = accountOf(request.body)
    if (source !== 'simulator' && account?.psa !== source)
      throw badRequest(`a ${source} tenant takes "${source}" credentials`)
    if (source !== 'simulator' && simulator) throw badRequest('only a simulator tenant takes "simulator"')
    if (await registry.getTenant(id)) throw new HttpError(409, `there is a tenant "${id}" already`, 'conflict')
    const created = await provisionTenant(
      registry,
      {
        id,
        name,
        source,
        ...(account ? { account } : {}),
        ...(source === 'simulator'
          ? {
              simulator: {
                seed: simulator?.seed ?? 42,
                size: simulator?.size ?? 'small',
                psa: simulator?.psa ?? 'autotask',
              },
            }
          : {}),
        syncIntervalSeconds: syncIntervalSeconds ?? 300,
      },
      now().toISOString(),
      adminPassword,
    )
    const runtime = await host.open(id)
    return reply.code(201).send({
      tenant: await tenantOverview(runtime!),
      admin: {
        user: 'admin',
        path: `/t/${id}/admin`,
        ...(created.adminPassword ? { password: created.adminPassword } : {}),
      },
    })
  })

  app.patch(
    `${PREFIX}/tenants/:id`,
    { schema: { params: TenantParamsSchema, body: TenantChangeSchema } },
    async (request) => {
      if (signedIn(request).tenants) throw forbidden('only a consultant with every tenant may change a tenant')
      const { id } = (await tenantFor(request, request.params.id)).tenant
      const { name, syncIntervalSeconds, autotask, connectwise } = request.body
      if (autotask && connectwise) throw badRequest('a tenant has one PSA: send "autotask" or "connectwise", not both')
      const account = accountOf(request.body)
      await registry.updateTenant(id, {
        ...(name ? { name } : {}),
        ...(syncIntervalSeconds ? { syncIntervalSeconds } : {}),
        ...(account ? { account } : {}),
      })
      return tenantOverview((await host.reload(id))!)
    },
  )

  app.delete(
    `${PREFIX}/tenants/:id`,
    { schema: { params: TenantParamsSchema, querystring: TenantRemovalQuerySchema } },
    async (request) => {
      if (signedIn(request).tenants) throw forbidden('only a consultant with every tenant may remove one')
      // Not through tenantFor: a tenant whose file no longer opens must still be removable.
      const removed = await host.remove(request.params.id, { deleteData: request.query.deleteData === true })
      if (!removed) throw notFound(`there is no tenant "${request.params.id}"`)
      return { ...removed, message: removalLine(removed) }
    },
  )

  // Opens every tenant asked for, after checking all of them are in scope (one out of scope: 404, nothing
  // done); a tenant whose file does not open is one line in the answer, not the end of the request.
  const targetsFor = async (request: FastifyRequest, ids: string[]): Promise<Target[]> => {
    const consultant = signedIn(request)
    for (const id of ids)
      if ((consultant.tenants && !consultant.tenants.has(id)) || !(await registry.getTenant(id)))
        throw notFound(`there is no tenant "${id}"`)
    const targets: Target[] = []
    for (const id of ids) {
      const runtime = await host.open(id).catch((error: Error) => error)
      if (runtime && !(runtime instanceof Error)) targets.push({ id, runtime })
      else {
        if (runtime instanceof Error && !(runtime instanceof ConfigError))
          request.log.error({ err: runtime, tenant: id }, 'tenant did not open')
        targets.push({
          id,
          error: runtime instanceof ConfigError ? runtime.message : `tenant "${id}" is not available right now`,
        })
      }
    }
    return targets
  }

  // The consultant's way into a tenant's builder without its admin password: a one-time code, good
  // for 60 seconds at that tenant only, which the builder page sends back from its URL's fragment.
  app.post(
    `${PREFIX}/tenants/:id/builder-session`,
    { schema: { params: TenantParamsSchema, body: BuilderSessionSchema } },
    async (request): Promise<BuilderHandoff> => {
      const { id } = (await tenantFor(request, request.params.id)).tenant
      const consultant = signedIn(request)
      const { code, expiresAt } = await issueHandoff(registry, consultant, id, now())
      request.log.info({ tenant: id, consultant: consultant.username }, 'builder code issued')
      const lang = request.body?.lang
      return { url: `/t/${id}/admin${lang ? `?lang=${lang}` : ''}#handoff=${code}`, expiresAt }
    },
  )

  app.get(`${PREFIX}/tenants/:id/builder-sessions`, { schema: { params: TenantParamsSchema } }, async (request) => {
    const { id } = (await tenantFor(request, request.params.id)).tenant
    return { visits: await builderVisits(registry, id) }
  })

  app.post(`${PREFIX}/tenants/:id/sync`, { schema: { params: TenantParamsSchema } }, async (request) => {
    const runtime = await tenantFor(request, request.params.id)
    await runtime.syncNow()
    return tenantOverview(runtime)
  })

  // The dry run: each tenant's plan, nothing written anywhere. A bad package is one line per tenant.
  app.post(
    `${PREFIX}/packages/plan`,
    { schema: { body: TenantsPlanSchema } },
    async (request): Promise<TenantsPlanAnswer> => {
      const targets = await targetsFor(request, request.body.tenants)
      const { mode, onConflict } = request.body
      const { pkg, results } = await planForTenants(targets, request.body.package, {
        ...(mode ? { mode } : {}),
        onConflict: onConflict ?? null,
      })
      return { package: pkg ? { name: pkg.name, version: pkg.version } : null, results }
    },
  )

  app.post(
    `${PREFIX}/packages/apply`,
    { schema: { body: TenantsApplySchema } },
    async (request): Promise<TenantsApplyAnswer> => {
      // Every tenant and the package are checked before any tenant is changed: one id out of scope and nothing is applied.
      const targets = await targetsFor(request, request.body.tenants)
      const pkg = checkPackage(request.body.package)
      const { mode, onConflict, plans } = request.body
      const results = await applyToTenants(targets, pkg, {
        ...(mode ? { mode } : {}),
        onConflict: onConflict ?? null,
        now: now().toISOString(),
        ...(plans ? { expect: plans } : {}),
      })
      for (const result of results)
        if (!result.ok) request.log.warn({ tenant: result.tenant, error: result.error?.message }, 'package not applied')
      return { package: { name: pkg.name, version: pkg.version }, results }
    },
  )

  await app.ready()
  return app
}

/** The PSA account a request carries, as its connector takes it; null when it carries none. */
function accountOf(body: { autotask?: AutotaskInput; connectwise?: ConnectWiseInput }): PsaSource | null {
  if (body.autotask)
    return {
      psa: 'autotask',
      credentials: {
        ...body.autotask,
        discoveryUrl: withTrailingSlash(body.autotask.discoveryUrl ?? DEFAULT_DISCOVERY_URL),
      },
    }
  if (!body.connectwise) return null
  try {
    return { psa: 'connectwise', credentials: { ...body.connectwise, site: siteUrl(body.connectwise.site) } }
  } catch (error) {
    // The site's own refusal (https only, no user name in it): one line, naming no key.
    if (error instanceof SyncError) throw badRequest(error.message)
    throw error
  }
}
