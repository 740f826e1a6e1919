import type { NotNull } from 'kysely'
import { includeAlertsParam, median, URGENT } from '../../sql.js'
import { addDays, businessHoursBetween, dateStart, localDate, zonedTime } from '../../time.js'
import { bothLanguages, exact, pluralWord } from '../../format.js'
import { defineKpi } from '../../types.js'
import {
  activeDaysParam,
  capacityResources,
  dailyHours,
  nameOf,
  onLeave,
  openPerAssignee,
  sentence,
  weeklyHoursOf,
  weeklyHoursParam,
} from './shared.js'
import { integerParam, numberParam } from '../../params.js'

// The median runs over everyone who could take work: active people who logged time lately plus
// anyone holding open tickets, so idle colleagues pull it down. Free capacity today = the day's
// contracted hours minus hours logged today, capped by the business hours left today; leave and
// appointments are not synced, so it is an upper bound.

// Why a person is on the list, in both languages (a result carries the one of its own).
const REASONS = {
  overloaded: { en: 'overloaded', nl: 'overbelast' },
  squeezed: { en: 'due today without time for it', nl: 'vandaag af zonder tijd ervoor' },
} as const

export const workloadImbalance = defineKpi({
  id: 'workload_imbalance',
  title: { en: 'Overloaded engineers', nl: 'Overbelaste engineers' },
  description: {
    en: 'Engineers holding far more open tickets than the team’s median, or with tickets due today and less than an hour of free time left; monitoring alerts are not counted as anyone’s load. Move tickets to colleagues with room before they breach.',
    nl: 'Engineers met veel meer open tickets dan de mediaan van het team, of met tickets die vandaag af moeten en minder dan een uur vrije tijd; monitoringalerts tellen niet als iemands werk. Verplaats tickets naar collega’s met ruimte voordat ze de SLA overschrijden.',
  },
  group: 'time',
  kind: 'list',
  roles: ['service-manager', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    factor: numberParam(
      1.5,
      1,
      10,
      'Overloaded above this multiple of the median open count.',
      'Overbelast boven dit veelvoud van het mediane aantal open tickets.',
    ),
    minOpen: integerParam(
      5,
      0,
      1000,
      'Never flag fewer open tickets than this.',
      'Minder open tickets dan dit nooit markeren.',
    ),
    minFreeHours: numberParam(
      1,
      0,
      24,
      'With tickets due today, flag when less free time than this is left.',
      'Met tickets die vandaag af moeten: markeren bij minder vrije tijd dan dit.',
    ),
    weeklyHours: weeklyHoursParam(),
    activeDays: activeDaysParam(),
    includeAlerts: includeAlertsParam(false),
  },
  band: { target: 0, warn: 1 },
  freshnessMinutes: 10,
  personal: false,
  action: {
    verb: { en: 'Rebalance assignments', nl: 'Werk herverdelen' },
    leavesWhen: { en: 'the engineer is back within the thresholds', nl: 'de engineer weer binnen de grenzen zit' },
    owner: { en: 'the dispatcher', nl: 'de dispatcher' },
    fields: [
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'openCount', label: { en: 'Open', nl: 'Open' }, type: 'number' },
      { key: 'highCritical', label: { en: 'High/Critical', nl: 'Hoog/Kritiek' }, type: 'number' },
      { key: 'dueToday', label: { en: 'Due today', nl: 'Vandaag af' }, type: 'number' },
      { key: 'freeHours', label: { en: 'Free today', nl: 'Vrij vandaag' }, type: 'hours' },
      { key: 'teamMedian', label: { en: 'Team median', nl: 'Mediaan team' }, type: 'number' },
      { key: 'reason', label: { en: 'Why', nl: 'Waarom' }, type: 'text' },
    ],
    sort: { en: 'most overloaded first', nl: 'meest overbelast eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Capacity people (active, any entry in the last 30 days) plus anyone holding open tickets; load = open tickets assigned to them, alerts left out unless includeAlerts. Listed: at least 5 open (minOpen) and more than 1.5 x the median (factor), or a ticket due today (the ticket's own due date) with less than 1 hour free (minFreeHours): a day's hours minus hours logged today, capped by the business hours left.",
      nl: 'Capaciteitsmedewerkers (actief, een registratie in de afgelopen 30 dagen) plus iedereen met open tickets; belasting = open tickets die aan hen zijn toegewezen, alerts tellen niet mee tenzij includeAlerts. Op de lijst: minstens 5 open (minOpen) en meer dan 1,5 x de mediaan (factor), of een ticket dat vandaag af moet (de eigen deadline van het ticket) met minder dan 1 uur vrij (minFreeHours): de uren van een dag min de vandaag geschreven uren, begrensd door de resterende werkuren.',
    },
    sources: [
      'ticket.state',
      'ticket.assigned_resource_id',
      'ticket.urgency',
      'ticket.due_at',
      'ticket.kind',
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'resource.is_active',
    ],
    industry: {
      en: "E18: open count above 1.5 x the median, or due today with under 1 hour of capacity left; 1.5 is the catalog's guess [MCP-DISP]. Adds a floor of 5 open tickets; leave and appointments are not synced, so free time is an upper bound.",
      nl: 'E18: aantal open boven 1,5 x de mediaan, of vandaag af met minder dan 1 uur capaciteit over; 1,5 is een schatting in de catalogus [MCP-DISP]. Met een ondergrens van 5 open tickets; verlof en afspraken worden niet gesynchroniseerd, dus de vrije tijd is een bovengrens.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    return {
      open: openPerAssignee(db, params.includeAlerts)
        .select((eb) => [
          eb.fn.countAll<number>().as('open'),
          eb.fn.sum<number>(eb.case().when('ticket.urgency', '<=', URGENT).then(1).else(0).end()).as('urgent'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(
                  eb.and([
                    eb('ticket.due_at', '>=', dateStart(today, tz)),
                    eb('ticket.due_at', '<', dateStart(addDays(today, 1), tz)),
                  ]),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('dueToday'),
        ])
        .where('ticket.assigned_resource_id', 'is not', null)
        .$narrowType<{ resourceId: NotNull }>(),
      logged: db
        .selectFrom('time_entry')
        .select((eb) => [
          'time_entry.resource_id as resourceId',
          eb.fn.sum<number>('time_entry.hours_worked').as('hours'),
        ])
        .where('time_entry.date_worked', '=', today)
        .groupBy('time_entry.resource_id'),
      people: capacityResources(db, now, tz, params.activeDays, null),
    }
  },
  compute: ({ open, logged, people }, { now, tz, hours, params, staff }) => {
    const today = localDate(now, tz)
    const [y, m, d] = today.split('-').map(Number) as [number, number, number]
    const close = zonedTime(y, m, d, Math.floor(hours.endMinute / 60), hours.endMinute % 60, tz)
    const leftToday = businessHoursBetween(now, close, tz, hours)
    const loggedBy = new Map(logged.map((row) => [Number(row.resourceId), Number(row.hours ?? 0)]))
    const load = new Map<
      number,
      { resourceId: number; resourceName: string | null; open: number; urgent: number; dueToday: number }
    >()
    for (const person of people)
      load.set(Number(person.resourceId), {
        resourceId: Number(person.resourceId),
        resourceName: person.resourceName,
        open: 0,
        urgent: 0,
        dueToday: 0,
      })
    for (const row of open) {
      const id = Number(row.resourceId)
      load.set(id, {
        resourceId: id,
        resourceName: row.resourceName,
        open: Number(row.open),
        urgent: Number(row.urgent ?? 0),
        dueToday: Number(row.dueToday ?? 0),
      })
    }
    const teamMedian = median([...load.values()].map((p) => p.open)) ?? 0
    const rows = [...load.values()]
      .map((p) => {
        const day = onLeave(p.resourceId, today, staff)
          ? 0
          : dailyHours(weeklyHoursOf(p.resourceId, params.weeklyHours, staff), hours)
        const freeHours = Math.max(0, Math.min(day - (loggedBy.get(p.resourceId) ?? 0), leftToday))
        const overloaded = p.open >= params.minOpen && p.open > params.factor * teamMedian
        const squeezed = p.dueToday > 0 && freeHours < params.minFreeHours
        const reason = bothLanguages((lang) =>
          [overloaded ? REASONS.overloaded[lang] : null, squeezed ? REASONS.squeezed[lang] : null]
            .filter((r) => r !== null)
            .join(', '),
        )
        return {
          resourceId: p.resourceId,
          resourceName: nameOf(p),
          openCount: p.open,
          highCritical: p.urgent,
          dueToday: p.dueToday,
          freeHours: exact(freeHours),
          teamMedian,
          overload: teamMedian > 0 ? p.open / teamMedian : p.open,
          reason,
        }
      })
      .filter((row) => row.reason.en !== '')
      .sort((a, b) => b.overload - a.overload || b.dueToday - a.dueToday || a.resourceId - b.resourceId)
    return {
      rows,
      facts: {
        people: rows.length,
        teamMedian,
        top: rows[0]?.resourceName ?? null,
        topOpen: rows[0]?.openCount ?? null,
      },
    }
  },
  context: ({ facts }) =>
    sentence((lang, n) => {
      const count = Number(facts?.people ?? 0)
      const med = n(Number(facts?.teamMedian ?? 0))
      if (count === 0)
        return lang === 'en'
          ? `Nobody is overloaded; the median engineer holds ${med} open tickets.`
          : `Niemand is overbelast; de mediane engineer heeft ${med} open tickets.`
      return lang === 'en'
        ? `${count} ${pluralWord(count, 'engineer is', 'engineers are')} overloaded (median ${med} open tickets); ${facts?.top} holds ${facts?.topOpen}.`
        : `${count} ${pluralWord(count, 'engineer is', 'engineers zijn')} overbelast (mediaan ${med} open tickets); ${facts?.top} heeft er ${facts?.topOpen}.`
    }),
})
