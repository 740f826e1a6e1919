import { forMe, sum } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { activeDaysParam, capacityResources, sentence, weeklyHoursOf, weeklyHoursParam } from './shared.js'
import { numberParam } from '../../params.js'
import { pluralWord } from '../../format.js'
import { currentIsoWeek } from '../../time.js'

// The weekly goal is weeklyHours x targetPercent per person (PTO is not synced); for the team, per
// person capacity counts (active, logged time lately).

export const billableHoursWtd = defineKpi({
  id: 'billable_hours_wtd',
  title: { en: 'Billable hours this week', nl: 'Declarabele uren deze week' },
  description: {
    en: 'Billable hours worked this ISO week so far (Monday to today) against the weekly goal. Behind on Thursday? Pick up billable tickets first and log today’s time before you leave.',
    nl: 'Declarabel gewerkte uren deze ISO-week tot nu toe (maandag t/m vandaag) tegenover het weekdoel. Loop je donderdag achter? Pak eerst declarabele tickets op en schrijf je uren van vandaag voordat je weggaat.',
  },
  group: 'time',
  kind: 'number',
  roles: ['engineer', 'team-lead', 'service-manager'],
  unit: 'hours',
  direction: 'higher',
  window: { en: 'this ISO week so far', nl: 'deze ISO-week tot nu toe' },
  params: {
    weeklyHours: weeklyHoursParam(),
    targetPercent: numberParam(
      75,
      0,
      100,
      'Billable share of the weekly hours to aim for.',
      'Na te streven declarabel deel van de weekuren.',
    ),
    activeDays: activeDaysParam(),
  },
  band: null,
  freshnessMinutes: 30,
  personal: true,
  reachDays: 7,
  soFar: true,
  about: {
    population: {
      en: "Entries not marked non-billable, dated Monday to today of this ISO week: hours worked of everyone, or of that person on a personal dashboard. Goal: weeklyHours x targetPercent (40 x 75%) per capacity person (active, any entry in the last 30 days), or one person's goal.",
      nl: 'Registraties die niet als niet-declarabel zijn gemarkeerd, gedateerd van maandag t/m vandaag in deze ISO-week: gewerkte uren van iedereen, of van die persoon op een persoonlijk dashboard. Doel: weeklyHours x targetPercent (40 x 75%) per capaciteitsmedewerker (actief, een registratie in de afgelopen 30 dagen), of het doel van één persoon.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.date_worked',
      'time_entry.resource_id',
      'resource.is_active',
    ],
    industry: {
      en: "E14: billable hours this week against a weekly goal per technician [AGMSP-UTIL][ANSDEV]. The goal is one setting for everyone (no per-role target, no PTO synced) and is the whole week's, not pro rata to the days gone.",
      nl: 'E14: declarabele uren deze week tegenover een weekdoel per technicus [AGMSP-UTIL][ANSDEV]. Het doel is één instelling voor iedereen (geen doel per rol, geen gesynchroniseerd verlof) en geldt voor de hele week, niet naar rato van de verstreken dagen.',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const week = currentIsoWeek(now, tz)
    return {
      billable: forMe(
        db
          .selectFrom('time_entry')
          .select((eb) => eb.fn.sum<number | null>('time_entry.hours_worked').as('hours'))
          .where('time_entry.non_billable', '=', 0)
          .where('time_entry.date_worked', '>=', week.from)
          .where('time_entry.date_worked', '<=', week.to),
        'time_entry.resource_id',
        me,
      ),
      people: capacityResources(db, now, tz, params.activeDays, me),
    }
  },
  compute: ({ billable, people }, { params, me, staff }) => {
    const weekly =
      me === null
        ? sum(people.map((person) => weeklyHoursOf(person.resourceId, params.weeklyHours, staff)))
        : weeklyHoursOf(me, params.weeklyHours, staff)
    const goal = (weekly * params.targetPercent) / 100
    return { value: billable[0]?.hours ?? 0, facts: { goal } }
  },
  context: ({ value, facts }, { me }) =>
    sentence((lang, n) => {
      const goal = Number(facts?.goal ?? 0)
      const who =
        me === null
          ? lang === 'en'
            ? 'The team worked'
            : 'Het team werkte'
          : lang === 'en'
            ? 'You worked'
            : 'Je werkte'
      return lang === 'en'
        ? `${who} ${n(value ?? 0)} billable ${pluralWord(value ?? 0, 'hour', 'hours')} this week; the goal is ${n(goal)} h.`
        : `${who} deze week ${n(value ?? 0)} declarabele uren; het doel is ${n(goal)} uur.`
    }),
})
