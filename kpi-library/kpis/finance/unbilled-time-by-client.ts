import { exact } from '../../format.js'
import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { hourlyRate, unbilledEntries, unbilledSentence, UNBILLED_SOURCES } from './shared.js'
import { STANDARD_RATE } from '../../contracts.js'
import { FIELD } from '../../lists.js'

// The entries of unbilled_billable_time (the same query), per client and engineer, so finance knows
// whom to ask. The rows round to 0.01 h; the total in the sentence is the exact sum of the entries,
// the headline of unbilled_billable_time. Values as there: each entry at its contract type's rate
// from the settings, else the standard rate.

export const unbilledTimeByClient = defineKpi({
  id: 'unbilled_time_by_client',
  title: { en: 'Unapproved hourly time per client and engineer', nl: 'Niet-goedgekeurde uren per klant en engineer' },
  description: {
    en: 'The time behind "Hourly time not yet approved for billing", per client and engineer: work billed by the hour from before today that is not yet approved and posted. Approve and post it before the invoice run.',
    nl: 'De tijd achter "Uren op nacalculatie nog niet goedgekeurd", per klant en engineer: werk op nacalculatie van vóór vandaag dat nog niet is goedgekeurd en geboekt. Keur het goed en boek het vóór de factuurrun.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['finance', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'worked before today', nl: 'gewerkt vóór vandaag' },
  params: { standardRate: STANDARD_RATE },
  band: null,
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Approve and post', nl: 'Goedkeuren en boeken' },
    leavesWhen: { en: 'the entries are approved and posted', nl: 'de registraties zijn goedgekeurd en geboekt' },
    owner: { en: 'finance', nl: 'financiële administratie' },
    fields: [
      FIELD.companyName,
      FIELD.engineer,
      { key: 'entries', label: { en: 'Entries', nl: 'Registraties' }, type: 'number' },
      { key: 'oldestDate', label: { en: 'Oldest', nl: 'Oudste' }, type: 'date' },
      { key: 'hoursToBill', label: { en: 'Hours to bill', nl: 'Te factureren uren' }, type: 'hours' },
      { key: 'value', label: { en: 'Value', nl: 'Waarde' }, type: 'euro' },
    ],
    sort: { en: 'company, then value (largest first)', nl: 'bedrijf, dan waarde (grootste eerst)' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'The entries of unbilled_billable_time, per client and engineer.',
      nl: 'De registraties van unbilled_billable_time, per klant en engineer.',
    },
    sources: [...UNBILLED_SOURCES],
    industry: {
      en: "G16 as the catalog's action list, grouped by company [AT-AP].",
      nl: 'G16 als actielijst uit de catalogus, gegroepeerd per bedrijf [AT-AP].',
    },
  },
  queries: ({ db, now, tz, me }) => ({ entries: unbilledEntries(db, localDate(now, tz), me) }),
  compute: ({ entries }, { params, rates }) => {
    type Group = {
      companyId: number | null
      companyName: string | null
      resourceId: number
      resourceName: string | null
      entries: number
      oldestDate: string
      hoursToBill: number
      value: number
    }
    const groups = new Map<string, Group>()
    let total = 0
    let totalValue = 0
    let own = false
    for (const e of entries) {
      const hours = Number(e.hoursToBill)
      if (hours <= 0) continue
      const rate = hourlyRate(e.contractType, rates, params.standardRate)
      total += hours
      totalValue += hours * rate.rate
      own ||= rate.own
      const key = `${e.companyId}:${e.resourceId}`
      const g = groups.get(key) ?? {
        companyId: e.companyId,
        companyName: e.companyName,
        resourceId: e.resourceId,
        resourceName: e.resourceName,
        entries: 0,
        oldestDate: e.dateWorked,
        hoursToBill: 0,
        value: 0,
      }
      g.entries++
      g.hoursToBill += hours
      g.value += hours * rate.rate
      if (e.dateWorked < g.oldestDate) g.oldestDate = e.dateWorked
      groups.set(key, g)
    }
    const rows = [...groups.values()]
      .map((g) => ({ ...g, hoursToBill: exact(g.hoursToBill), value: exact(g.value) }))
      .sort(
        (a, b) =>
          (a.companyName ?? '').localeCompare(b.companyName ?? '') || b.value - a.value || a.resourceId - b.resourceId,
      )
    return {
      rows,
      facts: {
        hours: exact(total),
        value: totalValue,
        rates: own ? 'yours' : 'standard',
        clients: new Set(rows.map((r) => r.companyId)).size,
      },
    }
  },
  context: ({ facts }) =>
    unbilledSentence(
      Number(facts?.hours ?? 0),
      Number(facts?.value ?? 0),
      Number(facts?.clients ?? 0),
      null,
      facts?.rates === 'yours' ? 'yours' : 'standard',
    ),
})
