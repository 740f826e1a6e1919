// No imports: the browser tests (type-checked with the server's settings) use it to say what a title should read.

const SKIP = new Set(['the', 'in', 'de', 'het', 'full', 'calendar', 'iso', 'volle', 'volledige'])
const SAME: Record<string, string> = { previous: 'last', working: 'business', within: 'next', binnen: 'komende' }
// Who is counted, said before the period ("created in the last 7 days"): a title that says the
// period already says enough.
const POPULATION = new Set([
  'created',
  'completed',
  'resolved',
  'due',
  'aangemaakt',
  'afgerond',
  'opgelost',
  'deadline',
])

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/kalender(?=\p{L})/gu, '')
    .replace(/\biso-/g, '')
    .replace(/\bso far\b|\bto date\b|\btot nu( toe)?\b/g, ' ')
    .split(/[^\p{L}\p{N}%]+/u)
    .filter((word) => word && !SKIP.has(word))
    .map((word) => SAME[word] ?? word)
}

// " · SmileBack", " · deadlines not moved for waiting": the engine's notes on how a result is defined, after its
// period: the source it comes from (kpi-library/history.ts windowWithSource) or how it counts on this PSA (a KPI's
// `differs`).
const SOURCE = / · [^·]+$/

/** The last note a window carries ("SmileBack"), or null for the PSA's own data: for the strip, which shows no window. */
export function windowSource(window: string | undefined): string | null {
  return window ? (SOURCE.exec(window)?.[0].slice(3) ?? null) : null
}

/**
 * What a tile's title needs added to say its period ("last 7 days", "now"), with its separator, or
 * null when the title says it already ("Kill rate, last 7 days"). The period's first clause only: the
 * rest ("today so far included, per day") is for the reference, not for a wall read from 3 m.
 */
export function windowNote(title: string, window: string): string | null {
  // The notes, after the history's note. Always shown: they say how the number is defined.
  const source = SOURCE.exec(window)
  if (source) return `${windowNote(title, window.slice(0, source.index)) ?? ''}${source[0]}`
  // "(32 days of data)": the engine's note that the history is shorter than the period. Always shown,
  // also where the title says the period already ("CSAT by client, last 6 months (32 days of data)").
  const data = / \(\d+ (?:days? of data|dagen? gegevens)\)$/.exec(window)
  if (data) return `${periodNote(title, window.slice(0, data.index)) ?? ''}${data[0]}`
  return periodNote(title, window)
}

function periodNote(title: string, window: string): string | null {
  const first = window.split(/,\s|:\s|\s\(/)[0]!.trim()
  if (!first) return null
  const have = new Set(words(title))
  const needed = words(first).filter((word) => !POPULATION.has(word))
  if (needed.length > 0 && needed.every((word) => have.has(word))) return null
  // The title says the period's start: "Clients with a ticket spike, last 14 days" + "last 14 days vs
  // the 26 weeks before" goes on from it; "Net revenue retention (12 months)" + "12 months to the end
  // of last month" adds the rest after a comma.
  const tokens = first.split(/\s+/)
  const lower = title.toLowerCase()
  for (let k = tokens.length - 1; k >= 1; k--) {
    const start = tokens.slice(0, k).join(' ').toLowerCase()
    const rest = tokens.slice(k).join(' ')
    if (lower.endsWith(start)) return ` ${rest}`
    const at = lower.indexOf(start)
    if (
      k >= 2 &&
      at >= 0 &&
      !/[\p{L}\p{N}]/u.test(lower[at + start.length] ?? '') &&
      !/[\p{L}\p{N}]/u.test(lower[at - 1] ?? '')
    )
      return `, ${rest}`
  }
  return `, ${first}`
}
