import { api, BASE, query } from './api.ts'
import { langFrom } from './i18n.ts'
import type { LinkLanguage } from './types.ts'

// One small entry per page; each page's code (and Vega, for the wall) loads only where it is used.
const root = document.getElementById('app')!
// Under a hosted install the pages live below /t/<tenant>; they route on what follows it.
const path = window.location.pathname.slice(BASE.length)
const search = new URLSearchParams(window.location.search)
// A screen's link names its language; a link opened without it speaks the one it was made for.
const lang = search.has('lang') || !search.get('token') ? langFrom(search) : await linkLang(search.get('token')!)

async function linkLang(token: string) {
  return api<LinkLanguage>(`/api/link${query({ token })}`).then(
    (link) => link.lang,
    () => langFrom(search),
  )
}

const wall = path.match(/^\/wall\/([a-z][a-z0-9-]*)\/?$/)
const me = path.match(/^\/me\/(\d+)\/?$/)
const drill = path.startsWith('/drill/')
// Only the front server of a hosted install serves this page (at the root, never under a tenant).
const consultant = !BASE && /^\/consultant\/?$/.test(path)

// How often a screen polls when its event stream is down (`?refresh=` in tests and the benchmark).
const refresh = Number(search.get('refresh'))
const refreshMs = (usual: number) => (Number.isFinite(refresh) && refresh >= 20 ? refresh : usual)

if (wall) {
  await import('./wall/wall.css')
  const { startWall } = await import('./wall/wall.ts')
  const handle = startWall(root, {
    role: wall[1]!,
    token: search.get('token'),
    lang,
    refreshMs: refreshMs(30_000),
  })
  Object.assign(window, { roleboardWall: handle })
} else if (me) {
  await import('./me/me.css')
  const { startMyPage } = await import('./me/me.ts')
  startMyPage(root, { resourceId: Number(me[1]), token: search.get('token'), lang, refreshMs: refreshMs(60_000) })
} else if (drill) {
  await import('./me/me.css')
  await import('./drill/drill.css')
  const { openDrill } = await import('./drill/drill.ts')
  openDrill(root, path, { token: search.get('token'), lang })
} else if (consultant) {
  await import('./admin/admin.css')
  await import('./consultant/consultant.css')
  const { startConsultant } = await import('./consultant/consultant.ts')
  startConsultant(root)
} else {
  await import('./admin/admin.css')
  const { startAdmin } = await import('./admin/admin.ts')
  // A consultant's one-time code (hosted installs) signs in before the builder asks for a password.
  const { redeemHandoff } = await import('./consultant/handoff.ts')
  const refused = await redeemHandoff(lang)
  startAdmin(root, refused ? { notice: refused } : {})
}
