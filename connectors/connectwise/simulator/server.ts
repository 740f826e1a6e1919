import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import type { SimWorld } from '../../autotask/simulator/store.js'
import { isEditableWorld } from '../../autotask/simulator/store.js'
import type { CwRecord } from './conditions.js'
import { CwHttpError, cwError, endpointNotFound, invalidParameter, recordNotFound, tooManyRequests } from './errors.js'
import type { CallbackAttempt, CallbackOptions } from './callbacks.js'
import { CwCallbacks } from './callbacks.js'
import type { CwFaultRule } from './faults.js'
import { applyFault, CwFaults } from './faults.js'
import * as lookups from './lookups.js'
import * as business from './translate-business.js'
import type { QueryParams } from './query.js'
import { forwardOnlyPage, matching, navigablePage, ordered, projection, queryParams } from './query.js'
import { TokenBucket } from './throttle.js'
import type { CwEntity } from './translate.js'
import { SaveLedger, WorldView } from './translate.js'

export interface ConnectWiseCredentials {
  company: string
  publicKey: string
  privateKey: string
  clientId: string
}

export const DEMO_CONNECTWISE_CREDENTIALS: ConnectWiseCredentials = {
  company: 'roleboard',
  publicKey: 'RbDemoPublicKey1',
  privateKey: 'RbDemoPrivateKey1',
  clientId: '5f0b7c1e-2d4a-4e8b-9c61-3a7d2e9f4b10',
}

export interface ConnectWiseSimulatorOptions {
  world: SimWorld
  /** The tenant's login company and API member keys; the demo ones by default. */
  credentials?: Omit<ConnectWiseCredentials, 'clientId'>
  /** The versioned codebase discovery hands out (default `v2025_1/`); `v4_6_release/` is served as well. */
  codebase?: string
  /** Sent as `api-current-version` on every answer (default `2025.1`). */
  apiVersion?: string
  /** `IsCloud` in discovery: a JSON boolean (default) or the string `"True"`, as the Guide's example has it. */
  isCloud?: 'boolean' | 'string'
  /** A request without a `clientId` header: refused (default) or served. */
  missingClientId?: 'reject' | 'allow'
  /** Status of that refusal (default 401). */
  missingClientIdStatus?: number
  /** Registered clientIds; any non-empty clientId is accepted when absent. */
  clientIds?: string[]
  /** Token bucket size and refill per minute (default 1,000); 0 turns throttling off. */
  requestsPerMinute?: number
  /** Forward-only paging's last page: an empty `Link` header (default) or none. */
  lastPageLink?: 'empty' | 'omit'
  faults?: CwFaultRule[]
  /** Callback delivery: retry waits and timeout (ConnectWise's 2 s, 4 s and 5 s by default). */
  callbacks?: CallbackOptions
  /** Wall clock of the throttle; `Date.now` by default. */
  clock?: () => number
  logger?: FastifyServerOptions['logger']
}

export interface CwRequestLogEntry {
  method: string
  /** The path under `apis/3.0/`, or `login/companyinfo/...` for discovery. */
  path: string
  query: string
  status: number
}

/** The test-facing handle, also reachable as `app.connectwise`. */
export interface ConnectWiseSimulatorHandle {
  readonly world: SimWorld
  requestLog(): readonly CwRequestLogEntry[]
  resetCounters(): void
  setFaults(rules: CwFaultRule[]): void
  addFault(rule: CwFaultRule): void
  clearFaults(): void
  activeFaults(): CwFaultRule[]
  /** Moves the tenant to another versioned codebase (as a cloud upgrade does): the old one then answers 404. */
  setCodebase(codebase: string): void
  codebase(): string
  /** Registered callbacks' deliveries, oldest first. */
  callbackAttempts(): readonly CallbackAttempt[]
  /** Resolves once every callback delivery under way (retries included) has finished. */
  callbacksIdle(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    connectwise: ConnectWiseSimulatorHandle
  }
}

const RELEASE_CODEBASE = 'v4_6_release'
const API_ROOT = 'apis/3.0'
const REQUEST_LOG_LIMIT = 100_000

