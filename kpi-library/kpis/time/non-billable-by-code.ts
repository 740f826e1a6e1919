import { forMe, labelOf, sum } from '../../sql.js'
import { inLanguage } from '../../format.js'
import { defineKpi } from '../../types.js'
import { LAST_MONTH, sentence, sortItems, workedIn } from './shared.js'
import { previousMonth } from '../../time.js'

export const nonBillableByCode = defineKpi({
  id: 'non_billable_by_code',
  title: { en: 'Non-billable hours by billing code', nl: 'Niet-declarabele uren per facturatiecode' },
  description: {
    en: 'Last month’s non-billable hours, per billing code. Internal time is expected; non-billable remote or on-site support often is a coding mistake or a write-off nobody agreed: review those entries before the invoice run.',
    nl: 'Niet-declarabele uren van vorige maand, per facturatiecode. Interne uren zijn normaal; niet-declarabele support op afstand of op locatie is vaak een codeerfout of een afschrijving waar niemand mee instemde: controleer die registraties vóór de facturatie.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['team-lead', 'finance', 'integrator'],
  unit: 'hours',
  direction: 'lower',
  window: LAST_MONTH,
  params: {},
  band: null,
  freshnessMinutes: 720,
  personal: true,
  reachDays: 62,
  stepsMonthly: true,
  about: {
    population: {
      en: "Entries marked non-billable, dated in the previous calendar month, per billing code (entries without a code form one bar). On a personal dashboard, that person's entries.",
      nl: 'Registraties die als niet-declarabel zijn gemarkeerd, gedateerd in de vorige kalendermaand, per facturatiecode (registraties zonder code vormen één balk). Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: [
      'time_entry.hours_worked',
      'time_entry.non_billable',
      'time_entry.billing_code_id',
      'time_entry.date_worked',
      'time_entry.resource_id',
    ],
    industry: {
      en: 'E5 per billing code only, where the catalog splits by code and person (one person on a personal dashboard); review all non-billable time for coding mistakes [AGMSP-BILL]; a non-billable dashboard [MSPB-UTIL]. No target.',
      nl: 'E5 alleen per facturatiecode, waar de catalogus per code en per persoon splitst (één persoon op een persoonlijk dashboard); controleer alle niet-declarabele tijd op codeerfouten [AGMSP-BILL]; een dashboard voor niet-declarabele uren [MSPB-UTIL]. Geen norm.',
    },
  },
  queries: ({ db, now, tz, me }) => {
    const month = previousMonth(now, tz)
    return {
      codes: forMe(
        db
          .selectFrom('time_entry')
          .select((eb) => [
            'time_entry.billing_code_id as code',
            labelOf('billingCode', 'time_entry.billing_code_id').as('label'),
            eb.fn.sum<number>('time_entry.hours_worked').as('hours'),
          ])
          .where('time_entry.non_billable', '=', 1)
          .where(workedIn(month))
          .groupBy('time_entry.billing_code_id'),
        'time_entry.resource_id',
        me,
      ),
    }
  },
  compute: ({ codes }) => {
    const items = sortItems(
      codes.map((row) => ({
        key: row.code === null ? 'none' : String(row.code),
        label:
          row.label ??
          (row.code === null
            ? { en: 'No billing code', nl: 'Geen facturatiecode' }
            : { en: `Billing code ${row.code}`, nl: `Facturatiecode ${row.code}` }),
        value: Number(row.hours ?? 0),
      })),
    )
    return {
      value: sum(items.map((item) => item.value)),
      items,
      facts: { top: items[0]?.label ?? null, topHours: items[0]?.value ?? null },
    }
  },
  context: ({ value, facts }) =>
    sentence((lang, n) => {
      if (!value)
        return lang === 'en'
          ? 'No non-billable time was logged last month.'
          : 'Vorige maand zijn geen niet-declarabele uren geschreven.'
      return lang === 'en'
        ? `${n(value)} non-billable hours last month; most on ${inLanguage(facts?.top, lang)} (${n(Number(facts?.topHours))} h).`
        : `Vorige maand ${n(value)} niet-declarabele uren; de meeste op ${inLanguage(facts?.top, lang)} (${n(Number(facts?.topHours))} uur).`
    }),
})
