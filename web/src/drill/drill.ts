// The server's own rule for what may become an href (links.ts imports nothing).
import { httpUrl } from '../../../connectors/autotask/links.ts'
import {
  DRILL_PRESETS,
  type DrillData,
  type DrillOption,
  type DrillPreset,
  type DrillRow,
  type DrillTiles,
  PRESET_WORDS,
} from '../../../server/wire/drill.ts'
import { PSA_SHORT_NAMES } from '../../../server/wire/psa-names.ts'
import type { TicketPsa } from '../../../server/wire/psa.ts'
import { api, ApiError, BASE, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatDate, formatDateTime, formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang } from '../types.ts'
import { say } from './strings.ts'

// The rows behind a tile's number, on a phone (opened from a wall's QR code) or a desktop (from the builder):
// the number for a window, the window and filters to change, and each ticket to open in its PSA.

/** What the page shows: the API address of its rows, and for a wall's tile the page of that wall's tiles. */
interface DrillPage {
  source: string
  back: string | null
}

interface Asked {
  window: DrillPreset | null
  from: string | null
  to: string | null
  company: number | null
  resource: number | null
  queue: number | null
}

const FILTERS = ['company', 'resource', 'queue'] as const

function askedFrom(search: URLSearchParams): Asked {
  const id = (name: string) => (/^\d{1,10}$/.test(search.get(name) ?? '') ? Number(search.get(name)) : null)
  const preset = search.get('window') as DrillPreset | null
  return {
    window: preset && DRILL_PRESETS.includes(preset) ? preset : null,
    from: search.get('from'),
    to: search.get('to'),
    company: id('company'),
    resource: id('resource'),
    queue: id('queue'),
  }
}

function startPage(root: HTMLElement, lang: Lang): void {
  document.documentElement.lang = lang
  document.documentElement.classList.add('drill-page')
  root.replaceChildren(h('main.drill', null, h('p.meta', { text: t(lang, 'waiting') })))
}

function failure(root: HTMLElement, lang: Lang, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  const noDrill = error instanceof ApiError && error.code === 'no_drill'
  const revoked = error instanceof ApiError && error.code === 'revoked'
  root.replaceChildren(
    h(
      'main.drill',
      null,
      h('h1', {
        text: noDrill ? say(lang, 'pageTitle') : revoked ? t(lang, 'revokedTitle') : t(lang, 'badLinkTitle'),
      }),
      h('p', { text: noDrill ? say(lang, 'noDrill') : message }),
    ),
  )
}

/**
 * The page a `/drill/...` path names: a goal's rows (`/drill/goal/3`), a tile's (`/drill/owner/12`), a person's own
 * KPI's (`/drill/people/7/sla_compliance`), or a wall's tiles (`/drill/owner`, what its QR code opens); any other
 * path is a link that does not work.
 */
export function openDrill(root: HTMLElement, path: string, options: { token: string | null; lang: Lang }): void {
  const goal = /^\/drill\/goal\/(\d+)\/?$/.exec(path)
  const person = /^\/drill\/people\/(\d+)\/([a-z][a-z0-9_]{1,63})\/?$/.exec(path)
  const tile = /^\/drill\/([a-z][a-z0-9-]*)(?:\/(\d+))?\/?$/.exec(path)
  if (goal) startDrill(root, { page: { source: `/api/drill/goals/${goal[1]}`, back: null }, ...options })
  else if (person) {
    // A personal link's own KPI (`/drill/people/<resource>/<kpi>`), narrowed to that person.
    const source = `/api/drill/people/${person[1]}/kpis/${person[2]}`
    startDrill(root, { page: { source, back: null }, ...options })
  } else if (tile?.[2]) {
    const source = `/api/drill/roles/${tile[1]}/tiles/${tile[2]}`
    startDrill(root, { page: { source, back: `/drill/${tile[1]}` }, ...options })
  } else if (tile) startDrillTiles(root, { role: tile[1]!, ...options })
  else {
    startPage(root, options.lang)
    failure(root, options.lang, new Error(path))
  }
}