interface Collection {
  /** The record name in a NotFound message ("Ticket 123 not found"). */
  entity: string
  rows: () => readonly CwRecord[]
  one?: (id: number) => CwRecord | undefined
  /** An endpoint that answers one object rather than a list (an opportunity's forecast). */
  single?: CwRecord
}

/** Endpoint paths; `:id` matches a whole number handed to the factory. */
type Route = readonly [
  pattern: readonly string[],
  collection: (view: WorldView, ids: number[]) => Collection | undefined,
]

function entityCollection(view: WorldView, entity: CwEntity, name: string): Collection {
  return { entity: name, rows: () => view.list(entity), one: (id) => view.one(entity, id) }
}

/** A setup list, in id order as every list is served. */
function lookup(entity: string, rows: () => CwRecord[]): Collection {
  return { entity, rows: () => rows().sort((a, b) => (a.id as number) - (b.id as number)) }
}

function boardCollection(view: WorldView, ids: number[], entity: string, list: typeof lookups.boardTypes) {
  const board = lookups.boardRef(view, ids[0]!)
  return board && lookup(entity, () => list(view, board))
}

const ROUTES: readonly Route[] = [
  [['service', 'tickets'], (view) => entityCollection(view, 'tickets', 'Ticket')],
  [
    ['service', 'tickets', ':id', 'notes'],
    (view, [ticketId]) => {
      const notes = view.notesOf(ticketId!)
      return notes && { entity: 'Note', rows: () => notes }
    },
  ],
  [
    ['service', 'tickets', ':id', 'timeentries'],
    (view, [ticketId]) =>
      view.one('tickets', ticketId!) && {
        entity: 'TimeEntry',
        rows: () =>
          view
            .list('timeEntries')
            .filter((entry) => entry.chargeToType === 'ServiceTicket' && entry.chargeToId === ticketId),
      },
  ],
  [['time', 'entries'], (view) => entityCollection(view, 'timeEntries', 'TimeEntry')],
  [['service', 'surveys'], (view) => entityCollection(view, 'surveys', 'Survey')],
  [
    ['service', 'surveys', ':id', 'results'],
    (view, [surveyId]) =>
      view.one('surveys', surveyId!) && {
        entity: 'SurveyResult',
        rows: () => view.list('surveyResults').filter((result) => result.surveyId === surveyId),
      },
  ],
  [
    ['service', 'surveys', ':id', 'questions'],
    (view, [surveyId]) => {
      const survey = view.one('surveys', surveyId!)
      return survey && lookup('SurveyQuestion', () => lookups.surveyQuestions(view, survey))
    },
  ],
  [['company', 'companies'], (view) => entityCollection(view, 'companies', 'Company')],
  [['company', 'contacts'], (view) => entityCollection(view, 'contacts', 'Contact')],
  [
    ['company', 'companies', ':id', 'teams'],
    (view, [companyId]) => {
      const team = business.companyTeam(view, companyId!)
      return team && { entity: 'CompanyTeam', rows: () => team }
    },
  ],
  [['company', 'configurations'], (view) => entityCollection(view, 'configurations', 'Configuration')],
  [['sales', 'opportunities'], (view) => entityCollection(view, 'opportunities', 'Opportunity')],
  [
    ['sales', 'opportunities', 'statuses'],
    (view) => lookup('OpportunityStatus', () => business.opportunityStatuses(view)),
  ],
  [
    ['sales', 'opportunities', ':id', 'forecast'],
    (view, [opportunityId]) => {
      const forecast = business.opportunityForecast(view, opportunityId!)
      return forecast && { entity: 'Forecast', rows: () => [forecast], single: forecast }
    },
  ],
  [
    ['finance', 'invoices'],
    (view) => ({
      entity: 'Invoice',
      rows: () => view.list('invoices').filter((row) => !business.isVoidedInvoice(view, row.id)),
      one: (id) => (business.isVoidedInvoice(view, id) ? undefined : view.one('invoices', id)),
    }),
  ],
  [['project', 'projects'], (view) => entityCollection(view, 'projects', 'Project')],
  [['project', 'tickets'], (view) => entityCollection(view, 'projectTickets', 'Ticket')],
  [['system', 'members'], (view) => entityCollection(view, 'members', 'Member')],
  [['finance', 'agreements'], (view) => entityCollection(view, 'agreements', 'Agreement')],
  [['finance', 'agreements', 'types'], (view) => lookup('AgreementType', () => lookups.agreementTypes(view))],
  [['service', 'boards'], (view) => lookup('Board', () => lookups.boards(view))],
  [
    ['service', 'boards', ':id', 'statuses'],
    (view, ids) => boardCollection(view, ids, 'Status', lookups.boardStatuses),
  ],
  [['service', 'boards', ':id', 'types'], (view, ids) => boardCollection(view, ids, 'Type', lookups.boardTypes)],
  [
    ['service', 'boards', ':id', 'subtypes'],
    (view, ids) => boardCollection(view, ids, 'SubType', lookups.boardSubTypes),
  ],
  [['service', 'boards', ':id', 'items'], (view, ids) => boardCollection(view, ids, 'Item', lookups.boardItems)],
  [['service', 'priorities'], (view) => lookup('Priority', () => lookups.priorities(view))],
  [['service', 'sources'], (view) => lookup('Source', () => lookups.sources(view))],
  [['service', 'slas'], (view) => lookup('SLA', () => lookups.serviceLevelAgreements(view))],
  [
    ['service', 'slas', ':id', 'priorities'],
    (view, [slaId]) => {
      const sla = lookups.serviceLevelAgreements(view).find((row) => row.id === slaId)
      return sla && lookup('SLAPriority', () => lookups.slaPriorities(view, sla))
    },
  ],
  [['schedule', 'calendars'], (view) => lookup('Calendar', () => lookups.calendars(view))],
  [['schedule', 'holidaylists'], (view) => lookup('HolidayList', () => lookups.holidayLists(view))],
  [
    ['schedule', 'holidaylists', ':id', 'holidays'],
    (view, [listId]) =>
      lookups.holidayLists(view).some((row) => row.id === listId)
        ? lookup('Holiday', () => lookups.holidays(view))
        : undefined,
  ],
  [['time', 'worktypes'], (view) => lookup('WorkType', () => lookups.workTypes(view))],
  [['time', 'workroles'], (view) => lookup('WorkRole', () => lookups.workRoles(view))],
]

