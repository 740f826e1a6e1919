import { includeAlertsParam, isOpen, percent, withAlerts } from '../../sql.js'
import { addDays, type BusinessHours, dateStart, localDate, previousBusinessDay } from '../../time.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, numberText, percentText } from '../../format.js'

// The catalog takes the backlog at the end of the day; without nightly snapshots this reads the
// backlog now. Daily volume = tickets created on the last N business days (today left out) divided by
// N, as the description says: a ticket created on a weekend or a holiday is not part of the daily
// volume (it still counts in the backlog while it is open).

export const backlogPctDailyVolume = defineKpi({
  id: 'backlog_pct_daily_volume',
  title: { en: 'Backlog as % of daily volume', nl: 'Achterstand als % van het dagvolume' },
  description: {
    en: 'Open tickets now (monitoring alerts included, on both sides) as a percentage of the average number created per business day over the last 20 business days (tickets created on those days, divided by 20; weekend and holiday tickets left out, today too). 100% means a full day of intake is still open; work it down by closing the oldest and simplest tickets first.',
    nl: 'Open tickets nu (monitoringalerts aan beide kanten meegeteld), als percentage van het gemiddelde aantal nieuwe tickets per werkdag over de afgelopen 20 werkdagen (tickets aangemaakt op die dagen, gedeeld door 20; tickets uit weekenden en feestdagen tellen niet, vandaag ook niet). 100% betekent dat een volle dag aan binnenkomend werk nog openstaat; werk het weg door eerst de oudste en eenvoudigste tickets af te sluiten.',
  },
  group: 'flow',
  kind: 'number',
  roles: ['service-manager', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'now, against the last 20 business days', nl: 'nu, tegen de afgelopen 20 werkdagen' },
  params: {
    businessDays: {
      type: 'integer',
      default: 20,
      min: 1,
      max: 120,
      description: {
        en: 'Business days that set the daily volume.',
        nl: 'Werkdagen waarover het dagvolume wordt bepaald.',
      },
    },
    includeAlerts: includeAlertsParam(true),
  },
  // HDI's L1 example is 5% [HDI-BL]; an MSP desk with multi-day work sits above it, so amber runs to one day's intake.
  band: { target: 5, warn: 100 },
  freshnessMinutes: 30,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Top: tickets open now (not complete). Bottom: tickets created on the 20 business days before today (local dates; today, weekends and holidays left out), divided by 20. Monitoring alerts on both sides unless includeAlerts is off.',
      nl: 'Teller: tickets die nu open staan (niet afgerond). Noemer: tickets aangemaakt op de 20 werkdagen vóór vandaag (lokale datums; vandaag, weekenden en feestdagen tellen niet), gedeeld door 20. Monitoringalerts aan beide kanten meegeteld tenzij includeAlerts uit staat.',
    },
    sources: ['ticket.state', 'ticket.created_at', 'ticket.kind'],
    industry: {
      en: "A5 [HDI-BL], but with the backlog of now instead of the end of the day (no nightly snapshot). HDI's L1 example of 5% is the green line; an MSP desk with multi-day work sits higher, so amber runs to one day's intake (100%).",
      nl: 'A5 [HDI-BL], maar met de achterstand van nu in plaats van aan het eind van de dag (geen nachtelijke momentopname). Het L1-voorbeeld van HDI, 5%, is de groene grens; een MSP-servicedesk met werk dat meerdere dagen loopt, zit hoger, dus oranje loopt tot de instroom van één dag (100%).',
    },
  },
  queries: (ctx) => {
    const spans = businessDaySpans(localDate(ctx.now, ctx.tz), ctx.params.businessDays, ctx.hours)
    return {
      open: withAlerts(
        ctx.db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(isOpen),
        ctx.params.includeAlerts,
      ),
      created: withAlerts(
        ctx.db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          // Created on one of the business days: from its local midnight up to the next one.
          .where((eb) =>
            eb.or(
              spans.map(({ first, last }) =>
                eb.and([
                  eb('ticket.created_at', '>=', dateStart(first, ctx.tz)),
                  eb('ticket.created_at', '<', dateStart(addDays(last, 1), ctx.tz)),
                ]),
              ),
            ),
          ),
        ctx.params.includeAlerts,
      ),
    }
  },
  compute: ({ open, created }, { params }) => {
    const backlog = Number(open[0]?.n ?? 0)
    const daily = Number(created[0]?.n ?? 0) / params.businessDays
    return { value: percent(backlog, daily), facts: { backlog, daily } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const backlog = facts.backlog
      const daily = numberText(facts.daily, lang, 1, 'unknown')
      if (lang === 'en') {
        return value === null || value === undefined
          ? `${backlog} tickets are open; no tickets were created in the last ${params.businessDays} business days to compare with.`
          : `${backlog} open tickets are ${percentText(value, lang, 'unknown')}% of a day's intake (${daily} tickets per business day).`
      }
      return value === null || value === undefined
        ? `Er staan ${backlog} tickets open; in de afgelopen ${params.businessDays} werkdagen is geen ticket aangemaakt om mee te vergelijken.`
        : `${backlog} open tickets zijn ${percentText(value, lang, 'unknown')}% van het werk van een dag (${daily} tickets per werkdag).`
    }),
})

/**
 * The `count` business days before `today`, as runs of consecutive local dates (a working week is one
 * run), so the query tests a handful of ranges rather than one per day.
 */
function businessDaySpans(today: string, count: number, hours: BusinessHours): Array<{ first: string; last: string }> {
  const spans: Array<{ first: string; last: string }> = []
  let day = today
  for (let i = 0; i < count; i++) {
    day = previousBusinessDay(day, hours)
    const run = spans.at(-1)
    if (run && addDays(day, 1) === run.first) run.first = day
    else spans.push({ first: day, last: day })
  }
  return spans
}
