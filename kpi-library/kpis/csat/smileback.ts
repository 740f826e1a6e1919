import type { Kysely, NotNull } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { percent, ROW_CONTEXT_COLUMNS } from '../../sql.js'
import type { Window } from '../../time.js'
import type { AnyRows, KpiContext, KpiDrill, Text } from '../../types.js'
import { countOf } from '../../format.js'
import { ratedSurveys } from './shared.js'

// SmileBack reviews for the CSAT KPIs (connectors/smileback). Once SmileBack is connected (its first sync is done:
// the sync_state row of psa `smileback`), every CSAT tile reads its reviews instead of the PSA's survey results (an MSP
// on SmileBack has few of those, and SmileBack may copy its ratings into them: counting both would count twice): a
// review is positive (1), neutral (0) or negative (-1); an unrated one counts nowhere, nor does a deleted one (the
// sync removes those). Tiles that count on the survey scale take a face as 5, 3 or 1. A review's moment is when it was rated; its ticket, contact and company are
// the PSA's records the sync linked it to.

/** Whether SmileBack is connected: one row when its first sync finished, none before or without SmileBack. */
export function smileBackConnected(db: Kysely<Database>) {
  return db
    .selectFrom('sync_state')
    .select('full_done')
    .where('psa', '=', 'smileback')
    .where('entity', '=', 'Reviews')
    .where('full_done', '=', 1)
}

/**
 * Where a KPI's ratings come from, as its `source` fact: the engine writes "· SmileBack" on the window
 * of a result computed from SmileBack's reviews (kpi-library/history.ts windowWithSource).
 */
export function ratingSource(smileBack: readonly unknown[]): 'smileback' | 'psa' {
  return smileBack.length > 0 ? 'smileback' : 'psa'
}

/**
 * The queries of a rating KPI over `window`: the PSA's rated survey results, SmileBack's rated reviews and whether
 * SmileBack is connected, for `currentRatings` to pick from (only `me`'s tickets when given).
 */
export function ratingQueries(db: Kysely<Database>, window: Window, me: number | null = null) {
  return {
    surveys: ratedSurveys(db, window, me),
    reviews: ratedReviews(db, window, me),
    smileBack: smileBackConnected(db),
  }
}

const REVIEW_WORDS: Record<number, Text> = {
  1: { en: 'positive', nl: 'positief' },
  0: { en: 'neutral', nl: 'neutraal' },
  [-1]: { en: 'negative', nl: 'negatief' },
}

/**
 * The drill-down of a rating KPI (`ratingQueries`): the reviews once SmileBack is connected (a positive one counts
 * for the number), else the survey results, each with its score (`positive` tells a good one).
 */
export function ratingDrill(rows: AnyRows, positive: (rating: number, ctx: KpiContext) => boolean): KpiDrill {
  if (ratingSource(rows.smileBack ?? []) === 'smileback')
    return {
      query: 'reviews',
      date: 'ratedOn',
      record: 'reviewId',
      recompute: true,
      verdict: (row) => ({ text: REVIEW_WORDS[Number(row.rating)] ?? REVIEW_WORDS[0]!, bad: Number(row.rating) !== 1 }),
    }
  return {
    query: 'surveys',
    date: 'completedAt',
    record: 'surveyId',
    recompute: true,
    verdict: (row, ctx) => ({
      text: { en: `score ${Number(row.rating)}`, nl: `score ${Number(row.rating)}` },
      bad: !positive(Number(row.rating), ctx),
    }),
  }
}

/** Rated SmileBack reviews rated in the window, with the linked ticket's engineer; only `me`'s tickets when given. */
export function ratedReviews(db: Kysely<Database>, window: Window, me: number | null = null) {
  const query = db
    .selectFrom('smileback_review')
    .leftJoin('ticket', 'ticket.id', 'smileback_review.ticket_id')
    .select([
      'smileback_review.id as reviewId',
      'smileback_review.rating as rating',
      'smileback_review.rated_on as ratedOn',
      'smileback_review.ticket_id as ticketId',
      'ticket.assigned_resource_id as resourceId',
      'smileback_review.company_id as companyId',
      'ticket.sla_met as slaMet',
    ])
    .where('smileback_review.rating', 'is not', null)
    .where('smileback_review.rated_on', '>', window.after)
    .where('smileback_review.rated_on', '<=', window.until)
    .where((eb) => eb.or([eb('smileback_review.status', 'is', null), eb('smileback_review.status', '!=', 'deleted')]))
    .$narrowType<{ rating: NotNull; ratedOn: NotNull }>()
  return me === null ? query : query.where('ticket.assigned_resource_id', '=', me)
}