// Longest patterns first, so `finance/agreements/types` wins over `finance/agreements/{id}`.
const ROUTES_BY_LENGTH = [...ROUTES].sort((a, b) => b[0].length - a[0].length)

const PARENT_ENTITY: Record<string, string> = {
  companies: 'Company',
  opportunities: 'Opportunity',
  tickets: 'Ticket',
  boards: 'Board',
  surveys: 'Survey',
  slas: 'SLA',
  holidaylists: 'HolidayList',
}

/** What a path under `apis/3.0/` asks for: a collection, and after it nothing, `count`, `search` or an id. */
function resolve(view: WorldView, segments: string[]): { collection: Collection; rest: string[] } {
  for (const [pattern, make] of ROUTES_BY_LENGTH) {
    if (segments.length < pattern.length) continue
    const ids: number[] = []
    const fits = pattern.every((part, index) => {
      const segment = segments[index]!
      if (part !== ':id') return part === segment
      if (!/^\d+$/.test(segment)) return false
      ids.push(Number(segment))
      return true
    })
    if (!fits) continue
    const rest = segments.slice(pattern.length)
    if (rest.length > 1) continue
    const collection = make(view, ids)
    if (!collection) {
      // The parent record (a ticket, a board) does not exist.
      const parent = pattern[pattern.indexOf(':id') - 1] ?? ''
      throw recordNotFound(PARENT_ENTITY[parent] ?? 'Record', ids[0]!)
    }
    return { collection, rest }
  }
  throw endpointNotFound()
}

