import { addDays } from './time.js'
import type { Holiday, HolidayCountry } from './wire-types.js'

export type { Holiday, HolidayCountry } from './wire-types.js'

// Public holidays computed per year, Easter-based ones included: the MSP settings' days off
// (settings.ts) and the simulator's Dutch calendar. Pure, no imports beyond date arithmetic.

/** Easter Sunday of a Gregorian year (Meeus/Jones/Butcher), as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The public holidays of a year. NL: the days of the general holidays act (Algemene termijnenwet)
 * that most CAOs give off; Good Friday is not among them, Liberation Day only in lustrum years (2025,
 * 2030) as most CAOs do. BE: the ten legal holidays, with Easter and Whit Sunday.
 */
export function publicHolidays(country: HolidayCountry, year: number): Holiday[] {
  if (country === 'none') return []
  const easter = easterSunday(year)
  const fixed = (md: string) => `${year}-${md}`
  const days: Array<[string, string, string]> = [
    [fixed('01-01'), "New Year's Day", country === 'NL' ? 'Nieuwjaarsdag' : 'Nieuwjaar'],
    [easter, 'Easter Sunday', 'Eerste Paasdag'],
    [addDays(easter, 1), 'Easter Monday', country === 'NL' ? 'Tweede Paasdag' : 'Paasmaandag'],
    [addDays(easter, 39), 'Ascension Day', country === 'NL' ? 'Hemelvaartsdag' : 'O.L.H. Hemelvaart'],
    [addDays(easter, 49), 'Whit Sunday', 'Eerste Pinksterdag'],
    [addDays(easter, 50), 'Whit Monday', country === 'NL' ? 'Tweede Pinksterdag' : 'Pinkstermaandag'],
    [fixed('12-25'), 'Christmas Day', country === 'NL' ? 'Eerste Kerstdag' : 'Kerstmis'],
  ]
  if (country === 'NL') {
    // King's Day moves to the 26th when the 27th is a Sunday.
    const kings = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? fixed('04-26') : fixed('04-27')
    days.push([kings, "King's Day", 'Koningsdag'], [fixed('12-26'), 'Boxing Day', 'Tweede Kerstdag'])
    if (year % 5 === 0) days.push([fixed('05-05'), 'Liberation Day', 'Bevrijdingsdag'])
  } else {
    days.push(
      [fixed('05-01'), 'Labour Day', 'Dag van de Arbeid'],
      [fixed('07-21'), 'Belgian National Day', 'Nationale feestdag'],
      [fixed('08-15'), 'Assumption Day', 'O.L.V. Hemelvaart'],
      [fixed('11-01'), "All Saints' Day", 'Allerheiligen'],
      [fixed('11-11'), 'Armistice Day', 'Wapenstilstand'],
    )
  }
  return days.map(([date, en, nl]) => ({ date, name: { en, nl } })).sort((a, b) => a.date.localeCompare(b.date))
}
