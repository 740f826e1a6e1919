import { api } from '../api.ts'
import { h } from '../dom.ts'
import { formatAge, formatDateTime, formatTime, formatValue } from '../format.ts'
import type { Budget, BudgetEntity } from '../types.ts'
import type { Say } from './say.ts'
import type { AdminKey } from './strings.ts'

// What roleboard costs the tenant's shared Autotask API budget (GET /api/budget, server/services/budget.ts): its
// requests in the last hour against the 5% line and against every integration's count, and per entity its pace,
// why, and its requests: expected (the last pass times its passes an hour) beside measured (the last hour). It
// opens with a verdict for the owner: is roleboard crowding out the tenant's other integrations?

const REASON_LABEL: Record<BudgetEntity['reason'], AdminKey> = {
  walls: 'budgetReasonWalls',
  slowly: 'budgetReasonSlowly',
  deletions: 'budgetReasonDeletions',
  webhook: 'budgetSourceWebhook',
  override: 'budgetSourceOverride',
}

export function renderBudget(el: HTMLElement, options: { say: Say }): void {
  const { say } = options
  const title = h('h2', { text: say('budgetTitle') })
  el.replaceChildren(title, h('p', { text: say('loading') }))
  void api<Budget>('/api/budget').then(
    (budget) => el.replaceChildren(title, ...budgetView(budget, say)),
    (error) => el.replaceChildren(title, h('p.field-error', { text: error instanceof Error ? error.message : '' })),
  )
}

function budgetView(budget: Budget, say: Say): HTMLElement[] {
  const count = (n: number) => formatValue(n, 'count', say.lang)
  const percent = (n: number) => formatValue((n / budget.tenant.hourlyLimit) * 100, 'percent', say.lang)
  const { roleboard, tenant } = budget
  // A count that has not caught up with roleboard's own says nothing yet of the others: no grey part then.
  const others = tenant.usedLastHour === null || tenant.behindOwn ? null : tenant.usedLastHour - roleboard.lastHour
  return [
    verdict(budget, say),
    h('p.hint', { text: say('budgetIntro', { limit: count(tenant.hourlyLimit) }) }),
    usageBar(budget, others),
    h(
      'p.budget-legend',
      null,
      h('span.budget-key.budget-bar-own'),
      say('budgetLegendOwn'),
      h('span.budget-key.budget-bar-others'),
      say('budgetLegendOthers'),
      h('span.budget-key.budget-key-target'),
      say('budgetLegendTarget'),
    ),
    h('p', {
      'data-budget': 'roleboard',
      text: say('budgetRoleboard', {
        measured: count(roleboard.lastHour),
        share: percent(roleboard.lastHour),
        expected: count(Math.round(roleboard.expectedPerHour)),
        target: count(roleboard.target),
      }),
    }),
    h('p', {
      'data-budget': 'tenant',
      title: say('budgetTenantNote'),
      text:
        tenant.usedLastHour === null || tenant.readAt === null
          ? say('budgetTenantUnknown', { limit: count(tenant.hourlyLimit) })
          : tenant.behindOwn
            ? say('budgetTenantBehind', {
                at: formatTime(tenant.readAt, say.lang),
                used: count(tenant.usedLastHour),
                limit: count(tenant.hourlyLimit),
              })
            : say('budgetTenant', {
                used: count(tenant.usedLastHour),
                limit: count(tenant.hourlyLimit),
                share: percent(tenant.usedLastHour),
                at: formatDateTime(tenant.readAt, say.lang),
              }),
    }),
    h('p.hint', {
      title: say('budgetStopTitle'),
      text: say('budgetStop', { limit: count(roleboard.shareLimit), share: percent(roleboard.shareLimit) }),
    }),
    entityTable(budget, say),
    h('p.hint', { text: say('budgetTableHint') }),
    ...(budget.smileback
      ? [
          h('p', {
            'data-budget': 'smileback',
            text: say('budgetSmileBack', {
              n: budget.smileback.lastPassRequests,
              at: budget.smileback.lastSuccessAt ? formatDateTime(budget.smileback.lastSuccessAt, say.lang) : '—',
            }),
          }),
        ]
      : []),
  ]
}

/**
 * One coloured line: roleboard's share of the limit in the last hour, and whether it (or what the paces below
 * expect an hour) is past the 5% target (amber) or past the hard share limit (red), saying which.
 */
function verdict(budget: Budget, say: Say): HTMLElement {
  const { roleboard, tenant } = budget
  const percent = (n: number) => formatValue((n / tenant.hourlyLimit) * 100, 'percent', say.lang)
  const expected = Math.round(roleboard.expectedPerHour)
  const values = {
    share: percent(roleboard.lastHour),
    expected: formatValue(expected, 'count', say.lang),
    limit: formatValue(roleboard.shareLimit, 'count', say.lang),
  }
  const [level, key]: [string, AdminKey] =
    roleboard.lastHour > roleboard.shareLimit
      ? ['red', 'budgetVerdictMeasuredAboveLimit']
      : expected > roleboard.shareLimit
        ? ['red', 'budgetVerdictExpectedAboveLimit']
        : roleboard.lastHour > roleboard.target
          ? ['amber', 'budgetVerdictMeasuredAboveTarget']
          : expected > roleboard.target
            ? ['amber', 'budgetVerdictExpectedAboveTarget']
            : ['green', 'budgetVerdictOk']
  return h(`p.budget-verdict.budget-verdict-${level}`, { 'data-budget': 'verdict', text: say(key, values) })
}

