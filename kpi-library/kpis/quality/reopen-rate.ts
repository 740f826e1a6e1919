import { percent } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { both, count, daysBefore, daysParam, excludeTypesParam, fmt, isReopened, notOfTypes, resolvedStatusesParam } from './shared.js'

// Proxy (catalog C3 needs reopened_count, a schema gap): of the tickets whose resolution time falls in the
// window, the share that is open again now (see isReopened in shared.ts). A reopen that has been
// resolved again cannot be seen, so this is a lower bound of the true rate.

export const reopenRate = defineKpi({
  id: 'reopen_rate',
  title: { en: 'Reopen rate', nl: 'Heropend' },
  description: {
    en: 'Share of tickets resolved in the last 30 days that are open again because the problem came back. Each reopen is a customer who was told "fixed" too early: review the root cause with the engineer and check the fix with the user before closing.',
    nl: 'Aandeel van de tickets die de afgelopen 30 dagen zijn opgelost en nu weer open staan omdat het probleem terugkwam. Elke heropening is een klant die te vroeg "opgelost" hoorde: bespreek de oorzaak met de engineer en laat de gebruiker de oplossing bevestigen voordat het ticket dichtgaat.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30), excludeTicketTypes: excludeTypesParam(), resolvedStatuses: resolvedStatusesParam() },
  // 3.1% is the average in a survey of 260 companies; under 5% is healthy (catalog C3).
  band: { target: 3, warn: 5 },
  freshnessMinutes: 60,
  personal: false,
  queries: ({ db, now, tz, params }) => ({
    resolved: db
      .selectFrom('ticket')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when(isReopened(params.resolvedStatuses)(eb)).then(1).else(0).end()).as('reopened')])
      .where('ticket.resolved_at', '>', daysBefore(now, tz, params.days))
      .where('ticket.resolved_at', '<=', now.toISOString())
      .where(notOfTypes(params.excludeTicketTypes)),
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
