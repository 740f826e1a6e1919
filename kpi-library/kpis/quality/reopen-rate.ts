import { includeAlertsParam, percent, withAlerts } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { isReopened } from './shared.js'
import { bothLanguages, countOf, percentText, pluralWord } from '../../format.js'
import { daysParam } from '../../params.js'

// Proxy (catalog C3 needs reopened_count, a schema gap): of the tickets whose resolution time falls in the
// window, the share that is open again now (see isReopened in shared.ts). A reopen that has been
// resolved again cannot be seen, so this is a lower bound of the true rate.

export const reopenRate = defineKpi({
  id: 'reopen_rate',
  title: { en: 'Reopen rate, last 30 days', nl: 'Aandeel heropend, afgelopen 30 dagen' },
  description: {
    en: 'Share of the tickets resolved in the last 30 days (monitoring alerts left out) that are open again because the problem came back: back in a working state, neither complete nor resolved (tickets resolved but not yet closed count as resolved here, though Open tickets counts them as open). Each reopen is a customer who was told "fixed" too early: review the root cause with the engineer and check the fix with the user before closing.',
    nl: 'Aandeel van de tickets die de afgelopen 30 dagen zijn opgelost (zonder monitoringalerts) en nu weer open staan omdat het probleem terugkwam: terug in een werkstatus, niet afgerond en niet opgelost (opgeloste maar nog niet gesloten tickets tellen hier als opgelost, terwijl Open tickets ze als open telt). Elke heropening is een klant die te vroeg "opgelost" hoorde: bespreek de oorzaak met de engineer en laat de gebruiker de oplossing bevestigen voordat het ticket dichtgaat.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: {
    days: daysParam(30, 400),
    includeAlerts: includeAlertsParam(false),
  },
  // 3.1% is the average in a survey of 260 companies; under 5% is healthy (catalog C3).
  band: { target: 3, warn: 5 },
  freshnessMinutes: 60,
  personal: false,
  reachDays: 30,
  about: {
    population: {
      en: "Tickets whose resolution time falls in the last 30 days counted from this time, whatever their state now, monitoring alerts left out unless includeAlerts; reopened when they are now neither complete nor resolved (the statuses the MSP's settings mark as resolved). Always the whole desk.",
      nl: 'Tickets waarvan de oplostijd in de afgelopen 30 dagen valt, gerekend vanaf dit tijdstip, ongeacht hun huidige status, monitoringalerts niet tenzij includeAlerts; heropend als ze nu niet afgerond en ook niet opgelost zijn (de statussen die de instellingen van de MSP als opgelost aanmerken). Altijd de hele servicedesk.',
    },
    sources: ['ticket.resolved_at', 'ticket.state', 'ticket.kind'],
    industry: {
      en: 'C3 by proxy: the catalog counts completed tickets with a reopen count, which the PSA does not provide; here, a resolved ticket that is open again now. A reopen that was resolved again is missed, so this is a lower bound. 3.1% on average [REOPEN], under 5% healthy [AICX]: green to 3%, amber to 5%.',
      nl: 'C3 via een benadering: de catalogus telt afgeronde tickets met een aantal heropeningen, dat de PSA niet levert; hier telt een opgelost ticket dat nu weer open staat. Een heropening die alweer is opgelost, wordt gemist, dus dit is een ondergrens. Gemiddeld 3,1% [REOPEN], onder 5% is gezond [AICX]: groen tot 3%, oranje tot 5%.',
    },
  },
  drill: {
    query: 'resolved',
    date: 'resolvedAt',
    recompute: true,
    verdict: (row) =>
      Number(row.reopened) === 1
        ? { text: { en: 'open again', nl: 'weer open' }, bad: true }
        : { text: { en: 'still resolved', nl: 'opgelost gebleven' }, bad: false },
  },
  // One row per ticket (not a count in SQL), so a drill-down shows which tickets came back.
  queries: ({ db, now, tz, params, window }) => {
    const resolvedIn = window ?? lastDays(now, tz, params.days)
    return {
      resolved: withAlerts(
        db
          .selectFrom('ticket')
          .select((eb) => [
            'ticket.id as ticketId',
            'ticket.resolved_at as resolvedAt',
            eb.case().when(isReopened(eb)).then(1).else(0).end().as('reopened'),
          ])
          .where('ticket.resolved_at', '>', resolvedIn.after)
          .where('ticket.resolved_at', '<=', resolvedIn.until),
        params.includeAlerts,
      ),
    }
  },
  compute: ({ resolved }) => {
    const total = resolved.length
    const reopened = resolved.filter((ticket) => Number(ticket.reopened) === 1).length
    return { value: percent(reopened, total), facts: { total, reopened } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const total = Number(facts?.total ?? 0)
      const reopened = Number(facts?.reopened ?? 0)
      if (total === 0)
        return lang === 'en'
          ? `No tickets were resolved in the last ${params.days} days.`
          : `De afgelopen ${params.days} dagen is geen ticket opgelost.`
      return lang === 'en'
        ? `${reopened} of ${countOf(total, 'ticket', 'tickets')} resolved in the last ${params.days} days ${pluralWord(reopened, 'is', 'are')} open again (${percentText(value, lang)}%).`
        : `${reopened} van de ${total} tickets die de afgelopen ${params.days} dagen zijn opgelost, ${pluralWord(reopened, 'staat', 'staan')} weer open (${percentText(value, lang)}%).`
    }),
})
