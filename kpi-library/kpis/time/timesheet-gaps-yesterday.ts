import { forMe } from '../../sql.js'
import { addDays, dateStart, localDate, previousBusinessDay } from '../../time.js'
import { formatDay } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { activeDaysParam, capacityResources, nameOf, sentence } from './shared.js'
import { numberParam } from '../../params.js'
import { exact, pluralWord } from '../../format.js'

// "Yesterday" is the previous business day, so on Monday the list shows Friday. Tickets touched
// without time: a note the resource wrote on that local day on a ticket they booked no time on
// that day (ticket history is not synced, so notes are the only trace of a touch).

export const timesheetGapsYesterday = defineKpi({
  id: 'timesheet_gaps_yesterday',
  title: { en: 'Time-sheet gaps, last working day', nl: 'Gaten in de urenstaat, vorige werkdag' },
  description: {
    en: 'People who logged less than a full day on the last working day (yesterday, or Friday on a Monday). Fill in the missing time before 10:00, from your calendar and the tickets you touched.',
    nl: 'Medewerkers die op de vorige werkdag (gisteren, of vrijdag op een maandag) minder dan een volle dag hebben geschreven. Vul de ontbrekende uren vóór 10:00 aan, vanuit je agenda en de tickets waaraan je hebt gewerkt.',
  },
  group: 'time',
  kind: 'list',
  roles: ['engineer', 'team-lead', 'service-manager', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'previous business day', nl: 'vorige werkdag' },
  params: {
    expectedHours: numberParam(
      7.5,
      0,
      24,
      'Hours a full working day should show.',
      'Uren die een volle werkdag moet tonen.',
    ),
    activeDays: activeDaysParam(),
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Log your missing time', nl: 'Ontbrekende uren schrijven' },
    leavesWhen: { en: 'the day shows the expected hours', nl: 'de dag de verwachte uren toont' },
    owner: { en: 'the engineer (the team lead sees everyone)', nl: 'de engineer (de teamleider ziet iedereen)' },
    fields: [
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'date', label: { en: 'Day', nl: 'Dag' }, type: 'date' },
      { key: 'hoursLogged', label: { en: 'Logged', nl: 'Geschreven' }, type: 'hours' },
      { key: 'hoursMissing', label: { en: 'Missing', nl: 'Ontbreekt' }, type: 'hours' },
      {
        key: 'ticketsWithoutTime',
        label: { en: 'Tickets touched without time', nl: 'Tickets zonder uren' },
        type: 'number',
      },
      { key: 'ticketNumbers', label: { en: 'Those tickets', nl: 'Die tickets' }, type: 'text' },
    ],
    sort: { en: 'most hours missing first', nl: 'meeste ontbrekende uren eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Capacity people (active resources with any time entry in the last 30 days, activeDays) whose hours worked dated on the previous business day, billable or not, are below 7.5 (expectedHours). Tickets touched without time: tickets they wrote a note on that local day without booking time on them that day.',
      nl: 'Capaciteitsmedewerkers (actieve medewerkers met een tijdregistratie in de afgelopen 30 dagen, activeDays) van wie de gewerkte uren op de vorige werkdag, declarabel of niet, onder 7,5 liggen (expectedHours). Tickets zonder uren: tickets waarop ze die dag een notitie schreven zonder er die dag tijd op te boeken.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'time_entry.ticket_id',
      'resource.is_active',
      'ticket_note.creator_resource_id',
      'ticket_note.created_at',
    ],
    industry: {
      en: "E7 with a fixed working day (expectedHours) instead of each person's capacity, and every shortfall listed rather than gaps over 1 hour (a guess in the catalog); below 85% logged, MSPbots asks the technician to fill the gaps from the calendar [MSPB-TSR].",
      nl: 'E7 met een vaste werkdag (expectedHours) in plaats van ieders capaciteit, en elk tekort op de lijst in plaats van gaten boven 1 uur (een schatting in de catalogus); onder 85% geschreven vraagt MSPbots de technicus de gaten vanuit de agenda aan te vullen [MSPB-TSR].',
    },
  },
  queries: ({ db, now, tz, hours, params, me }) => {
    const day = previousBusinessDay(localDate(now, tz), hours)
    return {
      people: capacityResources(db, now, tz, params.activeDays, me),
      logged: forMe(
        db
          .selectFrom('time_entry')
          .select((eb) => [
            'time_entry.resource_id as resourceId',
            eb.fn.sum<number>('time_entry.hours_worked').as('hours'),
          ])
          .where('time_entry.date_worked', '=', day)
          .groupBy('time_entry.resource_id'),
        'time_entry.resource_id',
        me,
      ),
      booked: forMe(
        db
          .selectFrom('time_entry')
          .select(['time_entry.resource_id as resourceId', 'time_entry.ticket_id as ticketId'])
          .where('time_entry.date_worked', '=', day)
          .where('time_entry.ticket_id', 'is not', null),
        'time_entry.resource_id',
        me,
      ),
      touched: forMe(
        db
          .selectFrom('ticket_note')
          .innerJoin('ticket', 'ticket.id', 'ticket_note.ticket_id')
          .select([
            'ticket_note.creator_resource_id as resourceId',
            'ticket.id as ticketId',
            'ticket.number as ticketNumber',
          ])
          .where('ticket_note.created_at', '>=', dateStart(day, tz))
          .where('ticket_note.created_at', '<', dateStart(addDays(day, 1), tz)),
        'ticket_note.creator_resource_id',
        me,
      ),
    }
  },
  compute: ({ people: rows, logged, booked, touched }, { now, tz, hours, params }) => {
    const day = previousBusinessDay(localDate(now, tz), hours)
    const loggedBy = new Map(logged.map((row) => [row.resourceId, row.hours]))
    const bookedKeys = new Set(booked.map((row) => `${row.resourceId}:${row.ticketId}`))
    const result = rows
      .map((person) => {
        const hoursLogged = loggedBy.get(person.resourceId) ?? 0
        const missed = new Map<number, string>()
        for (const note of touched) {
          if (note.resourceId === person.resourceId && !bookedKeys.has(`${person.resourceId}:${note.ticketId}`))
            missed.set(note.ticketId, note.ticketNumber)
        }
        const numbers = [...missed.entries()].sort((a, b) => a[0] - b[0]).map(([, number]) => number)
        return {
          resourceId: person.resourceId,
          resourceName: nameOf(person),
          date: day,
          hoursLogged: exact(hoursLogged),
          hoursMissing: exact(params.expectedHours - hoursLogged),
          ticketsWithoutTime: numbers.length,
          ticketNumbers: numbers.join(', '),
        }
      })
      .filter((row) => row.hoursLogged < params.expectedHours)
      .sort((a, b) => b.hoursMissing - a.hoursMissing || a.resourceId - b.resourceId)
    return {
      rows: result,
      facts: { day, people: result.length, missing: result.reduce((total, row) => total + row.hoursMissing, 0) },
    }
  },
  context: ({ facts }, { params }) => {
    const count = Number(facts?.people ?? 0)
    const missing = Number(facts?.missing ?? 0)
    return sentence((lang, n) => {
      const day = formatDay(String(facts?.day ?? ''), lang)
      if (count === 0)
        return lang === 'en'
          ? `Everyone logged at least ${n(params.expectedHours)} h on the last working day, ${day}.`
          : `Iedereen schreef op de vorige werkdag, ${day}, minstens ${n(params.expectedHours)} uur.`
      return lang === 'en'
        ? `${count} ${pluralWord(count, 'person', 'people')} logged less than ${n(params.expectedHours)} h on the last working day, ${day}; ${n(missing)} h missing in total.`
        : `${count} ${pluralWord(count, 'medewerker schreef', 'medewerkers schreven')} op de vorige werkdag, ${day}, minder dan ${n(params.expectedHours)} uur; in totaal ontbreekt ${n(missing)} uur.`
    })
  },
})
