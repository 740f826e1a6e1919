import { forMe, sum } from '../../sql.js'
import { businessHoursBetween, isBusinessDay, localDate, startOfLocalDay } from '../../time.js'
import { defineKpi } from '../../types.js'
import {
  activeDaysParam,
  capacityResources,
  dailyHours,
  onLeave,
  sentence,
  weeklyHoursOf,
  weeklyHoursParam,
} from './shared.js'

// Expected so far = a day's contracted hours (weeklyHours over the working days) times the share of
// today's business hours already past; 0 on a weekend or holiday. For the team, times the number of
// people capacity counts (active, logged time lately). "Today" is the entries' date worked, as the
// timesheet shows it, not when they were typed in: an engineer at a wall reads "hours logged today" as
// today's timesheet, and an entry for this morning typed in after lunch belongs to it.

export const hoursLoggedToday = defineKpi({
  id: 'hours_logged_today',
  title: { en: 'Hours logged for today', nl: 'Uren geschreven op vandaag' },
  description: {
    en: "Hours of the time entries dated today (their date worked, as on the timesheet) against what the day so far should show. An entry typed in today for an earlier day does not count; one for today's work counts whenever it is typed in. Falling behind? Log what you did since the last entry now, while you still remember it.",
    nl: 'Uren van de tijdregistraties met vandaag als werkdatum (zoals op de urenstaat), tegenover wat de dag tot nu toe zou moeten tonen. Een registratie die vandaag voor een eerdere dag is ingevoerd telt niet; een voor werk van vandaag telt, wanneer die ook wordt ingevoerd. Loop je achter? Schrijf nu wat je sinds de laatste registratie hebt gedaan, nu je het nog weet.',
  },
  group: 'time',
  kind: 'number',
  roles: ['engineer', 'team-lead'],
  unit: 'hours',
  direction: 'higher',
  window: { en: 'today (date worked)', nl: 'vandaag (werkdatum)' },
  params: { weeklyHours: weeklyHoursParam(), activeDays: activeDaysParam() },
  band: null,
  freshnessMinutes: 15,
  personal: true,
  reachDays: 1,
  about: {
    population: {
      en: "Entries dated today (date worked), billable or not, of everyone or of that person on a personal dashboard; an entry typed in today for an earlier day does not count. Expected: weeklyHours over the working days, times the share of today's business hours gone, per capacity person (active, any entry in the last 30 days); 0 on a non-working day.",
      nl: 'Registraties gedateerd op vandaag (werkdatum), declarabel of niet, van iedereen of van die persoon op een persoonlijk dashboard; een registratie die vandaag voor een eerdere dag is ingevoerd telt niet. Verwacht: weeklyHours gedeeld door de werkdagen, maal het deel van de werkuren van vandaag dat voorbij is, per capaciteitsmedewerker (actief, een registratie in de afgelopen 30 dagen); 0 op een niet-werkdag.',
    },
    sources: ['time_entry.hours_worked', 'time_entry.date_worked', 'time_entry.resource_id', 'resource.is_active'],
    industry: {
      en: "E13: hours logged today against capacity x the elapsed share of the shift, as in MSPbots' end-of-day stats message [MSPB-TSR]; capacity is a setting, with no PTO synced.",
      nl: 'E13: vandaag geschreven uren tegenover capaciteit x het verstreken deel van de werkdag, zoals in het dagoverzicht van MSPbots [MSPB-TSR]; capaciteit is een instelling, verlof wordt niet gesynchroniseerd.',
    },
  },
  queries: ({ db, now, tz, params, me }) => ({
    logged: forMe(
      db
        .selectFrom('time_entry')
        .select((eb) => eb.fn.sum<number | null>('time_entry.hours_worked').as('hours'))
        .where('time_entry.date_worked', '=', localDate(now, tz)),
      'time_entry.resource_id',
      me,
    ),
    people: capacityResources(db, now, tz, params.activeDays, me),
  }),
  compute: ({ logged, people }, { now, tz, hours, params, me, staff }) => {
    const today = localDate(now, tz)
    const span = (hours.endMinute - hours.startMinute) / 60
    const share = isBusinessDay(today, hours)
      ? businessHoursBetween(startOfLocalDay(now, tz), now, tz, hours) / span
      : 0
    // Each person's own day (MSP settings), nothing for someone on leave today.
    const day = (id: number) =>
      onLeave(id, today, staff) ? 0 : dailyHours(weeklyHoursOf(id, params.weeklyHours, staff), hours)
    const expected = share * (me === null ? sum(people.map((person) => day(person.resourceId))) : day(me))
    return { value: logged[0]?.hours ?? 0, facts: { expected, businessDay: isBusinessDay(today, hours) ? 1 : 0 } }
  },
  context: ({ value, facts }, { me }) =>
    sentence((lang, n) => {
      const { expected } = facts
      const who =
        me === null
          ? lang === 'en'
            ? 'The team logged'
            : 'Het team schreef'
          : lang === 'en'
            ? 'You logged'
            : 'Je schreef'
      if (!facts.businessDay)
        return lang === 'en'
          ? `${who} ${n(value)} h for today; no working day, nothing expected.`
          : `${who} ${n(value)} uur op vandaag; geen werkdag, er wordt niets verwacht.`
      return lang === 'en'
        ? `${who} ${n(value)} h for today; ${n(expected)} h expected by now.`
        : `${who} ${n(value)} uur op vandaag; tot nu toe verwacht: ${n(expected)} uur.`
    }),
})