/** The tenant's hour as one bar: roleboard's part, the other integrations' part, and the 5% line. */
function usageBar(budget: Budget, others: number | null): HTMLElement {
  const width = (n: number) => `width: ${Math.min(100, (n / budget.tenant.hourlyLimit) * 100).toFixed(2)}%`
  return h(
    'div.budget-bar',
    { 'aria-hidden': 'true' },
    h('span.budget-bar-own', { style: width(budget.roleboard.lastHour) }),
    others === null ? null : h('span.budget-bar-others', { style: width(others) }),
    h('span.budget-bar-target', { style: `left: ${(budget.roleboard.target / budget.tenant.hourlyLimit) * 100}%` }),
  )
}

function entityTable(budget: Budget, say: Say): HTMLElement {
  const count = (n: number) => formatValue(n, 'count', say.lang)
  const perHour = (n: number | null) => (n === null ? '—' : formatValue(n, 'count', say.lang))
  const columns = [
    'budgetEntity',
    'budgetEvery',
    'budgetWhy',
    'budgetPerPass',
    'budgetExpected',
    'budgetMeasured',
  ] as const
  const head = h('tr', null, ...columns.map((key) => h('th', { text: say(key) })))
  const rows = budget.entities.map((entity) =>
    h(
      'tr',
      { 'data-entity': entity.entity },
      h('td', { text: entityName(entity.entity, say) }),
      h('td.every', { text: formatAge(entity.seconds, say.lang) }),
      h('td', { text: say(REASON_LABEL[entity.reason]) }),
      h('td.number', { text: entity.perPass === null ? '—' : count(entity.perPass) }),
      h('td.number', { text: perHour(entity.expectedPerHour) }),
      h('td.number', { text: count(entity.measuredLastHour) }),
    ),
  )
  // Lines measured only: what they cost depends on what happens (callouts) or is spread over the entities' passes.
  const measuredOnly = (key: AdminKey, n: number, name: string, title?: string) =>
    h(
      'tr',
      { 'data-entity': name },
      h('td', { text: say(key), title }),
      h('td', { colspan: 4, text: say('budgetMeasuredOnly') }),
      h('td.number', { text: count(n) }),
    )
  const total = h(
    'tr.budget-total',
    null,
    h('th', { text: say('budgetTotal') }),
    h('td', { colspan: 3 }),
    h('td.number', { text: count(Math.round(budget.roleboard.expectedPerHour)) }),
    h('td.number', { text: count(budget.roleboard.lastHour) }),
  )
  return h(
    'table.budget-table',
    null,
    h('thead', null, head),
    h(
      'tbody',
      null,
      ...rows,
      measuredOnly('budgetChecks', budget.budgetChecksLastHour, 'ThresholdInformation', 'ThresholdInformation'),
      measuredOnly('budgetRefreshes', budget.webhookRefreshesLastHour, 'webhook-refreshes'),
      measuredOnly('budgetOtherRequests', budget.otherRequestsLastHour, 'other'),
    ),
    h('tfoot', null, total),
  )
}

// Each thing a sync does in the owner's words; the webhook panel's names serve for the four entities it names.
const ENTITY_LABEL: Record<string, AdminKey> = {
  Tickets: 'webhookTickets',
  TicketNotes: 'webhookTicketNotes',
  Companies: 'webhookCompanies',
  Contacts: 'webhookContacts',
  TimeEntries: 'budgetTimeEntries',
  SurveyResults: 'budgetSurveyResults',
  ServiceLevelAgreementResults: 'budgetSlaResults',
  DeletedTicketLogs: 'budgetDeletedTickets',
  Opportunities: 'budgetOpportunities',
  Quotes: 'budgetQuotes',
  Projects: 'budgetProjects',
  Tasks: 'budgetTasks',
  Resources: 'budgetResources',
  Contracts: 'budgetContracts',
  Surveys: 'budgetSurveys',
  ConfigurationItems: 'budgetConfigurationItems',
  Invoices: 'budgetInvoices',
  Picklists: 'budgetPicklists',
}

/** The entity in the page's language (Autotask's name where there is none); a deletion scan says what it is. */
function entityName(entity: string, say: Say): string {
  const [name = entity, scan] = entity.split(':')
  const key = ENTITY_LABEL[name]
  const label = key ? say(key) : name
  return scan === 'deletions' ? say('budgetDeletionScan', { entity: label }) : label
}
