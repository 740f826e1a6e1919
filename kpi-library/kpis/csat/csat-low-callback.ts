import { ago, DAY } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { surveyRows } from './shared.js'

// Autotask's SurveyResults carry no comment. A comment the customer wrote arrives as a ticket note
// of the "Survey Response" note type (the simulator does this; set `commentNoteTypes` to the
// tenant's own type). A follow-up is any time entry, or any note written by a resource, on the
// ticket after the survey came in.

export const csatLowCallback = defineKpi({
  id: 'csat_low_callback',
  title: { en: 'Low CSAT: call back', nl: 'Lage CSAT: terugbellen' },
  description: {
    en: 'Customers who scored a ticket 2 or lower in the last 7 days and have not been called back yet. Call them within 24 hours and log the call on the ticket.',
    nl: 'Klanten die een ticket de afgelopen 7 dagen een 2 of lager gaven en nog niet zijn teruggebeld. Bel ze binnen 24 uur en leg het gesprek vast op het ticket.',
  },
  group: 'csat',
  kind: 'list',
  roles: ['service-manager', 'team-lead', 'account-manager', 'engineer', 'owner', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 7 days', nl: 'afgelopen 7 dagen' },
  params: {
    maxRating: { type: 'number', default: 2, min: 0, max: 10, description: { en: 'Ratings at or below this count as low (1-5 scale).', nl: 'Scores op of onder deze grens tellen als laag (schaal 1-5).' } },
    days: { type: 'integer', default: 7, min: 1, max: 90, description: { en: 'How many days back to look.', nl: 'Hoeveel dagen terug.' } },
    commentNoteTypes: { type: 'integers', default: [31], description: { en: 'Ticket note types that hold survey comments.', nl: 'Notitietypen waarin enquêtecommentaar staat.' } },
    includeFollowedUp: { type: 'boolean', default: false, description: { en: 'Also list customers already called back.', nl: 'Ook klanten tonen die al zijn teruggebeld.' } },
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 30,
  personal: true,
  action: {
    verb: { en: 'Call back', nl: 'Terugbellen' },
    leavesWhen: {
      en: 'a time entry or a note by a resource is added to the ticket after the survey, or the row is marked called back',
      nl: 'er na de enquête een tijdregistratie of notitie van een medewerker op het ticket staat, of de regel als teruggebeld is gemarkeerd',
    },
    owner: { en: 'the ticket engineer, or the service manager', nl: 'de engineer van het ticket, of de servicemanager' },
    fields: [
      { key: 'rating', label: { en: 'Score', nl: 'Score' }, type: 'rating' },
      { key: 'contactName', label: { en: 'Contact', nl: 'Contactpersoon' }, type: 'text' },
      { key: 'contactPhone', label: { en: 'Phone', nl: 'Telefoon' }, type: 'phone' },
      { key: 'companyName', label: { en: 'Company', nl: 'Bedrijf' }, type: 'text' },
      { key: 'ticketNumber', label: { en: 'Ticket', nl: 'Ticket' }, type: 'text' },
      { key: 'ticketTitle', label: { en: 'Subject', nl: 'Onderwerp' }, type: 'text' },
      { key: 'comment', label: { en: 'Comment', nl: 'Opmerking' }, type: 'text' },
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'completedAt', label: { en: 'Scored', nl: 'Beoordeeld' }, type: 'datetime' },
    ],
    sort: { en: 'lowest score first, then newest', nl: 'laagste score eerst, dan nieuwste' },
  },
  queries: ({ db, now, params, me }) => {
    const from = ago(now, params.days * DAY)
    const to = now.toISOString()
    let low = surveyRows(db)
      .where('survey_result.completed_at', '>', from)
      .where('survey_result.completed_at', '<=', to)
      .where('survey_result.rating', '<=', params.maxRating)
    if (me !== null) low = low.where('ticket.assigned_resource_id', '=', me)
    const lowTickets = db
      .selectFrom('survey_result')
      .select('ticket_id')
      .where('completed_at', '>', from)
      .where('completed_at', '<=', to)
      .where('rating', '<=', params.maxRating)
    const noteTypes = params.commentNoteTypes.length > 0 ? params.commentNoteTypes : [-1]
    return {
      low,
      comments: db
        .selectFrom('ticket_note')
        .select(['ticket_id as ticketId', 'description', 'created_at as createdAt'])
        .where('note_type', 'in', noteTypes)
        .where('ticket_id', 'in', lowTickets),
      followUps: db
        .selectFrom('time_entry')
        .select(['ticket_id as ticketId', 'created_at as createdAt'])
        .where('ticket_id', 'in', lowTickets)
        .unionAll(
          db
            .selectFrom('ticket_note')
            .select(['ticket_id as ticketId', 'created_at as createdAt'])
            .where('ticket_id', 'in', lowTickets)
            .where('creator_resource_id', 'is not', null)
            .where((eb) => eb.or([eb('note_type', 'is', null), eb('note_type', 'not in', noteTypes)])),
        ),
    }
  },
  compute: ({ low, comments, followUps }, { now, params }) => {
    const rows = low.map((survey) => {
      // The comment is the survey-response note closest in time to the survey's completion.
      const mine = comments
        .filter((note) => note.ticketId === survey.ticketId)
        .sort((a, b) => Math.abs(Date.parse(a.createdAt) - Date.parse(survey.completedAt)) - Math.abs(Date.parse(b.createdAt) - Date.parse(survey.completedAt)))
      const followedUpAt =
        followUps
          .filter((f) => f.ticketId === survey.ticketId && f.createdAt > survey.completedAt)
          .map((f) => f.createdAt as string)
          .sort()[0] ?? null
      return {
        ...survey,
        comment: mine[0]?.description ?? null,
        followedUpAt,
        daysSince: Math.floor((now.getTime() - Date.parse(survey.completedAt)) / DAY),
      }
    })
    rows.sort((a, b) => a.rating - b.rating || (a.completedAt < b.completedAt ? 1 : a.completedAt > b.completedAt ? -1 : a.surveyId - b.surveyId))
    const open = rows.filter((row) => row.followedUpAt === null)
    return { rows: params.includeFollowedUp ? rows : open, facts: { low: rows.length, open: open.length } }
  },
  context: ({ facts }, { params }) => {
    const low = Number(facts?.low ?? 0)
    const open = Number(facts?.open ?? 0)
    if (low === 0) return { en: `No customer scored us ${params.maxRating} or lower in the last ${params.days} days.`, nl: `Geen klant gaf ons de afgelopen ${params.days} dagen een ${params.maxRating} of lager.` }
    return {
      en: `${low} ${low === 1 ? 'customer' : 'customers'} scored us ${params.maxRating} or lower in the last ${params.days} days; ${open} not called back yet.`,
      nl: `${low} ${low === 1 ? 'klant gaf' : 'klanten gaven'} ons de afgelopen ${params.days} dagen een ${params.maxRating} of lager; ${open} nog niet teruggebeld.`,
    }
  },
})

