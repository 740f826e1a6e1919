import type { NotNull } from 'kysely'
import { DAY, lastDays } from '../../time.js'
import { type AnyRows, defineKpi, type KpiDrill } from '../../types.js'
import { commentFor, commentTypesParam, surveyComments, surveyRows } from './shared.js'
import { FIELD } from '../../lists.js'
import { pluralWord } from '../../format.js'
import { reviewListRow, reviewRows, ratingSource, smileBackConnected } from './smileback.js'

// The PSA's survey results carry no comment. A comment the customer wrote arrives as a ticket note of the
// "Survey Response" note type (the simulator does this; set `commentNoteTypes` to the tenant's own type).
// A result is followed up once, after its completion, a resource wrote a note on the ticket, or a time
// entry on the ticket started (start_at) after it. An entry typed in after the survey for work done
// before it is no call-back, so an entry's creation time does not count; an entry without a start time
// cannot show that it happened after the survey and does not count either.
// With SmileBack connected the list holds its negative reviews instead (rated -1, with the customer's comment), on
// the same follow-up rule from the moment of rating; maxRating and commentNoteTypes then do not apply.

interface FollowUp {
  ticketId: number | null
  at: string
}

/** When the customer behind a row was followed up: in the PSA after `at` (a note, work begun), or marked on roleboard. */
function followedUpAt(
  row: { rowKey: string; ticketId: number | null; at: string },
  followUps: readonly FollowUp[],
  calledBack: ReadonlyArray<{ rowKey: string; at: string }>,
): string | null {
  const inPsa = followUps.filter((f) => f.ticketId === row.ticketId && f.at > row.at).map((f) => f.at)
  const marked = calledBack.find((ack) => ack.rowKey === row.rowKey)?.at
  return [...inPsa, ...(marked ? [marked] : [])].sort()[0] ?? null
}

/**
 * The drill-down of the call-back list: the low survey results (SmileBack's negative reviews once connected) of the
 * window, each called back or still waiting; a followed-up one only where the list shows those (includeFollowedUp).
 */
function lowDrill(rows: AnyRows): KpiDrill {
  const reviews = ratingSource(rows.smileBack ?? []) === 'smileback'
  const record = reviews ? 'reviewId' : 'surveyId'
  const date = reviews ? 'ratedOn' : 'completedAt'
  return {
    query: reviews ? 'reviews' : 'low',
    date,
    record,
    recompute: true,
    verdict: (row, { params }, all) => {
      const rowKey = reviews ? `smilebackReviewId=${Number(row.reviewId)}` : `surveyId=${Number(row.surveyId)}`
      const ticketId = typeof row.ticketId === 'number' ? row.ticketId : null
      const done = followedUpAt(
        { rowKey, ticketId, at: String(row[date]) },
        (all.followUps ?? []) as FollowUp[],
        (all.calledBack ?? []) as Array<{ rowKey: string; at: string }>,
      )
      if (done === null) return { text: { en: 'not called back yet', nl: 'nog niet teruggebeld' }, bad: true }
      return params.includeFollowedUp ? { text: { en: 'followed up', nl: 'opgevolgd' }, bad: false } : null
    },
  }
}

