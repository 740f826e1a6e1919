import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import Fastify from 'fastify'
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, HTTPMethods } from 'fastify'
import { apiError, iisHtmlError, iisHtmlPage, MESSAGES, methodNotAllowed, SimHttpError } from './errors.js'
import type { FaultRule, SimOperation } from './faults.js'
import { corruptItems, FaultInjector } from './faults.js'
import type { FilterOptions } from './filter.js'
import { DEFAULT_FILTER_OPTIONS, fieldCatalog } from './filter.js'
import type { Collection, CollectionQueries, CompiledQuery, PagingCursor, QueryModel } from './query.js'
import { compileQuery, countMatches, cursorUrl, parseCursor, parseQueryModel, parseSearch, scanPage } from './query.js'
import type { SimEntity, SimWorld } from './store.js'
import { SIM_ENTITIES } from './store.js'
import type { LatencySteps } from './threshold.js'
import { DEFAULT_LATENCY, RequestWindow, ThreadGate, thresholdLatency } from './threshold.js'
import type { WebhookOptions } from './webhooks/index.js'
import { SimWebhooks } from './webhooks/index.js'
import { controlRoutes, webhookRoutes } from './webhooks/routes.js'

export interface SimulatorUser {
  userName: string
  secret: string
  integrationCode: string
}

export const DEMO_CREDENTIALS: SimulatorUser = {
  userName: 'api@demo-msp.example',
  secret: 'demo-secret',
  integrationCode: 'ROLEBOARD-DEMO',
}

export interface SimulatorOptions {
  world: SimWorld
  /** API users of this tenant; `[DEMO_CREDENTIALS]` by default. */
  users?: SimulatorUser[]
  /** Requests per rolling hour before the tenant is refused (default 10,000). */
  hourlyLimit?: number
  /** In-flight requests per (integration code, entity) (default 3). */
  threadLimit?: number
  /** Get-by-id of a missing record: HTTP 404 (default) or `200 {"item": null}`. */
  notFound?: '404' | 'null-item'
  /** Status once the hourly limit is reached (default 429). */
  overLimitStatus?: number
  /** Added delay from 50% / 75% of the hourly limit; off by default, `true` = 500 / 1000 ms. */
  latency?: boolean | Partial<LatencySteps>
  /** Send `Retry-After` (seconds) with thread-limit 429s; none by default. */
  threadRetryAfter?: number
  /** `entityInformation/userDefinedFields` on an entity without UDFs: 404 (default) or `{"fields": []}`. */
  udfNotFound?: '404' | 'empty'
  /** Filter strictness; booleans strict, one UDF condition, 500 OR conditions by default. */
  filter?: Partial<FilterOptions>
  faults?: FaultRule[]
  zone?: { zoneName?: string; webUrl?: string; ci?: number }
  /** Wall clock of the rolling hour and of webhook deliveries (not the world's clock); `Date.now` by default. */
  clock?: () => number
  /** Webhook delivery: retry interval, timeout, limits, `PersonID` spelling, faults (Autotask's values by default). */
  webhooks?: WebhookOptions
  logger?: FastifyServerOptions['logger']
}

export interface RequestLogEntry {
  method: string
  path: string
  operation: SimOperation | 'zone' | 'version' | null
  entity: string | null
  /** 0 when the connection was dropped. */
  status: number
  /** Whether it counts against the hourly threshold (authenticated and not refused for it). */
  counted: boolean
  at: string
}

/** The test-facing handle, also reachable as `app.simulator`. */
export interface SimulatorHandle {
  readonly world: SimWorld
  /** Requests counted in the current rolling hour. */
  requestCount(): number
  requestLog(): readonly RequestLogEntry[]
  resetCounters(): void
  setFaults(rules: FaultRule[]): void
  addFault(rule: FaultRule): void
  clearFaults(): void
  activeFaults(): FaultRule[]
  inFlight(): number
  /** Registered webhooks and their callouts; also reachable over HTTP under `/_sim/`. */
  readonly webhooks: SimWebhooks
}

declare module 'fastify' {
  interface FastifyInstance {
    simulator: SimulatorHandle
  }
}

type RouteOperation = SimOperation | 'zone' | 'version'

/** A route's config: its operation and, for resources that are not world entities (webhooks), its name. */
interface RouteConfig {
  operation?: RouteOperation
  entity?: string
}

interface RequestState {
  entry: RequestLogEntry
  fault?: FaultRule
}

const PREFIX = '/ATServicesRest'
const V1 = `${PREFIX}/V1.0`
const REQUEST_LOG_LIMIT = 100_000
const POST_CURSOR_LIMIT = 1_000
const ENTITIES = new Map<string, SimEntity>(SIM_ENTITIES.map((entity) => [entity.toLowerCase(), entity]))

