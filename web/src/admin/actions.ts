import { api, query } from '../api.ts'
import { h } from '../dom.ts'
import { t } from '../i18n.ts'
import type { ListResult, WallData } from '../types.ts'
import { rowActions } from '../widgets/row-actions.ts'
import { rowDetail, rowWhat } from '../widgets/row-why.ts'
import type { BuilderContext } from './builder.ts'

/**
 * The action rows on this role's wall, each with the control its list's `action.ack` asks for (the
 * phone page's, widgets/row-actions.ts): take and undo, resolve with a note, or none on a risk list.
 * The admin may act on any row. A tap redraws this panel only, keeping open lists open.
 */
export async function renderActions(el: HTMLElement, ctx: BuilderContext): Promise<void> {
  const heading = () => h('h2', { text: ctx.say('actionRows') })
  const undoBar = h('div.undo-bar', { role: 'status', 'aria-live': 'polite' })
  const actions = rowActions({ lang: ctx.lang, token: null, me: null, load: () => reload(), undoBar })
  el.replaceChildren(heading(), h('p.muted', { text: '…' }))

  async function reload(): Promise<void> {
    try {
      draw(await api<WallData>(`/api/dashboards/${ctx.role}${query({ lang: ctx.lang })}`))
    } catch (error) {
      el.replaceChildren(heading(), h('p.form-error', { text: error instanceof Error ? error.message : String(error) }))
    }
  }

  function draw(data: WallData): void {
    const open = new Set(
      [...el.querySelectorAll<HTMLDetailsElement>('details.action-list[open]')].map((details) => details.dataset.kpi),
    )
    const lists = data.tiles
      .map((tile) => tile.result)
      .filter((result): result is ListResult => result.kind === 'list' && result.count > 0)
    el.replaceChildren(
      heading(),
      ...(lists.length === 0 ? [h('p', { text: ctx.say('nothingOpen') })] : []),
      ...lists.map((list) => {
        const mode = list.action?.ack ?? 'none'
        const details = h(
          'details.action-list',
          { 'data-kpi': list.id, 'data-ack': mode },
          h('summary', { text: `${list.title} (${list.count})` }),
          mode === 'none' ? h('p.small.muted.leaves', { text: t(ctx.lang, 'meRiskNote') }) : null,
          h(
            'ul',
            null,
            ...list.rows.slice(0, 50).map((row) => {
              const reason = { list, row }
              const error = actions.errorLine(`${list.id}|${row.rowKey ?? ''}`)
              const controls = h('div.actions', null, ...actions.takeControls([reason], error))
              if (mode === 'resolve')
                controls.append(actions.resolveButton(reason, error, (form) => controls.after(form)))
              return h(
                'li',
                { 'data-row': row.rowKey ?? '' },
                h(
                  'div.row-text',
                  null,
                  h('strong', { text: rowWhat(row) }),
                  h('div.muted', { text: rowDetail(row, ctx.lang, new Date(list.evaluatedAt)) }),
                ),
                controls,
                actions.drafting(reason) ? actions.noteForm(reason, error) : null,
                error,
              )
            }),
          ),
        )
        details.open = open.has(list.id)
        return details
      }),
      undoBar,
    )
  }

  try {
    draw(await ctx.wall)
  } catch (error) {
    el.replaceChildren(heading(), h('p.form-error', { text: error instanceof Error ? error.message : String(error) }))
  }
}
