import type { Kysely, NotNull, SelectQueryBuilder } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { percent, ROW_CONTEXT_COLUMNS, sqlList } from '../../sql.js'
import type { Window } from '../../time.js'
import type { BreakdownItem, Computed, Lang, Text } from '../../types.js'
import { countOf, percentText } from '../../format.js'
import { integerParam, integersParam, numberParam } from '../../params.js'
import { groupBy } from '../../lists.js'

// Survey helpers for the CSAT KPIs. A CSAT rating is the survey result's overall rating on a 1-5 scale;
// positive is 4 or more, negative 2 or less (catalog §0, after Nicereply). Surveys without a rating count
// nowhere. The engineer behind a survey is the ticket's assigned resource (catalog §6b).

export function positiveParam() {
  return numberParam(
    4,
    0,
    10,
    'Ratings at or above this count as positive (on the survey’s own scale: 1-5 by default, up to 10 for a 0-10 survey).',
    'Scores op of boven deze grens tellen als positief (op de schaal van de enquête: standaard 1-5, tot 10 bij een enquête van 0-10).',
  )
}

export function negativeParam() {
  return numberParam(
    2,
    0,
    10,
    'Ratings at or below this count as negative (on the survey’s own scale: 1-5 by default, up to 10 for a 0-10 survey).',
    'Scores op of onder deze grens tellen als negatief (op de schaal van de enquête: standaard 1-5, tot 10 bij een enquête van 0-10).',
  )
}

export function commentTypesParam() {
  return integersParam(
    [31],
    'Ticket note types that hold survey comments.',
    'Notitietypen waarin enquêtecommentaar staat.',
  )
}

export function minResponsesParam(responses: number) {
  return integerParam(
    responses,
    1,
    1000,
    'Fewest responses needed to show a score.',
    'Minimaal aantal reacties voor een score.',
  )
}

/** A survey result as rows name it: its id, rating and completion time. */
export const SURVEY_COLUMNS = [
  'survey_result.id as surveyId',
  'survey_result.rating as rating',
  'survey_result.completed_at as completedAt',
] as const

/** Rated survey results completed in the window, without the ticket (a lookup per survey) for KPIs that need none of it. */
export function ratings(db: Kysely<Database>, window: Window) {
  return db
    .selectFrom('survey_result')
    .select([...SURVEY_COLUMNS, 'survey_result.company_id as companyId'])
    .where('survey_result.rating', 'is not', null)
    .where('survey_result.completed_at', '>', window.after)
    .where('survey_result.completed_at', '<=', window.until)
    .$narrowType<{ rating: NotNull; completedAt: NotNull }>()
}

/** Rated survey results completed in the window, with the ticket's engineer; only `me`'s tickets when given. */
export function ratedSurveys(db: Kysely<Database>, window: Window, me: number | null = null) {
  const query = ratings(db, window)
    .leftJoin('ticket', 'ticket.id', 'survey_result.ticket_id')
    .select([
      'survey_result.ticket_id as ticketId',
      'ticket.assigned_resource_id as resourceId',
      'ticket.sla_met as slaMet',
    ])
  return me === null ? query : query.where('ticket.assigned_resource_id', '=', me)
}

/** Share (%) of the ratings that are at least `min`; null without ratings. */
export function positiveShare(ratings: ReadonlyArray<{ rating: number }>, min: number): number | null {
  return percent(ratings.filter((r) => r.rating >= min).length, ratings.length)
}

/** Survey comments (notes of the comment types) on the given tickets. */
export function surveyComments(
  db: Kysely<Database>,
  noteTypes: number[],
  tickets: SelectQueryBuilder<Database, 'survey_result', { ticket_id: number | null }>,
) {
  return db
    .selectFrom('ticket_note')
    .select(['ticket_id as ticketId', 'description', 'created_at as createdAt'])
    .where('note_type', 'in', sqlList(noteTypes))
    .where('ticket_id', 'in', tickets)
}

/** The comment closest in time to a survey's completion on its ticket, if any. */
export function commentFor(
  survey: { ticketId: number | null; completedAt: string },
  comments: Array<{ ticketId: number; description: string | null; createdAt: string }>,
): string | null {
  const at = Date.parse(survey.completedAt)
  let best: { description: string | null; gap: number } | null = null
  for (const note of comments) {
    if (note.ticketId !== survey.ticketId || !note.description) continue
    const gap = Math.abs(Date.parse(note.createdAt) - at)
    if (best === null || gap < best.gap) best = { description: note.description, gap }
  }
  return best?.description ?? null
}

