import { forMe, includeAlertsParam, labelOf, ticketRows, withAlerts } from '../../sql.js'
import { businessDaysBetween, DAY } from '../../time.js'
import { defineKpi } from '../../types.js'
import { TICKET_CONTACT_FIELDS } from './shared.js'
import { bothLanguages, countOf, pluralWord } from '../../format.js'
import { byKeys, FIELD } from '../../lists.js'

// Catalog C8 reads "resolved_at set, completed_at empty". The PSA keeps the resolution time when a ticket
// is reopened, so that would also list tickets being worked on again (reopened_this_week lists those). Here a
// ticket is "resolved" when it sits in a resolved status (state resolved, by the MSP's settings); it has
// been resolved since its resolution time, or, without one, since its last activity (status-change time is
// a schema gap). Who resolved it is not known while it is open (the PSA names the completer only
// on completion), so the row names the assignee, under that label, and the personal view is theirs.

export const resolvedNotClosed = defineKpi({
  id: 'resolved_not_closed',
  title: { en: 'Resolved but not closed', nl: 'Opgelost, niet gesloten' },
  description: {
    en: "Tickets in a resolved status (as the MSP's settings mark them) that are still not closed after 2 business days; Open tickets counts them as open, as they are not complete. Monitoring alerts left out. Check the fix with the customer (QA) and complete the ticket, or reopen it if the problem is still there.",
    nl: 'Tickets in een opgeloste status (zoals de instellingen van de MSP die aanmerken) die na 2 werkdagen nog niet gesloten zijn; Open tickets telt ze als open, want ze zijn niet afgerond. Monitoringalerts niet meegeteld. Controleer de oplossing bij de klant en sluit het ticket af, of heropen het als het probleem er nog is.',
  },
  group: 'quality',
  kind: 'list',
  roles: ['team-lead', 'service-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    businessDays: {
      type: 'integer',
      default: 2,
      min: 0,
      max: 30,
      description: {
        en: 'Business days a resolved ticket may wait for closure.',
        nl: 'Werkdagen die een opgelost ticket mag wachten op afsluiting.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  // 2 business days is the catalog's own threshold [guess]; the list should be empty.
  band: { target: 0, warn: 3 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Check with the customer and close (or reopen)', nl: 'Nagaan bij de klant en sluiten (of heropenen)' },
    leavesWhen: {
      en: 'the ticket is completed, or moved back to a working status',
      nl: 'het ticket is afgerond, of terug in een werkstatus staat',
    },
    owner: { en: 'the team lead, or the assigned engineer', nl: 'de teamleider, of de toegewezen engineer' },
    fields: [
      ...TICKET_CONTACT_FIELDS,
      { key: 'resourceName', label: { en: 'Assigned to', nl: 'Toegewezen aan' }, type: 'text' },
      FIELD.status,
      { key: 'resolvedAt', label: { en: 'Resolved', nl: 'Opgelost' }, type: 'datetime' },
      {
        key: 'businessDaysSinceResolved',
        label: { en: 'Business days since resolved', nl: 'Werkdagen sinds opgelost' },
        type: 'days',
      },
    ],
    sort: { en: 'longest resolved first', nl: 'langst opgelost eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Tickets resolved but not closed (the statuses the MSP's settings mark as resolved) with more than 2 business days since their resolution time (else their last activity, else their creation); monitoring alerts left out unless includeAlerts; for one person, the tickets assigned to them.",
      nl: 'Tickets die opgelost maar niet gesloten zijn (de statussen die de instellingen van de MSP als opgelost aanmerken) met meer dan 2 werkdagen sinds de oplostijd (anders de laatste activiteit, anders de aanmaak); monitoringalerts niet tenzij includeAlerts; voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: [
      'ticket.state',
      'ticket.resolved_at',
      'ticket.last_activity_at',
      'ticket.created_at',
      'ticket.kind',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: 'C8, with "resolved" read from the status rather than "resolution time set, completion time empty", because the PSA keeps the resolution time when a ticket is reopened. A two-step close with a quality check before closure [ANTFARM]; the 2 days are the catalog\'s guess.',
      nl: 'C8, waarbij "opgelost" uit de status wordt gelezen in plaats van "oplostijd gevuld, afrondingstijd leeg", omdat de PSA de oplostijd bewaart als een ticket wordt heropend. Afsluiten in twee stappen met een kwaliteitscontrole vooraf [ANTFARM]; de 2 dagen zijn een inschatting van de catalogus.',
    },
  },
  queries: ({ db, params, me }) => ({
    tickets: forMe(
      withAlerts(
        ticketRows(db)
          .select((eb) => [
            eb.fn.coalesce('ticket.resolved_at', 'ticket.last_activity_at', 'ticket.created_at').as('resolvedAt'),
            labelOf('ticketStatus', 'ticket.status').as('statusLabel'),
          ])
          .where('ticket.state', '=', 'resolved'),
        params.includeAlerts,
      ),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ tickets }, { now, tz, hours, params }) => {
    const rows = tickets
      .map((t) => ({
        ...t,
        businessDaysSinceResolved: businessDaysBetween(new Date(t.resolvedAt), now, tz, hours),
        daysSinceResolved: Math.floor((now.getTime() - Date.parse(t.resolvedAt)) / DAY),
      }))
      .filter((t) => t.businessDaysSinceResolved > params.businessDays)
      .sort(
        byKeys(
          (t) => t.resolvedAt,
          (t) => t.ticketId,
        ),
      )
    return { rows, facts: { waiting: rows.length, oldest: rows[0]?.businessDaysSinceResolved ?? null } }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const { waiting: n, oldest } = facts
      if (n === 0)
        return lang === 'en'
          ? `Every resolved ticket was closed within ${params.businessDays} business days.`
          : `Elk opgelost ticket is binnen ${params.businessDays} werkdagen gesloten.`
      return lang === 'en'
        ? `${countOf(n, 'resolved ticket', 'resolved tickets')} ${pluralWord(n, 'has', 'have')} waited more than ${params.businessDays} business days to be closed; the oldest ${oldest} business days.`
        : `${n} opgeloste ${pluralWord(n, 'ticket wacht', 'tickets wachten')} al meer dan ${params.businessDays} werkdagen op afsluiting; het oudste ${oldest} werkdagen.`
    }),
})
