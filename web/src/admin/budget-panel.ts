import { api } from '../api.ts'
import { h } from '../dom.ts'
import { formatAge, formatDateTime, formatValue } from '../format.ts'
import type { Budget, BudgetEntity } from '../types.ts'
import type { Say } from './say.ts'
import type { AdminKey } from './strings.ts'

// What roleboard costs the tenant's shared Autotask API budget (GET /api/budget, server/services/budget.ts): its
// requests in the last hour against the 5% line and against every integration's count, and per entity its pace,
// why, and its requests: expected (the last pass times its passes an hour) beside measured (the last hour).

const SOURCE_LABEL: Record<BudgetEntity['source'], AdminKey> = {
  default: 'budgetSourceDefault',
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
  const others = tenant.usedLastHour === null ? null : Math.max(0, tenant.usedLastHour - roleboard.lastHour)
  return [
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
      text:
        tenant.usedLastHour === null || tenant.readAt === null
          ? say('budgetTenantUnknown', { limit: count(tenant.hourlyLimit) })
          : say('budgetTenant', {
              used: count(tenant.usedLastHour),
              limit: count(tenant.hourlyLimit),
              share: percent(tenant.usedLastHour),
              at: formatDateTime(tenant.readAt, say.lang),
            }),
    }),
    h('p.hint', {
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
      h('td', { text: say(SOURCE_LABEL[entity.source]) }),
      h('td.number', { text: entity.perPass === null ? '—' : count(entity.perPass) }),
      h('td.number', { text: perHour(entity.expectedPerHour) }),
      h('td.number', { text: count(entity.measuredLastHour) }),
    ),
  )
  // Lines measured only: what they cost depends on what happens (callouts) or is spread over the entities' passes.
  const measuredOnly = (key: AdminKey, n: number, name: string) =>
    h(
      'tr',
      { 'data-entity': name },
      h('td', { text: say(key) }),
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
      measuredOnly('budgetChecks', budget.budgetChecksLastHour, 'ThresholdInformation'),
      measuredOnly('budgetRefreshes', budget.webhookRefreshesLastHour, 'webhook-refreshes'),
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
