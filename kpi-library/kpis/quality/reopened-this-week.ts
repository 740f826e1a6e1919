import { type NotNull, sql } from 'kysely'
import { includeAlertsParam, labelOf, resourceName, sqlList, ticketRows, withAlerts } from '../../sql.js'
import { DAY, lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { isReopened, TICKET_CONTACT_FIELDS } from './shared.js'
import { bothLanguages, countOf, pluralWord } from '../../format.js'
import { daysParam } from '../../params.js'
import { byKeys, FIELD } from '../../lists.js'
import { onSurveyScale, ratingSource, smileBackConnected } from '../csat/smileback.js'

// Proxy for the reopen moment (reopened_at is a schema gap): the first note (not a survey comment) or time
// entry that starts after the ticket's resolution time; failing that, its last activity. The original
// resolver is the resource the SLA result credits with the resolution, else the assignee (a PSA may clear
// the completer on a reopen: Autotask does). The reopen count is not known: only whether the ticket is reopened now.

export const reopenedThisWeek = defineKpi({
  id: 'reopened_this_week',
  title: { en: 'Reopened in the last 7 days', nl: 'Heropend in de afgelopen 7 dagen' },
  description: {
    en: 'Tickets that were resolved but came back in the last 7 days and are open again, in a working state (neither complete nor resolved but not yet closed); monitoring alerts left out. Review the root cause with the engineer who resolved it, and call the customer to reset expectations. Its CSAT is the ticket’s last survey rating; with SmileBack connected, its last SmileBack review.',
    nl: 'Tickets die waren opgelost maar de afgelopen 7 dagen terugkwamen en weer open staan, in een werkstatus (niet afgerond, en ook niet opgelost maar nog niet gesloten); monitoringalerts niet meegeteld. Bespreek de oorzaak met de engineer die het oploste en bel de klant om verwachtingen opnieuw af te stemmen. De CSAT is de laatste enquêtescore van het ticket; met SmileBack gekoppeld de laatste SmileBack-beoordeling.',
  },
  group: 'quality',
  kind: 'list',
  roles: ['team-lead', 'service-manager', 'engineer'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 7 days', nl: 'afgelopen 7 dagen' },
  params: {
    days: daysParam(7, 90),
    includeAlerts: includeAlertsParam(false),
    commentNoteTypes: {
      type: 'integers',
      default: [31],
      description: {
        en: 'Note types that hold survey comments (not a sign of a reopen).',
        nl: 'Notitietypen met enquêtecommentaar (geen teken van heropening).',
      },
    },
  },
  // The catalog sets no target; a reopen is rare (3.1% average), so two in a week is already worth a look.
  band: { target: 0, warn: 2 },
  freshnessMinutes: 30,
  personal: true,
  action: {
    verb: { en: 'Review the root cause and call the customer', nl: 'Oorzaak bespreken en klant bellen' },
    leavesWhen: {
      en: 'the ticket is resolved again, or the reopen is older than 7 days',
      nl: 'het ticket opnieuw is opgelost, of de heropening ouder is dan 7 dagen',
    },
    owner: {
      en: 'the original resolver, with the team lead',
      nl: 'de engineer die het oploste, samen met de teamleider',
    },
    fields: [
      ...TICKET_CONTACT_FIELDS,
      { key: 'resolverName', label: { en: 'Resolved by', nl: 'Opgelost door' }, type: 'text' },
      { key: 'resourceName', label: { en: 'Assigned to', nl: 'Toegewezen aan' }, type: 'text' },
      FIELD.status,
      { key: 'resolvedAt', label: { en: 'Resolved', nl: 'Opgelost' }, type: 'datetime' },
      { key: 'reopenedAt', label: { en: 'Reopened', nl: 'Heropend' }, type: 'datetime' },
      { key: 'daysSinceReopen', label: { en: 'Days since reopen', nl: 'Dagen sinds heropening' }, type: 'days' },
      { key: 'rating', label: { en: 'CSAT', nl: 'CSAT' }, type: 'rating' },
    ],
    sort: { en: 'newest reopen first', nl: 'nieuwste heropening eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Tickets with a resolution time that are open again now in a working state (neither complete nor resolved), monitoring alerts left out unless includeAlerts, whose reopen falls in the last 7 days counted from this time. The reopen moment: the first ticket note (survey-comment note types, default 31, excepted) or time entry after the resolution time, else the last activity. For one person, the tickets assigned to them or resolved by them.',
      nl: 'Tickets met een oplostijd die nu weer open staan in een werkstatus (niet afgerond en niet opgelost), monitoringalerts niet tenzij includeAlerts, waarvan de heropening in de afgelopen 7 dagen valt, gerekend vanaf dit tijdstip. Moment van heropening: de eerste ticketnotitie (behalve notitietypen met enquêtecommentaar, standaard 31) of tijdregistratie na de oplostijd, anders de laatste activiteit. Voor één persoon, de tickets die aan hem of haar zijn toegewezen of door hem of haar zijn opgelost.',
    },
    sources: [
      'ticket.resolved_at',
      'ticket.state',
      'ticket.kind',
      'ticket.last_activity_at',
      'ticket.assigned_resource_id',
      'ticket.completed_by_resource_id',
      'sla_result.resolution_resource_id',
      'ticket_note.created_at',
      'ticket_note.note_type',
      'time_entry.start_at',
      'time_entry.created_at',
      'survey_result.rating',
      'survey_result.completed_at',
    ],
    industry: {
      en: 'C4 over a rolling 7 days; reopened_at and the reopen count are schema gaps, so the reopen moment is estimated from notes and time entries, and a ticket already resolved again drops off. A reopen report is a coaching tool [AGMSP-ONE]; the catalog sets no target.',
      nl: 'C4 over 7 doorlopende dagen; reopened_at en het aantal heropeningen ontbreken in het schema, dus het moment van heropening wordt afgeleid uit notities en tijdregistraties, en een ticket dat alweer is opgelost, valt van de lijst. Een heropeningsrapport is een coachingsinstrument [AGMSP-ONE]; de catalogus noemt geen norm.',
    },
  },
  queries: ({ db, params }) => {
    const reopened = withAlerts(db.selectFrom('ticket').select('ticket.id').where(isReopened), params.includeAlerts)
    const commentTypes = sqlList(params.commentNoteTypes)
    return {
      tickets: ticketRows(db)
        .select([
          'ticket.resolved_at as resolvedAt',
          'ticket.last_activity_at as lastActivityAt',
          'ticket.completed_by_resource_id as completedBy',
          labelOf('ticketStatus', 'ticket.status').as('statusLabel'),
          sql<
            number | null
          >`(select max(sr.resolution_resource_id) from sla_result sr where sr.ticket_id = ticket.id)`.as(
            'slaResolverId',
          ),
        ])
        .where('ticket.id', 'in', reopened)
        // A reopened ticket has a resolution time (isReopened).
        .$narrowType<{ resolvedAt: NotNull }>()
        .orderBy('ticket.id'),
      activity: db
        .selectFrom('ticket_note')
        .select(['ticket_id as ticketId', 'created_at as at'])
        .where('ticket_id', 'in', reopened)
        .where((eb) => eb.or([eb('note_type', 'is', null), eb('note_type', 'not in', commentTypes)]))
        .unionAll(
          db
            .selectFrom('time_entry')
            .select((eb) => ['ticket_id as ticketId', eb.fn.coalesce('start_at', 'created_at').as('at')])
            .where('ticket_id', 'in', reopened)
            .$narrowType<{ ticketId: number }>(),
        ),
      surveys: db
        .selectFrom('survey_result')
        .select(['ticket_id as ticketId', 'rating', 'completed_at as completedAt'])
        .where('ticket_id', 'in', reopened),
      // With SmileBack connected the ticket's CSAT is its last review, as on every CSAT tile.
      reviews: db
        .selectFrom('smileback_review')
        .select(['ticket_id as ticketId', 'rating', 'rated_on as completedAt'])
        .where('ticket_id', 'in', reopened)
        .where('rating', 'is not', null)
        .where((eb) => eb.or([eb('status', 'is', null), eb('status', '!=', 'deleted')]))
        .$narrowType<{ rating: NotNull; completedAt: NotNull }>(),
      smileBack: smileBackConnected(db),
      resources: db.selectFrom('resource').select(['id', resourceName().as('name')]),
    }
  },
  compute: ({ tickets, activity, surveys: surveyRows, reviews, smileBack, resources }, { now, tz, params, me }) => {
    const fromSmileBack = smileBack.length > 0
    const surveys = fromSmileBack
      ? onSurveyScale(reviews).map((review, i) => ({ ...review, face: reviews[i]!.rating as number | null }))
      : surveyRows.map((survey) => ({ ...survey, face: null as number | null }))
    const from = lastDays(now, tz, params.days).after
    const names = new Map<number, string | null>(resources.map((r) => [r.id, r.name]))
    const rows = tickets
      .map((t) => {
        const after = activity.filter((a) => a.ticketId === t.ticketId && a.at > t.resolvedAt).map((a) => a.at)
        const reopenedAt =
          after.sort()[0] ??
          (t.lastActivityAt !== null && t.lastActivityAt > t.resolvedAt ? t.lastActivityAt : t.resolvedAt)
        const resolverId: number | null = t.slaResolverId ?? t.completedBy ?? t.resourceId ?? null
        const survey = surveys
          .filter((s) => s.ticketId === t.ticketId && s.rating !== null)
          .sort(byKeys((s) => s.completedAt))
        const { slaResolverId: _sla, completedBy: _by, lastActivityAt: _last, ...ticket } = t
        return {
          ...ticket,
          resolverId,
          resolverName: resolverId === null ? null : (names.get(resolverId) ?? null),
          reopenedAt,
          daysSinceReopen: Math.floor((now.getTime() - Date.parse(reopenedAt)) / DAY),
          rating: survey.at(-1)?.rating ?? null,
          // A review's face (web/src/widgets/row-why.ts draws it instead of stars).
          ...(fromSmileBack ? { smileBackRating: survey.at(-1)?.face ?? null } : {}),
        }
      })
      .filter((row) => row.reopenedAt > from && (me === null || row.resourceId === me || row.resolverId === me))
      .sort(
        byKeys(
          (r) => -Date.parse(r.reopenedAt),
          (r) => r.ticketId,
        ),
      )
    return { rows, facts: { reopened: rows.length, source: ratingSource(smileBack) } }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const n = Number(facts?.reopened ?? 0)
      if (n === 0)
        return lang === 'en'
          ? `No tickets were reopened in the last ${params.days} days.`
          : `De afgelopen ${params.days} dagen is geen ticket heropend.`
      return lang === 'en'
        ? `${countOf(n, 'ticket', 'tickets')} came back in the last ${params.days} days and ${pluralWord(n, 'is', 'are')} open again.`
        : `${countOf(n, 'ticket', 'tickets')} ${pluralWord(n, 'kwam', 'kwamen')} de afgelopen ${params.days} dagen terug en ${pluralWord(n, 'staat', 'staan')} weer open.`
    }),
})