export async function buildConnectWiseSimulator(options: ConnectWiseSimulatorOptions): Promise<FastifyInstance> {
  const { world } = options
  const credentials = options.credentials ?? DEMO_CONNECTWISE_CREDENTIALS
  const clock = options.clock ?? Date.now
  const perMinute = options.requestsPerMinute ?? 1000
  const bucket = perMinute > 0 ? new TokenBucket(perMinute, clock) : null
  const faults = new CwFaults(options.faults)
  const ledger = new SaveLedger()
  const view = new WorldView(world, ledger)
  const stopWatching = isEditableWorld(world)
    ? world.watch((change) => ledger.record(change.entity, change.id, change.at))
    : null
  let codebase = normaliseCodebase(options.codebase ?? 'v2025_1/')
  let log: CwRequestLogEntry[] = []
  const callbacks = new CwCallbacks(
    world,
    view,
    () => ({ origin: `http://${hostOf(app)}`, codebase: `${codebase}/`, company: credentials.company }),
    options.callbacks,
  )
  const callbackCollection: Collection = { entity: 'Callback', rows: () => callbacks.list() }

  const handle: ConnectWiseSimulatorHandle = {
    world,
    requestLog: () => log,
    resetCounters: () => {
      log = []
      bucket?.reset()
    },
    setFaults: (rules) => faults.set(rules),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    activeFaults: () => faults.rules(),
    setCodebase: (next) => {
      codebase = normaliseCodebase(next)
    },
    codebase: () => `${codebase}/`,
    callbackAttempts: () => callbacks.attempts(),
    callbacksIdle: () => callbacks.whenIdle(),
  }

  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { caseSensitive: false, ignoreDuplicateSlashes: true, ignoreTrailingSlash: true },
  })
  app.decorate('connectwise', handle)

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof CwHttpError) {
      reply.code(error.status).headers(error.headers)
      return typeof error.body === 'string' ? reply.type('text/html').send(error.body) : reply.send(error.body)
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500
    const message = error instanceof Error ? error.message : String(error)
    return reply.code(status).send({ code: status < 500 ? 'InvalidObject' : 'ConnectWiseApi', message, errors: null })
  })
  app.setNotFoundHandler((_request, reply) => {
    const { status, body } = endpointNotFound()
    return reply.code(status).send(body)
  })

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('api-current-version', options.apiVersion ?? '2025.1')
    reply.header('cache-control', 'no-cache')
    reply.header('pragma', 'no-cache')
  })
  app.addHook('onResponse', async (request, reply) => {
    const [path, query = ''] = request.url.split('?')
    log.push({
      method: request.method,
      path: apiPathOf(path!) ?? path!.replace(/^\/+/, ''),
      query,
      status: reply.statusCode,
    })
    if (log.length > REQUEST_LOG_LIMIT) log = log.slice(-REQUEST_LOG_LIMIT / 2)
  })

  app.get('/login/companyinfo/:company', async (request, reply) => {
    const fault = faults.pick(null)
    if (fault) await applyFault(fault)
    const company = (request.params as { company: string }).company
    reply.type('application/json; charset=utf-8')
    if (company.toLowerCase() !== credentials.company.toLowerCase()) return 'null'
    const version = codebase.replace(/^v/, '').replace('_', '.')
    return JSON.stringify({
      CompanyName: world.get('Companies', view.ownCompanyId() ?? -1)?.companyName ?? credentials.company,
      Codebase: `${codebase}/`,
      VersionCode: `v${version}`,
      VersionNumber: 'v4.6.90211',
      CompanyID: credentials.company,
      IsCloud: options.isCloud === 'string' ? 'True' : true,
    })
  })

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/:codebase/apis/3.0/*',
    handler: async (request, reply) => {
      const given = (request.params as { codebase: string }).codebase.toLowerCase()
      if (given !== RELEASE_CODEBASE && given !== codebase) throw endpointNotFound()
      authenticate(request)
      if (bucket) {
        const taken = bucket.take()
        if (!taken.ok) throw tooManyRequests(taken.retryAfterSeconds)
      }
      const path = apiPathOf(request.url.split('?')[0]!) ?? ''
      const fault = faults.pick(path)
      if (fault) await applyFault(fault)
      return answer(request, reply, path)
    },
  })

  function authenticate(request: FastifyRequest): void {
    const header = headerValue(request, 'authorization')
    const match = /^basic\s+(\S+)$/i.exec(header)
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : ''
    const colon = decoded.indexOf(':')
    const user = colon < 0 ? '' : decoded.slice(0, colon)
    const plus = user.indexOf('+')
    const valid =
      plus > 0 &&
      user.slice(0, plus).toLowerCase() === credentials.company.toLowerCase() &&
      user.slice(plus + 1) === credentials.publicKey &&
      decoded.slice(colon + 1) === credentials.privateKey
    if (!valid) {
      throw cwError(401, 'Unauthorized', 'Authentication failed: the company, public key or private key is not valid.')
    }
    const clientId = headerValue(request, 'clientid').trim()
    const known = clientId !== '' && (!options.clientIds || options.clientIds.includes(clientId))
    if (!known && !(clientId === '' && options.missingClientId === 'allow')) {
      throw cwError(
        options.missingClientIdStatus ?? 401,
        'Unauthorized',
        clientId === ''
          ? 'A clientId header is required on every request: register one at developer.connectwise.com/ClientID.'
          : 'The clientId is not recognised: register one at developer.connectwise.com/ClientID.',
      )
    }
  }

  function answer(request: FastifyRequest, reply: FastifyReply, path: string): unknown {
    const segments = path.toLowerCase().split('/').filter(Boolean)
    if (segments.join('/') === 'system/audittrail' && request.method === 'GET') return auditTrail(request)
    const isCallbacks = segments[0] === 'system' && segments[1] === 'callbacks' && segments.length <= 3
    const { collection, rest } = isCallbacks
      ? { collection: callbackCollection, rest: segments.slice(2) }
      : resolve(view, segments)
    const [last] = rest
    if (isCallbacks && request.method !== 'GET') return writeCallback(request, reply, last)
    const searching = last === 'search' && request.method === 'POST'
    if (request.method !== 'GET' && !searching) {
      throw cwError(405, 'MethodNotAllowed', `The simulator is read-only: ${request.method} is not supported.`)
    }
    const params = searching
      ? withBodyConditions(queryParams(request.query as Record<string, unknown>), request.body)
      : queryParams(request.query as Record<string, unknown>)
    if (collection.single && last === undefined) return projection(params.get('fields'))(collection.single)
    if (last !== undefined && last !== 'count' && !searching) {
      if (!/^\d+$/.test(last)) throw endpointNotFound()
      const id = Number(last)
      const record = collection.one ? collection.one(id) : collection.rows().find((row) => row.id === id)
      if (!record) throw recordNotFound(collection.entity, id)
      return projection(params.get('fields'))(record)
    }
    const rows = matching(collection.rows(), params)
    if (last === 'count') return { count: rows.length }
    const self = new URL(request.url, `${request.protocol}://${request.host || hostOf(app)}`)
    const forwardOnly = headerValue(request, 'pagination-type').toLowerCase() === 'forward-only'
    const page = forwardOnly
      ? forwardOnlyPage(rows, params, self, options.lastPageLink ?? 'empty')
      : navigablePage(ordered(rows, params.get('orderby')), params, self)
    if (page.link !== null) reply.header('link', page.link)
    return page.rows.map(projection(params.get('fields')))
  }

  /** `system/audittrail?type=&id=`: one record's history, as far as the world knows it (no forward-only paging). */
  function auditTrail(request: FastifyRequest): CwRecord[] {
    if (headerValue(request, 'pagination-type').toLowerCase() === 'forward-only') {
      throw invalidParameter('pagination-type', 'forward-only pagination is not supported on the audit trail')
    }
    const params = queryParams(request.query as Record<string, unknown>)
    const type = (params.get('type') ?? '').toLowerCase()
    const id = Number(params.get('id'))
    const entity = AUDITED[type]
    if (!entity || !Number.isInteger(id))
      throw invalidParameter('type', 'audit trail needs a known type and a record id')
    const record = view.one(entity, id)
    if (!record) throw recordNotFound(params.get('type')!, id)
    return auditEntries(record, params.get('type')!)
  }

  /** POST a registration; PUT, PATCH or DELETE one by id. */
  function writeCallback(request: FastifyRequest, reply: FastifyReply, last: string | undefined): unknown {
    if (request.method === 'POST' && last === undefined) {
      reply.code(201)
      return callbacks.create(request.body)
    }
    if (last === undefined || !/^\d+$/.test(last) || request.method === 'POST') {
      throw cwError(405, 'MethodNotAllowed', `${request.method} is not supported here.`)
    }
    if (request.method === 'DELETE') {
      callbacks.remove(Number(last))
      return reply.code(204).send()
    }
    return callbacks.update(Number(last), request.body, request.method === 'PATCH')
  }

  // Where a callback's receiver fetches the key that signs it (Metadata.key_url); no credentials, as ConnectWise's.
  app.get('/:codebase/system/callbackkey/index.rails', async (request) => {
    const id = (request.query as Record<string, unknown>).id
    if (id !== callbacks.keyId) throw endpointNotFound()
    return { signing_key: callbacks.signingKey }
  })

  app.addHook('onClose', async () => {
    stopWatching?.()
    callbacks.close()
  })
  await app.ready()
  return app
}