export async function buildSimulator(options: SimulatorOptions): Promise<FastifyInstance> {
  const { world } = options
  const users = new Map((options.users ?? [DEMO_CREDENTIALS]).map((user) => [user.userName.toLowerCase(), user]))
  const integrationCodes = new Set([...users.values()].map((user) => user.integrationCode))
  const hourlyLimit = options.hourlyLimit ?? 10_000
  const threadLimit = options.threadLimit ?? 3
  const latency =
    options.latency === true ? DEFAULT_LATENCY : options.latency ? { ...DEFAULT_LATENCY, ...options.latency } : null
  const filterOptions: FilterOptions = { ...DEFAULT_FILTER_OPTIONS, ...options.filter }
  const clock = options.clock ?? Date.now
  const window = new RequestWindow(clock)
  const gate = new ThreadGate()
  const faults = new FaultInjector(options.faults)
  const states = new WeakMap<FastifyRequest, RequestState>()
  // go-autotask POSTs to nextPageUrl without a body, so POST-origin queries are remembered by cursor.
  const postCursors = new Map<string, QueryModel>()
  let log: RequestLogEntry[] = []
  const webhooks = new SimWebhooks(world, {
    clock,
    overThreshold: () => window.count() >= hourlyLimit,
    ...options.webhooks,
  })

  const handle: SimulatorHandle = {
    world,
    requestCount: () => window.count(),
    requestLog: () => log,
    resetCounters: () => {
      window.reset()
      log = []
    },
    setFaults: (rules) => faults.set(rules),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    activeFaults: () => faults.rules(),
    inFlight: () => gate.total(),
    webhooks,
  }

  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { caseSensitive: false, ignoreDuplicateSlashes: true, ignoreTrailingSlash: true },
  })
  app.decorate('simulator', handle)

  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body).trim()
    if (text === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      done(apiError('The request body is not valid JSON.'), undefined)
    }
  })

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof SimHttpError) {
      reply.code(error.status).headers(error.headers)
      return typeof error.body === 'string' ? reply.type('text/html').send(error.body) : reply.send(error.body)
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    return reply.code(status).send({ errors: [error instanceof Error ? error.message : String(error)] })
  })
  app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/html').send(iisHtmlPage(404)))

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config as RouteConfig
    const operation = config.operation ?? null
    const entry: RequestLogEntry = {
      method: request.method,
      path: request.url.split('?')[0]!,
      operation,
      entity: null,
      status: 0,
      counted: false,
      at: new Date(clock()).toISOString(),
    }
    const state: RequestState = { entry }
    states.set(request, state)
    log.push(entry)
    if (log.length > REQUEST_LOG_LIMIT) log = log.slice(-REQUEST_LOG_LIMIT / 2)
    if (operation === null || operation === 'zone' || operation === 'version') return

    authenticate(request)
    if (window.count() >= hourlyLimit) throw apiError(MESSAGES.threshold, options.overLimitStatus ?? 429)
    window.record()
    entry.counted = true
    const entity = operation === 'threshold' ? 'ThresholdInformation' : (config.entity ?? entityOf(request))
    entry.entity = entity

    const integrationCode = headerValue(request, 'apiintegrationcode')
    const release = gate.tryAcquire(`${integrationCode}\n${entity}`, threadLimit)
    if (!release) {
      const headers: Record<string, string> =
        options.threadRetryAfter === undefined ? {} : { 'retry-after': String(options.threadRetryAfter) }
      throw apiError(MESSAGES.threads(threadLimit), 429, headers)
    }
    reply.raw.once('close', release)

    const extra = thresholdLatency(window.count(), hourlyLimit, latency)
    if (extra > 0) await delay(extra)

    const fault = faults.pick(entity, operation)
    if (!fault) return
    state.fault = fault
    switch (fault.kind) {
      case 'error':
        throw apiError(fault.message ?? 'An unexpected error has occurred. Please try again.', fault.status ?? 500)
      case 'rate-limit':
        throw apiError(
          fault.message ?? MESSAGES.threads(threadLimit),
          429,
          fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
        )
      case 'html':
        throw iisHtmlError(fault.status ?? 404)
      case 'slow':
        await delay(fault.delayMs)
    }
  })

  app.addHook('onResponse', async (request, reply) => {
    const state = states.get(request)
    if (state && state.entry.status === 0) state.entry.status = reply.statusCode
  })

  function authenticate(request: FastifyRequest): void {
    const code = headerValue(request, 'apiintegrationcode')
    if (!code || !integrationCodes.has(code)) throw apiError(MESSAGES.integrationCode)
    const user = users.get(headerValue(request, 'username').toLowerCase())
    if (!user || user.secret !== headerValue(request, 'secret')) {
      throw apiError('Unauthorized: the UserName or Secret is not valid.', 401)
    }
  }

  /** Sends the answer, or breaks it the way the request's fault says. */
  function deliver(request: FastifyRequest, reply: FastifyReply, payload: object): FastifyReply | object {
    const state = states.get(request)
    const fault = state?.fault
    if (fault?.kind === 'malformed' && !(request.routeOptions.config as RouteConfig).entity) {
      const fields = world.fields(entityOf(request))
      const body = payload as { items?: unknown[]; item?: unknown }
      if (body.items) payload = { ...body, items: corruptItems(body.items, fault, fields) }
      else if (body.item) payload = { ...body, item: corruptItems([body.item], fault, fields)[0] }
    }
    if (fault?.kind !== 'truncated' && fault?.kind !== 'drop') return payload
    const text = JSON.stringify(payload)
    const half = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
    if (fault.kind === 'truncated') return reply.type('application/json; charset=utf-8').send(half)
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    raw.write(half, () => raw.socket?.destroy())
    return reply
  }

  function route(
    method: HTTPMethods | HTTPMethods[],
    url: string,
    operation: RouteOperation,
    handler: (request: FastifyRequest) => object | Promise<object>,
    entity?: string,
  ): void {
    app.route({
      method,
      url,
      config: { operation, entity } satisfies RouteConfig,
      handler: async (request, reply) => deliver(request, reply, await handler(request)),
    })
  }

  function origin(request: FastifyRequest): string {
    const address = app.server.address() as AddressInfo | null
    return `${request.protocol}://${request.host || `127.0.0.1:${address?.port ?? 80}`}`
  }

  function entityCollection(entity: SimEntity): Collection {
    return {
      name: entity,
      rows: () => world.records(entity),
      catalog: fieldCatalog(entity, world.fields(entity), world.udfs(entity)),
    }
  }

  function modelOf(request: FastifyRequest): QueryModel {
    if (request.method === 'GET') return parseSearch(queryParam(request, 'search'))
    return parseQueryModel(request.body)
  }

  function page(
    request: FastifyRequest,
    collection: Collection,
    query: CompiledQuery,
    cursor: PagingCursor | null,
    search: string | null,
    model: QueryModel,
  ) {
    const afterId = cursor ? cursor.nextIds[cursor.nextIds.length - 1]! : -1
    const { items, hasMore } = scanPage(collection.rows(), afterId, query.predicate, query.pageSize)
    const base = `${origin(request)}${V1}/${collection.name}`
    let nextPageUrl: string | null = null
    if (hasMore) {
      const next = { pageSize: query.pageSize, previousIds: [afterId], nextIds: [items[items.length - 1]!.id] }
      nextPageUrl = cursorUrl(base, next, search)
      if (search === null) rememberPostCursor(collection.name, next, model)
    }
    const previous = cursor?.previousIds[cursor.previousIds.length - 1]
    const prevPageUrl =
      previous === undefined
        ? null
        : cursorUrl(base, { pageSize: query.pageSize, previousIds: [], nextIds: [previous] }, search)
    return {
      items: items.map(query.project),
      pageDetails: { count: items.length, requestCount: query.pageSize, prevPageUrl, nextPageUrl },
    }
  }

  function cursorKey(name: string, cursor: PagingCursor): string {
    return `${name}\n${JSON.stringify(cursor)}`
  }

  function rememberPostCursor(name: string, cursor: PagingCursor, model: QueryModel): void {
    const key = cursorKey(name, cursor)
    postCursors.delete(key)
    postCursors.set(key, model)
    if (postCursors.size > POST_CURSOR_LIMIT) postCursors.delete(postCursors.keys().next().value!)
  }

  route('GET', `${PREFIX}/versionInformation`, 'version', () => ({ apiVersions: ['1.0'] }))

  route('GET', `${V1}/zoneInformation`, 'zone', (request) => {
    const user = users.get(
      String(queryParam(request, 'user') ?? '')
        .trim()
        .toLowerCase(),
    )
    if (!user) throw apiError(MESSAGES.zoneUnknown)
    const base = origin(request)
    return {
      zoneName: options.zone?.zoneName ?? 'roleboard Simulator',
      url: `${base}${PREFIX}/`,
      webUrl: options.zone?.webUrl ?? `${base}/`,
      ci: options.zone?.ci ?? 1,
    }
  })

  route('GET', `${V1}/ThresholdInformation`, 'threshold', () => ({
    externalRequestThreshold: hourlyLimit,
    requestThresholdTimeframe: 60,
    currentTimeframeRequestCount: window.count(),
  }))

  const queries: CollectionQueries = {
    first(request, collection) {
      const model = modelOf(request)
      const search = request.method === 'GET' ? String(queryParam(request, 'search')) : null
      return page(request, collection, compileQuery(model, collection.catalog, filterOptions), null, search, model)
    },
    next(request, collection) {
      const cursor = parseCursor(queryParam(request, 'paging'))
      let search: string | null = null
      let model: QueryModel
      if (request.method === 'GET') {
        const given = queryParam(request, 'search')
        if (given === undefined) throw methodNotAllowed('GET')
        search = String(given)
        model = parseSearch(search)
      } else if (request.body === undefined) {
        const remembered = postCursors.get(cursorKey(collection.name, cursor))
        if (!remembered) throw apiError('The paging cursor has expired; send the original query body with it.')
        model = remembered
      } else {
        model = parseQueryModel(request.body)
      }
      const compiled = compileQuery({ ...model, maxRecords: null }, collection.catalog, filterOptions)
      const query = { ...compiled, pageSize: cursor.pageSize }
      return page(request, collection, query, cursor, search, model)
    },
    count(request, collection) {
      const query = compileQuery({ ...modelOf(request), maxRecords: null }, collection.catalog, filterOptions)
      return { queryCount: countMatches(collection.rows(), query.predicate) }
    },
  }

  route(['GET', 'POST'], `${V1}/:entity/query`, 'query', (request) =>
    queries.first(request, entityCollection(entityOf(request))),
  )
  route(['GET', 'POST'], `${V1}/:entity/query/next`, 'next', (request) =>
    queries.next(request, entityCollection(entityOf(request))),
  )
  route(['GET', 'POST'], `${V1}/:entity/query/count`, 'count', (request) =>
    queries.count(request, entityCollection(entityOf(request))),
  )

  route('GET', `${V1}/:entity/entityInformation`, 'metadata', (request) => ({ info: world.info(entityOf(request)) }))

  route('GET', `${V1}/:entity/entityInformation/fields`, 'metadata', (request) => ({
    fields: world.fields(entityOf(request)),
  }))

  route('GET', `${V1}/:entity/entityInformation/userDefinedFields`, 'metadata', (request) => {
    const udfs = world.udfs(entityOf(request))
    if (udfs.length === 0 && options.udfNotFound !== 'empty') throw iisHtmlError(404)
    return { fields: udfs }
  })

  route('GET', `${V1}/:entity/:id`, 'get', (request) => {
    const entity = entityOf(request)
    const rawId = (request.params as { id: string }).id
    if (!/^\d+$/.test(rawId)) throw iisHtmlError(404)
    const item = world.get(entity, Number(rawId))
    if (item) return { item }
    if (options.notFound === 'null-item') return { item: null }
    throw apiError(`No ${entity} record was found with id ${rawId}.`, 404)
  })

  const readOnly = (request: FastifyRequest): never => {
    throw apiError(`The simulator is read-only: ${request.method} on ${entityOf(request)} is not supported.`)
  }
  route(['POST', 'PUT', 'PATCH'], `${V1}/:entity`, 'write', readOnly)
  route(['PUT', 'PATCH', 'DELETE'], `${V1}/:entity/:id`, 'write', readOnly)

  webhookRoutes({ route, base: V1, webhooks, world, queries })
  controlRoutes(app, webhooks, world)
  app.addHook('onClose', () => webhooks.close())

  await app.ready()
  return app
}

