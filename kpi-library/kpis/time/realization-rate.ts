import { percent } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { LAST_MONTH, sentence, workedIn } from './shared.js'
import { percentText } from '../../format.js'
import { previousMonth } from '../../time.js'

// Billed hours are `hours_to_bill` on billable entries (approval is not required: write-downs are
// made on the entry before approval). Rounding up to a billing increment lifts the rate above 100%.

export const realizationRate = defineKpi({
  id: 'realization_rate',
  title: { en: 'Realization rate, last month', nl: 'Realisatiegraad, vorige maand' },
  description: {
    en: 'Hours to bill as a share of the billable hours worked last month. Below 100% means time was written down before invoicing: find out which clients or engineers the write-downs come from and fix the scope or the estimate.',
    nl: 'Te factureren uren als deel van de declarabel gewerkte uren van vorige maand. Onder 100% is er vóór facturatie tijd afgeschreven: zoek uit bij welke klanten of engineers dat gebeurt en pas scope of inschatting aan.',
  },
  group: 'time',
  kind: 'number',
  roles: ['finance', 'owner', 'integrator'],
  unit: 'percent',
  direction: 'higher',
  window: LAST_MONTH,
  params: {},
  // No published benchmark: a guess that more than 10% written down needs a look.
  band: { target: 100, warn: 90 },
  freshnessMinutes: 720,
  personal: false,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: 'Entries not marked non-billable, dated in the previous calendar month, of everyone; billed = their hours to bill (empty counts as 0), approved or not.',
      nl: 'Registraties die niet als niet-declarabel zijn gemarkeerd, gedateerd in de vorige kalendermaand, van iedereen; gefactureerd = hun te factureren uren (leeg telt als 0), goedgekeurd of niet.',
    },
    sources: [
      'time_entry.hours_to_bill',
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.date_worked',
    ],
    industry: {
      en: 'E4: hours billed / billable hours worked [ACCHUB], the R1 of PURR = P x U x R1 x R2 [PURR]. The catalog has no target; the 100/90 band is a guess, and rounding up to a billing increment can lift it above 100%.',
      nl: 'E4: gefactureerde uren / declarabel gewerkte uren [ACCHUB], de R1 van PURR = P x U x R1 x R2 [PURR]. De catalogus noemt geen norm; de norm 100/90 is een schatting, en afronden op een facturatie-eenheid kan het boven 100% brengen.',
    },
  },
  queries: ({ db, now, tz }) => {
    const month = previousMonth(now, tz)
    return {
      totals: db
        .selectFrom('time_entry')
        .select((eb) => [
          eb.fn.sum<number | null>('time_entry.hours_worked').as('worked'),
          eb.fn.sum<number | null>(eb.fn.coalesce('time_entry.hours_to_bill', eb.val(0))).as('billed'),
        ])
        .where('time_entry.non_billable', '=', 0)
        .where(workedIn(month)),
    }
  },
  compute: ({ totals }) => {
    const worked = totals[0]?.worked ?? 0
    const billed = totals[0]?.billed ?? 0
    return { value: percent(billed, worked), facts: { worked, billed } }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      const worked = Number(facts?.worked ?? 0)
      if (worked === 0)
        return lang === 'en'
          ? 'No billable hours were worked last month.'
          : 'Vorige maand zijn geen declarabele uren gewerkt.'
      return lang === 'en'
        ? `${n(Number(facts?.billed))} h to bill for ${n(worked)} billable hours worked last month (${percentText(value, lang)}%).`
        : `${n(Number(facts?.billed))} uur te factureren voor ${n(worked)} declarabel gewerkte uren vorige maand (${percentText(value, lang)}%).`
    }),
})
