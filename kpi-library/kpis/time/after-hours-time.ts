import { forMe, HOUR } from '../../sql.js'
import { businessHoursBetween, isBusinessDay } from '../../time.js'
import { defineKpi } from '../../types.js'
import { entryRows, LAST_MONTH, nameOf, previousMonth, sentence, sortItems, workedIn } from './shared.js'

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
  queries: ({ db, now, tz, me }) => {
    const month = previousMonth(now, tz)
    return {
      entries: forMe(
        entryRows(db)
          .select('time_entry.hours_worked as hoursWorked')
          .where(workedIn(month)),
        'time_entry.resource_id',
        me,
      ),
    }
  },
  compute: ({ entries }, { tz, hours }) => {
    const byPerson = new Map<number, { resourceId: number; resourceName: string | null; after: number }>()
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
    const items = sortItems([...byPerson.values()].map((p) => ({ key: String(p.resourceId), label: nameOf(p), value: p.after })))
    const total = items.reduce((acc, item) => acc + (item.value ?? 0), 0)
    return { value: total, items, facts: { top: items[0]?.value ? items[0].label : null, topHours: items[0]?.value ?? 0 } }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      if (!value) return lang === 'en' ? 'No time was logged outside business hours last month.' : 'Vorige maand is er geen tijd buiten kantoortijd geschreven.'
      return lang === 'en'
        ? `${n(value)} h were worked outside business hours last month; most by ${facts?.top} (${n(Number(facts?.topHours))} h).`
        : `Vorige maand is ${n(value)} uur buiten kantoortijd gewerkt; het meest door ${facts?.top} (${n(Number(facts?.topHours))} uur).`
    }),
})
