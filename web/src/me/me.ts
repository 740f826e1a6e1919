// The server's own rule for what may become an href (links.ts imports nothing).
import { httpUrl } from '../../../connectors/autotask/links.ts'
import { api, ApiError, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime, formatTime } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, ListResult, MeData, Row, RowAck } from '../types.ts'
import { ackOf, also, type Card, cardsOf, draftKey, headline, isRisk, itemText, label, type Reason, reasonText, rowLine, telHref } from './cards.ts'

const UNDO_SECONDS = 10

/**
 * An engineer's page on their phone: one card per ticket with all the reasons it needs them, worst
 * first, to call the contact, open the ticket in Autotask and say "I'm on it" once for all of them.
 */
export function startMyPage(root: HTMLElement, options: { resourceId: number; token: string | null; lang: Lang }): void {
  const { resourceId, token, lang } = options
  document.documentElement.lang = lang
  document.documentElement.classList.add('me-page')
  // Open note forms and a failed tap's message survive the re-render that follows every tap.
  const drafts = new Map<string, string>()
  const errors = new Map<string, string>()
  const undoBar = h('div.undo-bar', { role: 'status', 'aria-live': 'polite' })
  let undoTimer: ReturnType<typeof setTimeout> | undefined
  let shown = false

  async function load(): Promise<void> {
    try {
      render(await api<MeData>(`/api/me/${resourceId}${query({ token, lang })}`))
      shown = true
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (shown) {
        // Keep what is on screen; say in one line that it may be behind.
        root.querySelector('.me-header .reload-error')?.replaceChildren(t(lang, 'meReloadFailed', { message }))
        return
      }
      const revoked = error instanceof ApiError && error.code === 'revoked'
      root.replaceChildren(h('main.me', null, h('h1', { text: revoked ? t(lang, 'revokedTitle') : t(lang, 'badLinkTitle') }), h('p', { text: message })))
    }
  }

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
          h('p.who', { text: `${data.name} · ${data.dataAsOf ? `${t(lang, 'dataAge')} ${formatDateTime(data.dataAsOf, lang)}` : t(lang, 'noData')}` }),
          h('h1', { text: cards.length === 0 ? t(lang, 'nothingOpen') : headline(cards, lang) }),
          also(cards, lang) ? h('p.also', { text: also(cards, lang) }) : null,
          failed > 0 ? h('p.error', { text: t(lang, 'meListFailed', { n: failed }) }) : null,
          h('p.error.reload-error', { role: 'alert' }),
        ),
        ...cards.map((card) => (card.ticket ? ticketCard(card) : itemsCard(card))),
      ),
      undoBar,
    )
  }

  function ticketCard(card: Card): HTMLElement {
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
      { 'data-ticket': field('ticketId') },
      h('p.meta', { text: [field('ticketNumber'), field('companyName')].filter(Boolean).join(' · ') }),
      h('h2', { text: field('ticketTitle') ?? field('ticketNumber') ?? '' }),
      h('ul.reasons', null, ...card.reasons.map((reason) => h(`li${isRisk(reason) ? '.risk' : ''}`, { 'data-kpi': reason.list.id }, reasonText(reason, lang)))),
      contact(field('contactName'), field('contactPhone')),
      h(
        'div.actions',
        null,
        link ? h('a.button.open', { href: link, target: '_blank', rel: 'noopener noreferrer', text: t(lang, 'meOpenInAutotask') }) : null,
        ...takeControls(card.reasons, error),
        ...card.reasons.filter((reason) => reason.list.action?.ack === 'resolve' && mayAct(reason.row)).map((reason) => resolveButton(reason, error)),
      ),
      ...card.reasons.filter((reason) => reason.list.action?.ack === 'resolve' && drafts.has(draftKey(reason))).map((reason) => noteForm(reason, error)),
      risk ? h('p.small', { text: t(lang, 'meRiskNote') }) : null,
      error,
    )
  }

  /** Rows without a ticket (a time-sheet gap, an entry), one compact card per list. */
  function itemsCard(card: Card): HTMLElement {
    const list = card.reasons[0]!.list
    return h(
      'article.card.items',
      { 'data-kpi': list.id },
      h('h2', { text: label(list, lang) }),
      h(
        'ul.items',
        null,
        ...card.reasons.map((reason) => {
          const error = errorLine(draftKey(reason))
          return h('li', { 'data-row': reason.row.rowKey ?? '' }, h('span.line', { text: itemText(reason, lang) }), h('div.actions', null, ...takeControls([reason], error)), error)
        }),
      ),
    )
  }

  function errorLine(key: string): HTMLElement {
    const line = h('p.error', { role: 'alert', 'data-key': key, text: errors.get(key) })
    errors.delete(key)
    return line
  }

  /** "I'm on it" for every take-row of a card at once, or who took them with an Undo for one's own. */
  function takeControls(reasons: Reason[], error: HTMLElement): HTMLElement[] {
    const takeable = reasons.filter((reason) => reason.list.action?.ack === 'take')
    const taken = takeable.map((reason) => ackOf(reason.row)).filter((ack): ack is RowAck => ack !== null)
    const open = takeable.filter((reason) => !ackOf(reason.row) && mayAct(reason.row))
    const controls: HTMLElement[] = []
    const first = taken[0]
    if (first) {
      const mine = taken.filter((ack) => ack.byResourceId === resourceId)
      const text = first.byResourceId === resourceId ? t(lang, 'meTakenByYou', { time: formatTime(first.at, lang) }) : t(lang, 'meTakenBy', { name: first.by, time: formatTime(first.at, lang) })
      controls.push(h('span.taken', { text }))
      if (mine.length > 0) controls.push(actionButton('button.undo', t(lang, 'meUndo'), error, () => undo(mine.map((ack) => ack.id))))
    }
    // Rows that joined the card after it was taken (a new reason) can be taken too.
    if (open.length > 0) {
      controls.push(
        actionButton('button.take', t(lang, 'meTake'), error, async () => {
          for (const reason of open) await api(`/api/acks${query({ token })}`, { method: 'POST', json: { kpi: reason.list.id, rowKey: reason.row.rowKey } })
        }),
      )
    }
    return controls
  }

  function resolveButton(reason: Reason, error: HTMLElement): HTMLElement {
    const button = h('button.resolve', { type: 'button', 'data-kpi': reason.list.id, text: reason.list.action?.done ?? reason.list.action?.verb ?? '' })
    button.addEventListener('click', () => {
      drafts.set(draftKey(reason), drafts.get(draftKey(reason)) ?? '')
      const form = noteForm(reason, error)
      button.closest('.card')?.querySelector('.note-form')?.remove()
      button.closest('.actions')?.after(form)
      form.querySelector('textarea')?.focus()
    })
    return button
  }

  /** The note a "called back" needs, inline: what was said or agreed. */
  function noteForm(reason: Reason, error: HTMLElement): HTMLElement {
    const key = draftKey(reason)
    const id = `note-${key.replace(/[^a-z0-9]/gi, '-')}`
    const textarea = h('textarea', { id, rows: 2, maxlength: 1000 })
    textarea.value = drafts.get(key) ?? ''
    textarea.addEventListener('input', () => drafts.set(key, textarea.value))
    const done = reason.list.action?.done ?? reason.list.action?.verb ?? ''
    const cancel = h('button.cancel', { type: 'button', text: t(lang, 'meCancel') })
    const form = h('form.note-form', null, h('label', { for: id, text: t(lang, 'meNoteLabel') }), textarea, h('div.actions', null, h('button.save', { type: 'submit', text: t(lang, 'meSave') }), cancel))
    cancel.addEventListener('click', () => {
      drafts.delete(key)
      form.remove()
    })
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const note = textarea.value.trim()
      if (!note) {
        error.textContent = t(lang, 'meNoteNeeded')
        textarea.focus()
        return
      }
      const save = form.querySelector<HTMLButtonElement>('button.save')!
      void act(save, error, async () => {
        const ack = await api<{ id: number }>(`/api/acks${query({ token })}`, { method: 'POST', json: { kpi: reason.list.id, rowKey: reason.row.rowKey, note } })
        drafts.delete(key)
        offerUndo(`${done}: ${String(reason.row.ticketNumber ?? rowLine(reason.row) ?? '')}`, ack.id)
      })
    })
    return form
  }

  function actionButton(tag: `button.${string}`, text: string, error: HTMLElement, run: () => Promise<void>): HTMLButtonElement {
    const button = h(tag, { type: 'button', text })
    button.addEventListener('click', () => void act(button, error, run))
    return button
  }

  /**
   * Runs a tap's requests, then shows the page as the server has it now (part of a multi-row take may
   * have gone through); a failure says why in one line of the card, which the re-render keeps.
   */
  async function act(button: HTMLButtonElement, error: HTMLElement, run: () => Promise<void>): Promise<void> {
    button.disabled = true
    error.textContent = ''
    const key = error.dataset.key ?? ''
    try {
      await run()
    } catch (failure) {
      errors.set(key, t(lang, 'meFailed', { message: failure instanceof Error ? failure.message : String(failure) }))
    }
    await load()
    const left = errors.get(key)
    if (left !== undefined) {
      // Nothing re-rendered that line (the refresh failed, or it is the undo bar's): say it here.
      errors.delete(key)
      error.textContent = left
      button.disabled = false
    }
  }

  async function undo(ids: number[]): Promise<void> {
    for (const id of ids) await api(`/api/acks/${id}${query({ token })}`, { method: 'DELETE' })
  }

  /** A resolved row has left the page: for a few seconds, one tap brings it back. */
  function offerUndo(text: string, id: number): void {
    clearTimeout(undoTimer)
    const error = h('span.error', { role: 'alert', 'data-key': 'undo-bar' })
    const button = actionButton('button.undo', t(lang, 'meUndo'), error, async () => {
      await undo([id])
      hide()
    })
    const hide = () => {
      clearTimeout(undoTimer)
      undoBar.classList.remove('shown')
      undoBar.replaceChildren()
    }
    undoBar.replaceChildren(h('span', { text }), button, error)
    undoBar.classList.add('shown')
    undoTimer = setTimeout(hide, UNDO_SECONDS * 1000)
  }

  /** Who to call, as a tel: link with the number as stored (the href keeps digits and a leading +). */
  function contact(name: string | null, phone: string | null): HTMLElement | null {
    const href = telHref(phone)
    if (!href) return name ? h('p.contact', { text: name }) : null
    return h('a.button.call', { href, 'aria-label': t(lang, 'meCall', { name: name ?? phone ?? '' }) }, h('span.phone-icon', { 'aria-hidden': 'true', text: '✆' }), name ? h('span.name', { text: `${name} ·` }) : null, h('span.number', { text: phone }))
  }

  /** A person may act on their own rows and on rows of nobody's. */
  function mayAct(row: Row): boolean {
    return row.resourceId === undefined || row.resourceId === null || row.resourceId === resourceId
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && shown) void load()
  })
  void load()
}
