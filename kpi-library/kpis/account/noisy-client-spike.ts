import { countOf, exact, formatNumber } from '../../format.js'
import { sql } from 'kysely'
import { contactName, labelOf } from '../../sql.js'
import { historyStart } from '../../history.js'
import { DAY, sameTimeDaysBefore } from '../../time.js'
import { defineKpi } from '../../types.js'
import { clientRows, ownedBy } from '../../clients.js'
import { FIELD } from '../../lists.js'

// "Normal" = the client's tickets in the 26 weeks before the window, scaled to 14 days. When less
// history than that is synced, the baseline uses what there is (from the oldest ticket on record);
// with under 14 days of baseline the client is not judged at all.

/** "The last `days` days" and the `baselineDays` before them, each (the same local time N days earlier, ...]. */
function windows(now: Date, tz: string, params: { days: number; baselineDays: number }) {
  const windowStart = sameTimeDaysBefore(now, tz, params.days)
  return {
    windowStart: windowStart.toISOString(),
    baselineStart: sameTimeDaysBefore(windowStart, tz, params.baselineDays).toISOString(),
  }
}

export const noisyClientSpike = defineKpi({
  id: 'noisy_client_spike',
  title: { en: 'Clients with a ticket spike, last 14 days', nl: 'Klanten met een ticketpiek, afgelopen 14 dagen' },
  description: {
    en: 'Clients who raised at least 5 tickets in the last 14 days, more than 1.5 times their normal pace. Call the client: find the cause behind the top category and propose a proactive fix or a project.',
    nl: 'Klanten die de afgelopen 14 dagen minstens 5 tickets aanmaakten, meer dan 1,5 keer hun normale tempo. Bel de klant: zoek de oorzaak achter de grootste categorie en stel een structurele oplossing of project voor.',
  },
  group: 'account',
  kind: 'list',
  roles: ['account-manager', 'service-manager', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 14 days vs the 26 weeks before', nl: 'afgelopen 14 dagen tegenover de 26 weken ervoor' },
  params: {
    days: {
      type: 'integer',
      default: 14,
      min: 1,
      max: 90,
      description: { en: 'Length of the recent window in days.', nl: 'Lengte van de recente periode in dagen.' },
    },
    baselineDays: {
      type: 'integer',
      default: 182,
      min: 14,
      max: 730,
      description: {
        en: 'Days before the window that set the normal pace.',
        nl: 'Dagen vóór de periode die het normale tempo bepalen.',
      },
    },
    factor: {
      type: 'number',
      default: 1.5,
      min: 1,
      max: 10,
      description: {
        en: 'How many times the normal pace counts as a spike.',
        nl: 'Hoeveel keer het normale tempo als piek telt.',
      },
    },
    minTickets: {
      type: 'integer',
      default: 5,
      min: 1,
      max: 1000,
      description: {
        en: 'Fewest tickets in the window to be listed.',
        nl: 'Minimaal aantal tickets in de periode om op de lijst te komen.',
      },
    },
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Call the client', nl: 'Klant bellen' },
    leavesWhen: {
      en: 'the ticket pace falls back under the threshold',
      nl: 'het tickettempo weer onder de drempel zakt',
    },
    owner: { en: 'the account manager with the team lead', nl: 'de accountmanager met de teamleider' },
    fields: [
      FIELD.companyName,
      { key: 'tickets', label: { en: 'Tickets (14 d)', nl: 'Tickets (14 d)' }, type: 'number' },
      { key: 'normal', label: { en: 'Normal', nl: 'Normaal' }, type: 'number' },
      { key: 'ratio', label: { en: 'Times normal', nl: 'Keer normaal' }, type: 'number' },
      { key: 'topCategory', label: { en: 'Top category', nl: 'Grootste categorie' }, type: 'text' },
      { key: 'contactName', label: { en: 'Top contact', nl: 'Meeste tickets van' }, type: 'text' },
      FIELD.accountManager,
    ],
    sort: { en: 'largest spike first', nl: 'grootste piek eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Clients (not the MSP) with at least 5 tickets in the last 14 days; alerts included.',
      nl: 'Klanten (niet de MSP) met minstens 5 tickets in de afgelopen 14 dagen; alerts tellen mee.',
    },
    sources: [
      'ticket.created_at',
      'ticket.company_id',
      'ticket.issue_type',
      'ticket.contact_id',
      'company.owner_resource_id',
    ],
    industry: {
      en: 'H2: more than 1.5x the 6-month pace per 14 days and at least 5 tickets (a guess).',
      nl: 'H2: meer dan 1,5x het tempo van 6 maanden per 14 dagen en minstens 5 tickets (een schatting).',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const { windowStart, baselineStart } = windows(now, tz, params)
    const recent = db
      .selectFrom('ticket')
      .where('ticket.created_at', '>', windowStart)
      .where('ticket.created_at', '<=', now.toISOString())
    return {
      clients: clientRows(db),
      recent: recent
        .select(['ticket.company_id as companyId', sql<number>`count(*)`.as('n')])
        .groupBy('ticket.company_id'),
      baseline: db
        .selectFrom('ticket')
        .select(['company_id as companyId', sql<number>`count(*)`.as('n')])
        .where('created_at', '>', baselineStart)
        .where('created_at', '<=', windowStart)
        .groupBy('company_id'),
      first: historyStart(db, 'tickets'),
      categories: recent
        .select([
          'ticket.company_id as companyId',
          labelOf('ticketCategory', 'ticket.issue_type').as('label'),
          sql<number>`count(*)`.as('n'),
        ])
        .groupBy(['ticket.company_id', 'ticket.issue_type']),
      contacts: recent
        .leftJoin('contact', 'contact.id', 'ticket.contact_id')
        .select([
          'ticket.company_id as companyId',
          'ticket.contact_id as contactId',
          contactName().as('label'),
          sql<number>`count(*)`.as('n'),
        ])
        .where('ticket.contact_id', 'is not', null)
        .groupBy(['ticket.company_id', 'ticket.contact_id', 'contact.first_name', 'contact.last_name']),
    }
  },
  compute: ({ clients, recent, baseline, first, categories, contacts }, { now, tz, params, me }) => {
    const { windowStart, baselineStart } = windows(now, tz, params)
    // The baseline in days: all of it, or the history there is when that starts later.
    const dataStart: string = first[0]?.first ?? windowStart
    const span =
      dataStart <= baselineStart
        ? params.baselineDays
        : Math.max(0, Date.parse(windowStart) - Date.parse(dataStart)) / DAY
    const count = (rows: Array<{ companyId: number | null; n: number }>) =>
      new Map(rows.map((r) => [r.companyId, Number(r.n)]))
    const recentBy = count(recent)
    const baseBy = count(baseline)
    const top = (rows: Array<{ companyId: number | null; label: string | null; n: number }>, companyId: number) =>
      rows
        .filter((r) => r.companyId === companyId)
        .sort((a, b) => Number(b.n) - Number(a.n) || String(a.label).localeCompare(String(b.label)))[0]?.label ?? null
    const rows =
      span < params.days
        ? []
        : clients
            .filter(ownedBy(me))
            .map(({ udf: _, ...c }) => {
              const tickets = recentBy.get(c.companyId) ?? 0
              const normal = ((baseBy.get(c.companyId) ?? 0) / span) * params.days
              return {
                ...c,
                tickets,
                normal: exact(normal),
                ratio: normal > 0 ? exact(tickets / normal) : null,
                spike: tickets >= params.minTickets && tickets > params.factor * normal,
              }
            })
            .filter((c) => c.spike)
            .map(({ spike: _, ...c }) => ({
              ...c,
              topCategory: top(categories, c.companyId),
              contactName: top(contacts, c.companyId),
            }))
            .sort(
              (a, b) =>
                (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || b.tickets - a.tickets || a.companyId - b.companyId,
            )
    return {
      rows,
      facts: {
        count: rows.length,
        judged: span >= params.days ? 1 : 0,
        top: rows[0]?.companyName ?? null,
        ratio: rows[0]?.ratio ?? null,
      },
    }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    if (!facts?.judged)
      return {
        en: `Too little ticket history to know each client's normal pace yet.`,
        nl: `Nog te weinig tickethistorie om het normale tempo per klant te kennen.`,
      }
    if (n === 0)
      return {
        en: `No client raised tickets at more than ${params.factor} times its normal pace in the last ${params.days} days.`,
        nl: `Geen klant maakte de afgelopen ${params.days} dagen tickets aan in meer dan ${String(params.factor).replace('.', ',')} keer het normale tempo.`,
      }
    const top =
      facts?.ratio === null
        ? { en: `${facts?.top}, which had no tickets before`, nl: `${facts?.top}, dat eerder geen tickets had` }
        : {
            en: `${facts?.top} at ${formatNumber(Number(facts?.ratio), 'en')}× normal`,
            nl: `${facts?.top} met ${formatNumber(Number(facts?.ratio), 'nl')}× normaal`,
          }
    return {
      en: `${countOf(n, 'client shows', 'clients show')} a ticket spike in the last ${params.days} days; the largest is ${top.en}.`,
      nl: `${countOf(n, 'klant heeft', 'klanten hebben')} de afgelopen ${params.days} dagen een ticketpiek; de grootste is ${top.nl}.`,
    }
  },
})
