// The server's own rule for what may become an href (links.ts imports nothing).
import { httpUrl } from '../../../connectors/autotask/links.ts'
import { PSA_SHORT_NAMES } from '../../../server/wire/psa-names.ts'
import type { TicketPsa } from '../../../server/wire/psa.ts'
import { api, ApiError, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { t } from '../i18n.ts'
import { keepCurrent } from '../push.ts'
import type { Lang, ListResult, MeData } from '../types.ts'
import { rowActions } from '../widgets/row-actions.ts'
import {
  also,
  type Card,
  cardsOf,
  choreSummary,
  choreTake,
  draftKey,
  headline,
  isRisk,
  itemText,
  reasonText,
  telHref,
} from './cards.ts'

/** While changes are pushed, a poll now and then in case the stream missed one. */
const PUSHED_POLL_MS = 300_000

/**
 * An engineer's page on their phone: one card per ticket with all the reasons it needs them, worst
 * first, to call the contact, open the ticket in its PSA and say "I'm on it" once for all of them.
 * It shows a change the moment its event stream announces it (polls every `refreshMs` when it cannot listen).
 */
export function startMyPage(
  root: HTMLElement,
  options: { resourceId: number; token: string | null; lang: Lang; refreshMs: number },
): void {
  const { resourceId, token, lang } = options
  document.documentElement.lang = lang
  document.documentElement.classList.add('me-page')
  const undoBar = h('div.undo-bar', { role: 'status', 'aria-live': 'polite' })
  const actions = rowActions({
    lang,
    token,
    me: resourceId,
    load: async () => {
      await load()
    },
    undoBar,
  })
  const { errorLine, takeControls, mayAct, drafting } = actions
  let shown = false
  /** A change arrived while a note was being typed: shown when the typing stops, so the field keeps its focus. */
  let heldBack = false
  const openChores = new Set<string>()

  /** Fetches and shows the page; false when its link no longer opens it. `unasked`: a push or poll, not a tap. */
  async function load(unasked = false): Promise<boolean> {
    try {
      const data = await api<MeData>(`/api/me/${resourceId}${query({ token, lang })}`)
      if (unasked && typing()) heldBack = true
      else render(data)
      shown = true
      return true
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const refused = error instanceof ApiError && [401, 403, 404].includes(error.status)
      if (shown) {
        // Keep what is on screen; say in one line that it may be behind.
        root.querySelector('.me-header .reload-error')?.replaceChildren(t(lang, 'meReloadFailed', { message }))
        return !refused
      }
      const revoked = error instanceof ApiError && error.code === 'revoked'
      root.replaceChildren(
        h(
          'main.me',
          null,
          h('h1', { text: revoked ? t(lang, 'revokedTitle') : t(lang, 'badLinkTitle') }),
          h('p', { text: message }),
        ),
      )
      return !refused
    }
  }

  function typing(): boolean {
    const field = document.activeElement
    return field instanceof HTMLTextAreaElement && root.contains(field)
  }
  root.addEventListener('focusout', () => {
    if (!heldBack) return
    heldBack = false
    // After the focus has moved on, so a tap on "Resolve" still lands on its button.
    window.setTimeout(() => void load())
  })

  function render(data: MeData): void {
    const cards = cardsOf(data.lists.filter((list): list is ListResult => list.kind === 'list'))
    const failed = data.lists.filter((list) => list.kind === 'error').length
    root.replaceChildren(
      h(
        'main.me',
        null,
        h(
          'header.me-header',
          null,
          h('p.who', {
            text: `${data.name} · ${data.dataAsOf ? `${t(lang, 'dataAge')} ${formatDateTime(data.dataAsOf, lang)}` : t(lang, 'noData')}`,
          }),
          h('h1', { text: cards.length === 0 ? t(lang, 'nothingOpen') : headline(cards, lang) }),
          also(cards, lang) ? h('p.also', { text: also(cards, lang) }) : null,
          failed > 0 ? h('p.error', { text: t(lang, 'meListFailed', { n: failed }) }) : null,
          h('p.error.reload-error', { role: 'alert' }),
        ),
        // Said once, above the risk cards, not on each.
        cards.some((card) => card.reasons.some(isRisk))
          ? h('p.small.risk-note', { text: t(lang, 'meRiskNoteAbove') })
          : null,
        ...cards.map((card) => (card.ticket ? ticketCard(card, data.psa) : choreCard(card))),
      ),
      undoBar,
    )
  }

  /** A ticket's card; the ticket opens in `psa` (the page's), which its button names. */
  function ticketCard(card: Card, psa: TicketPsa): HTMLElement {
    const rows = card.reasons.map((reason) => reason.row)
    const field = (name: string): string | null => {
      const found = rows.find((row) => row[name] !== null && row[name] !== undefined && row[name] !== '')
      return found ? String(found[name]) : null
    }
    const risk = card.reasons.some(isRisk)
    const error = errorLine(card.key)
    const link = httpUrl(field('ticketUrl'))
    return h(
      `article.card.ticket${risk ? '.risk' : ''}`,
      { 'data-ticket': field('ticketId'), 'data-card': card.key },
      h('p.meta', { text: [field('ticketNumber'), field('companyName')].filter(Boolean).join(' · ') }),
      h('h2', { text: field('ticketTitle') ?? field('ticketNumber') ?? '' }),
      // Urgency in words and an icon, not in red alone: "⚠ Past SLA: …".
      h(
        'ul.reasons',
        null,
        ...card.reasons.map((reason) =>
          h(
            `li${isRisk(reason) ? '.risk' : ''}`,
            { 'data-kpi': reason.list.id },
            isRisk(reason) ? h('span.risk-icon', { 'aria-hidden': 'true', text: '⚠' }) : null,
            reasonText(reason, lang),
          ),
        ),
      ),
      contact(field('contactName'), field('contactPhone')),
      h(
        'div.actions',
        null,
        link && psa
          ? h('a.button.open', {
              href: link,
              target: '_blank',
              rel: 'noopener noreferrer',
              text: t(lang, 'meOpenInPsa', { psa: PSA_SHORT_NAMES[psa] }),
            })
          : null,
        ...takeControls(card.reasons, error),
        ...card.reasons
          .filter((reason) => reason.list.action?.ack === 'resolve' && mayAct(reason.row))
          .map((reason) => actions.resolveButton(reason, error, (form) => placeNote(card.key, form))),
      ),
      ...card.reasons.filter(drafting).map((reason) => actions.noteForm(reason, error)),
      error,
    )
  }

  /**
   * A chore (overlapping entries, a time-sheet gap, tickets completed without time): one collapsed
   * card per list, its count and tickets in one line; opened, each row with what "I'm on it" means there.
   */
  function choreCard(card: Card): HTMLElement {
    const list = card.reasons[0]!.list
    const key = `chore-${list.id}`
    const details = h(
      'details.card.items.chore',
      { 'data-kpi': list.id, 'data-card': card.key },
      h('summary', { text: choreSummary(card, lang) }),
      h(
        'ul.items',
        null,
        ...card.reasons.map((reason) => {
          const error = errorLine(draftKey(reason))
          const ticket = typeof reason.row.ticketId === 'number' ? String(reason.row.ticketId) : null
          return h(
            'li',
            { 'data-row': reason.row.rowKey ?? '', 'data-ticket': ticket },
            h('span.line', { text: itemText(reason, lang) }),
            h('div.actions', null, ...takeControls([reason], error, choreTake(list, lang))),
            error,
          )
        }),
      ),
    )
    // Stays open across the re-render after a tap.
    details.open = openChores.has(key)
    details.addEventListener('toggle', () => (details.open ? openChores.add(key) : openChores.delete(key)))
    return details
  }

  /** One note form per card, under its buttons. */
  function placeNote(cardKey: string, form: HTMLElement): void {
    const card = root.querySelector(`[data-card="${CSS.escape(cardKey)}"]`)
    card?.querySelector('.note-form')?.remove()
    card?.querySelector(':scope > .actions')?.after(form)
  }

  /** Who to call, as a tel: link with the number as stored (the href keeps digits and a leading +). */
  function contact(name: string | null, phone: string | null): HTMLElement | null {
    const href = telHref(phone)
    if (!href) return name ? h('p.contact', { text: name }) : null
    return h(
      'a.button.call',
      { href, 'aria-label': t(lang, 'meCall', { name: name ?? phone ?? '' }) },
      h('span.phone-icon', { 'aria-hidden': 'true', text: '✆' }),
      name ? h('span.name', { text: `${name} ·` }) : null,
      h('span.number', { text: phone }),
    )
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && shown) void load()
  })
  keepCurrent({
    events: `/api/me/${resourceId}/events${query({ token })}`,
    pollMs: options.refreshMs,
    safetyMs: PUSHED_POLL_MS,
    load: () => load(true),
  })
}