export interface RunningSimulator {
  /** Origin the simulator listens on, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** Base for zone discovery: append `V1.0/zoneInformation?user=`. */
  discoveryUrl: string
  app: FastifyInstance
  sim: SimulatorHandle
  /** The same as `sim.webhooks`. */
  webhooks: SimWebhooks
  close(): Promise<void>
}

export async function startSimulator(
  options: SimulatorOptions & { port?: number; host?: string },
): Promise<RunningSimulator> {
  const app = await buildSimulator(options)
  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port ?? 0, host })
  const { port } = app.server.address() as AddressInfo
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const url = `http://${publicHost}:${port}`
  return {
    url,
    discoveryUrl: `${url}${PREFIX}/`,
    app,
    sim: app.simulator,
    webhooks: app.simulator.webhooks,
    close: () => app.close(),
  }
}

function entityOf(request: FastifyRequest): SimEntity {
  const name = (request.params as { entity?: string }).entity ?? ''
  const entity = ENTITIES.get(name.toLowerCase())
  if (!entity) throw iisHtmlError(404)
  return entity
}

function headerValue(request: FastifyRequest, name: string): string {
  const value = request.headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

function queryParam(request: FastifyRequest, name: string): unknown {
  const query = request.query as Record<string, unknown>
  const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name)
  const value = key === undefined ? undefined : query[key]
  return Array.isArray(value) ? value[0] : value
}
