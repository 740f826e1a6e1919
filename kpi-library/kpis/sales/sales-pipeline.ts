import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { OPPORTUNITY_SOURCES, openOpportunities, weighted } from './shared.js'
import { forMe } from '../../sql.js'
import { money, pluralWord } from '../../format.js'

// The weighted pipeline: each open opportunity's amount times its probability. An opportunity's amount is
// the deal's total (one-off plus the recurring part over its term). Past its projected close date an
// opportunity still counts, but the sentence names how many are, as a nudge to update or close them.

export const salesPipeline = defineKpi({
  id: 'sales_pipeline',
  title: { en: 'Sales pipeline (weighted)', nl: 'Verkooppijplijn (gewogen)' },
  description: {
    en: 'The value of all open opportunities, each weighted by its chance of winning: what the pipeline is worth if every chance is right. Compare it with the revenue you need next quarter, and clean up deals past their expected close date.',
    nl: 'De waarde van alle open verkoopkansen, elk gewogen naar de kans op winnen: wat de pijplijn waard is als elke kans klopt. Vergelijk het met de omzet die u volgend kwartaal nodig hebt, en ruim kansen op die over hun verwachte sluitdatum heen zijn.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'integrator', 'finance', 'account-manager'],
  unit: 'euro',
  direction: 'higher',
  window: { en: 'now', nl: 'nu' },
  params: {},
  band: null,
  freshnessMinutes: 60,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: 'Opportunities still open (neither won nor lost, by what their status means in the PSA); for one person, the opportunities they own.',
      nl: 'Verkoopkansen die nog open zijn (niet gewonnen of verloren, naar wat hun status in de PSA betekent); voor één persoon, de kansen die hij of zij bezit.',
    },
    sources: [...OPPORTUNITY_SOURCES, 'opportunity.projected_close_date'],
    industry: {
      en: 'Not in the catalog; the usual weighted pipeline: SUM(amount x probability) over open opportunities.',
      nl: 'Niet in de catalogus; de gebruikelijke gewogen pijplijn: SOM(bedrag x kans) over open verkoopkansen.',
    },
  },
  queries: ({ db, me }) => ({
    open: forMe(openOpportunities(db), 'opportunity.owner_resource_id', me),
  }),
  compute: ({ open }, { now, tz }) => {
    const today = localDate(now, tz)
    const value = open.reduce((sum, o) => sum + weighted(o.amount, o.probability), 0)
    const total = open.reduce((sum, o) => sum + Number(o.amount ?? 0), 0)
    const late = open.filter((o) => o.projectedClose !== null && o.projectedClose < today).length
    return { value, facts: { total, count: open.length, late } }
  },
  context: ({ value, facts }, { me }) => {
    const count = Number(facts?.count ?? 0)
    const yours = me === null ? { en: '', nl: '' } : { en: ' of yours', nl: ' van u' }
    if (count === 0) return { en: `No open opportunities${yours.en}.`, nl: `Geen open verkoopkansen${yours.nl}.` }
    const weightedValue = money(value ?? 0)
    const total = money(Number(facts?.total ?? 0))
    const late = Number(facts?.late ?? 0)
    return {
      en: `${weightedValue.en} weighted by chance of winning, from ${total.en} in ${count} open ${pluralWord(count, 'opportunity', 'opportunities')}${yours.en}; ${late} past ${pluralWord(late, 'its', 'their')} expected close date.`,
      nl: `${weightedValue.nl} gewogen naar de kans op winnen, uit ${total.nl} in ${count} open ${pluralWord(count, 'verkoopkans', 'verkoopkansen')}${yours.nl}; ${late} over de verwachte sluitdatum heen.`,
    }
  },
})
