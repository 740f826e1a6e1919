import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify'
import { apiError } from '../errors.js'
import type { SimOperation } from '../faults.js'
import { fieldCatalog } from '../filter.js'
import type { CollectionQueries } from '../query.js'
import type { ApiRecord, EntityInfo, FieldInfo, SimWorld } from '../store.js'
import { ERROR_COLUMNS } from './delivery.js'
import type { SimWebhooks } from './index.js'
import type { WebhookKind } from './kinds.js'
import { describeField, WEBHOOK_KINDS } from './kinds.js'
import type { ChildPath } from './registry.js'
import { CHILDREN, childFields, WEBHOOK_FIELDS, webhookView } from './registry.js'

/** How the server adds an Autotask route: authenticated, counted against the threshold, open to faults. */
export type AddRoute = (
  method: HTTPMethods | HTTPMethods[],
  url: string,
  operation: SimOperation,
  handler: (request: FastifyRequest) => object | Promise<object>,
  entity: string,
) => void

export interface WebhookRouteContext {
  route: AddRoute
  /** `/ATServicesRest/V1.0` */
  base: string
  webhooks: SimWebhooks
  world: SimWorld
  /** The server's query answers, with its paging. */
  queries: CollectionQueries
}

/** The REST resources of §4 of the webhook notes, for every webhook kind, plus `WebhookEventErrorLogs`. */
export function webhookRoutes(context: WebhookRouteContext): void {
  const { route, base, webhooks } = context
  const registry = webhooks.registry
  for (const kind of WEBHOOK_KINDS) {
    const resource = `${kind.singular}Webhooks`
    const url = `${base}/${resource}`
    const add = (method: HTTPMethods | HTTPMethods[], path: string, operation: SimOperation, handler: Handler) =>
      route(method, `${url}${path}`, operation, handler, resource)

    add('POST', '', 'write', (request) => ({ itemId: registry.create(kind, request.body) }))
    add('PUT', '', 'write', (request) => ({ itemId: registry.update(kind, request.body, true) }))
    add('PATCH', '', 'write', (request) => ({ itemId: registry.update(kind, request.body, false) }))
    add('GET', '/:id', 'get', (request) => ({ item: webhookView(registry.get(kind, idParam(request))) }))
    add('DELETE', '/:id', 'write', (request) => ({ itemId: registry.remove(kind, idParam(request)) }))
    queryRoutes(context, url, resource, WEBHOOK_FIELDS, () => registry.list(kind).map(webhookView))
    metadataRoutes(route, url, resource, WEBHOOK_FIELDS)

    const paths: ChildPath[] = kind.udfs
      ? ['Fields', 'UdfFields', 'ExcludedResources']
      : ['Fields', 'ExcludedResources']
    for (const path of paths) childRoutes(context, kind, path)
  }

  const errorFields: FieldInfo[] = [
    describeField('id', 'long', { isRequired: true }),
    describeField('createDateTime', 'datetime'),
    describeField('errorMessage', 'string', { length: 8000 }),
    describeField('payload', 'string', { length: 8000 }),
    describeField('sequenceNumber', 'integer'),
    ...Object.values(ERROR_COLUMNS).map((name) => describeField(name, 'integer')),
  ]
  const errors = `${base}/WebhookEventErrorLogs`
  queryRoutes(context, errors, 'WebhookEventErrorLogs', errorFields, () => webhooks.errorLog())
  metadataRoutes(route, errors, 'WebhookEventErrorLogs', errorFields)
}

type Handler = (request: FastifyRequest) => object | Promise<object>

function childRoutes(context: WebhookRouteContext, kind: WebhookKind, path: ChildPath): void {
  const { route, base, webhooks, world } = context
  const registry = webhooks.registry
  const parent = `${kind.singular}Webhooks`
  const resource = CHILDREN[path].resource(kind)
  const url = `${base}/${parent}/:parentId/${path}`
  const fields = () => childFields(world, kind, path)
  const parentOf = (request: FastifyRequest) => registry.get(kind, idParam(request, 'parentId'))

  route('GET', url, 'query', (request) => page(parentOf(request)[path]), resource)
  route(
    'POST',
    url,
    'write',
    (request) => ({ itemId: registry.addChild(kind, idParam(request, 'parentId'), path, request.body) }),
    resource,
  )
  if (path !== 'ExcludedResources') {
    route(
      ['PUT', 'PATCH'],
      url,
      'write',
      (request) => ({ itemId: registry.updateChild(kind, idParam(request, 'parentId'), path, request.body) }),
      resource,
    )
  }
  route(
    'GET',
    `${url}/:id`,
    'get',
    (request) => ({ item: registry.child(kind, parentOf(request), path, idParam(request)) }),
    resource,
  )
  route(
    'DELETE',
    `${url}/:id`,
    'write',
    (request) => ({ itemId: registry.removeChild(kind, idParam(request, 'parentId'), path, idParam(request)) }),
    resource,
  )

  const cross = `${base}/${resource}`
  const rows = () => registry.childRows(kind, path) as unknown as ApiRecord[]
  queryRoutes(context, cross, resource, fields(), rows)
  route(
    'GET',
    `${cross}/:id`,
    'get',
    (request) => {
      const id = idParam(request)
      const item = rows().find((row) => row.id === id)
      if (!item) throw apiError(`No ${resource} record was found with id ${id}.`, 404)
      return { item }
    },
    resource,
  )
  metadataRoutes(route, cross, resource, fields())
}

