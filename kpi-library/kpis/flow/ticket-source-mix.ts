import { createdIn, percent, labelOf } from '../../sql.js'
import { lastDays } from '../../time.js'
import { bothLanguages, compareWords, inLanguage, percentText } from '../../format.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { labelOr } from '../../lists.js'

export const ticketSourceMix = defineKpi({
  id: 'ticket_source_mix',
  title: { en: 'Tickets by source', nl: 'Tickets per bron' },
  description: {
    en: 'Where the tickets created in the last 30 days came from (phone, e-mail, portal, monitoring...), as a share of all of them, monitoring alerts included. Steer customers towards the portal and let monitoring catch problems before users call.',
    nl: 'Waar de tickets die de afgelopen 30 dagen zijn aangemaakt vandaan kwamen (telefoon, e-mail, portal, monitoring...), als aandeel van al die tickets, monitoringalerts meegeteld. Stuur klanten richting het portal en laat monitoring problemen vangen voordat gebruikers bellen.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['service-manager', 'integrator'],
  unit: 'percent',
  direction: 'neutral',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 366) },
  band: null,
  freshnessMinutes: 60,
  personal: false,
  reachDays: 30,
  about: {
    population: {
      en: 'Tickets created in the last 30 days counted from this time, monitoring alerts always included (no parameter), per ticket source as the PSA names it (no source is its own group), as shares of the total.',
      nl: 'Tickets aangemaakt in de afgelopen 30 dagen gerekend vanaf dit tijdstip, monitoringalerts altijd meegeteld (geen parameter), per ticketbron zoals de PSA die noemt (zonder bron is een eigen groep), als aandeel van het totaal.',
    },
    sources: ['ticket.created_at', 'ticket.source'],
    industry: {
      en: 'A14, a tickets-by-source widget as in [CAMPAI]; context without a target.',
      nl: 'A14, een widget met tickets per bron zoals in [CAMPAI]; context zonder norm.',
    },
  },
  queries: (ctx) => ({
    sources: ctx.db
      .selectFrom('ticket')
      .select([
        'ticket.source',
        labelOf('ticketSource', 'ticket.source').as('label'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where(createdIn(lastDays(ctx.now, ctx.tz, ctx.params.days)))
      .groupBy('ticket.source'),
  }),
  compute: ({ sources }) => {
    const total = sources.reduce((n, row) => n + Number(row.n), 0)
    const items = sources
      .map((row) => ({
        key: row.source === null ? 'none' : String(row.source),
        label: labelOr(row.label, row.source, { en: 'Unknown', nl: 'Onbekend' }),
        value: percent(Number(row.n), total),
        n: Number(row.n),
      }))
      .sort((a, b) => b.n - a.n || compareWords(a.label, b.label))
      .map(({ key, label, value }) => ({ key, label, value }))
    return { value: null, items, facts: { total, top: items[0]?.label ?? null, topShare: items[0]?.value ?? null } }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const total = facts.total
      if (total === 0)
        return lang === 'en'
          ? `No tickets were created in the last ${params.days} days.`
          : `In de afgelopen ${params.days} dagen is geen ticket aangemaakt.`
      const share = percentText(facts.topShare, lang, 'unknown')
      return lang === 'en'
        ? `Of ${total} tickets in the last ${params.days} days, ${share}% came in by ${inLanguage(facts.top, lang)}, the largest source.`
        : `Van de ${total} tickets in de afgelopen ${params.days} dagen kwam ${share}% binnen via ${inLanguage(facts.top, lang)}, de grootste bron.`
    }),
})
