import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { forMe, resourceName } from '../../sql.js'
import { addDays, businessHoursBetween, businessWindow, HOUR, isBusinessDay, previousMonth } from '../../time.js'
import { defineKpi } from '../../types.js'
import { ENTRY_COLUMNS, LAST_MONTH, nameOf, sentence, sortItems, workedIn } from './shared.js'

// The part of each entry outside business hours (ctx.hours, holidays included), from its start and
// end times, so a 17:00-18:30 entry counts one hour. An entry without times counts whole when its
// date is not a working day, else not at all.

export const afterHoursTime = defineKpi({
  id: 'after_hours_time',
  title: { en: 'After-hours time', nl: 'Uren buiten kantoortijd' },
  description: {
    en: 'Per person, last month’s hours worked outside business hours and on weekends or holidays. Check that after-hours work is billed at the right rate and that the load is shared fairly.',
    nl: 'Per medewerker de uren die vorige maand buiten kantoortijd, in het weekend of op feestdagen zijn gewerkt. Controleer of werk buiten kantoortijd tegen het juiste tarief wordt gefactureerd en of de last eerlijk verdeeld is.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'integrator', 'finance'],
  unit: 'hours',
  direction: 'neutral',
  window: LAST_MONTH,
  params: {},
  band: null,
  freshnessMinutes: 720,
  personal: true,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: 'Every entry dated in the previous calendar month, billable or not: the part of its start-to-end span outside business hours (weekends and holidays of the calendar count whole), at most its hours worked; an entry without times counts whole on a non-working day and not at all on a working day. Everyone who logged time that month is shown. On a personal dashboard, that person.',
      nl: 'Elke registratie gedateerd in de vorige kalendermaand, declarabel of niet: het deel van begin tot eind dat buiten kantoortijd valt (weekenden en feestdagen uit de kalender tellen helemaal), hoogstens de gewerkte uren; een registratie zonder tijden telt helemaal op een niet-werkdag en niet op een werkdag. Iedereen die die maand tijd schreef, staat erin. Op een persoonlijk dashboard die persoon.',
    },
    sources: [
      'time_entry.start_at',
      'time_entry.end_at',
      'time_entry.hours_worked',
      'time_entry.date_worked',
      'time_entry.resource_id',
    ],
    industry: {
      en: 'E16, as in a non-business-hours dashboard [MSPB-CWUTIL], counted pro rata: only the part of an entry outside business hours, where the catalog counts every entry that starts outside them. Context only, no target.',
      nl: 'E16, zoals een dashboard voor uren buiten kantoortijd [MSPB-CWUTIL], naar rato geteld: alleen het deel van een registratie buiten kantoortijd, waar de catalogus elke registratie telt die buiten kantoortijd begint. Alleen context, geen norm.',
    },
  },
  queries: ({ db, now, tz, hours, me }) => {
    const month = previousMonth(now, tz)
    const windows: Array<[open: string, close: string]> = []
    for (let date = month.from; date <= month.to; date = addDays(date, 1)) {
      const open = businessWindow(date, tz, hours)
      if (open) windows.push([new Date(open[0]).toISOString(), new Date(open[1]).toISOString()])
    }
    // An entry wholly inside one day's business hours has no after-hours part: most of a month's
    // entries, left in the database rather than fetched and worked out to zero.
    const inside = (eb: ExpressionBuilder<Database, 'time_entry'>) =>
      eb.and([
        eb('time_entry.start_at', 'is not', null),
        eb('time_entry.end_at', 'is not', null),
        eb('time_entry.hours_worked', '>=', 0),
        eb.or(
          windows.map(([open, close]) =>
            eb.and([eb('time_entry.start_at', '>=', open), eb('time_entry.end_at', '<=', close)]),
          ),
        ),
      ])
    let entries = db
      .selectFrom('time_entry')
      .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
      .select([...ENTRY_COLUMNS, 'time_entry.hours_worked as hoursWorked'])
      .where(workedIn(month))
    if (windows.length > 0) entries = entries.where((eb) => eb.not(inside(eb)))
    return {
      entries: forMe(entries, 'time_entry.resource_id', me),
      // Everyone who logged time, so people without after-hours time still show with zero.
      people: forMe(
        db
          .selectFrom('time_entry')
          .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
          .select(['time_entry.resource_id as resourceId', resourceName().as('resourceName')])
          .distinct()
          .where(workedIn(month)),
        'time_entry.resource_id',
        me,
      ),
    }
  },
  compute: ({ entries, people }, { tz, hours }) => {
    const byPerson = new Map<number, { resourceId: number; resourceName: string | null; after: number }>()
    for (const person of people)
      byPerson.set(Number(person.resourceId), {
        resourceId: Number(person.resourceId),
        resourceName: person.resourceName,
        after: 0,
      })
    for (const entry of entries) {
      const worked = Number(entry.hoursWorked ?? 0)
      let after: number
      if (entry.startAt && entry.endAt) {
        const start = new Date(entry.startAt)
        const end = new Date(entry.endAt)
        const span = Math.max(0, end.getTime() - start.getTime()) / HOUR
        after = Math.min(worked, Math.max(0, span - businessHoursBetween(start, end, tz, hours)))
      } else {
        after = isBusinessDay(entry.dateWorked, hours) ? 0 : worked
      }
      const id = Number(entry.resourceId)
      const person = byPerson.get(id) ?? { resourceId: id, resourceName: entry.resourceName, after: 0 }
      person.after += after
      byPerson.set(id, person)
    }
    const items = sortItems(
      [...byPerson.values()].map((p) => ({ key: String(p.resourceId), label: nameOf(p), value: p.after })),
    )
    const total = items.reduce((acc, item) => acc + (item.value ?? 0), 0)
    return {
      value: total,
      items,
      facts: { top: items[0]?.value ? items[0].label : null, topHours: items[0]?.value ?? 0 },
    }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      if (!value)
        return lang === 'en'
          ? 'No time was logged outside business hours last month.'
          : 'Vorige maand is er geen tijd buiten kantoortijd geschreven.'
      return lang === 'en'
        ? `${n(value)} h were worked outside business hours last month; most by ${facts?.top} (${n(Number(facts?.topHours))} h).`
        : `Vorige maand is ${n(value)} uur buiten kantoortijd gewerkt; het meest door ${facts?.top} (${n(Number(facts?.topHours))} uur).`
    }),
})
