import type { MailView, ReportsState, ScheduleView } from '../../../server/wire/reports.ts'
import { api, ApiError, BASE, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import type { Lang } from '../types.ts'
import type { BuilderContext } from './builder.ts'
import { field } from './nudges-panel.ts'
import type { AdminKey } from './strings.ts'

// The weekly review of this wall's role: open it (page or PDF), mail it on a schedule (weekday, local time,
// recipients, language) or now, and the mail outbox: what went, what is being retried and why, what was given up.
// The mail server appears by its host only; its address with the password stays in the server's environment.

const WEEKDAYS: AdminKey[] = [
  'weekdayMon',
  'weekdayTue',
  'weekdayWed',
  'weekdayThu',
  'weekdayFri',
  'weekdaySat',
  'weekdaySun',
]

const STATE_LABEL: Record<MailView['state'], AdminKey> = {
  queued: 'mailQueued',
  retrying: 'mailRetrying',
  sent: 'mailSent',
  'given-up': 'mailGivenUp',
}

export async function renderReports(el: HTMLElement, ctx: BuilderContext): Promise<void> {
  const { say } = ctx
  const heading = h('h2', { text: say('reportsHeading') })
  const message = (error: unknown) =>
    error instanceof ApiError || error instanceof Error ? error.message : String(error)
  const at = (value: string | null) => (value ? formatDateTime(value, ctx.lang) : '–')
  // What the last "send now" did: kept across the redraw that follows it.
  let outcome: { text: string; failed: boolean } | null = null
  // The recipients typed for "send now" without a schedule: kept across that redraw too.
  let typed: string | null = null

  async function reload(): Promise<void> {
    try {
      draw(await api<ReportsState>('/api/reports'))
    } catch (error) {
      el.replaceChildren(heading, h('p.form-error', { text: message(error) }))
    }
  }

  function mailLine(state: ReportsState): HTMLElement {
    return state.mail.configured
      ? h('p.small.muted', { text: say('mailThrough', { host: state.mail.host ?? '', from: state.mail.from ?? '' }) })
      : h('p.small.channel-health.failing', { text: say('mailOff') })
  }

  function links(): HTMLElement {
    const file = (form: 'html' | 'pdf') => `${BASE}/api/reports/weekly/${ctx.role}.${form}${query({ lang: ctx.lang })}`
    return h(
      'p',
      null,
      h('a', { href: file('html'), target: '_blank', rel: 'noopener', text: say('reportOpen') }),
      ' · ',
      h('a', { href: file('pdf'), target: '_blank', rel: 'noopener', text: say('reportPdf') }),
    )
  }

  function scheduleForm(schedule: ScheduleView | undefined): HTMLElement {
    const weekday = h(
      'select',
      { name: 'report-weekday' },
      ...WEEKDAYS.map((key, i) => h('option', { value: i + 1, text: say(key) })),
    )
    weekday.value = String(schedule?.weekday ?? 1)
    // Text, not type=time: that one shows "07:30 AM" in an English browser whatever the page's language.
    const time = h('input', {
      name: 'report-time',
      type: 'text',
      inputmode: 'numeric',
      pattern: '([01][0-9]|2[0-3]):[0-5][0-9]',
      maxlength: 5,
      size: 5,
      value: schedule?.time ?? '07:30',
      placeholder: '07:30',
    })
    const recipients = h('input', {
      name: 'report-recipients',
      type: 'text',
      maxlength: 2000,
      size: 40,
      value: typed ?? schedule?.recipients.join(', ') ?? '',
      placeholder: say('recipientsExample'),
    })
    const lang = h(
      'select',
      { name: 'report-lang' },
      h('option', { value: 'nl', text: 'Nederlands' }),
      h('option', { value: 'en', text: 'English' }),
    )
    lang.value = schedule?.lang ?? ctx.lang
    const save = h('button', { type: 'button', text: say('save') })
    const remove = h('button.secondary', { type: 'button', text: say('reportStop') })
    remove.hidden = !schedule
    const sendNow = h('button.secondary', { type: 'button', text: say('sendNow') })
    const error = h('p.form-error', { role: 'alert' })
    const result = h(outcome?.failed ? 'p.small.form-error' : 'p.small', {
      role: 'status',
      'aria-live': 'polite',
      text: outcome?.text ?? '',
    })
    const addresses = () =>
      recipients.value
        .split(/[,;\s]+/)
        .map((part) => part.trim())
        .filter(Boolean)
    save.addEventListener('click', async () => {
      error.textContent = ''
      try {
        await api(`/api/reports/schedules/${ctx.role}`, {
          method: 'PUT',
          json: { weekday: Number(weekday.value), time: time.value, recipients: addresses(), lang: lang.value as Lang },
        })
        typed = null
        ctx.notify(say('reportScheduled'))
        await reload()
      } catch (failure) {
        error.textContent = message(failure)
      }
    })
    remove.addEventListener('click', async () => {
      if (await ctx.change(`/api/reports/schedules/${ctx.role}`, 'DELETE')) await reload()
    })
    sendNow.addEventListener('click', async () => {
      error.textContent = ''
      result.textContent = say('sending')
      sendNow.disabled = true
      try {
        const list = addresses()
        typed = recipients.value
        const mail = await api<MailView>(`/api/reports/send-now/${ctx.role}`, {
          method: 'POST',
          json: { ...(list.length > 0 ? { recipients: list } : {}), lang: lang.value as Lang },
        })
        outcome = {
          text:
            mail.state === 'sent'
              ? say('sentNow', { to: mail.recipients.join(', ') })
              : say('notSentNow', { error: mail.lastError ?? '', next: at(mail.nextAttemptAt) }),
          failed: mail.state !== 'sent',
        }
        await reload()
      } catch (failure) {
        result.textContent = ''
        error.textContent = message(failure)
      } finally {
        sendNow.disabled = false
      }
    })
    return h(
      'div.report-schedule',
      null,
      h('div.toolbar', null, field(say('weekday'), weekday), field(say('time'), time), field(say('language'), lang)),
      h('div.toolbar', null, field(say('recipients'), recipients)),
      h('div.toolbar', null, save, remove, sendNow),
      h('p.small.muted', {
        text: schedule?.lastSlot ? say('reportLastSlot', { at: at(schedule.lastSlot) }) : say('reportScheduleHint'),
      }),
      error,
      result,
    )
  }

  function mailItem(mail: MailView): HTMLElement {
    const health = mail.state === 'sent' ? 'ok' : mail.state === 'queued' ? 'new' : 'failing'
    const parts = [say(STATE_LABEL[mail.state], { at: at(mail.sentAt), next: at(mail.nextAttemptAt) })]
    if (mail.attempts > 1 || mail.state !== 'sent') parts.push(say('mailAttempts', { n: mail.attempts }))
    return h(
      'li.mail',
      { 'data-mail': mail.id, 'data-state': mail.state },
      h(
        'div',
        null,
        h('strong', { text: mail.subject }),
        ' ',
        h('span.muted.small', { text: mail.recipients.join(', ') }),
      ),
      h(`p.small.channel-health.${health}`, { text: parts.join(' · ') }),
      mail.lastError && mail.state !== 'sent'
        ? h('p.small.mail-error', { text: say('mailLastError', { at: at(mail.lastErrorAt), error: mail.lastError }) })
        : null,
    )
  }

  function draw(state: ReportsState): void {
    const schedule = state.schedules.find((one) => one.role === ctx.role)
    const failing = state.outbox.filter((mail) => mail.state === 'retrying' || mail.state === 'given-up')
    el.replaceChildren(
      heading,
      h('p.muted', { text: say('reportsIntro') }),
      mailLine(state),
      links(),
      h('h3', { text: say('reportScheduleHeading') }),
      scheduleForm(schedule),
      h('h3', { text: say('outboxHeading') }),
      ...(failing.length > 0
        ? [h('p.channel-health.failing', { text: say('outboxFailing', { n: failing.length }) })]
        : []),
      state.outbox.length === 0
        ? h('p', { text: say('outboxEmpty') })
        : h('ul.channel-list.mail-list', null, ...state.outbox.slice(0, 10).map(mailItem)),
    )
  }

  el.replaceChildren(heading, h('p.muted', { text: '…' }))
  await reload()
}
