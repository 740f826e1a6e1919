import { api, ApiError, changedBuild, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatAge, formatClock, formatTime, formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import { keepCurrent } from '../push.ts'
import { BASE, FLOOR, planLayout, type LayoutPlan, type TileText } from '../layout.ts'
import type { Lang, TileResult, WallData, WallGoal, WallTile } from '../types.ts'
import { NATURAL_BUCKETS } from '../widgets/bars.ts'
import { fill, fitKpiTile, renderKpiTile } from '../widgets/kpi-tile.ts'
import { markTileTrend } from '../widgets/tile-trend.ts'
import { markTileOnPath } from './goal-path.ts'
import { windowNote } from '../widgets/window-note.ts'
import { markRepeats, rememberShown, type Seen } from './repeats.ts'
import { fitStrip, renderStrip } from './strip.ts'

export interface WallOptions {
  role: string
  token: string | null
  lang: Lang
  /** Milliseconds between polls while its event stream is down; 30 s on a real wall, shorter only in tests and the benchmark. */
  refreshMs: number
}

interface MountedTile {
  el: HTMLElement
  key: string
  free: (() => void) | null
}

const DEFAULT_FRESHNESS_MINUTES = 60
const DAY_MS = 24 * 3600_000
/** While changes are pushed, a poll a minute still moves the values that follow the clock. */
const PUSHED_POLL_MS = 60_000
const RELOADED_FOR_BUILD = 'roleboard-reloaded-for-build'
// Small enough not to be noticed, large enough to move static chrome off its pixels now and then.
const SHIFTS = [
  [0, 0],
  [2, 1],
  [3, -1],
  [1, -3],
  [-2, -2],
  [-3, 1],
  [-1, 3],
] as const

/**
 * Starts a wall screen in `root`: fetches when its event stream says the data changed (polls when it cannot
 * listen), lays out, keeps the last good data when the server is away.
 */
export function startWall(root: HTMLElement, options: WallOptions): { stop: () => void; ready: Promise<void> } {
  const { role, token, lang } = options
  let data: WallData | null = null
  let layoutKey = ''
  let skewMs = 0
  let offline = false
  let stopped = false
  let wall: HTMLElement | null = null
  let plan: LayoutPlan | null = null
  /** Tile ids in reading order (top to bottom, left to right): the order repeats are marked in. */
  let readingOrder: number[] = []
  const tiles = new Map<number, MountedTile>()
  const timers: number[] = []
  let feed: { stop: () => void } | null = null
  let shift = 0
  let rendered = 0
  let polls = 0
  let lastAnswer = ''
  let resolveReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))

  document.documentElement.classList.add('wall-page')
  document.documentElement.lang = lang
  root.replaceChildren(h('div.wall-message', { text: t(lang, 'waiting') }))

  const path = `/api/dashboards/${encodeURIComponent(role)}`
  const url = `${path}${query({ token, lang })}`

  /** One fetch and render; false when the link no longer opens this wall. `fresh`: its stream said the data changed. */
  async function poll(fresh: boolean): Promise<boolean> {
    if (stopped) return false
    try {
      const next = await api<WallData>(fresh ? `${path}${query({ token, lang, fresh: 'true' })}` : url, {
        timeoutMs: Math.max(5_000, Math.min(options.refreshMs, 20_000)),
      })
      if (stopped) return false
      reloadOnNewBuild()
      if (next.dataAsOf && next.dataAgeSeconds !== null)
        skewMs = Date.parse(next.dataAsOf) + next.dataAgeSeconds * 1000 - Date.now()
      offline = false
      await apply(next)
      polls++
      // Read by the browser tests and the benchmark: answers shown, and when one last brought something new.
      document.documentElement.dataset.wallPolls = String(polls)
      const answer = JSON.stringify(next)
      if (answer !== lastAnswer) document.documentElement.dataset.wallUpdatedAt = String(Date.now())
      lastAnswer = answer
      resolveReady()
    } catch (error) {
      if (stopped) return false
      if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) {
        showNotice(error.code === 'revoked' ? 'revoked' : 'badLink')
        return false
      }
      // Anything else (server down, timeout, 500): keep what is on screen and say how old it is.
      offline = true
      refreshAges()
    }
    return !stopped
  }

  function viewport() {
    const u = Math.min(window.innerWidth / BASE.width, window.innerHeight / BASE.height)
    return { u, width: window.innerWidth / u, height: window.innerHeight / u }
  }

  function keyOf(next: WallData): string {
    const v = viewport()
    const shape = next.tiles
      .map((tile) => `${tile.tileId}:${tile.size}:${tile.result.kind}${isEmpty(tile.result) ? ':empty' : ''}`)
      .join(',')
    return `${next.version}|${next.strip.length}|${shape}|${Math.round(v.width)}x${Math.round(v.height)}`
  }

  // Polls and window resizes both re-render; one at a time, or two walls could be swapped in.
  let queue: Promise<void> = Promise.resolve()
  function apply(next: WallData): Promise<void> {
    queue = queue.then(() => applyNow(next)).catch(() => undefined)
    return queue
  }

  async function applyNow(next: WallData): Promise<void> {
    if (stopped) return
    const nextKey = keyOf(next)
    data = next
    if (nextKey !== layoutKey || !wall) {
      layoutKey = nextKey
      await renderAll(next)
    } else {
      await updateInPlace(next)
    }
    refreshAges()
  }

  async function renderAll(next: WallData): Promise<void> {
    const v = viewport()
    plan = planLayout(
      next.tiles.map((tile) => ({
        kind: tile.result.kind,
        size: tile.size,
        empty: isEmpty(tile.result),
        text: tileText(tile.result, lang),
      })),
      v,
      next.strip.length > 0,
    )
    const built = h('div.wall')
    built.style.setProperty('--fl', String(plan.fonts.label))
    built.style.setProperty('--fn', String(plan.fonts.number))
    const header = h(
      'header.wall-header',
      null,
      h(
        'div.wall-title',
        null,
        h('span.wall-role', { text: next.roleName }),
        h('span.wall-name', { text: next.title }),
      ),
      h('div.wall-status'),
      h('div.wall-clock'),
    )
    const strip = h('section.strip')
    strip.style.setProperty('--goals', String(Math.max(1, next.strip.length)))
    renderStrip(strip, next.strip, lang)
    for (const goal of next.strip) stamp(strip.querySelector<HTMLElement>(`.goal[data-goal="${goal.goalId}"]`), goal)
    const grid = h('main.grid')
    grid.style.gridTemplateColumns = `repeat(${plan.columns}, minmax(0, 1fr))`
    grid.style.gridTemplateRows = plan.rowHeights.map((height) => `minmax(0, ${height}fr)`).join(' ')
    const mounted = new Map<number, MountedTile>()
    const placed = plan.placements
    readingOrder = next.tiles
      .slice(0, plan.shown)
      .map((tile, index) => ({ id: tile.tileId, at: placed[index]! }))
      .sort((a, b) => a.at.row - b.at.row || a.at.col - b.at.col)
      .map((tile) => tile.id)
    next.tiles.slice(0, plan.shown).forEach((tile, index) => {
      const el = h('article')
      place(el, plan!.placements[index]!)
      drawTile(el, tile)
      grid.append(el)
      mounted.set(tile.tileId, { el, key: resultKey(tile.result), free: null })
    })
    if (plan.hidden > 0) {
      const notice = h('article.tile.tiles-hidden')
      fill(notice, h('div.tile-head', null, h('span.tile-title', { text: t(lang, 'tilesHidden', { n: plan.hidden }) })))
      place(notice, {
        col: plan.placements.length % plan.columns,
        row: Math.floor(plan.placements.length / plan.columns),
        w: 1,
        h: 1,
      })
      grid.append(notice)
    }
    built.append(header, ...(next.strip.length ? [strip] : []), grid)
    // Laid out out of sight, then swapped in one go: the screen never shows a half-drawn wall.
    const previous = wall
    if (previous) built.classList.add('staging')
    root.append(built)
    fitStrip(strip)
    const charts: Array<Promise<void>> = []
    const seen: Seen = new Map()
    for (const tileId of readingOrder) {
      const tile = mounted.get(tileId)!
      fit(tile.el, seen, v.u)
      const result = next.tiles.find((candidate) => candidate.tileId === tileId)!.result
      charts.push(drawChart(tile, result, v.u))
    }
    await Promise.all(charts)
    if (stopped) return
    for (const tile of tiles.values()) tile.free?.()
    tiles.clear()
    for (const [id, tile] of mounted) tiles.set(id, tile)
    for (const other of Array.from(root.children)) if (other !== built) other.remove()
    built.classList.remove('staging')
    wall = built
    applyShift()
    rendered++
    document.documentElement.dataset.wallRendered = String(rendered)
    if (rendered === 1) document.documentElement.dataset.wallFirstRenderMs = String(Math.round(performance.now()))
    document.documentElement.dataset.wallVersion = String(next.version)
    document.title = `${next.roleName} · roleboard`
  }

  async function updateInPlace(next: WallData): Promise<void> {
    const strip = wall!.querySelector<HTMLElement>('.strip')
    if (strip) {
      const fresh = h('section.strip')
      fresh.style.cssText = strip.style.cssText
      renderStrip(fresh, next.strip, lang)
      for (const goal of next.strip) stamp(fresh.querySelector<HTMLElement>(`.goal[data-goal="${goal.goalId}"]`), goal)
      if (fresh.innerHTML !== strip.innerHTML) {
        strip.replaceWith(fresh)
        fitStrip(fresh)
      }
    }
    const v = viewport()
    const changes: Array<Promise<void>> = []
    // A changed list can change which rows of the lists after it are repeats: those are redrawn too.
    const seen: Seen = new Map()
    let listChanged = false
    for (const tileId of readingOrder) {
      const tile = next.tiles.find((candidate) => candidate.tileId === tileId)
      const mounted = tiles.get(tileId)
      if (!tile || !mounted) continue
      const key = resultKey(tile.result)
      const list = tile.result.kind === 'list'
      if (key !== mounted.key || (list && listChanged)) {
        listChanged ||= list
        changes.push(replaceTile(mounted, tile, key, v.u, seen))
      } else {
        rememberShown(mounted.el, seen)
      }
    }
    await Promise.all(changes)
  }

  /** Marks the tile's repeated tickets, fits it, and remembers what it shows for the tiles after it. */
  function fit(el: HTMLElement, seen: Seen, u: number): void {
    markRepeats(el, seen, lang)
    fitKpiTile(el, lang, FLOOR.number * u)
    rememberShown(el, seen)
  }

  /** A tile's KPI, its goal path and its history, drawn into `el`, stamped with the data's age. */
  function drawTile(el: HTMLElement, tile: WallTile): void {
    el.dataset.tile = String(tile.tileId)
    renderKpiTile(el, tile.result, lang)
    if (tile.path) markTileOnPath(el, tile.path, tile.result, lang)
    if (tile.trend) markTileTrend(el, tile.trend, tile.result, lang)
    stamp(el, tile)
  }

  async function replaceTile(mounted: MountedTile, tile: WallTile, key: string, u: number, seen: Seen): Promise<void> {
    const el = h('article')
    el.style.gridColumn = mounted.el.style.gridColumn
    el.style.gridRow = mounted.el.style.gridRow
    drawTile(el, tile)
    el.classList.add('staging-tile')
    mounted.el.after(el)
    fit(el, seen, u)
    const next: MountedTile = { el, key, free: null }
    await drawChart(next, tile.result, u)
    mounted.free?.()
    mounted.el.remove()
    el.classList.remove('staging-tile')
    tiles.set(tile.tileId, next)
  }

  async function drawChart(tile: MountedTile, result: TileResult, u: number): Promise<void> {
    if (result.kind !== 'trend') return
    const box = tile.el.querySelector<HTMLElement>('.tile-chart')
    if (!box) return
    const charts = await import('../widgets/kpi-chart.ts')
    const size = {
      width: Math.floor(box.clientWidth),
      height: Math.floor(box.clientHeight),
      font: Math.max(FLOOR.label, plan?.fonts.label ?? 0) * u,
      lang,
    }
    try {
      tile.free = await charts.renderChart(box, charts.trendSpec(result, size), lang)
    } catch {
      box.remove()
    }
  }

  function stamp(container: HTMLElement | null, item: WallTile | WallGoal): void {
    const el = container?.querySelector('.tile-age')
    if (!el || !container) return
    const asOf = 'asOf' in item.result ? item.result.asOf : null
    const age = asOf ? Math.max(0, (Date.now() + skewMs - Date.parse(asOf)) / 1000) : null
    const stale = offline || age === null || age > (item.freshnessMinutes ?? DEFAULT_FRESHNESS_MINUTES) * 60
    const short = container.classList.contains('short-age')
    const text = age === null ? t(lang, 'noData') : formatAge(age, lang, short)
    // The wall's header says the data's age once; a tile repeats it only when its own data is stale.
    el.textContent = stale ? text : ''
    ;(el as HTMLElement).dataset.short = stale ? (age === null ? '–' : formatAge(age, lang, true)) : ''
    container.classList.toggle('stale', stale)
    el.setAttribute('aria-label', stale ? `${t(lang, 'stale')}: ${text}` : text)
  }

  function refreshAges(): void {
    if (!wall || !data) return
    const now = Date.now() + skewMs
    for (const tile of data.tiles) stamp(tiles.get(tile.tileId)?.el ?? null, tile)
    for (const goal of data.strip) stamp(wall.querySelector<HTMLElement>(`.goal[data-goal="${goal.goalId}"]`), goal)
    const status = wall.querySelector<HTMLElement>('.wall-status')
    if (status) {
      status.classList.toggle('offline', offline)
      const asOf = data.dataAsOf
      status.textContent = offline
        ? `${t(lang, 'offline')} ${asOf ? formatTime(asOf, lang) : '–'}`
        : asOf
          ? `${t(lang, 'dataAge')}: ${formatAge(Math.max(0, (now - Date.parse(asOf)) / 1000), lang)}`
          : t(lang, 'noData')
    }
    const clock = wall.querySelector<HTMLElement>('.wall-clock')
    if (clock) clock.textContent = formatClock(new Date(), lang)
  }

  function applyShift(): void {
    if (!wall) return
    const [x, y] = SHIFTS[shift % SHIFTS.length]!
    wall.style.transform = `translate(calc(var(--u) * ${x}), calc(var(--u) * ${y}))`
  }

  function showNotice(kind: 'revoked' | 'badLink'): void {
    stop()
    for (const tile of tiles.values()) tile.free?.()
    tiles.clear()
    wall = null
    const title = kind === 'revoked' ? t(lang, 'revokedTitle') : t(lang, 'badLinkTitle')
    root.replaceChildren(
      h(
        'div.wall-notice',
        { 'data-notice': kind },
        h('div.notice-icon', { text: kind === 'revoked' ? '⊘' : '?' }),
        h('h1', { text: title }),
        h('p', { text: kind === 'revoked' ? t(lang, 'revokedBody') : t(lang, 'badLinkBody') }),
      ),
    )
    document.title = title
    resolveReady()
  }

  function stop(): void {
    stopped = true
    feed?.stop()
    for (const timer of timers) window.clearInterval(timer)
    window.removeEventListener('resize', onResize)
  }

  let resizeTimer = 0
  const onResize = () => {
    window.clearTimeout(resizeTimer)
    resizeTimer = window.setTimeout(() => {
      if (data) void apply(data)
    }, 200)
  }
  window.addEventListener('resize', onResize)
  timers.push(window.setInterval(refreshAges, 10_000))
  timers.push(
    window.setInterval(() => {
      shift++
      applyShift()
    }, 60_000),
  )
  scheduleDailyReload()
  feed = keepCurrent({
    events: `${path}/events${query({ token })}`,
    pollMs: options.refreshMs,
    safetyMs: PUSHED_POLL_MS,
    load: poll,
  })

  // A daily reload picks up new front-end builds and frees the browser's memory; it waits until the
  // server answers, so a reload never trades the last good data for an error page.
  function scheduleDailyReload(): void {
    const reloadAt = Date.now() + DAY_MS + Math.random() * 600_000
    const check = window.setInterval(async () => {
      if (Date.now() < reloadAt || stopped) return
      try {
        await api(url, { timeoutMs: 10_000 })
        window.location.reload()
      } catch {
        // try again at the next check
      }
    }, 300_000)
    timers.push(check)
  }

  return { stop, ready }
}

