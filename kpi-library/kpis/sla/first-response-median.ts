import type { NotNull } from 'kysely'
import { createdIn, median } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, numberText, pluralWord } from '../../format.js'
import { businessHoursFor } from './shared.js'

export const firstResponseMedian = defineKpi({
  id: 'first_response_median',
  title: {
    en: 'Median business hours to first response, last 7 days',
    nl: 'Mediane werkuren tot eerste reactie, afgelopen 7 dagen',
  },
  description: {
    en: 'The median business hours from ticket creation to the first human response, for tickets created in the last 7 days that had one (of any kind; monitoring alerts rarely get one). Within 1 business hour is good, about 4 is typical for MSP e-mail; shorten it by having someone own the new-ticket queue.',
    nl: 'De mediaan van de werkuren tussen het aanmaken van een ticket en de eerste menselijke reactie, voor tickets van de afgelopen 7 dagen die er een kregen (van elke soort; monitoringalerts krijgen er zelden een). Binnen 1 werkuur is goed, ongeveer 4 is gebruikelijk voor e-mail bij een MSP; verkort het door iemand eigenaar te maken van de wachtrij met nieuwe tickets.',
  },
  group: 'sla',
  kind: 'number',
  roles: ['service-manager', 'engineer', 'integrator', 'account-manager'],
  unit: 'hours',
  direction: 'lower',
  window: { en: 'created in the last 7 days', nl: 'aangemaakt in de afgelopen 7 dagen' },
  params: { days: daysParam(7, 90) },
  // <= 1 business hour is good, about 4 h is typical for MSP e-mail [ECS].
  band: { target: 1, warn: 4 },
  freshnessMinutes: 15,
  personal: false,
  reachDays: 7,
  about: {
    population: {
      en: 'Tickets created in the last 7 days that have a first response recorded, of any kind (alerts rarely have one). Tickets still waiting for a response are left out, so an unanswered pile does not raise the median: no_first_response lists those.',
      nl: 'Tickets die de afgelopen 7 dagen zijn aangemaakt en een eerste reactie hebben, van elke soort (alerts hebben er zelden een). Tickets die nog op een reactie wachten tellen niet mee, dus een stapel onbeantwoorde tickets verhoogt de mediaan niet: die staan op de lijst no_first_response.',
    },
    sources: ['ticket.created_at', 'ticket.first_response_at'],
    industry: {
      en: "B1: median business hours from creation to the first human response [EVOLVED]; within 1 business hour is good, about 4 typical for MSP e-mail [ECS]; the help-desk median is 7 h 4 min [JITBIT]. The PSA's first-response time stands in for the human response; business hours follow roleboard's calendar, not the SLA's.",
      nl: 'B1: mediaan van de werkuren tussen aanmaken en de eerste menselijke reactie [EVOLVED]; binnen 1 werkuur is goed, ongeveer 4 is gebruikelijk voor e-mail bij een MSP [ECS]; de mediaan over helpdesks is 7 u 4 min [JITBIT]. Het eerste-reactietijdstip uit de PSA geldt als de menselijke reactie; werkuren volgen de kalender van roleboard, niet die van de SLA.',
    },
  },
  queries: (ctx) => ({
    tickets: ctx.db
      .selectFrom('ticket')
      .select(['created_at as createdAt', 'first_response_at as at'])
      .where(createdIn(lastDays(ctx.now, ctx.tz, ctx.params.days)))
      .where('first_response_at', 'is not', null)
      .$narrowType<{ at: NotNull }>(),
  }),
  compute: ({ tickets }, ctx) => ({
    value: median(tickets.map((t) => businessHoursFor(t.createdAt, t.at, ctx))),
    facts: { n: tickets.length },
  }),
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const n = facts.n
      if (n === 0)
        return lang === 'en'
          ? `No ticket from the last ${params.days} days has had a first response yet.`
          : `Nog geen ticket van de afgelopen ${params.days} dagen heeft een eerste reactie gehad.`
      return lang === 'en'
        ? `Half of the ${n} tickets answered from the last ${params.days} days got a first response within ${numberText(value, lang, 1, 'unknown')} business ${numberText(value, lang, 1, 'unknown') === '1' ? 'hour' : 'hours'}.`
        : `De helft van de ${n} beantwoorde tickets van de afgelopen ${params.days} dagen kreeg binnen ${numberText(value, lang, 1, 'unknown')} ${pluralWord(value, 'werkuur', 'werkuren')} een eerste reactie.`
    }),
})