export const csatLowCallback = defineKpi({
  id: 'csat_low_callback',
  title: { en: 'Low CSAT: call back', nl: 'Lage CSAT: terugbellen' },
  description: {
    en: 'Customers who scored a ticket 2 or lower in the last 7 days and have not been called back yet: since the survey nobody logged a note on the ticket or started work on it. Call them within 24 hours and log the call on the ticket. With SmileBack connected, the SmileBack reviews rated negative in the last 7 days instead, with the customer’s comment, on the same rule.',
    nl: 'Klanten die een ticket de afgelopen 7 dagen een 2 of lager gaven en nog niet zijn teruggebeld: sinds de enquête schreef niemand een notitie op het ticket en begon niemand er werk aan. Bel ze binnen 24 uur en leg het gesprek vast op het ticket. Met SmileBack gekoppeld de SmileBack-beoordelingen die de afgelopen 7 dagen negatief waren, met de opmerking van de klant, volgens dezelfde regel.',
  },
  group: 'csat',
  kind: 'list',
  roles: ['service-manager', 'team-lead', 'account-manager', 'engineer', 'owner', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 7 days', nl: 'afgelopen 7 dagen' },
  params: {
    maxRating: {
      type: 'number',
      default: 2,
      min: 0,
      max: 10,
      description: {
        en: 'Ratings at or below this count as low (on the survey’s own scale: 1-5 by default, up to 10 for a 0-10 survey).',
        nl: 'Scores op of onder deze grens tellen als laag (op de schaal van de enquête: standaard 1-5, tot 10 bij een enquête van 0-10).',
      },
    },
    days: {
      type: 'integer',
      default: 7,
      min: 1,
      max: 90,
      description: { en: 'How many days back to look.', nl: 'Hoeveel dagen terug.' },
    },
    commentNoteTypes: commentTypesParam(),
    includeFollowedUp: {
      type: 'boolean',
      default: false,
      description: { en: 'Also list customers already called back.', nl: 'Ook klanten tonen die al zijn teruggebeld.' },
    },
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 30,
  personal: true,
  action: {
    verb: { en: 'Call back', nl: 'Terugbellen' },
    leavesWhen: {
      en: 'after the survey a resource writes a note on the ticket or starts a time entry on it, or the row is marked called back',
      nl: 'er na de enquête een notitie van een medewerker op het ticket staat of een tijdregistratie die daarna begon, of de regel als teruggebeld is gemarkeerd',
    },
    owner: {
      en: 'the ticket engineer, or the service manager',
      nl: 'de engineer van het ticket, of de servicemanager',
    },
    fields: [
      { key: 'rating', label: { en: 'Score', nl: 'Score' }, type: 'rating' },
      FIELD.contactName,
      FIELD.contactPhone,
      FIELD.companyName,
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      { key: 'comment', label: { en: 'Comment', nl: 'Opmerking' }, type: 'text' },
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'completedAt', label: { en: 'Scored', nl: 'Beoordeeld' }, type: 'datetime' },
    ],
    sort: { en: 'lowest score first, then newest', nl: 'laagste score eerst, dan nieuwste' },
    ack: 'resolve',
    done: { en: 'Called back', nl: 'Teruggebeld' },
  },
  about: {
    population: {
      en: 'Survey results completed in the last 7 days (days) rated 2 or lower (maxRating) with no follow-up yet: since the survey, no note by a resource on its ticket and no time entry on it that started afterwards. On a personal dashboard, the results on tickets assigned to that person.',
      nl: 'Enquêteresultaten die de afgelopen 7 dagen (days) zijn voltooid met een 2 of lager (maxRating) en nog geen opvolging hebben: sinds de enquête geen notitie van een medewerker op het ticket en geen tijdregistratie op het ticket die daarna begon. Op een persoonlijk dashboard de resultaten op tickets die aan die persoon zijn toegewezen.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.ticket_id',
      'ticket_note.creator_resource_id',
      'ticket_note.created_at',
      'time_entry.ticket_id',
      'time_entry.start_at',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "D4 for negative scores only: neutral scores with a comment are not listed. The catalog's missing followed_up_at is read from notes and time entries after the survey; contact the customer within 24 hours [CENTREX].",
      nl: 'D4 alleen voor negatieve scores: neutrale scores met een opmerking staan er niet op. Het ontbrekende veld followed_up_at uit de catalogus wordt afgeleid uit notities en tijdregistraties na de enquête; neem binnen 24 uur contact op met de klant [CENTREX].',
    },
  },
  drill: (rows) => lowDrill(rows),
  queries: ({ db, now, tz, params, me, window: asked }) => {
    const window = asked ?? lastDays(now, tz, params.days)
    const lowResults = db
      .selectFrom('survey_result')
      .where('completed_at', '>', window.after)
      .where('completed_at', '<=', window.until)
      .where('rating', '<=', params.maxRating)
    // In the window with a rating at most maxRating: both columns are set.
    let low = surveyRows(db)
      .where('survey_result.id', 'in', lowResults.select('id'))
      .$narrowType<{ rating: NotNull; completedAt: NotNull }>()
    if (me !== null) low = low.where('ticket.assigned_resource_id', '=', me)
    const lowTickets = lowResults.select('ticket_id')
    const negativeReviews = db
      .selectFrom('smileback_review')
      .where('rating', '=', -1)
      .where('rated_on', '>', window.after)
      .where('rated_on', '<=', window.until)
    let reviews = reviewRows(db)
      .where('smileback_review.id', 'in', negativeReviews.select('id'))
      .$narrowType<{ rating: NotNull; ratedOn: NotNull }>()
    if (me !== null) reviews = reviews.where('ticket.assigned_resource_id', '=', me)
    const reviewTickets = negativeReviews.select('ticket_id')
    return {
      low,
      comments: surveyComments(db, params.commentNoteTypes, lowTickets),
      reviews,
      smileBack: smileBackConnected(db),
      // Moments that count as a follow-up: a resource's note, or the start of work on the ticket.
      followUps: db
        .selectFrom('ticket_note')
        .select(['ticket_id as ticketId', 'created_at as at'])
        .where((eb) => eb.or([eb('ticket_id', 'in', lowTickets), eb('ticket_id', 'in', reviewTickets)]))
        .where('creator_resource_id', 'is not', null)
        .unionAll(
          db
            .selectFrom('time_entry')
            .select(['ticket_id as ticketId', 'start_at as at'])
            .where((eb) => eb.or([eb('ticket_id', 'in', lowTickets), eb('ticket_id', 'in', reviewTickets)]))
            .where('start_at', 'is not', null)
            .$narrowType<{ ticketId: number; at: string }>(),
        ),
      // A call made outside the PSA and marked "called back" on roleboard (until it is undone).
      calledBack: db
        .selectFrom('acknowledgement')
        .select(['row_key as rowKey', 'created_at as at'])
        .where('kpi_id', '=', 'csat_low_callback')
        .where('mode', '=', 'resolve')
        .where('undone_at', 'is', null),
    }
  },
  compute: ({ low, comments, reviews, smileBack, followUps, calledBack }, { now, params }) => {
    const followedUp = (rowKey: string, ticketId: number | null, completedAt: string) => ({
      rowKey,
      followedUpAt: followedUpAt({ rowKey, ticketId, at: completedAt }, followUps, calledBack),
      daysSince: Math.floor((now.getTime() - Date.parse(completedAt)) / DAY),
    })
    const newestFirst = (a: { completedAt: string }, b: { completedAt: string }) =>
      a.completedAt < b.completedAt ? 1 : a.completedAt > b.completedAt ? -1 : 0
    // Keyed by the survey or review alone, so an ack survives the ticket changing hands.
    const rows =
      smileBack.length > 0
        ? reviews
            .map((review) => ({
              ...reviewListRow(review),
              ...followedUp(`smilebackReviewId=${review.reviewId}`, review.ticketId, review.ratedOn),
            }))
            .sort((a, b) => newestFirst(a, b) || a.reviewId - b.reviewId)
        : low
            .map((survey) => ({
              ...survey,
              comment: commentFor(survey, comments),
              ...followedUp(`surveyId=${survey.surveyId}`, survey.ticketId, survey.completedAt),
            }))
            .sort((a, b) => a.rating - b.rating || newestFirst(a, b) || a.surveyId - b.surveyId)
    const open = rows.filter((row) => row.followedUpAt === null)
    return {
      rows: params.includeFollowedUp ? rows : open,
      facts: { low: rows.length, open: open.length, source: ratingSource(smileBack) },
    }
  },
  context: ({ facts }, { params }) => {
    const low = Number(facts?.low ?? 0)
    const open = Number(facts?.open ?? 0)
    const smileBack = facts?.source === 'smileback'
    if (low === 0)
      return smileBack
        ? {
            en: `No customer rated us negative in SmileBack in the last ${params.days} days.`,
            nl: `Geen klant gaf ons de afgelopen ${params.days} dagen een negatieve SmileBack-beoordeling.`,
          }
        : {
            en: `No customer scored us ${params.maxRating} or lower in the last ${params.days} days.`,
            nl: `Geen klant gaf ons de afgelopen ${params.days} dagen een ${params.maxRating} of lager.`,
          }
    // Led by the number the tile shows: the calls still to make, or every low score when followed-up ones are listed too.
    const lows = smileBack
      ? {
          en: `negative SmileBack ${pluralWord(low, 'review', 'reviews')}`,
          nl: `negatieve SmileBack-${pluralWord(low, 'beoordeling', 'beoordelingen')}`,
        }
      : {
          en: `low ${pluralWord(low, 'score', 'scores')} (${params.maxRating} or lower)`,
          nl: `lage ${pluralWord(low, 'score', 'scores')} (${params.maxRating} of lager)`,
        }
    if (params.includeFollowedUp) {
      return {
        en: `${low} ${lows.en} in the last ${params.days} days; ${open} not called back yet.`,
        nl: `${low} ${lows.nl} in de afgelopen ${params.days} dagen; ${open} nog niet teruggebeld.`,
      }
    }
    const followed = low - open
    if (followed === 0) {
      return {
        en: `${open} to call back: ${low === 1 ? 'the' : `all ${low}`} ${lows.en} of the last ${params.days} days, none followed up yet.`,
        nl: `${open} terug te bellen: ${low === 1 ? 'de' : `alle ${low}`} ${lows.nl} van de afgelopen ${params.days} dagen, nog geen opgevolgd.`,
      }
    }
    if (open === 0) {
      return {
        en: `0 to call back; the ${low} ${lows.en} of the last ${params.days} days ${pluralWord(low, 'was', 'were')} followed up.`,
        nl: `0 terug te bellen; de ${low} ${lows.nl} van de afgelopen ${params.days} dagen ${pluralWord(low, 'is', 'zijn')} opgevolgd.`,
      }
    }
    return {
      en: `${open} to call back; ${followed} of the ${low} ${lows.en} of the last ${params.days} days ${pluralWord(followed, 'was', 'were')} followed up.`,
      nl: `${open} terug te bellen; ${followed} van de ${low} ${lows.nl} van de afgelopen ${params.days} dagen ${pluralWord(followed, 'is', 'zijn')} opgevolgd.`,
    }
  },
})
