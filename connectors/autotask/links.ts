// Links into Autotask's own web UI, so a person can open a record where they change it. The browser
// imports this file too (web/src/me/cards.ts), so it imports nothing.

/** The only schemes that may reach an href: anything else (javascript:, data:) from a PSA answer is dropped. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/**
 * The zone's UI host: the zone lookup's `webUrl` when it is an http(s) URL, else derived from the REST
 * host (`webservices3.autotask.net` → `https://ww3.autotask.net/`, the pairing every zone follows),
 * else null (no links). The reference marks the lookup's fields uncertain, so a missing one is expected.
 */
export function zoneWebUrl(webUrl: unknown, zoneUrl: string): string | null {
  const given = httpUrl(webUrl)
  if (given) return given.endsWith('/') ? given : `${given}/`
  const host = httpUrl(zoneUrl) ? new URL(zoneUrl).hostname.toLowerCase() : ''
  const zone = /^webservices(\d+)\.autotask\.net$/.exec(host)
  return zone ? `https://ww${zone[1]}.autotask.net/` : null
}

/** Opens one ticket in Autotask's UI, in the URL form public Autotask integrations use. */
export function ticketUrl(webUrl: string, ticketId: number): string {
  return `${webUrl}Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=${ticketId}`
}
