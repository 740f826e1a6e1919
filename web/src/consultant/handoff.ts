import { texts } from '../admin/say.ts'
import { api, ApiError, BASE } from '../api.ts'
import type { BuilderHandoff, Lang } from '../types.ts'

const FRAGMENT = /(?:^#|&)handoff=([A-Za-z0-9_-]{16,100})(?:&|$)/

/**
 * The consultant page's "Open builder": asks for a one-time code for that tenant and opens its
 * builder in a new tab, where the code signs the consultant in. The tab is opened at the click (a
 * tab opened after an await is a blocked popup), cut off from this page, then sent on.
 */
export async function openTenantBuilder(tenant: string, lang: Lang): Promise<void> {
  const tab = window.open('about:blank', '_blank')
  if (tab) tab.opener = null
  try {
    const { url } = await api<BuilderHandoff>(`/api/consultant/tenants/${encodeURIComponent(tenant)}/builder-session`, {
      method: 'POST',
      json: { lang },
    })
    if (tab) tab.location.replace(url)
    else window.location.assign(url)
  } catch (error) {
    tab?.close()
    throw error
  }
}

/**
 * The builder's half, under /t/<tenant>/admin: a code in the URL's fragment (never sent in a URL, so
 * never in an access log) is taken off the address bar and exchanged for this tenant's admin session.
 * Answers null when there was no code or it worked, else why not, in one line of the page's language.
 */
export async function redeemHandoff(lang: Lang): Promise<string | null> {
  const code = FRAGMENT.exec(window.location.hash)?.[1]
  if (!BASE || !code) return null
  history.replaceState(null, '', window.location.pathname + window.location.search)
  try {
    await api('/api/session/handoff', { method: 'POST', json: { code } })
    return null
  } catch (error) {
    return error instanceof ApiError && error.code === 'handoff_invalid'
      ? texts(lang)('handoffInvalid')
      : String(error instanceof Error ? error.message : error)
  }
}
