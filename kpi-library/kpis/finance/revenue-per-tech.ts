import { sql } from 'kysely'
import { BILLABLE_STAFF_DAYS, billableStaff, billedEntries, billingModelSql } from '../../billing.js'
import { daysFromTo, fullMonths, localDate } from '../../time.js'
import { bothLanguages, countOf, money } from '../../format.js'
import { formatDay, formatMonth } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { hourlyRate, LAST_FULL_MONTH } from './shared.js'
import {
  contractHistory,
  daysInForce,
  firstWorkedDay,
  monthlyValue,
  RECURRING_TYPES,
  STANDARD_RATE,
} from '../../contracts.js'

// The catalog's G13 over one month instead of twelve (an owner compares months): last month's
// recurring revenue (each recurring contract's monthly value, pro rata to the days it was in force)
// plus its hourly revenue (hours to bill of billable entries billed by the hour, billing.ts, at the
// rate the MSP set for their contract's type in the settings, else the standard rate), per billable
// technician (billing.ts: active, billable time in the last 30 days).
// No band: the catalog's benchmark is yearly revenue per employee in dollars, of low confidence.

export const revenuePerTech = defineKpi({
  id: 'revenue_per_tech',
  title: { en: 'Revenue per technician last month', nl: 'Omzet per technicus vorige maand' },
  description: {
    en: "Last month's recurring revenue plus the value of the hours billed by the hour (at your rate for their contract type where the settings give one, else the standard rate), divided by the billable technicians: active people who logged billable time in the last 30 days. A falling line means the team grows faster than the revenue it brings in.",
    nl: 'De terugkerende omzet van vorige maand plus de waarde van de uren op nacalculatie (tegen jouw tarief voor hun contracttype waar de instellingen er een geven, anders het standaardtarief), gedeeld door de declarabele technici: actieve mensen die de afgelopen 30 dagen declarabele tijd schreven. Daalt dit getal, dan groeit het team sneller dan de omzet die het binnenbrengt.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'integrator', 'finance'],
  unit: 'euro',
  direction: 'higher',
  window: LAST_FULL_MONTH,
  params: { recurringTypes: RECURRING_TYPES, standardRate: STANDARD_RATE },
  band: null,
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  stepsMonthly: true,
  about: {
    population: {
      en: "Billable technicians: active resources with a billable entry in the last 30 days. Revenue: recurring-service and retainer contracts pro rata to their days in force, plus hours to bill of billable work billed by the hour at the settings' rate for its contract type, else the standard rate.",
      nl: 'Declarabele technici: actieve medewerkers met een declarabele registratie in de afgelopen 30 dagen. Omzet: recurring-service- en retainercontracten naar rato van hun looptijd in de maand, plus te factureren uren van declarabel werk op nacalculatie tegen het tarief uit de instellingen voor het contracttype, anders het standaardtarief.',
    },
    sources: [
      'contract.contract_type',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
      'time_entry.hours_to_bill',
      'time_entry.non_billable',
      'time_entry.contract_id',
      'ticket.contract_id',
      'resource.is_active',
    ],
    industry: {
      en: "G13 over one month instead of TTM; no band, as the catalog's benchmark is yearly revenue per employee in USD of low confidence [PHARALLAX].",
      nl: 'G13 over één maand in plaats van twaalf; geen band, want de benchmark in de catalogus is jaaromzet per medewerker in dollars met lage zekerheid [PHARALLAX].',
    },
  },
  queries: ({ db, now, tz }) => {
    const { from, to } = fullMonths(localDate(now, tz), 1)
    return {
      contracts: contractHistory(db),
      // Per type of the billing contract (null: none), so each is valued at its rate (settings).
      hourly: billedEntries(db)
        .select([
          'billing_contract.contract_type as contractType',
          sql<number | null>`sum(coalesce(time_entry.hours_to_bill, 0))`.as('hours'),
        ])
        .where('time_entry.non_billable', '=', 0)
        .where('time_entry.date_worked', '>=', from)
        .where('time_entry.date_worked', '<=', to)
        .where(billingModelSql(), '=', 'hourly')
        .groupBy('billing_contract.contract_type'),
      staff: billableStaff(db, now, tz, BILLABLE_STAFF_DAYS, null),
      first: firstWorkedDay(db),
    }
  },
  compute: ({ contracts, hourly, staff, first }, { now, tz, params, rates }) => {
    const today = localDate(now, tz)
    const { from, to } = fullMonths(today, 1)
    const days = daysFromTo(from, to)
    const recurring = contracts
      .filter((k) => k.contractType !== null && params.recurringTypes.includes(k.contractType))
      .reduce((sum, k) => sum + (monthlyValue(k) * daysInForce(k, from, to, today)) / days, 0)
    const billed = hourly.reduce(
      (sum, h) => sum + (h.hours ?? 0) * hourlyRate(h.contractType, rates, params.standardRate).rate,
      0,
    )
    const revenue = recurring + billed
    const since = first[0]?.first ?? null
    return {
      value: staff.length === 0 ? null : revenue / staff.length,
      facts: {
        month: from.slice(0, 7),
        recurring,
        hourly: billed,
        people: staff.length,
        partial: since !== null && since > from ? since : null,
      },
    }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: `Nobody logged billable time in the last ${BILLABLE_STAFF_DAYS} days, so there is no technician to divide by.`,
        nl: `Niemand schreef de afgelopen ${BILLABLE_STAFF_DAYS} dagen declarabele tijd, dus er is geen technicus om door te delen.`,
      }
    const v = money(value)
    const r = money(Number(facts?.recurring ?? 0))
    const h = money(Number(facts?.hourly ?? 0))
    const n = Number(facts?.people ?? 0)
    const partial = facts?.partial
      ? {
          en: ` (time is synced from ${formatDay(String(facts.partial), 'en')} only)`,
          nl: ` (tijd is pas gesynchroniseerd vanaf ${formatDay(String(facts.partial), 'nl')})`,
        }
      : { en: '', nl: '' }
    const month = bothLanguages((lang) => formatMonth(String(facts?.month), lang))
    return {
      en: `${v.en} per billable technician in ${month.en}: ${r.en} recurring and ${h.en} billed by the hour${partial.en}, over ${countOf(n, 'technician', 'technicians')}.`,
      nl: `${v.nl} per declarabele technicus in ${month.nl}: ${r.nl} terugkerend en ${h.nl} op nacalculatie${partial.nl}, over ${countOf(n, 'technicus', 'technici')}.`,
    }
  },
})
