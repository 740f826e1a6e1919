import { api } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import type { WebhookList, WebhookState } from '../types.ts'
import type { Say } from './say.ts'
import type { AdminKey } from './strings.ts'

// Whether Autotask sends changes as they happen (GET /api/webhooks, server/routes/hooks.ts): per entity, when
// it was registered and the last change received, and in red when Autotask stopped, with what to run. Registering is done on the server (`roleboard webhooks register`).

const ENTITY_LABEL: Record<string, AdminKey> = {
  Tickets: 'webhookTickets',
  TicketNotes: 'webhookTicketNotes',
  Companies: 'webhookCompanies',
  Contacts: 'webhookContacts',
}

export function renderWebhooks(el: HTMLElement, options: { say: Say }): void {
  const { say } = options
  const title = h('h2', { text: say('webhooksTitle') })
  el.replaceChildren(title, h('p', { text: say('loading') }))
  void api<WebhookList>('/api/webhooks').then(
    (list) => el.replaceChildren(title, ...webhookLines(list, say)),
    (error) => el.replaceChildren(title, h('p.field-error', { text: error instanceof Error ? error.message : '' })),
  )
}

function webhookLines(list: WebhookList, say: Say): HTMLElement[] {
  const registered = list.webhooks.some((state) => state.registered)
  const stopped = list.webhooks.filter((state) => state.registered && !state.active)
  return [
    h('p.hint', { text: registered ? say('webhooksIntro') : say('webhooksNone') }),
    h('p.hint', { 'data-webhooks': 'coverage', text: say('webhooksCoverage') }),
    ...stopped.map((state) =>
      h('p.webhook-stopped', {
        role: 'alert',
        text: say('webhookStopped', {
          entity: entityLabel(state, say),
          at: state.deactivatedAt ? formatDateTime(state.deactivatedAt, say.lang) : '?',
        }),
      }),
    ),
    ...(registered ? [webhookTable(list, say)] : []),
  ]
}

function webhookTable(list: WebhookList, say: Say): HTMLElement {
  const stateText = (state: WebhookState) =>
    say(!state.registered ? 'webhookNotRegistered' : state.active ? 'webhookActive' : 'webhookInactive')
  const head = h(
    'tr',
    null,
    ...(['webhookEntity', 'webhookState', 'webhookRegisteredAt', 'webhookLastCallout'] as const).map((key) =>
      h('th', { text: say(key) }),
    ),
  )
  const rows = list.webhooks.map((state) =>
    h(
      'tr',
      { 'data-entity': state.entity },
      h('td', { text: entityLabel(state, say) }),
      h('td', { text: stateText(state) }),
      h('td', { text: state.registeredAt ? formatDateTime(state.registeredAt, say.lang) : '—' }),
      // Registered and nothing yet: say so, so "active" with no change is not read as a blank to fill in.
      h('td', {
        text: state.lastCalloutAt
          ? formatDateTime(state.lastCalloutAt, say.lang)
          : state.registered
            ? say('webhookNoCalloutYet')
            : '—',
      }),
    ),
  )
  return h('table.webhook-table', null, h('thead', null, head), h('tbody', null, ...rows))
}

function entityLabel(state: WebhookState, say: Say): string {
  const key = ENTITY_LABEL[state.entity]
  return key ? say(key) : state.entity
}