const AUDITED: Record<string, CwEntity> = {
  ticket: 'tickets',
  time: 'timeEntries',
  company: 'companies',
  contact: 'contacts',
  agreement: 'agreements',
}

/** When a record was entered and, for a closed ticket, closed; the world keeps no finer history. */
function auditEntries(record: CwRecord, type: string): CwRecord[] {
  const info = record._info as CwRecord
  const enteredBy = (info.enteredBy ?? record.enteredBy ?? null) as string | null
  const entries: CwRecord[] = [
    {
      text: `${type} entered`,
      enteredDate: info.dateEntered ?? record.dateEntered ?? null,
      enteredBy,
      auditType: type,
      auditSubType: 'Entered',
      auditSource: type,
    },
  ]
  if (record.closedFlag === true) {
    entries.push({
      text: `Status changed to "${(record.status as CwRecord).name}"`,
      enteredDate: record.closedDate,
      enteredBy: record.closedBy,
      auditType: type,
      auditSubType: 'Status',
      auditSource: type,
    })
  }
  return entries
}

/** `POST .../search` carries its conditions in the body, `{"conditions": "..."}`. */
function withBodyConditions(params: QueryParams, body: unknown): QueryParams {
  const conditions = body && typeof body === 'object' ? (body as Record<string, unknown>).conditions : undefined
  if (conditions !== undefined && typeof conditions !== 'string') {
    throw invalidParameter('conditions', 'the search body needs conditions as a string')
  }
  const merged = new Map(params)
  if (conditions !== undefined) merged.set('conditions', conditions)
  return merged
}

