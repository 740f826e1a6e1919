import { forMe, labelOf, sqlList } from '../../sql.js'
import { bothLanguages, pluralWord } from '../../format.js'
import { defineKpi } from '../../types.js'
import { entryRows, INTERNAL_BILLING_CODE, nameOf, sentence, workedIn } from './shared.js'
import { integersParam, numberParam } from '../../params.js'
import { FIELD } from '../../lists.js'
import { currentMonth } from '../../time.js'

// The billing period is the calendar month so far. Hours to bill may exceed hours worked by one
// billing increment (`roundingHours`), as rounding up to the quarter hour does. `problem` comes in
// both languages; a result carries the one of its own (types.ts Computed).

const PROBLEMS = {
  no_billing_code: { en: 'no billing code', nl: 'geen facturatiecode' },
  billed_over_worked: { en: 'more hours billed than worked', nl: 'meer uren gefactureerd dan gewerkt' },
  too_long: { en: 'unusually long entry', nl: 'ongewoon lange registratie' },
  client_code_without_ticket: { en: 'client billing code without a ticket', nl: 'klantcode zonder ticket' },
  billable_internal_code: { en: 'billable time on an internal code', nl: 'declarabele tijd op een interne code' },
} as const

type Problem = keyof typeof PROBLEMS

export const timeEntryCodingErrors = defineKpi({
  id: 'time_entry_coding_errors',
  title: { en: 'Time entries with coding problems', nl: 'Tijdregistraties met codeerfouten' },
  description: {
    en: 'This month’s time entries that will bill wrongly: no billing code, more hours billed than worked, unusually long entries, client codes without a ticket, billable time on an internal code. Correct them before the invoice run.',
    nl: 'Tijdregistraties van deze maand die verkeerd gefactureerd gaan worden: geen facturatiecode, meer uren gefactureerd dan gewerkt, ongewoon lange registraties, klantcodes zonder ticket, declarabele tijd op een interne code. Corrigeer ze vóór de facturatie.',
  },
  group: 'time',
  kind: 'list',
  roles: ['finance', 'team-lead', 'engineer'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'this month so far', nl: 'deze maand tot nu toe' },
  params: {
    maxHours: numberParam(
      10,
      1,
      24,
      'Entries longer than this many hours are suspect.',
      'Registraties langer dan zoveel uur zijn verdacht.',
    ),
    roundingHours: numberParam(
      0.25,
      0,
      4,
      'Hours to bill may exceed hours worked by this increment.',
      'Te factureren uren mogen de gewerkte uren met deze afronding overschrijden.',
    ),
    internalBillingCodes: integersParam(
      [INTERNAL_BILLING_CODE],
      'Billing codes for internal (non-client) time.',
      'Facturatiecodes voor interne tijd (niet voor klanten).',
    ),
  },
  band: { target: 0, warn: 5 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Correct the entry', nl: 'Registratie corrigeren' },
    leavesWhen: { en: 'the entry passes every check', nl: 'de registratie door alle controles komt' },
    owner: { en: 'the engineer, then finance', nl: 'de engineer, daarna financiën' },
    fields: [
      { key: 'dateWorked', label: { en: 'Date', nl: 'Datum' }, type: 'date' },
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      FIELD.companyName,
      FIELD.ticketNumber,
      { key: 'billingCode', label: { en: 'Billing code', nl: 'Facturatiecode' }, type: 'text' },
      { key: 'hoursWorked', label: { en: 'Worked', nl: 'Gewerkt' }, type: 'hours' },
      { key: 'hoursToBill', label: { en: 'To bill', nl: 'Te factureren' }, type: 'hours' },
      { key: 'problem', label: { en: 'Problem', nl: 'Probleem' }, type: 'text' },
    ],
    sort: { en: 'by date worked, oldest first', nl: 'op werkdatum, oudste eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Entries dated this calendar month so far with at least one problem: no billing code; hours to bill above hours worked plus 0.25 (roundingHours); more than 10 hours (maxHours); a non-internal code on neither a ticket nor a project task; billable time on an internal code (internalBillingCodes). On a personal dashboard, that person's entries.",
      nl: 'Registraties gedateerd in deze kalendermaand tot nu toe met minstens één probleem: geen facturatiecode; te factureren uren boven gewerkte uren plus 0,25 (roundingHours); meer dan 10 uur (maxHours); een niet-interne code op geen ticket en geen projecttaak; declarabele tijd op een interne code (internalBillingCodes). Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: [
      'time_entry.billing_code_id',
      'time_entry.hours_worked',
      'time_entry.hours_to_bill',
      'time_entry.non_billable',
      'time_entry.ticket_id',
      'time_entry.task_id',
      'time_entry.date_worked',
      'time_entry.resource_id',
    ],
    industry: {
      en: 'E12: blank entries, billing and work-type errors [TXSG], with the billing period taken as the calendar month; adds billable time on an internal code and allows one billing increment of rounding.',
      nl: 'E12: lege registraties, facturatie- en werksoortfouten [TXSG], met de kalendermaand als facturatieperiode; met daarbij declarabele tijd op een interne code, en één facturatie-eenheid afronding toegestaan.',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const month = currentMonth(now, tz)
    const internal = sqlList(params.internalBillingCodes)
    return {
      entries: forMe(
        entryRows(db)
          .select([
            'time_entry.task_id as taskId',
            'time_entry.billing_code_id as billingCodeId',
            labelOf('billingCode', 'time_entry.billing_code_id').as('billingCode'),
            'time_entry.hours_worked as hoursWorked',
            'time_entry.hours_to_bill as hoursToBill',
            'time_entry.non_billable as nonBillable',
          ])
          .where(workedIn(month))
          // A coarse filter in SQL; compute names the problems.
          .where((eb) =>
            eb.or([
              eb('time_entry.billing_code_id', 'is', null),
              eb('time_entry.hours_worked', '>', params.maxHours),
              eb('time_entry.hours_to_bill', '>', eb('time_entry.hours_worked', '+', params.roundingHours)),
              eb.and([
                eb('time_entry.ticket_id', 'is', null),
                eb('time_entry.task_id', 'is', null),
                eb('time_entry.billing_code_id', 'not in', internal),
              ]),
              eb.and([eb('time_entry.non_billable', '=', 0), eb('time_entry.billing_code_id', 'in', internal)]),
            ]),
          ),
        'time_entry.resource_id',
        me,
      ),
    }
  },
  compute: ({ entries }, { params }) => {
    const internal = new Set(params.internalBillingCodes)
    const rows = entries
      .map((entry) => {
        const worked = Number(entry.hoursWorked ?? 0)
        const code = entry.billingCodeId === null ? null : Number(entry.billingCodeId)
        const problems: Problem[] = []
        if (code === null) problems.push('no_billing_code')
        if (entry.hoursToBill !== null && Number(entry.hoursToBill) > worked + params.roundingHours)
          problems.push('billed_over_worked')
        if (worked > params.maxHours) problems.push('too_long')
        if (entry.ticketId === null && entry.taskId === null && code !== null && !internal.has(code))
          problems.push('client_code_without_ticket')
        if (Number(entry.nonBillable) === 0 && code !== null && internal.has(code))
          problems.push('billable_internal_code')
        return {
          entryId: entry.entryId,
          resourceId: entry.resourceId,
          resourceName: nameOf(entry),
          dateWorked: entry.dateWorked,
          ticketId: entry.ticketId,
          ticketNumber: entry.ticketNumber,
          ticketTitle: entry.ticketTitle,
          companyName: entry.companyName,
          billingCode: entry.billingCode ?? (code === null ? null : `#${code}`),
          hoursWorked: worked,
          hoursToBill: entry.hoursToBill === null ? null : Number(entry.hoursToBill),
          problems,
          problem: bothLanguages((lang) => problems.map((p) => PROBLEMS[p][lang]).join('; ')),
        }
      })
      .filter((row) => row.problems.length > 0)
      .sort((a, b) => (a.dateWorked < b.dateWorked ? -1 : a.dateWorked > b.dateWorked ? 1 : a.entryId - b.entryId))
    return { rows, facts: { entries: rows.length, people: new Set(rows.map((row) => row.resourceId)).size } }
  },
  context: ({ facts }) =>
    sentence((lang) => {
      const count = Number(facts?.entries ?? 0)
      const people = Number(facts?.people ?? 0)
      if (count === 0)
        return lang === 'en'
          ? 'No time entry this month has a coding problem.'
          : 'Geen enkele tijdregistratie van deze maand heeft een codeerfout.'
      return lang === 'en'
        ? `${count} time ${pluralWord(count, 'entry', 'entries')} this month ${pluralWord(count, 'has', 'have')} a coding problem, by ${people} ${pluralWord(people, 'person', 'people')}.`
        : `${count} ${pluralWord(count, 'tijdregistratie', 'tijdregistraties')} van deze maand ${pluralWord(count, 'heeft', 'hebben')} een codeerfout, van ${people} ${pluralWord(people, 'medewerker', 'medewerkers')}.`
    }),
})
