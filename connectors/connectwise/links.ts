// ConnectWise's paging `Link` header (RFC 5988): `<https://host/v2025_1/apis/3.0/service/tickets?pageId=12>;
// rel="next", <...>; rel="last"`. Real hrefs carry double slashes, lower-case percent escapes and, on some
// hosts, another host name than the one asked, so only the parameters are read from them, never the address.

/** The header's links by relation (`next`, `prev`, `first`, `last`), each its href as written. */
export function parseLinkHeader(header: string | readonly string[] | undefined | null): Map<string, string> {
  const links = new Map<string, string>()
  const text = Array.isArray(header) ? header.join(', ') : typeof header === 'string' ? header : ''
  // Each link is `<href>` followed by its parameters up to the next `<`; an href may hold commas and semicolons.
  for (const match of text.matchAll(/<([^>]*)>([^<]*)/g)) {
    const href = match[1]!.trim()
    for (const parameter of match[2]!.matchAll(/;\s*([A-Za-z*-]+)\s*=\s*(?:"([^"]*)"|([^\s;,]+))/g)) {
      if (parameter[1]!.toLowerCase() !== 'rel') continue
      for (const rel of (parameter[2] ?? parameter[3] ?? '').toLowerCase().split(/\s+/)) {
        if (rel && !links.has(rel)) links.set(rel, href)
      }
    }
  }
  return links
}

/** A whole-number query parameter of an href (`pageId`, `page`), its name in any case; null when absent. */
export function numberParameter(href: string, name: string): number | null {
  const query = href.includes('?') ? href.slice(href.indexOf('?') + 1).split('#')[0]! : ''
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=')
    if (safeDecode(key).toLowerCase() !== name.toLowerCase()) continue
    const text = safeDecode(value).trim()
    return /^\d{1,15}$/.test(text) ? Number(text) : null
  }
  return null
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
