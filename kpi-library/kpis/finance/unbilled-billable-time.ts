import { exact } from '../../format.js'
import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { hourlyRate, type RatesUsed, unbilledEntries, unbilledSentence, UNBILLED_SOURCES } from './shared.js'
import { STANDARD_RATE } from '../../contracts.js'

// The pinned reading (issue "KPI trust"): hours to bill of entries billed by the hour (a Time and
// Materials contract, or none) that are not marked non-billable, not yet approved for billing and
// worked before today. Time under a fee or a prepaid block is paid already and does not count
// (billing.ts). Exact to 0.01 h, summed over the entries themselves, never over rounded rows;
// unbilled_time_by_client lists the same entries per client and engineer. The money value is each
// entry's hours at the rate the MSP set for its contract's type (settings), else the standard rate:
// contract and role rates themselves are not synced.

export const unbilledBillableTime = defineKpi({
  id: 'unbilled_billable_time',
  title: { en: 'Hourly time not yet approved for billing', nl: 'Uren op nacalculatie nog niet goedgekeurd' },
  description: {
    en: 'Hours to bill of time billed by the hour (time-and-materials work, or work under no contract) from before today that is not yet approved and posted. Nothing reaches an invoice before it is posted: approve and post it before the invoice run. Time covered by a fee or by prepaid hours is left out.',
    nl: 'Te factureren uren van werk op nacalculatie (time-and-materials, of werk zonder contract) van vóór vandaag dat nog niet is goedgekeurd en geboekt. Niets komt op een factuur voordat het geboekt is: keur het goed en boek het vóór de factuurrun. Tijd die een vast bedrag of vooruitbetaalde uren dekt, telt niet mee.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['finance', 'team-lead', 'integrator'],
  unit: 'hours',
  direction: 'lower',
  window: { en: 'worked before today', nl: 'gewerkt vóór vandaag' },
  params: { standardRate: STANDARD_RATE },
  // 0 before the invoice run [AT-AP]; amber up to a week of one engineer's hours [guess].
  band: { target: 0, warn: 40 },
  freshnessMinutes: 60,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: "Entries not marked non-billable, not yet approved for billing, worked before today and billed by the hour: the entry's contract, else its ticket's, is Time and Materials, or there is none. Fee-covered and prepaid time is left out.",
      nl: 'Registraties die niet als niet-declarabel zijn gemarkeerd, nog niet goedgekeurd voor facturatie, gewerkt vóór vandaag en per uur gefactureerd: het contract van de registratie, anders van het ticket, is Time and Materials, of er is geen. Tijd onder een vast bedrag of vooruitbetaalde uren telt niet mee.',
    },
    sources: [...UNBILLED_SOURCES],
    industry: {
      en: 'G16 as a number of hours: billable items stay pending until approved and posted [AT-AP]; limited to hourly-billed work, since fee and block time adds nothing to an invoice.',
      nl: 'G16 als aantal uren: declarabele posten blijven openstaan tot ze zijn goedgekeurd en geboekt [AT-AP]; beperkt tot werk op nacalculatie, want tijd onder een vast bedrag of strippenkaart komt niet op een factuur.',
    },
  },
  queries: ({ db, now, tz, me }) => ({ entries: unbilledEntries(db, localDate(now, tz), me) }),
  compute: ({ entries }, { params, rates }) => {
    const hours = entries.reduce((total, e) => total + e.hoursToBill, 0)
    const waiting = entries.filter((e) => e.hoursToBill > 0)
    const oldest = waiting.map((e) => e.dateWorked).sort()[0] ?? null
    // Every entry, as the hours are; a contract type's own rate counts as used for hours that wait.
    const priced = entries.map((e) => ({
      hours: e.hoursToBill,
      ...hourlyRate(e.contractType, rates, params.standardRate),
    }))
    const value = priced.reduce((total, e) => total + e.hours * e.rate, 0)
    const used: RatesUsed = priced.some((e) => e.own && e.hours > 0) ? 'yours' : 'standard'
    return {
      value: exact(hours),
      facts: { value, rates: used, clients: new Set(waiting.map((e) => e.companyId)).size, oldest },
    }
  },
  context: ({ value, facts }) =>
    unbilledSentence(
      value ?? 0,
      Number(facts?.value ?? 0),
      Number(facts?.clients ?? 0),
      (facts?.oldest as string | null) ?? null,
      facts?.rates === 'yours' ? 'yours' : 'standard',
    ),
})
