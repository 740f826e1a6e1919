import { includeAlertsParam, percent, withAlerts } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { both, count, daysParam, fmt, isReopened, resolvedStatusesParam } from './shared.js'

// Proxy (catalog C3 needs reopened_count, a schema gap): of the tickets whose resolution time falls in the
// window, the share that is open again now (see isReopened in shared.ts). A reopen that has been
// resolved again cannot be seen, so this is a lower bound of the true rate.

export const reopenRate = defineKpi({
  id: 'reopen_rate',
  title: { en: 'Reopen rate', nl: 'Heropend' },
  description: {
    en: 'Share of the tickets resolved in the last 30 days (monitoring alerts left out) that are open again because the problem came back: back in a working status, not Complete and not a resolved status (Work Complete, RMM Resolved, which count as resolved here though Open tickets counts them as open). Each reopen is a customer who was told "fixed" too early: review the root cause with the engineer and check the fix with the user before closing.',
    nl: 'Aandeel van de tickets die de afgelopen 30 dagen zijn opgelost (zonder monitoringalerts) en nu weer open staan omdat het probleem terugkwam: terug in een werkstatus, niet Afgerond en geen opgeloste status (Work Complete, RMM Resolved, die hier als opgelost tellen terwijl Open tickets ze als open telt). Elke heropening is een klant die te vroeg "opgelost" hoorde: bespreek de oorzaak met de engineer en laat de gebruiker de oplossing bevestigen voordat het ticket dichtgaat.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30), includeAlerts: includeAlertsParam(false), resolvedStatuses: resolvedStatusesParam() },
  // 3.1% is the average in a survey of 260 companies; under 5% is healthy (catalog C3).
  band: { target: 3, warn: 5 },
  freshnessMinutes: 60,
  personal: false,
  queries: ({ db, now, tz, params }) => ({
    resolved: withAlerts(
      db
        .selectFrom('ticket')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when(isReopened(params.resolvedStatuses)(eb)).then(1).else(0).end()).as('reopened')])
        .where('ticket.resolved_at', '>', lastDays(now, tz, params.days).after)
        .where('ticket.resolved_at', '<=', now.toISOString()),
      params.includeAlerts,
    ),
  }),
  compute: ({ resolved }) => {
    const total = Number(resolved[0]?.n ?? 0)
    const reopened = Number(resolved[0]?.reopened ?? 0)
    return { value: percent(reopened, total), facts: { total, reopened } }
  },
  context: ({ value, facts }, { params }) =>
    both((lang) => {
      const total = Number(facts?.total ?? 0)
      const reopened = Number(facts?.reopened ?? 0)
      if (total === 0) return lang === 'en' ? `No tickets were resolved in the last ${params.days} days.` : `De afgelopen ${params.days} dagen is geen ticket opgelost.`
      return lang === 'en'
        ? `${reopened} of ${count(total, ['ticket', 'tickets'])} resolved in the last ${params.days} days ${reopened === 1 ? 'is' : 'are'} open again (${fmt(value, lang)}%).`
        : `${reopened} van de ${total} tickets die de afgelopen ${params.days} dagen zijn opgelost, ${reopened === 1 ? 'staat' : 'staan'} weer open (${fmt(value, lang)}%).`
    }),
})
