import { includeAlertsParam, isOpen, withAlerts } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { bothLanguages } from '../../format.js'

export const backlogAgeBuckets = defineKpi({
  id: 'backlog_age_buckets',
  title: { en: 'Backlog age mix', nl: 'Leeftijd van de achterstand' },
  description: {
    en: 'Open tickets (monitoring alerts included) by age: under 10 days, 10 to 30 days, over 30 days. Nothing should be older than 30 days: close those tickets, turn them into a project, or escalate them.',
    nl: 'Open tickets (monitoringalerts meegeteld) naar leeftijd: jonger dan 10 dagen, 10 tot 30 dagen, ouder dan 30 dagen. Niets hoort ouder te zijn dan 30 dagen: sluit die tickets af, maak er een project van of escaleer ze.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['service-manager', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    youngDays: {
      type: 'integer',
      default: 10,
      min: 1,
      max: 365,
      description: {
        en: 'Tickets younger than this many days are young.',
        nl: 'Tickets jonger dan dit aantal dagen zijn jong.',
      },
    },
    oldDays: {
      type: 'integer',
      default: 30,
      min: 1,
      max: 730,
      description: {
        en: 'Tickets older than this many days are too old.',
        nl: 'Tickets ouder dan dit aantal dagen zijn te oud.',
      },
    },
    includeAlerts: includeAlertsParam(true),
  },
  // The value is the number over 30 days, which should be about 0 [CIBER][HDI-BL].
  band: { target: 0, warn: 3 },
  freshnessMinutes: 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Tickets open now (not complete), monitoring alerts included unless includeAlerts is off, by age since creation: under 10 days, 10 to 30 days, over 30 days, counted back from this time (both limits are parameters). The value is the over-30 count, the same tickets as aged_over_30d for the whole desk.',
      nl: 'Tickets die nu open staan (niet afgerond), monitoringalerts meegeteld tenzij includeAlerts uit staat, naar leeftijd sinds aanmaak: jonger dan 10 dagen, 10 tot 30 dagen, ouder dan 30 dagen, teruggerekend vanaf dit tijdstip (beide grenzen zijn parameters). De waarde is het aantal ouder dan 30 dagen, voor de hele servicedesk dezelfde tickets als bij aged_over_30d.',
    },
    sources: ['ticket.state', 'ticket.created_at', 'ticket.kind'],
    industry: {
      en: "A6 with HDI's buckets < 10, 10-30 and > 30 days [HDI-BL]; nothing should be older than 30 days [CIBER], hence green at 0.",
      nl: 'A6 met de HDI-indeling < 10, 10-30 en > 30 dagen [HDI-BL]; niets hoort ouder te zijn dan 30 dagen [CIBER], dus groen bij 0.',
    },
  },
  queries: ({ db, params }) => ({
    open: withAlerts(
      db.selectFrom('ticket').select('ticket.created_at as createdAt').where(isOpen),
      params.includeAlerts,
    ),
  }),
  compute: ({ open }, ctx) => {
    const { youngDays, oldDays } = ctx.params
    // Ages by the library's "N days" rule: created before the same local time N days ago.
    const young = lastDays(ctx.now, ctx.tz, youngDays).after
    const old = lastDays(ctx.now, ctx.tz, oldDays).after
    const counts = [0, 0, 0]
    for (const { createdAt } of open) {
      // Exactly youngDays old is no longer young; exactly oldDays old is not yet too old.
      const bucket = createdAt > young ? 0 : createdAt >= old ? 1 : 2
      counts[bucket]!++
    }
    return {
      value: counts[2]!,
      items: [
        { key: 'young', label: `< ${youngDays} d`, value: counts[0]! },
        { key: 'middle', label: `${youngDays}-${oldDays} d`, value: counts[1]! },
        { key: 'old', label: `> ${oldDays} d`, value: counts[2]! },
      ],
      facts: { open: open.length, young: counts[0]!, middle: counts[1]!, old: counts[2]! },
    }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const { open, old, young } = facts
      return lang === 'en'
        ? `${old} of ${open} open tickets are older than ${params.oldDays} days; ${young} are younger than ${params.youngDays} days.`
        : `${old} van de ${open} open tickets zijn ouder dan ${params.oldDays} dagen; ${young} zijn jonger dan ${params.youngDays} dagen.`
    }),
})
