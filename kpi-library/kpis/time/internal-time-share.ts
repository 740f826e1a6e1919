import { forMe, percent, sqlList } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { LAST_MONTH, lastMonthShare, workedIn } from './shared.js'
import { integersParam } from '../../params.js'
import { previousMonth } from '../../time.js'

// Internal = time on no client: neither a ticket nor a project task ("regular time"), or a
// ticket of the MSP's own company (id 0). Project task time is client work even without a ticket.

export const internalTimeShare = defineKpi({
  id: 'internal_time_share',
  title: { en: 'Internal time share', nl: 'Aandeel interne uren' },
  description: {
    en: 'The share of last month’s logged hours spent on no client: meetings, training, own IT. Some is healthy; a rising share eats billable capacity, so agree a budget for internal work and check what grew.',
    nl: 'Het deel van de geschreven uren van vorige maand dat niet voor een klant was: overleg, training, eigen IT. Een deel is gezond; een stijgend aandeel gaat ten koste van declarabele capaciteit, dus spreek een budget voor intern werk af en kijk wat er groeide.',
  },
  group: 'time',
  kind: 'number',
  roles: ['integrator', 'team-lead', 'owner'],
  unit: 'percent',
  direction: 'lower',
  window: LAST_MONTH,
  params: { ownCompanyIds: integersParam([0], 'Company ids of the MSP itself.', 'Bedrijfs-id’s van de MSP zelf.') },
  band: null,
  freshnessMinutes: 720,
  personal: true,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: "Every entry dated in the previous calendar month; internal = on neither a ticket nor a project task (regular time), or on a ticket of the MSP's own company (ownCompanyIds, default 0). Project task time counts as client work. On a personal dashboard, that person's entries.",
      nl: 'Elke registratie gedateerd in de vorige kalendermaand; intern = op geen ticket en geen projecttaak (algemene tijd), of op een ticket van het eigen bedrijf van de MSP (ownCompanyIds, standaard 0). Tijd op projecttaken telt als klantwerk. Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'time_entry.ticket_id',
      'time_entry.task_id',
      'time_entry.resource_id',
      'ticket.company_id',
    ],
    industry: {
      en: 'E6: entries without a client count as internal [BHOWELL-UTIL], plus tickets of the MSP itself; keep company time in check [AGMSP-BILL]. No target in the catalog.',
      nl: 'E6: registraties zonder klant tellen als intern [BHOWELL-UTIL], plus tickets van de MSP zelf; houd interne tijd in de hand [AGMSP-BILL]. De catalogus noemt geen norm.',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const month = previousMonth(now, tz)
    const own = sqlList(params.ownCompanyIds)
    return {
      totals: forMe(
        db
          .selectFrom('time_entry')
          .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
          .select((eb) => [
            eb.fn.sum<number | null>('time_entry.hours_worked').as('worked'),
            eb.fn
              .sum<number | null>(
                eb
                  .case()
                  .when(
                    eb.or([
                      eb.and([eb('time_entry.ticket_id', 'is', null), eb('time_entry.task_id', 'is', null)]),
                      eb('ticket.company_id', 'in', own),
                    ]),
                  )
                  .then(eb.ref('time_entry.hours_worked'))
                  .else(0)
                  .end(),
              )
              .as('internal'),
          ])
          .where(workedIn(month)),
        'time_entry.resource_id',
        me,
      ),
    }
  },
  compute: ({ totals }) => {
    const worked = totals[0]?.worked ?? 0
    const internal = totals[0]?.internal ?? 0
    return { value: percent(internal, worked), facts: { worked, internal } }
  },
  context: ({ value, facts }) =>
    lastMonthShare(Number(facts?.internal), Number(facts?.worked ?? 0), value, { en: 'internal', nl: 'intern' }),
})
