import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import type { ListResult, WallData } from '../types.ts'
import { rowDetail, rowWhat } from '../widgets/row-why.ts'
import type { BuilderContext } from './builder.ts'

/** The action rows on this role's wall, each with an acknowledge button. */
export async function renderActions(el: HTMLElement, ctx: BuilderContext): Promise<void> {
  const heading = () => h('h2', { text: ctx.say('actionRows') })
  el.replaceChildren(heading(), h('p.muted', { text: '…' }))
  let data: WallData
  try {
    data = await ctx.wall
  } catch (error) {
    el.replaceChildren(heading(), h('p.form-error', { text: error instanceof Error ? error.message : String(error) }))
    return
  }
  const lists = data.tiles.map((tile) => tile.result).filter((result): result is ListResult => result.kind === 'list' && result.count > 0)
  el.replaceChildren(
    heading(),
    ...(lists.length === 0 ? [h('p', { text: ctx.say('nothingOpen') })] : []),
    ...lists.map((list) =>
      h(
        'details.action-list',
        { 'data-kpi': list.id },
        h('summary', { text: `${list.title} (${list.count})` }),
        h('ul', null, ...list.rows.slice(0, 50).map((row) => {
          const ack = h('button.secondary', { type: 'button', text: ctx.say('acknowledge') })
          const item = h('li', { 'data-row': row.rowKey ?? '' }, h('div', null, h('strong', { text: rowWhat(row) }), h('div.muted', { text: rowDetail(row, ctx.lang) })), ack)
          ack.addEventListener('click', async () => {
            ack.disabled = true
            try {
              await api('/api/acks', { method: 'POST', json: { kpi: list.id, rowKey: row.rowKey } })
              item.classList.add('done')
              ack.textContent = ctx.say('acknowledged')
            } catch (error) {
              ack.disabled = false
              ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
            }
          })
          return item
        })),
      ),
    ),
  )
}
