import { numberText } from '../../../kpi-library/format.js'
import type { Lang, ListField, Text } from '../../../kpi-library/wire-types.js'
import type { ChannelKind } from '../../wire/nudges.js'
import { PSA_SHORT_NAMES } from '../../wire/psa-names.js'
import type { TicketPsa } from '../../wire/psa.js'

// What a nudge says, as a Teams Workflows post (an Adaptive Card) and as a Slack incoming-webhook post. Row values
// come from the PSA, so nothing of theirs may format or link: in the card they are TextRuns (plain text, no
// markdown), in Slack's mrkdwn `&`, `<` and `>` are escaped, which is what stops a link or an @channel.

/** Rows a post shows; the rest are counted ("and 4 more"). */
export const ROWS_SHOWN = 5
const FIELDS_SHOWN = 4
const VALUE_CHARS = 80

export interface NudgeRow {
  row: Record<string, unknown>
  /** The row in its PSA (a ticket row), or null. */
  ticketUrl: string | null
  /** The row's person, to name (or mention in Teams, when their e-mail is known). */
  person: { name: string; email: string | null } | null
}

export interface Nudge {
  lang: Lang
  tz: string
  /** Whom the post addresses ("Service desk"). */
  audience: string
  /** The list as its tile names it, in `lang`. */
  title: string
  /** What to do with a row ("Call back"). */
  verb: string
  fields: readonly ListField[]
  rows: NudgeRow[]
  /** The PSA the rows' `ticketUrl`s open in, named on each link; null where they have none. */
  psa: TicketPsa
  /** The wall the list is on. */
  wallUrl: string
}

const WORDS = {
  headline: {
    en: '{n} new row on ‘{title}’|{n} new rows on ‘{title}’',
    nl: '{n} nieuwe regel op ‘{title}’|{n} nieuwe regels op ‘{title}’',
  },
  audience: { en: 'For {audience}. To do: {verb}', nl: 'Voor {audience}. Te doen: {verb}' },
  more: { en: 'and {n} more on the wall', nl: 'en nog {n} op het scherm' },
  openWall: { en: 'Open the wall', nl: 'Open het scherm' },
  openTicket: { en: 'Open in {psa}', nl: 'Open in {psa}' },
  testHeadline: { en: 'roleboard test post to ‘{name}’', nl: 'Testbericht van roleboard aan ‘{name}’' },
  testBody: {
    en: 'This channel is set up: new rows of the action lists you choose will be posted here.',
    nl: 'Dit kanaal is ingesteld: nieuwe regels van de actielijsten die u kiest, komen hier.',
  },
} satisfies Record<string, Text>

function say(key: keyof typeof WORDS, lang: Lang, values: Record<string, string | number>): string {
  const [one, other = one] = WORDS[key][lang].split('|')
  const form = values.n === 1 ? one! : other
  return form.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

function dateParts(value: string, lang: Lang, tz: string, withTime: boolean): string | null {
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) return null
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: tz,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    } as Intl.DateTimeFormatOptions)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  )
  const sep = lang === 'nl' ? '-' : '/'
  const date = `${parts.day}${sep}${parts.month}${sep}${parts.year}`
  return withTime ? `${date} ${parts.hour}:${parts.minute}` : date
}

/** A field's value as the wall writes it: Dutch dates and decimal commas in Dutch, Amsterdam (the MSP's) time. */
function fieldText(value: unknown, field: ListField, lang: Lang, tz: string): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') {
    const unit = { hours: lang === 'nl' ? ' u' : ' h', minutes: ' min', days: ' d', percent: '%' } as const
    const text = numberText(value, lang)
    if (field.type === 'euro') return `€ ${numberText(value, lang, 2)}`
    return `${text}${field.type in unit ? unit[field.type as keyof typeof unit] : ''}`
  }
  if (typeof value === 'string' && (field.type === 'datetime' || field.type === 'date'))
    return dateParts(value, lang, tz, field.type === 'datetime') ?? value
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : null
}

/** A row in one line: its first few fields, the person left out (they are named apart). */
export function rowLine(row: Record<string, unknown>, fields: readonly ListField[], lang: Lang, tz: string): string {
  return fields
    .filter((field) => field.key !== 'resourceName')
    .map((field) => fieldText(row[field.key], field, lang, tz))
    .filter((text): text is string => text !== null)
    .slice(0, FIELDS_SHOWN)
    .map((text) => clip(text, VALUE_CHARS))
    .join(' · ')
}

/** Slack mrkdwn's own escaping: with `<` and `>` gone, no text can become a link or a mention. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A URL inside Slack's `<url|label>`: the characters that end it are percent-encoded. */
function slackUrl(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E')
}

