import { formatDay, formatDayOfYear } from '../../../kpi-library/time-text.ts'
import { PERIOD_PATTERN } from '../../../server/wire/goal-period.ts'
import { h } from '../dom.ts'
import type { GoalPath, GoalPathInput } from '../types.ts'
import { fieldNumber, parseFieldNumber } from './band-fields.ts'
import type { Say } from './say.ts'

// A company goal's path in the strip editor (issue 15): a period and the value the goal starts from there; it runs
// to the goal's target. Read back, the editor shows the path with its expected value at the end of every week.

export interface PathFields {
  fields: HTMLElement[]
  /** The path as read back: its dates and expected values per week, in a line under the goal. */
  line: HTMLElement | null
  message: HTMLElement
  /** The path to save (null: none), or undefined (and the message shown) while the fields do not make sense. */
  read: () => GoalPathInput | null | undefined
}

const PERIOD = new RegExp(PERIOD_PATTERN)

export function pathFields(saved: GoalPath | GoalPathInput | null | undefined, say: Say, title: string): PathFields {
  const { lang } = say
  const message = h('p.field-error', { role: 'alert' })
  const box = (name: string, label: string, value: string, more: Record<string, string>) =>
    h('input', { name, type: 'text', autocomplete: 'off', 'aria-label': label, value, ...more })
  const period = box('period', say('periodOf', { title }), saved?.period ?? '', {
    class: 'period',
    placeholder: '2026-Q2',
    title: say('periodHint'),
  })
  const start = box('start', say('pathStartOf', { title }), saved ? fieldNumber(saved.start, lang) : '', {
    inputmode: 'decimal',
  })

  function read(): GoalPathInput | null | undefined {
    const p = period.value.trim().toUpperCase()
    const s = parseFieldNumber(start.value, lang)
    const fail = (text: string, bad: HTMLInputElement) => {
      message.textContent = text
      for (const box of [period, start]) box.setAttribute('aria-invalid', String(box === bad))
      return undefined
    }
    if (p === '' && s === null) return done(null)
    if (!PERIOD.test(p)) return fail(say('periodForm'), period)
    if (s === null || Number.isNaN(s)) return fail(say('notANumber', { example: fieldNumber(62, lang) }), start)
    return done({ period: p, start: s })
  }
  function done<T>(value: T): T {
    message.textContent = ''
    for (const box of [period, start]) box.setAttribute('aria-invalid', 'false')
    return value
  }
  for (const box of [period, start]) box.addEventListener('change', () => read())

  const weeks = saved && 'weeks' in saved ? saved : null
  const line = weeks
    ? h('p.path-line', {
        text: say('pathLine', {
          from: formatDay(weeks.from, lang),
          to: formatDay(weeks.to, lang),
          weeks: weeks.weeks
            .map(
              (week) => `${formatDayOfYear(week.end, lang)} ${fieldNumber(Math.round(week.expected * 10) / 10, lang)}`,
            )
            .join(' · '),
        }),
      })
    : null
  return {
    fields: [h('label.band', null, `${say('period')} `, period), h('label.band', null, `${say('pathStart')} `, start)],
    line,
    message,
    read,
  }
}
