import { formatPercent, money } from '../../format.js'
import { forMe, percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { OPPORTUNITY_SOURCES } from './shared.js'

// Decided in the window: won ones by their won date, lost ones by their lost date ("the last N days" rule of the
// library: the same local time N days ago up to now). An opportunity shelved without a lost date (Autotask's Not
// Ready To Buy) counts as neither.

export const winRate90d = defineKpi({
  id: 'win_rate_90d',
  title: { en: 'Win rate, last 90 days', nl: 'Winstpercentage verkoopkansen, afgelopen 90 dagen' },
  description: {
    en: 'Of the opportunities decided in the last 90 days, the share won (by count; the value won and lost is in the sentence). A falling rate asks for better qualification before quoting, or a look at price and the reasons deals were lost.',
    nl: 'Van de verkoopkansen die in de afgelopen 90 dagen zijn beslist, het deel dat gewonnen is (op aantal; de gewonnen en verloren waarde staat in de zin). Daalt het, kwalificeer dan beter voordat u offreert, of kijk naar de prijs en de redenen waarom kansen verloren gingen.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'integrator', 'finance', 'account-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 90 days', nl: 'afgelopen 90 dagen' },
  params: {
    days: {
      type: 'integer',
      default: 90,
      min: 7,
      max: 730,
      description: { en: 'How many days back to look.', nl: 'Hoeveel dagen terug.' },
    },
  },
  band: null,
  freshnessMinutes: 60,
  personal: true,
  reachDays: 90,
  about: {
    population: {
      en: 'Opportunities won (won date in the window) and lost (lost date in the window), by what their status means in the PSA; for one person, those they own.',
      nl: 'Verkoopkansen gewonnen (winstdatum in het venster) en verloren (verliesdatum in het venster), naar wat hun status in de PSA betekent; voor één persoon, die hij of zij bezit.',
    },
    sources: [...OPPORTUNITY_SOURCES, 'opportunity.closed_at', 'opportunity.lost_at'],
    industry: {
      en: 'Not in the catalog; the usual win rate by count: won / (won + lost) among opportunities decided in the window.',
      nl: 'Niet in de catalogus; het gebruikelijke winstpercentage op aantal: gewonnen / (gewonnen + verloren) onder de kansen die in het venster zijn beslist.',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const window = lastDays(now, tz, params.days)
    const decided = (outcome: 'won' | 'lost', stamp: 'opportunity.closed_at' | 'opportunity.lost_at') =>
      forMe(
        db
          .selectFrom('opportunity')
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            eb.fn.sum<number | null>('opportunity.amount').as('amount'),
          ])
          .where('opportunity.outcome', '=', outcome)
          .where(stamp, '>', window.after)
          .where(stamp, '<=', window.until),
        'opportunity.owner_resource_id',
        me,
      )
    return {
      won: decided('won', 'opportunity.closed_at'),
      lost: decided('lost', 'opportunity.lost_at'),
    }
  },
  compute: ({ won, lost }) => {
    const wonCount = won[0]?.n ?? 0
    const lostCount = lost[0]?.n ?? 0
    return {
      value: percent(wonCount, wonCount + lostCount),
      facts: { won: wonCount, lost: lostCount, wonValue: won[0]?.amount ?? 0, lostValue: lost[0]?.amount ?? 0 },
    }
  },
  context: ({ value, facts }, { params }) => {
    const won = Number(facts?.won ?? 0)
    const lost = Number(facts?.lost ?? 0)
    const days = params.days
    if (won + lost === 0)
      return {
        en: `No opportunity was won or lost in the last ${days} days.`,
        nl: `In de afgelopen ${days} dagen is geen verkoopkans gewonnen of verloren.`,
      }
    const wonValue = money(Number(facts?.wonValue ?? 0))
    const lostValue = money(Number(facts?.lostValue ?? 0))
    const rate = { en: formatPercent(value, 'en'), nl: formatPercent(value, 'nl') }
    return {
      en: `${won} won and ${lost} lost in the last ${days} days: ${rate.en}% won, ${wonValue.en} won against ${lostValue.en} lost.`,
      nl: `${won} gewonnen en ${lost} verloren in de afgelopen ${days} dagen: ${rate.nl}% gewonnen, ${wonValue.nl} gewonnen tegenover ${lostValue.nl} verloren.`,
    }
  },
})
