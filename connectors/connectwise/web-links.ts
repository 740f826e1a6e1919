// Links into ConnectWise PSA's own web UI, so a person opens a ticket where they work it. The UI lives on the
// API's host without its `api-` prefix (api-eu.myconnectwise.net -> eu.myconnectwise.net; an on-premise host is
// both), under the tenant's codebase, and asks for the login company.

/**
 * The tenant's web UI base, `https://eu.myconnectwise.net/v2025_1/?companyName=acme`, from the API base it was
 * reached at and its login company; null when the API base is not an http(s) URL.
 */
export function connectWiseWebUrl(apiBase: string, company: string): string | null {
  let url: URL
  try {
    url = new URL(apiBase)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  url.hostname = url.hostname.replace(/^api-/i, '')
  // The API base is <site><codebase>apis/3.0/: the UI is the codebase's root.
  url.pathname = url.pathname.replace(/apis\/3\.0\/?$/i, '')
  url.search = new URLSearchParams({ companyName: company }).toString()
  return url.href
}

/** Opens one service ticket in ConnectWise's UI (the service ticket's own page, as integrations link it). */
export function connectWiseTicketUrl(webUrl: string, ticketId: number): string {
  const base = new URL(webUrl)
  const url = new URL('services/system_io/Service/fv_sr100_request.rails', base)
  url.searchParams.set('service_recid', String(ticketId))
  const company = base.searchParams.get('companyName')
  if (company) url.searchParams.set('companyName', company)
  return url.href
}
