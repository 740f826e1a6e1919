import { h } from '../dom.ts'
import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, WallGoal } from '../types.ts'
import { renderStatusIcon } from '../widgets/status-icon.ts'
import { windowSource } from '../widgets/window-note.ts'
import { pathEnd, pathNow } from './goal-path.ts'

/** The company strip: the same few goals on every role's wall, one compact cell each. */
export function renderStrip(el: HTMLElement, goals: WallGoal[], lang: Lang): void {
  el.replaceChildren(
    ...goals.map((goal) => {
      const result = goal.result
      const cell = h('div.goal', { 'data-goal': goal.goalId, 'data-kpi': result.id })
      if (result.kind === 'error') {
        cell.classList.add('kind-error')
        cell.append(
          h('div.goal-text', null, h('span.goal-title', { text: result.id }), h('span.tile-age')),
          h('span.kpi-value', { text: '–' }),
        )
        return cell
      }
      cell.classList.add(`status-${result.status}`)
      const value = result.kind === 'list' ? String(result.count) : formatValue(result.value, result.unit, lang)
      const compact = result.kind === 'list' ? value : formatValue(result.value, result.unit, lang, true)
      // The goal's target under its number: the whole company reads actual against expected. A goal shows no
      // window, so where its number comes from ("SmileBack") goes on that line too.
      // A goal with a path is read against where the path stands today, and says where it ends and what the
      // shortfall costs under its name.
      const path = result.kind === 'list' ? null : goal.path
      const expected =
        result.kind === 'list' || result.target === null
          ? null
          : path
            ? pathNow(path, result.unit, lang)
            : `${t(lang, 'target')} ${formatValue(result.target, result.unit, lang)}`
      const source = windowSource(result.window)
      const target = [expected, source].filter(Boolean).join(' · ') || null
      const onPath =
        path && result.kind !== 'list'
          ? [
              h('span.goal-path-end', { text: pathEnd(path, result.unit, lang) }),
              path.consequence
                ? h('span.goal-consequence', {
                    text: path.consequence.text,
                    title: path.consequence.text,
                    'data-short': t(lang, 'costUnderPath', { amount: path.consequence.amount }),
                  })
                : null,
            ]
          : []
      if (path) cell.classList.add('on-path')
      cell.append(
        renderStatusIcon(result.status, lang),
        h('div.goal-text', null, h('span.goal-title', { text: result.title }), ...onPath, h('span.tile-age')),
        h(
          'div.goal-figure',
          null,
          h('span.kpi-value', { text: value, 'data-compact': compact }),
          target ? h('span.goal-target', { text: target }) : null,
        ),
      )
      return cell
    }),
  )
}

export function fitStrip(el: HTMLElement): void {
  for (const cell of Array.from(el.querySelectorAll<HTMLElement>('.goal'))) {
    const value = cell.querySelector<HTMLElement>('.kpi-value')
    const title = cell.querySelector<HTMLElement>('.goal-title')
    // The compact number ("€ 47k") when the full one leaves the goal's name cut: the name says what it is.
    const cut = () =>
      cell.scrollWidth > cell.clientWidth || (title !== null && title.scrollHeight > title.clientHeight + 1)
    if (value && value.dataset.compact && cut()) value.textContent = value.dataset.compact
    // What a shortfall costs, "€ 17.800 under path" when the whole phrase would be cut (the phrase stays its title).
    const cost = cell.querySelector<HTMLElement>('.goal-consequence')
    if (cost?.dataset.short && cost.scrollWidth > cost.clientWidth) cost.textContent = cost.dataset.short
  }
}
