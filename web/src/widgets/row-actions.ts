import { api, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatTime } from '../format.ts'
import { t } from '../i18n.ts'
import { ackOf, draftKey, rowLine } from '../me/cards.ts'
import type { AckRecord, Lang, ListResult, Row, RowAck } from '../types.ts'

// What a tap on an action row does, per the list's `action.ack`: `take` ("I'm on it", with who took
// it and Undo), `resolve` (the list's own verb with a required note, then a few seconds of Undo),
// `none` (no control: the row leaves when the PSA shows the change). One home for the phone page
// and the builder's action rows.

const UNDO_SECONDS = 10

/** One row of one list. */
export interface ActionRow {
  list: ListResult
  row: Row
}

export interface RowActionHost {
  lang: Lang
  /** The phone's link; null in the builder, whose session cookie speaks for the admin. */
  token: string | null
  /** Who taps: the person of the phone page; null for the admin, who may act on and undo any row. */
  me: number | null
  /** Draws the rows again as the server has them now; runs after every tap. */
  load: () => Promise<void>
  /** Where "Called back · Undo" shows for a few seconds after a resolved row left. */
  undoBar: HTMLElement
}

/** The list's own word for a resolved row ("Called back"). */
function doneWord(list: ListResult): string {
  return list.action?.done ?? list.action?.verb ?? ''
}

export function rowActions(host: RowActionHost) {
  const { lang, token, me } = host
  // Open note forms and a failed tap's message survive the re-render that follows every tap.
  const drafts = new Map<string, string>()
  const errors = new Map<string, string>()
  let undoTimer: ReturnType<typeof setTimeout> | undefined

  /** A person may act on their own rows and on rows of nobody's; the admin on any. */
  function mayAct(row: Row): boolean {
    return me === null || row.resourceId === undefined || row.resourceId === null || row.resourceId === me
  }

  /** The line a failed tap writes into; `key` finds it again after the re-render. */
  function errorLine(key: string): HTMLElement {
    const line = h('p.error', { role: 'alert', 'data-key': key, text: errors.get(key) })
    errors.delete(key)
    return line
  }

  /**
   * "I'm on it" for every take-row given at once, or who took them with an Undo for one's own.
   * `label`: what taking means where "I'm on it" would be unclear ("I'll log the time").
   */
  function takeControls(reasons: ActionRow[], error: HTMLElement, label: string | null = null): HTMLElement[] {
    const takeable = reasons.filter((reason) => reason.list.action?.ack === 'take')
    const taken = takeable.map((reason) => ackOf(reason.row)).filter((ack): ack is RowAck => ack !== null)
    const open = takeable.filter((reason) => !ackOf(reason.row) && mayAct(reason.row))
    const controls: HTMLElement[] = []
    const first = taken[0]
    if (first) {
      const mine = me === null ? taken : taken.filter((ack) => ack.byResourceId === me)
      const text =
        me !== null && first.byResourceId === me
          ? t(lang, 'meTakenByYou', { time: formatTime(first.at, lang) })
          : t(lang, 'meTakenBy', { name: first.by, time: formatTime(first.at, lang) })
      controls.push(h('span.taken', { text }))
      if (mine.length > 0)
        controls.push(actionButton('button.undo', t(lang, 'meUndo'), error, () => undo(mine.map((ack) => ack.id))))
    }
    // Rows that joined a card after it was taken (a new reason) can be taken too.
    if (open.length > 0) {
      controls.push(
        actionButton('button.take', label ?? t(lang, 'meTake'), error, async () => {
          for (const reason of open)
            await api(`/api/acks${query({ token })}`, {
              method: 'POST',
              json: { kpi: reason.list.id, rowKey: reason.row.rowKey },
            })
        }),
      )
    }
    return controls
  }

  /** The list's own verb ("Called back"); `place` puts the note form it opens. */
  function resolveButton(reason: ActionRow, error: HTMLElement, place: (form: HTMLElement) => void): HTMLElement {
    const button = h('button.resolve', { type: 'button', 'data-kpi': reason.list.id, text: doneWord(reason.list) })
    button.addEventListener('click', () => {
      drafts.set(draftKey(reason), drafts.get(draftKey(reason)) ?? '')
      const form = noteForm(reason, error)
      place(form)
      form.querySelector('textarea')?.focus()
    })
    return button
  }

  /** Whether a resolve row's note form was open before the last re-render (to draw it again). */
  function drafting(reason: ActionRow): boolean {
    return reason.list.action?.ack === 'resolve' && drafts.has(draftKey(reason))
  }

  /** The note a resolve needs, inline: what was said or agreed. */
  function noteForm(reason: ActionRow, error: HTMLElement): HTMLElement {
    const key = draftKey(reason)
    const id = `note-${key.replace(/[^a-z0-9]/gi, '-')}`
    const textarea = h('textarea', { id, rows: 2, maxlength: 1000 })
    textarea.value = drafts.get(key) ?? ''
    textarea.addEventListener('input', () => drafts.set(key, textarea.value))
    const done = doneWord(reason.list)
    const cancel = h('button.cancel', { type: 'button', text: t(lang, 'meCancel') })
    const form = h(
      'form.note-form',
      null,
      h('label', { for: id, text: t(lang, 'meNoteLabel') }),
      textarea,
      h('div.actions', null, h('button.save', { type: 'submit', text: t(lang, 'meSave') }), cancel),
    )
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
        const ack = await api<AckRecord>(`/api/acks${query({ token })}`, {
          method: 'POST',
          json: { kpi: reason.list.id, rowKey: reason.row.rowKey, note },
        })
        drafts.delete(key)
        offerUndo(`${done}: ${String(reason.row.ticketNumber ?? rowLine(reason.row) ?? '')}`, ack.id)
      })
    })
    return form
  }

  function actionButton(
    tag: `button.${string}`,
    text: string,
    error: HTMLElement,
    run: () => Promise<void>,
  ): HTMLButtonElement {
    const button = h(tag, { type: 'button', text })
    button.addEventListener('click', () => void act(button, error, run))
    return button
  }

  /**
   * Runs a tap's requests, then draws the rows as the server has them now (part of a multi-row take
   * may have gone through); a failure says why in one line, which the re-render keeps.
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
    await host.load()
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

  /** A resolved row has left the list: for a few seconds, one tap brings it back. */
  function offerUndo(text: string, id: number): void {
    clearTimeout(undoTimer)
    const error = h('span.error', { role: 'alert', 'data-key': 'undo-bar' })
    const button = actionButton('button.undo', t(lang, 'meUndo'), error, async () => {
      await undo([id])
      hide()
    })
    const hide = () => {
      clearTimeout(undoTimer)
      host.undoBar.classList.remove('shown')
      host.undoBar.replaceChildren()
    }
    host.undoBar.replaceChildren(h('span', { text }), button, error)
    host.undoBar.classList.add('shown')
    undoTimer = setTimeout(hide, UNDO_SECONDS * 1000)
  }

  return { mayAct, errorLine, takeControls, resolveButton, drafting, noteForm }
}