/** "83.3% positive (6 responses)" / "83,3% positief (6 reacties)". */
export function positiveText(value: number | null | undefined, responses: number, lang: Lang): string {
  return lang === 'en'
    ? `${percentText(value, lang)}% positive (${countOf(responses, 'response', 'responses')})`
    : `${percentText(value, lang)}% positief (${countOf(responses, 'reactie', 'reacties')})`
}

/** "the last 30 days" / "de afgelopen 30 dagen" (or months). */
export function lastPeriod(n: number, unit: 'days' | 'months' = 'days'): Text {
  return { en: `the last ${n} ${unit}`, nl: `de afgelopen ${n} ${unit === 'days' ? 'dagen' : 'maanden'}` }
}

/** " on your tickets" / " op jouw tickets" when the dashboard is for one person (`me`); nothing for the team. */
export function onYourTickets(me: number | null): Text {
  return me === null ? { en: '', nl: '' } : { en: ' on your tickets', nl: ' op jouw tickets' }
}

/** The sentence for a window without survey results; `whose` narrows it (" on your tickets"). */
export function noSurveys(period: Text, lang: Lang, whose: Text = { en: '', nl: '' }): string {
  return lang === 'en'
    ? `No survey results came in${whose.en} in ${period.en}.`
    : `${period.nl[0]!.toUpperCase()}${period.nl.slice(1)} kwamen er geen enquêteresultaten binnen${whose.nl}.`
}

/**
 * Positive share per engineer or client with at least `minResponses` ratings, lowest first (ties by label,
 * then key); the value is the share over every response, including groups too small to show.
 */
export function breakdownBy(
  surveys: Array<{ rating: number; resourceId: number | null; companyId: number | null }>,
  by: 'resourceId' | 'companyId',
  names: Array<{ id: number; name: string | null }>,
  params: { minResponses: number; minPositive: number },
  history: number | null,
  source: 'smileback' | 'psa',
) {
  const label = new Map(names.map((n) => [n.id, n.name]))
  const groups = groupBy(surveys, (survey) => survey[by])
  const items = [...groups.entries()]
    .filter(([, list]) => list.length >= params.minResponses)
    .map(([key, list]) => ({
      key: String(key),
      label: label.get(key) || `#${key}`,
      value: positiveShare(list, params.minPositive),
      responses: list.length,
    }))
    .sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || a.label.localeCompare(b.label) || Number(a.key) - Number(b.key))
  return {
    value: positiveShare(surveys, params.minPositive),
    items,
    facts: { responses: surveys.length, groups: groups.size, history, source },
  }
}

/** Survey results with the row context of an action list: ticket, company, contact to call, engineer. */
export function surveyRows(db: Kysely<Database>) {
  return db
    .selectFrom('survey_result')
    .leftJoin('ticket', 'ticket.id', 'survey_result.ticket_id')
    .leftJoin('company', 'company.id', 'survey_result.company_id')
    .leftJoin('contact', 'contact.id', 'survey_result.contact_id')
    .leftJoin('resource', 'resource.id', 'ticket.assigned_resource_id')
    .select([...SURVEY_COLUMNS, ...ROW_CONTEXT_COLUMNS])
}

/**
 * The sentence under a CSAT breakdown: the overall score, how many groups are shown and the lowest one.
 * `all` names the whole ("Team", "All clients"), `groups` the singular and plural of a group.
 */
export function breakdownContext(
  { value, items, facts }: Computed,
  params: { days: number; minResponses: number },
  lang: Lang,
  all: Text,
  groups: Record<Lang, readonly [string, string]>,
): string {
  const responses = Number(facts?.responses ?? 0)
  if (responses === 0) return noSurveys(lastPeriod(params.days), lang)
  const low = (items ?? [])[0] as BreakdownItem | undefined
  const whole = `${all[lang]}: ${positiveText(value, responses, lang)}`
  if (!low)
    return lang === 'en'
      ? `${whole}; none has ${params.minResponses} responses yet.`
      : `${whole}; nog geen ${groups.nl[0]} heeft ${params.minResponses} reacties.`
  const shown = countOf(items!.length, ...groups[lang])
  const lowest = percentText(low.value, lang)
  return lang === 'en'
    ? `${whole}; ${shown} with ${params.minResponses}+ responses, lowest ${low.label} at ${lowest}%.`
    : `${whole}; ${shown} met ${params.minResponses}+ reacties, laagste ${low.label} met ${lowest}%.`
}
