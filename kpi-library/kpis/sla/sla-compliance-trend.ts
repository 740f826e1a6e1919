import type { NotNull } from 'kysely'
import { completedIn, forMe, percent } from '../../sql.js'
import { addDays, localDate, localDatesWindow, mondayOf, periodFinder, periodsUpTo } from '../../time.js'
import { historyDays, historyStart } from '../../history.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, percentText, yours } from '../../format.js'

// The verdict is the PSA's own (ticket.sla_met), as in sla_compliance; a ticket counts in the ISO week
// (Monday to Sunday, local time) it was completed in. Only full weeks: the week under way would swing on
// a handful of tickets on a Monday morning.

export const slaComplianceTrend = defineKpi({
  id: 'sla_compliance_trend',
  title: {
    en: 'SLA compliance last full week, trend over 12 weeks',
    nl: 'SLA-naleving vorige volle week, met trend over 12 weken',
  },
  description: {
    en: "The share of tickets completed in each ISO week (Monday to Sunday, local time) that met their SLA, by the PSA's own verdict (tickets without an SLA left out; monitoring alerts counted when they carry one), over the last 12 full weeks; the number is last week (the title says so), the sentence gives the 12 weeks together. The same rule as SLA compliance, completed in last 7 days, per calendar week instead of the rolling 7 days. Act on a line that slides two weeks in a row: look at the misses per priority and per client.",
    nl: 'Het deel van de tickets die in elke ISO-week (maandag tot en met zondag, lokale tijd) zijn afgerond dat binnen de SLA bleef, volgens het oordeel van de PSA (tickets zonder SLA tellen niet mee; monitoringalerts wel als ze een SLA hebben), over de afgelopen 12 volle weken; het getal is vorige week (dat zegt de titel), de zin geeft de 12 weken samen. Dezelfde regel als SLA-naleving, afgerond in afgelopen 7 dagen, maar per kalenderweek in plaats van de voortschrijdende 7 dagen. Zakt de lijn twee weken op rij, bekijk dan de missers per prioriteit en per klant.',
  },
  group: 'sla',
  kind: 'trend',
  roles: ['owner', 'service-manager', 'integrator', 'account-manager'],
  unit: 'percent',
  direction: 'higher',
  window: {
    en: 'last full ISO week; line: last 12 full ISO weeks',
    nl: 'vorige volle ISO-week; lijn: afgelopen 12 volle ISO-weken',
  },
  params: {
    weeks: {
      type: 'integer',
      default: 12,
      min: 2,
      max: 104,
      description: { en: 'How many full ISO weeks the trend shows.', nl: 'Hoeveel volle ISO-weken de trend toont.' },
    },
  },
  // As sla_compliance: best in class > 95% [LOGMEIN], amber down to 92% [JOSYS].
  band: { target: 95, warn: 92 },
  freshnessMinutes: 120,
  personal: true,
  reachDays: 91,
  about: {
    population: {
      en: "Tickets completed (closed in the PSA) in each of the last 12 full ISO weeks (Monday to Sunday, local time) that carry the PSA's SLA verdict; tickets without an SLA are left out, alerts count when they carry one; the week under way is not shown. On a personal dashboard, the tickets assigned to that person.",
      nl: 'Tickets die in elk van de afgelopen 12 volle ISO-weken (maandag tot en met zondag, lokale tijd) zijn afgerond (gesloten in de PSA) en een SLA-oordeel van de PSA hebben; tickets zonder SLA tellen niet mee, alerts wel als ze een SLA hebben; de lopende week staat er niet in. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen.',
    },
    sources: ['ticket.sla_met', 'ticket.state', 'ticket.completed_at', 'ticket.assigned_resource_id'],
    industry: {
      en: 'B3 as a weekly trend, the number being last full week: resolved within SLA / all with an SLA [LOGMEIN]; above 95% best in class [LOGMEIN], amber down to 92% [JOSYS].',
      nl: 'B3 als weektrend, met vorige volle week als getal: binnen de SLA opgelost / alle met een SLA [LOGMEIN]; boven 95% hoort bij de besten [LOGMEIN], oranje tot 92% [JOSYS].',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const thisMonday = mondayOf(localDate(now, tz))
    const window = localDatesWindow(addDays(thisMonday, -7 * params.weeks), thisMonday, tz)
    return {
      tickets: forMe(
        db
          .selectFrom('ticket')
          .select(['ticket.completed_at as completedAt', 'ticket.sla_met as slaMet'])
          .where(completedIn(window))
          .where('ticket.sla_met', 'is not', null)
          .$narrowType<{ completedAt: NotNull; slaMet: NotNull }>(),
        'ticket.assigned_resource_id',
        me,
      ),
      first: historyStart(db, 'tickets'),
    }
  },
  compute: ({ tickets, first }, { now, tz, params }) => {
    const thisMonday = mondayOf(localDate(now, tz))
    const weeks = periodsUpTo(addDays(thisMonday, -7), params.weeks, 'week')
    const weekOf = periodFinder(weeks, 'week', tz)
    const tally = weeks.map(() => ({ met: 0, total: 0 }))
    for (const ticket of tickets) {
      const i = weekOf(ticket.completedAt)
      if (i === null) continue
      tally[i]!.total++
      if (Number(ticket.slaMet) === 1) tally[i]!.met++
    }
    const last = tally.at(-1)!
    const met = tally.reduce((n, week) => n + week.met, 0)
    const total = tally.reduce((n, week) => n + week.total, 0)
    return {
      value: percent(last.met, last.total),
      points: weeks.map((t, i) => ({ t, value: percent(tally[i]!.met, tally[i]!.total) })),
      facts: {
        met: last.met,
        total: last.total,
        allMet: met,
        all: total,
        overall: percent(met, total),
        history: historyDays(first[0]?.first, weeks[0]!, now, tz),
      },
    }
  },
  context: ({ value, facts }, { params, me }) =>
    bothLanguages((lang) => {
      const { met, total, all, overall } = facts
      const mine = yours(me)[lang]
      if (all === 0)
        return lang === 'en'
          ? `No ticket${mine} with an SLA was completed in the last ${params.weeks} full weeks.`
          : `In de afgelopen ${params.weeks} volle weken is geen ticket${mine} met een SLA afgerond.`
      const lastWeek =
        total === 0
          ? lang === 'en'
            ? `Last week no ticket${mine} with an SLA was completed`
            : `Vorige week is geen ticket${mine} met een SLA afgerond`
          : lang === 'en'
            ? `Last week ${met} of ${total} tickets${mine} met their SLA (${percentText(value, lang, 'unknown')}%)`
            : `Vorige week haalden ${met} van de ${total} tickets${mine} hun SLA (${percentText(value, lang, 'unknown')}%)`
      return lang === 'en'
        ? `${lastWeek}; ${percentText(overall, lang, 'unknown')}% over the last ${params.weeks} weeks.`
        : `${lastWeek}; ${percentText(overall, lang, 'unknown')}% over de afgelopen ${params.weeks} weken.`
    }),
})