function normaliseCodebase(codebase: string): string {
  return codebase.replace(/^\/+|\/+$/g, '').toLowerCase()
}

/** The part of a request path after `apis/3.0/`, or null when it is not an API path. */
function apiPathOf(path: string): string | null {
  const lower = path.toLowerCase()
  const at = lower.indexOf(`/${API_ROOT}/`)
  return at < 0 ? null : path.slice(at + API_ROOT.length + 2).replace(/\/+$/, '')
}

function hostOf(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | null
  return `127.0.0.1:${address?.port ?? 80}`
}

function headerValue(request: FastifyRequest, name: string): string {
  const value = request.headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

export interface RunningConnectWiseSimulator {
  /** Origin the simulator listens on, e.g. `http://127.0.0.1:41234`. */
  origin: string
  app: FastifyInstance
  sim: ConnectWiseSimulatorHandle
  close(): Promise<void>
}

export async function startConnectWiseSimulator(
  options: ConnectWiseSimulatorOptions & { port?: number; host?: string },
): Promise<RunningConnectWiseSimulator> {
  const app = await buildConnectWiseSimulator(options)
  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port ?? 0, host })
  const { port } = app.server.address() as AddressInfo
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return { origin: `http://${publicHost}:${port}`, app, sim: app.connectwise, close: () => app.close() }
}
