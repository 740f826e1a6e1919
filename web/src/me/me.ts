import { api, ApiError, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, ListResult, MeData } from '../types.ts'
import { renderStatusIcon } from '../widgets/status-icon.ts'
import { rowDetail, rowWhat } from '../widgets/row-why.ts'

/** An engineer's own action lists on their phone or laptop, each row with a "done" button. */
export function startMyPage(root: HTMLElement, options: { resourceId: number; token: string | null; lang: Lang }): void {
  const { resourceId, token, lang } = options
  document.documentElement.lang = lang
  document.documentElement.classList.add('me-page')

  async function load(): Promise<void> {
    try {
      const data = await api<MeData>(`/api/me/${resourceId}${query({ token, lang })}`)
      render(data)
    } catch (error) {
      const revoked = error instanceof ApiError && error.code === 'revoked'
      root.replaceChildren(h('main.me', null, h('h1', { text: revoked ? t(lang, 'revokedTitle') : t(lang, 'badLinkTitle') }), h('p', { text: error instanceof Error ? error.message : '' })))
    }
  }

  function render(data: MeData): void {
    const lists = data.lists.filter((list): list is ListResult => list.kind === 'list')
    const open = lists.reduce((sum, list) => sum + list.count, 0)
    root.replaceChildren(
      h(
        'main.me',
        null,
        h('header', null, h('h1', { text: `${t(lang, 'myLists')}: ${data.name}` }), h('p.muted', { text: data.dataAsOf ? `${t(lang, 'dataAge')}: ${formatDateTime(data.dataAsOf, lang)}` : t(lang, 'noData') })),
        open === 0 ? h('p.all-clear', { text: t(lang, 'nothingOpen') }) : null,
        ...lists.filter((list) => list.count > 0).map(renderList),
      ),
    )
  }

  function renderList(list: ListResult): HTMLElement {
    return h(
      'section.me-list',
      { 'data-kpi': list.id },
      h('h2', null, renderStatusIcon(list.status, lang), h('span', { text: `${list.title} (${list.count})` })),
      h('p.muted', { text: list.context }),
      h('ul', null, ...list.rows.map((row) => {
        // The server lets a person mark only rows that are theirs; others are shown for context.
        const own = row.resourceId === resourceId
        const button = h('button.ack', { type: 'button', text: t(lang, 'ack') })
        const item = h(
          'li',
          { 'data-row': row.rowKey ?? '' },
          h('div.row-text', null, h('strong', { text: rowWhat(row) }), h('span.muted', { text: rowDetail(row, lang) })),
          own ? button : null,
        )
        button.addEventListener('click', async () => {
          button.disabled = true
          try {
            await api(`/api/acks${query({ token })}`, { method: 'POST', json: { kpi: list.id, rowKey: row.rowKey } })
            item.classList.add('done')
            button.textContent = t(lang, 'acked')
          } catch (error) {
            button.disabled = false
            button.title = error instanceof Error ? error.message : ''
            alert(error instanceof Error ? error.message : String(error))
          }
        })
        return item
      })),
    )
  }

  void load()
}