/** Reviews with the row context of an action list: the linked ticket, the company and contact to call, the engineer. */
export function reviewRows(db: Kysely<Database>) {
  return db
    .selectFrom('smileback_review')
    .leftJoin('ticket', 'ticket.id', 'smileback_review.ticket_id')
    .leftJoin('company', 'company.id', 'smileback_review.company_id')
    .leftJoin('contact', 'contact.id', 'smileback_review.contact_id')
    .leftJoin('resource', 'resource.id', 'ticket.assigned_resource_id')
    .select([
      'smileback_review.id as reviewId',
      'smileback_review.rating as rating',
      'smileback_review.rated_on as ratedOn',
      'smileback_review.comment as comment',
      'smileback_review.contact_name as reviewContactName',
      'smileback_review.company_name as reviewCompanyName',
      'smileback_review.company_id as companyId',
      ...ROW_CONTEXT_COLUMNS,
    ])
    .where((eb) => eb.or([eb('smileback_review.status', 'is', null), eb('smileback_review.status', '!=', 'deleted')]))
}

/** A SmileBack face on the 1-5 scale a list's `rating` field is drawn in (as stars): 5, 3 or 1. */
const STARS = { 1: 5, 0: 3, [-1]: 1 } as const

/**
 * A `reviewRows` row as an action list shows it, under the survey rows' field names: rated when `completedAt`,
 * the face in `smileBackRating` (1, 0, -1) and on the 1-5 scale in `rating`, and SmileBack's own contact and company
 * names where the review found no PSA contact or company.
 */
export function reviewListRow<R extends { rating: number; contactName: string | null; companyName: string | null }>({
  reviewContactName,
  reviewCompanyName,
  ratedOn,
  ...review
}: R & { reviewContactName: string | null; reviewCompanyName: string | null; ratedOn: string }) {
  const face = review.rating as keyof typeof STARS
  return {
    ...review,
    rating: STARS[face],
    smileBackRating: face,
    contactName: review.contactName ?? reviewContactName,
    companyName: review.companyName ?? reviewCompanyName,
    completedAt: ratedOn,
  }
}

/** Reviews with their face on the 1-5 scale of the survey KPIs (5, 3 or 1), for a KPI that counts both alike. */
export function onSurveyScale<R extends { rating: number }>(reviews: readonly R[]): Array<R & { rating: 1 | 3 | 5 }> {
  return reviews.map((review) => ({ ...review, rating: STARS[review.rating as keyof typeof STARS] }))
}

/** The ratings a KPI counts: SmileBack's reviews on the survey scale once SmileBack is connected, else the surveys. */
export function currentRatings<S extends { rating: number }, R extends { rating: number }>(rows: {
  surveys: S[]
  reviews: R[]
  smileBack: unknown[]
}): Array<S | (R & { rating: 1 | 3 | 5 })> {
  return rows.smileBack.length > 0 ? onSurveyScale(rows.reviews) : rows.surveys
}

/** Share (%) of rated reviews that are positive; null without any. */
export function positiveReviewShare(reviews: ReadonlyArray<{ rating: number }>): number | null {
  return percent(reviews.filter((review) => review.rating === 1).length, reviews.length)
}

/** "5 SmileBack reviews" / "5 SmileBack-beoordelingen". */
export function reviewCount(n: number): Text {
  return {
    en: countOf(n, 'SmileBack review', 'SmileBack reviews'),
    nl: countOf(n, 'SmileBack-beoordeling', 'SmileBack-beoordelingen'),
  }
}

/** The sentence for a window without rated SmileBack reviews; `whose` narrows it (" on your tickets"). */
export function noReviews(days: number, whose: Text): Text {
  return {
    en: `No SmileBack review was rated${whose.en} in the last ${days} days.`,
    nl: `De afgelopen ${days} dagen is er geen SmileBack-beoordeling gegeven${whose.nl}.`,
  }
}