/** The drill-down of one tile or goal; its window and filters live in the address, so a reload keeps them. */
function startDrill(root: HTMLElement, options: { page: DrillPage; token: string | null; lang: Lang }): void {
  const { page, token, lang } = options
  startPage(root, lang)
  let asked = askedFrom(new URLSearchParams(window.location.search))
  const path = page.source
  let loading = 0

  async function load(): Promise<void> {
    const mine = ++loading
    const params = { ...asked, token, lang }
    try {
      const data = await api<DrillData>(`${path}${query(params)}`)
      if (mine !== loading) return
      history.replaceState(null, '', `${window.location.pathname}${query(params)}`)
      render(data)
    } catch (error) {
      if (mine !== loading) return
      // A refused window or filter keeps the page and says why in one line; anything else replaces it.
      const status = root.querySelector('.drill .load-error')
      if (status && error instanceof ApiError && error.status === 400) status.textContent = error.message
      else failure(root, lang, error)
    }
  }

  const change = (next: Partial<Asked>) => {
    asked = { ...asked, ...next }
    void load()
  }

  function render(data: DrillData): void {
    const shown = data.window.preset
    const presets = h(
      'div.presets',
      { role: 'group', 'aria-label': say(lang, 'windowLabel') },
      ...DRILL_PRESETS.map((preset) => {
        const button = h('button', {
          type: 'button',
          'data-preset': preset,
          'aria-pressed': String(shown === preset),
          text: PRESET_WORDS[preset][lang],
        })
        button.addEventListener('click', () => change({ window: preset, from: null, to: null }))
        return button
      }),
    )
    const from = h('input', {
      type: 'date',
      name: 'from',
      value: data.window.from,
      'aria-label': say(lang, 'rangeFrom'),
    })
    const to = h('input', { type: 'date', name: 'to', value: data.window.to, 'aria-label': say(lang, 'rangeTo') })
    const range = h(
      'form.range',
      null,
      h('label', null, h('span', { text: say(lang, 'rangeFrom') }), from),
      h('label', null, h('span', { text: say(lang, 'rangeTo') }), to),
      h('button', { type: 'submit', text: say(lang, 'rangeShow') }),
    )
    range.addEventListener('submit', (event) => {
      event.preventDefault()
      change({ window: null, from: from.value || null, to: to.value || null })
    })
    const menus: Record<(typeof FILTERS)[number], DrillOption[]> = {
      company: data.companies,
      resource: data.resources,
      queue: data.queues,
    }
    const everyone = { company: 'allCompanies', resource: 'allResources', queue: 'allQueues' } as const
    const filters = h(
      'div.filters',
      null,
      ...FILTERS.map((name) => {
        const select = h(
          'select',
          { name, 'aria-label': say(lang, name) },
          h('option', { value: '', text: say(lang, everyone[name]) }),
          ...menus[name].map((option) => h('option', { value: option.id, text: option.label })),
        )
        // A chosen value the window no longer holds stays offered, so the menu says what filters the rows.
        if (asked[name] !== null && !menus[name].some((option) => option.id === asked[name]))
          select.append(h('option', { value: asked[name]!, text: `#${asked[name]}` }))
        select.value = asked[name] === null ? '' : String(asked[name])
        select.addEventListener('change', () => change({ [name]: select.value ? Number(select.value) : null }))
        return h('label', null, h('span', { text: say(lang, name) }), select)
      }),
    )
    const filtering = FILTERS.some((name) => asked[name] !== null)
    const value = h(
      'p.value',
      null,
      h('strong', { text: formatValue(data.value, data.unit, lang) }),
      data.target === null
        ? null
        : h('span.target', { text: say(lang, 'target', { value: formatValue(data.target, data.unit, lang) }) }),
    )
    value.dataset.status = data.status
    const filtered = !filtering
      ? null
      : data.recomputable
        ? h('p.filtered', {
            text: say(lang, 'filteredValue', { value: formatValue(data.filteredValue, data.unit, lang) }),
          })
        : h('p.filtered', { text: say(lang, 'notRecomputable') })
    const count = h('p.count', {
      text:
        say(lang, 'rows', { n: data.total }) +
        (data.total > data.rows.length
          ? ` (${say(lang, 'rowsCapped', { shown: data.rows.length, n: data.total })})`
          : ''),
    })
    const back = page.back
      ? h('a.back', { href: `${BASE}${page.back}${query({ token, lang })}`, text: say(lang, 'allTiles') })
      : null
    root.replaceChildren(
      h(
        'main.drill',
        null,
        h(
          'header.drill-header',
          null,
          back,
          h('h1', { text: data.title }),
          h('p.window', { text: data.window.words }),
          value,
          filtered,
          data.dataAsOf
            ? h('p.meta', { text: say(lang, 'dataAsOf', { time: formatDateTime(data.dataAsOf, lang) }) })
            : null,
        ),
        h('section.controls', null, presets, range, filters, h('p.load-error', { role: 'alert' })),
        count,
        data.rows.length
          ? h('ol.drill-rows', null, ...data.rows.map((row) => rowItem(row, lang, data.psa)))
          : h('p.empty', { text: say(lang, 'noRows') }),
      ),
    )
    // The window shown stays in sight in the row of windows a phone scrolls sideways.
    presets.querySelector('[aria-pressed="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }

  void load()
}

/** A row; its ticket opens in `psa` (the answer's), named in the link's label. */
function rowItem(row: DrillRow, lang: Lang, psa: TicketPsa): HTMLElement {
  const href = httpUrl(row.ticketUrl)
  const number = row.ticketNumber ?? (row.ticketId === null ? null : `#${row.ticketId}`)
  // A survey of the company itself is on no ticket: it says so, with nothing to open.
  const head = number
    ? h('span.ticket', null, h('strong', { text: number }), ` ${row.title ?? ''}`)
    : h('span.ticket', { text: say(lang, 'noTicket') })
  const meta = [
    row.companyName ?? say(lang, 'noCompany'),
    row.resourceName ?? say(lang, 'unassigned'),
    row.queueLabel,
    row.date ? formatDate(row.date, lang) : null,
  ].filter((part): part is string => Boolean(part))
  return h(
    `li.drill-row${row.bad ? '.bad' : ''}`,
    { 'data-ticket': row.ticketId, 'data-record': row.recordId },
    href && number && psa
      ? h(
          'a.open',
          {
            href,
            target: '_blank',
            rel: 'noopener',
            'aria-label': say(lang, 'openInPsa', { number, psa: PSA_SHORT_NAMES[psa] }),
          },
          head,
        )
      : head,
    h('span.row-meta', { text: meta.join(' · ') }),
    row.verdict ? h(`span.verdict${row.bad ? '.bad' : '.good'}`, { text: row.verdict }) : null,
  )
}

/** The tiles of a wall, each a link to its rows (those that have them): the page a wall's QR code opens. */
function startDrillTiles(root: HTMLElement, options: { role: string; token: string | null; lang: Lang }): void {
  const { role, token, lang } = options
  startPage(root, lang)
  const link = (path: string, title: string, drill: boolean) =>
    h(
      'li',
      null,
      drill
        ? h('a', { href: `${BASE}${path}${query({ token, lang })}`, text: title })
        : h('span.no-drill', null, title, h('small', { text: ` – ${say(lang, 'noRowsBehind')}` })),
    )
  api<DrillTiles>(`/api/drill/roles/${role}${query({ token, lang })}`).then(
    (data) =>
      root.replaceChildren(
        h(
          'main.drill',
          null,
          h('h1', { text: say(lang, 'tilesTitle', { wall: data.title }) }),
          h('p.meta', { text: say(lang, 'tilesIntro') }),
          h(
            'ul.drill-tiles',
            null,
            ...data.tiles.map((tile) => link(`/drill/${role}/${tile.tileId}`, tile.title, tile.drill)),
          ),
          data.goals.length ? h('h2', { text: say(lang, 'goals') }) : null,
          data.goals.length
            ? h(
                'ul.drill-tiles',
                null,
                ...data.goals.map((goal) => link(`/drill/goal/${goal.goalId}`, goal.title, goal.drill)),
              )
            : null,
        ),
      ),
    (error) => failure(root, lang, error),
  )
}