/** A name inside Teams' `<at>…</at>`: letters, digits, spaces and name punctuation only, so it cannot format. */
function mentionName(name: string): string {
  return clip(name.replace(/[^\p{L}\p{N} .'-]/gu, ''), 60)
}

function headline(nudge: Nudge): string {
  return say('headline', nudge.lang, { n: nudge.rows.length, title: clip(nudge.title, 100) })
}

const textRun = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextRun', text, ...extra })
const richText = (...inlines: unknown[]) => ({ type: 'RichTextBlock', inlines })

/** The Workflows post: `{type: 'message', attachments: [an Adaptive Card]}` (the shape a Teams Workflow expects). */
export function teamsMessage(nudge: Nudge): unknown {
  const { lang } = nudge
  const shown = nudge.rows.slice(0, ROWS_SHOWN)
  const mentions = new Map<string, { type: string; text: string; mentioned: { id: string; name: string } }>()
  const rows = shown.map(({ row, ticketUrl, person }) => {
    const items: unknown[] = [richText(textRun(rowLine(row, nudge.fields, lang, nudge.tz)))]
    if (person?.email && mentionName(person.name)) {
      const text = `<at>${mentionName(person.name)}</at>`
      mentions.set(person.email, { type: 'mention', text, mentioned: { id: person.email, name: person.name } })
      items.push({ type: 'TextBlock', text, wrap: true, spacing: 'None' })
    } else if (person) items.push(richText(textRun(clip(person.name, VALUE_CHARS), { weight: 'Bolder' })))
    if (ticketUrl && nudge.psa)
      items.push(
        richText(
          textRun(say('openTicket', lang, { psa: PSA_SHORT_NAMES[nudge.psa] }), {
            color: 'Accent',
            selectAction: { type: 'Action.OpenUrl', url: ticketUrl },
          }),
        ),
      )
    return { type: 'Container', separator: true, items }
  })
  const more = nudge.rows.length - shown.length
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    msteams: { width: 'Full', ...(mentions.size > 0 ? { entities: [...mentions.values()] } : {}) },
    body: [
      richText(textRun(headline(nudge), { weight: 'Bolder', size: 'Medium' })),
      richText(textRun(say('audience', lang, { audience: clip(nudge.audience, 80), verb: nudge.verb }))),
      ...rows,
      ...(more > 0 ? [richText(textRun(say('more', lang, { n: more }), { isSubtle: true }))] : []),
    ],
    actions: [{ type: 'Action.OpenUrl', title: say('openWall', lang, {}), url: nudge.wallUrl }],
  }
  return adaptiveCardPost(card)
}

function adaptiveCardPost(card: unknown): unknown {
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }
}

/** The incoming-webhook post: `text` for notifications, blocks for the message itself. */
export function slackMessage(nudge: Nudge): unknown {
  const { lang } = nudge
  const shown = nudge.rows.slice(0, ROWS_SHOWN)
  const more = nudge.rows.length - shown.length
  const lines = shown.map(({ row, ticketUrl, person }) => {
    const parts = [slackEscape(rowLine(row, nudge.fields, lang, nudge.tz))]
    if (person) parts.push(`*${slackEscape(clip(person.name, VALUE_CHARS).replace(/[*_~`]/g, ''))}*`)
    if (ticketUrl && nudge.psa)
      parts.push(`<${slackUrl(ticketUrl)}|${say('openTicket', lang, { psa: PSA_SHORT_NAMES[nudge.psa] })}>`)
    return { type: 'section', text: { type: 'mrkdwn', text: parts.join(' · ') } }
  })
  return {
    text: slackEscape(headline(nudge)),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(headline(nudge), 150) } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: slackEscape(say('audience', lang, { audience: clip(nudge.audience, 80), verb: nudge.verb })),
          },
        ],
      },
      ...lines,
      ...(more > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: say('more', lang, { n: more }) }] }] : []),
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: say('openWall', lang, {}) }, url: nudge.wallUrl },
        ],
      },
    ],
  }
}

export function nudgeMessage(kind: ChannelKind, nudge: Nudge): unknown {
  return kind === 'teams' ? teamsMessage(nudge) : slackMessage(nudge)
}

/** The "send test" post: says which channel it is, so the owner sees it landed where they meant. */
export function testMessage(kind: ChannelKind, name: string, lang: Lang): unknown {
  const title = say('testHeadline', lang, { name: clip(name, 80) })
  const body = say('testBody', lang, {})
  if (kind === 'slack')
    return {
      text: slackEscape(title),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: title } },
        { type: 'section', text: { type: 'mrkdwn', text: slackEscape(body) } },
      ],
    }
  return adaptiveCardPost({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: [richText(textRun(title, { weight: 'Bolder', size: 'Medium' })), richText(textRun(body))],
  })
}