/**
 * A server upgraded under an open wall serves a new front end: reload into it now instead of running
 * old code until the daily reload. Once per build, so a reload that brings the old page back (a cache,
 * a server behind the same address not upgraded yet) never loops.
 */
function reloadOnNewBuild(): void {
  const build = changedBuild()
  if (!build) return
  try {
    if (sessionStorage.getItem(RELOADED_FOR_BUILD) === build) return
    sessionStorage.setItem(RELOADED_FOR_BUILD, build)
  } catch {
    return // nowhere to remember the attempt, so no reload that could loop; the daily one follows
  }
  window.location.reload()
}

function place(el: HTMLElement, at: { col: number; row: number; w: number; h: number }): void {
  el.style.gridColumn = `${at.col + 1} / span ${at.w}`
  el.style.gridRow = `${at.row + 1} / span ${at.h}`
}

/** What a tile has to say, for the layout's estimate of its height. */
function tileText(result: TileResult, lang: Lang): TileText | undefined {
  if (result.kind === 'error') return undefined
  const note = result.window ? (windowNote(result.title, result.window) ?? '') : ''
  const common = { title: result.title + note, context: result.context.length }
  if (result.kind === 'list')
    return { ...common, value: String(result.count).length, target: false, rows: result.rows.length, natural: false }
  const items = result.kind === 'breakdown' ? result.items.filter((item) => item.value !== null).length : 0
  return {
    ...common,
    value: formatValue(result.value, result.unit, lang).length,
    target: result.target !== null,
    rows: items,
    natural: items > 0 && items <= NATURAL_BUCKETS,
  }
}

/** An action list with nothing on it: the layout draws it small. */
function isEmpty(result: TileResult): boolean {
  return result.kind === 'list' && result.count === 0
}

/** What a tile shows, less the times that change on every poll. */
function resultKey(result: TileResult): string {
  if (result.kind === 'error') return `error:${result.message}`
  const { evaluatedAt: _at, asOf: _asOf, ...rest } = result
  return JSON.stringify(rest)
}
