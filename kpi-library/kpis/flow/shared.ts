import type { NotNull } from 'kysely'
import { alertsNote, completedIn, createdIn, withAlerts } from '../../sql.js'
import { lastCalendarDays, localDate, periodFinder, periodsUpTo } from '../../time.js'
import type { KpiContext, RowsOf, Text, TrendPoint } from '../../types.js'
import { bothLanguages, countOf, numberText } from '../../format.js'
import { historyDays, historyStart } from '../../history.js'

// Helpers of the flow group: tickets counted per local day.

/** Counts instants per local date; dates outside `dates` are ignored. */
function perLocalDay(instants: readonly string[], dates: readonly string[], tz: string): TrendPoint[] {
  const counts = dates.map(() => 0)
  const dayOf = periodFinder(dates, 'day', tz)
  for (const at of instants) {
    const i = dayOf(at)
    if (i !== null) counts[i]!++
  }
  return dates.map((t, i) => ({ t, value: counts[i]! }))
}

/** "3 tickets were completed since midnight." ("Sinds middernacht zijn 3 tickets afgerond."), `who` after the tickets (" by you"). */
export function sinceMidnight(value: number, done: Text, who: Text = { en: '', nl: '' }): Text {
  return {
    en: `${countOf(value, 'ticket was', 'tickets were')} ${done.en}${who.en} since midnight.`,
    nl: `Sinds middernacht ${value === 1 ? 'is 1 ticket' : `zijn ${value} tickets`}${who.nl} ${done.nl}.`,
  }
}

/**
 * The queries, computation and sentence of a daily trend of tickets created or completed: whole local
 * calendar days, today so far included, so each point is its day and the number is their sum. That
 * differs from the rolling "last N days" of the other tiles by the hours of the oldest day before now's
 * time, which is why its window says "calendar days".
 */
export function ticketsPerDay(event: 'created' | 'completed', verb: Text) {
  type C = KpiContext<{ days: number; includeAlerts: boolean }>
  const column = event === 'created' ? 'ticket.created_at' : 'ticket.completed_at'
  const queries = (ctx: C) => {
    const window = lastCalendarDays(ctx.now, ctx.tz, ctx.params.days)
    const tickets = ctx.db
      .selectFrom('ticket')
      .select(`${column} as at`)
      .where(event === 'created' ? createdIn(window) : completedIn(window))
      // Created or completed in the window: the time is set.
      .$narrowType<{ at: NotNull }>()
    return { tickets: withAlerts(tickets, ctx.params.includeAlerts), first: historyStart(ctx.db, 'tickets') }
  }
  const compute = ({ tickets, first }: RowsOf<ReturnType<typeof queries>>, ctx: C) => {
    const dates = periodsUpTo(localDate(ctx.now, ctx.tz), ctx.params.days, 'day')
    const points = perLocalDay(
      tickets.map((row) => row.at),
      dates,
      ctx.tz,
    )
    const total = tickets.length
    // Per day over the days that hold data: a month-old tenant's 30-day window has fewer.
    const history = historyDays(first[0]?.first, dates[0]!, ctx.now, ctx.tz)
    return {
      value: total,
      points,
      facts: { total, perDay: total / (history ?? ctx.params.days), today: points.at(-1)?.value ?? 0, history },
    }
  }
  return {
    queries,
    compute,
    context: ({ facts }: ReturnType<typeof compute>, { params }: C) =>
      bothLanguages((lang) => {
        const { total, perDay, today } = facts
        const which = alertsNote(params.includeAlerts, lang)
        return lang === 'en'
          ? `${total} tickets were ${verb.en} on the last ${params.days} calendar days${which}, ${numberText(perDay, lang, 1, 'unknown')} a day; ${today} so far today.`
          : `Op de afgelopen ${params.days} kalenderdagen zijn ${total} tickets ${verb.nl}${which}, ${numberText(perDay, lang, 1, 'unknown')} per dag; vandaag tot nu toe ${today}.`
      }),
  }
}
