import { DEADLINES_NOT_MOVED } from './shared.js'
import type { NotNull } from 'kysely'
import { percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, percentText } from '../../format.js'

// The SLA's resolution due time (ticket.resolved_due_at). An unresolved ticket waiting on the customer
// is left out: its clock is stopped and the PSA moves its due time once the customer answers.

interface DueRow {
  dueAt: string
  resolvedAt: string | null
  completedAt: string | null
  state: string
}

/** Breached (true), in time (false), or left out (null: unresolved in a waiting status, its clock stopped). */
function breachOf(t: DueRow): boolean | null {
  const resolvedAt = t.resolvedAt ?? t.completedAt
  if (resolvedAt === null && t.state === 'waiting_customer') return null
  // Due times in the window have passed, so unresolved means breached; resolved exactly at the due time is in time.
  return resolvedAt === null || resolvedAt > t.dueAt
}

/** The earlier of two ISO instants (the second when the first is absent). */
const minIso = (a: string | undefined, b: string) => (a !== undefined && a < b ? a : b)

export const breachRate7d = defineKpi({
  id: 'breach_rate_7d',
  title: { en: 'SLA breach rate, deadlines in last 7 days', nl: 'SLA-overschrijdingen, deadline in afgelopen 7 dagen' },
  description: {
    en: 'Of the tickets whose SLA resolution deadline fell in the last 7 days (any ticket with that deadline, monitoring alerts included), the share resolved late or still unresolved. A ticket still unresolved and waiting on the customer is left out: the PSA stops its SLA clock while it waits and moves the deadline once the customer answers. It counts by deadline, where SLA compliance counts the tickets completed in the window. Keep it at 5% or below; work the breached-tickets list to bring it down.',
    nl: 'Van de tickets waarvan de SLA-oplosdeadline in de afgelopen 7 dagen viel (elk ticket met die deadline, monitoringalerts meegeteld), het deel dat te laat of nog steeds niet is opgelost. Een nog niet opgelost ticket dat op de klant wacht, telt niet mee: de PSA zet de SLA-klok stil zolang het wacht en verschuift de deadline zodra de klant antwoordt. Het telt per deadline, waar SLA-naleving de in de periode afgeronde tickets telt. Houd het op 5% of lager; werk de lijst met overschreden tickets af om het omlaag te krijgen.',
  },
  group: 'sla',
  kind: 'number',
  roles: ['service-manager', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'due in the last 7 days', nl: 'deadline in de afgelopen 7 dagen' },
  differs: DEADLINES_NOT_MOVED,
  params: { days: daysParam(7, 90) },
  // <= 5% mirrors 95% compliance (a guess in the catalog); amber to 8% mirrors the 92% line.
  band: { target: 5, warn: 8 },
  freshnessMinutes: 15,
  personal: false,
  reachDays: 7,
  about: {
    population: {
      en: "Tickets whose SLA resolution due time fell in the last 7 days, up to now, of any kind, alerts included. Breached = resolved (or, without a resolution time, completed) after the due time, or not resolved at all. Unresolved tickets waiting on the customer (the statuses the MSP's settings mark as waiting on the customer) are left out of both counts.",
      nl: 'Tickets waarvan de SLA-oplosdeadline in de afgelopen 7 dagen viel, tot nu, van elke soort, alerts meegeteld. Overschreden = opgelost (of, zonder oplostijdstip, afgerond) na de deadline, of helemaal niet opgelost. Niet-opgeloste tickets die op de klant wachten (de statussen die de instellingen van de MSP als wachten op de klant aanmerken) tellen aan geen van beide kanten mee.',
    },
    sources: ['ticket.resolved_due_at', 'ticket.resolved_at', 'ticket.completed_at', 'ticket.state'],
    industry: {
      en: 'B6, ezyts\' "Breach rate 7d" [EZYTS], on the SLA resolution due time rather than the ticket\'s own due date; at most 5% mirrors 95% compliance (a guess in the catalog).',
      nl: 'B6, de "Breach rate 7d" van ezyts [EZYTS], op de SLA-oplosdeadline in plaats van de eigen deadline van het ticket; hoogstens 5% spiegelt 95% naleving (een schatting in de catalogus).',
    },
  },
  queries: (ctx) => ({
    due: ctx.db
      .selectFrom('ticket')
      .select([
        'id as ticketId',
        'resolved_due_at as dueAt',
        'resolved_at as resolvedAt',
        'completed_at as completedAt',
        'state',
      ])
      .where('ticket.resolved_due_at', '>', (ctx.window ?? lastDays(ctx.now, ctx.tz, ctx.params.days)).after)
      // A past deadline only, in a drill-down's window too: one still to come is neither met nor breached.
      .where('ticket.resolved_due_at', '<=', minIso(ctx.window?.until, ctx.now.toISOString()))
      // Due in the window: the due time is set.
      .$narrowType<{ dueAt: NotNull }>(),
  }),
  drill: {
    query: 'due',
    date: 'dueAt',
    recompute: true,
    verdict: (row) => {
      const verdict = breachOf(row as unknown as DueRow)
      if (verdict === null) return null
      return verdict
        ? { text: { en: 'SLA breached', nl: 'SLA overschreden' }, bad: true }
        : { text: { en: 'resolved in time', nl: 'op tijd opgelost' }, bad: false }
    },
  },
  compute: ({ due }) => {
    let breached = 0
    let total = 0
    for (const t of due) {
      const breach = breachOf(t)
      if (breach === null) continue
      total++
      if (breach) breached++
    }
    return { value: percent(breached, total), facts: { breached, total } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { breached, total } = facts
      if (total === 0)
        return lang === 'en'
          ? `No SLA resolution deadline fell in the last ${params.days} days.`
          : `In de afgelopen ${params.days} dagen viel geen SLA-oplosdeadline.`
      return lang === 'en'
        ? `${breached} of ${total} tickets due in the last ${params.days} days breached their SLA (${percentText(value, lang, 'unknown')}%).`
        : `${breached} van de ${total} tickets met een deadline in de afgelopen ${params.days} dagen overschreden hun SLA (${percentText(value, lang, 'unknown')}%).`
    }),
})
