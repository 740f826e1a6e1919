import type { NotNull } from 'kysely'
import { defineKpi } from '../../types.js'
import { commentFor, commentTypesParam, positiveParam, surveyComments, surveyRows } from './shared.js'
import { bothLanguages, countOf, pluralWord } from '../../format.js'
import { byKeys, FIELD } from '../../lists.js'
import { ago, HOUR } from '../../time.js'
import { reviewListRow, reviewRows, ratingSource, smileBackConnected } from './smileback.js'

// The PSA's survey results carry no comment; the comment is the "Survey Response" ticket note closest in
// time to the survey (as in csat_low_callback).

export const kudosFeed = defineKpi({
  id: 'kudos_feed',
  title: { en: 'Kudos', nl: 'Complimenten' },
  description: {
    en: 'Positive ratings with a comment from the last 24 hours. Nothing to fix: read them, share them with the team and thank the engineer. With SmileBack connected, the SmileBack reviews rated positive in that time that carry the customer’s comment, instead of the PSA’s survey results.',
    nl: 'Positieve beoordelingen met een opmerking van de afgelopen 24 uur. Niets op te lossen: lees ze, deel ze met het team en bedank de engineer. Met SmileBack gekoppeld de SmileBack-beoordelingen die in die tijd positief waren en een opmerking van de klant hebben, in plaats van de enquêteresultaten uit de PSA.',
  },
  group: 'csat',
  kind: 'list',
  roles: ['engineer', 'team-lead', 'service-manager'],
  unit: 'count',
  direction: 'higher',
  window: { en: 'last 24 hours', nl: 'afgelopen 24 uur' },
  params: {
    hours: {
      type: 'integer',
      default: 24,
      min: 1,
      max: 720,
      description: { en: 'How many hours back to look.', nl: 'Hoeveel uur terug.' },
    },
    minPositive: positiveParam(),
    commentNoteTypes: commentTypesParam(),
  },
  // A recognition feed, never a problem: with no band the engine gives it no red/amber/green status.
  band: null,
  freshnessMinutes: 30,
  personal: false,
  action: {
    verb: { en: 'Read and share', nl: 'Lezen en delen' },
    leavesWhen: { en: 'the rating is more than 24 hours old', nl: 'de beoordeling ouder is dan 24 uur' },
    owner: { en: 'the whole team', nl: 'het hele team' },
    fields: [
      { key: 'rating', label: { en: 'Score', nl: 'Score' }, type: 'rating' },
      { key: 'comment', label: { en: 'Comment', nl: 'Opmerking' }, type: 'text' },
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'contactName', label: { en: 'From', nl: 'Van' }, type: 'text' },
      FIELD.companyName,
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      { key: 'completedAt', label: { en: 'Scored', nl: 'Beoordeeld' }, type: 'datetime' },
    ],
    sort: { en: 'newest first', nl: 'nieuwste eerst' },
    ack: 'none',
  },
  about: {
    population: {
      en: "Survey results completed in the last 24 hours (hours) rated 4 or more (minPositive) that have a comment: a ticket note of a survey-comment type (commentNoteTypes, default 31 Survey Response) on the survey's ticket. Results without a comment are left out.",
      nl: 'Enquêteresultaten die de afgelopen 24 uur (hours) zijn voltooid met een 4 of hoger (minPositive) en een opmerking hebben: een ticketnotitie van een enquêtetype (commentNoteTypes, standaard 31 Survey Response) op het ticket van de enquête. Resultaten zonder opmerking tellen niet mee.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.ticket_id',
      'ticket_note.note_type',
      'ticket_note.description',
      'ticket_note.created_at',
    ],
    industry: {
      en: "D8: positive comments of the last 24 hours, for recognition, as MSPs show live feedback on an office screen [SNS]. The PSA's survey results have no comment (catalog §6b), so the comment is the survey-comment note closest in time to the result.",
      nl: "D8: positieve opmerkingen van de afgelopen 24 uur, ter erkenning, zoals MSP's live feedback op een scherm op kantoor tonen [SNS]. Enquêteresultaten in de PSA hebben geen opmerking (catalogus §6b), dus de opmerking is de enquêtenotitie die in tijd het dichtst bij het resultaat ligt.",
    },
  },
  queries: ({ db, now, params }) => {
    const from = ago(now, params.hours * HOUR)
    const to = now.toISOString()
    const positive = db
      .selectFrom('survey_result')
      .select('ticket_id')
      .where('completed_at', '>', from)
      .where('completed_at', '<=', to)
      .where('rating', '>=', params.minPositive)
    const praise = db
      .selectFrom('smileback_review')
      .select('id')
      .where('rating', '=', 1)
      .where('comment', 'is not', null)
      .where('rated_on', '>', from)
      .where('rated_on', '<=', to)
    return {
      reviews: reviewRows(db)
        .where('smileback_review.id', 'in', praise)
        .$narrowType<{ rating: NotNull; ratedOn: NotNull }>(),
      smileBack: smileBackConnected(db),
      surveys: surveyRows(db)
        .where('survey_result.id', 'in', positive.clearSelect().select('id'))
        // In the window with a rating at least minPositive: both columns are set.
        .$narrowType<{ rating: NotNull; completedAt: NotNull }>(),
      comments: surveyComments(db, params.commentNoteTypes, positive),
    }
  },
  compute: ({ surveys, comments, reviews, smileBack }) => {
    const rows =
      smileBack.length > 0
        ? reviews.map(reviewListRow).sort(
            byKeys(
              (r) => -Date.parse(r.completedAt),
              (r) => r.reviewId,
            ),
          )
        : surveys
            .map((survey) => ({ ...survey, comment: commentFor(survey, comments) }))
            .filter((row) => row.comment !== null)
            .sort(
              byKeys(
                (r) => -Date.parse(r.completedAt),
                (r) => r.surveyId,
              ),
            )
    return {
      rows,
      facts: {
        kudos: rows.length,
        engineers: new Set(rows.map((r) => r.resourceId).filter((id) => id !== null)).size,
        source: ratingSource(smileBack),
      },
    }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const n = Number(facts?.kudos ?? 0)
      const engineers = Number(facts?.engineers ?? 0)
      const where = facts?.source === 'smileback' ? { en: ' in SmileBack', nl: ' in SmileBack' } : { en: '', nl: '' }
      if (n === 0)
        return lang === 'en'
          ? `No compliments with a comment${where.en} in the last ${params.hours} hours yet.`
          : `De afgelopen ${params.hours} uur nog geen complimenten met een opmerking${where.nl}.`
      return lang === 'en'
        ? `${countOf(n, 'customer', 'customers')} left a compliment${where.en} in the last ${params.hours} hours, for ${countOf(engineers, 'engineer', 'engineers')}.`
        : `${countOf(n, 'klant', 'klanten')} ${pluralWord(n, 'gaf', 'gaven')} de afgelopen ${params.hours} uur een compliment${where.nl}, voor ${countOf(engineers, 'engineer', 'engineers')}.`
    }),
})