function queryRoutes(
  context: WebhookRouteContext,
  url: string,
  resource: string,
  fields: readonly FieldInfo[],
  rows: () => readonly ApiRecord[],
): void {
  const { route, queries } = context
  const collection = { name: resource, rows, catalog: fieldCatalog(resource, fields, []) }
  route(['GET', 'POST'], `${url}/query`, 'query', (request) => queries.first(request, collection), resource)
  route(['GET', 'POST'], `${url}/query/next`, 'next', (request) => queries.next(request, collection), resource)
  route(['GET', 'POST'], `${url}/query/count`, 'count', (request) => queries.count(request, collection), resource)
}

function metadataRoutes(route: AddRoute, url: string, resource: string, fields: readonly FieldInfo[]): void {
  const info: EntityInfo = {
    name: resource as EntityInfo['name'],
    canCreate: !resource.endsWith('ErrorLogs'),
    canDelete: !resource.endsWith('ErrorLogs'),
    canQuery: true,
    canUpdate: !resource.endsWith('ErrorLogs'),
    userAccessForCreate: 'All',
    userAccessForDelete: 'All',
    userAccessForQuery: 'All',
    userAccessForUpdate: 'All',
    hasUserDefinedFields: false,
    supportsWebhookCallouts: false,
  }
  route('GET', `${url}/entityInformation`, 'metadata', () => ({ info }), resource)
  route('GET', `${url}/entityInformation/fields`, 'metadata', () => ({ fields }), resource)
}

function page(items: readonly object[]) {
  return { items, pageDetails: { count: items.length, requestCount: 500, prevPageUrl: null, nextPageUrl: null } }
}

function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string>)[name] ?? ''
  if (!/^\d+$/.test(raw)) throw apiError(`"${raw}" is not a record id.`, 404)
  return Number(raw)
}

/**
 * The simulator's control API, for tests, the benchmark and other processes: no Autotask credentials, not counted
 * against the threshold, served on the simulator's own port only. Bad input: 400 `{"errors": ["..."]}`.
 */
export function controlRoutes(app: FastifyInstance, webhooks: SimWebhooks, world: SimWorld): void {
  const control = (method: HTTPMethods, url: string, handler: Handler) =>
    app.route({
      method,
      url: `/_sim${url}`,
      handler: async (request) => {
        try {
          return await handler(request)
        } catch (error) {
          if (error instanceof Error && error.name === 'SimHttpError') throw error
          throw apiError(error instanceof Error ? error.message : String(error), 400)
        }
      },
    })

  control('POST', '/change', (request) => {
    const body = objectBody(request)
    const item = webhooks.change(text(body, 'entity'), integer(body, 'id'), fieldsOf(body), optionalInteger(body, 'by'))
    return { item }
  })
  control('POST', '/create', (request) => {
    const body = objectBody(request)
    const entity = body.entity === undefined ? 'Tickets' : text(body, 'entity')
    const item = webhooks.create(entity, fieldsOf(body), optionalInteger(body, 'by'))
    return { itemId: item.id, item }
  })
  control('POST', '/advance', (request) => {
    const ms = integer(objectBody(request), 'ms')
    if (ms < 0) throw new Error('ms must not be negative')
    return world.advance(ms)
  })
  control('GET', '/callouts', () => ({ callouts: webhooks.callouts() }))
  control('GET', '/webhooks', () => ({ webhooks: webhooks.list() }))
  control('GET', '/outbox', () => ({ mails: webhooks.outbox() }))
  control('GET', '/idle', async () => {
    await webhooks.whenIdle()
    return { idle: true }
  })
  control('PUT', '/webhook-faults', (request) => {
    const body = objectBody(request)
    const duplicate = body.duplicate ?? false
    const holdCreatesMs = body.holdCreatesMs ?? 0
    if (typeof duplicate !== 'boolean') throw new Error('duplicate must be true or false')
    if (typeof holdCreatesMs !== 'number' || !(holdCreatesMs >= 0))
      throw new Error('holdCreatesMs must be a number of ms')
    webhooks.setFaults({ duplicate, holdCreatesMs })
    return { faults: webhooks.faults() }
  })
  control('POST', '/forge-deactivation', async (request) => {
    const body = objectBody(request)
    const to = body.to ?? 'webhook'
    if (to !== 'webhook' && to !== 'deactivation') throw new Error('to must be "webhook" or "deactivation"')
    return { callout: await webhooks.forgeDeactivation(text(body, 'resource'), integer(body, 'id'), to) }
  })
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('the body must be a JSON object')
  return body as Record<string, unknown>
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key]
  if (typeof value !== 'string' || value === '') throw new Error(`${key} must be a non-empty string`)
  return value
}

function integer(body: Record<string, unknown>, key: string): number {
  const value = body[key]
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${key} must be an integer`)
  return value
}

function optionalInteger(body: Record<string, unknown>, key: string): number | undefined {
  return body[key] === undefined || body[key] === null ? undefined : integer(body, key)
}

function fieldsOf(body: Record<string, unknown>): Record<string, unknown> {
  const fields = body.fields ?? {}
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new Error('fields must be a JSON object')
  return fields as Record<string, unknown>
}
