import { exact } from '../../format.js'
import { addDays, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { COMPANY_FIELD, ENGINEER_FIELD, entryRows, money, STANDARD_RATE } from './shared.js'

// Approval status is synced as `approved_at` (Autotask approves and posts in one step): a billable
// entry without it has not reached an invoice yet. Today's entries are left out while the work is
// still being logged. Value = billable hours x the standard rate, since contract rates are not synced.

export const unbilledBillableTime = defineKpi({
  id: 'unbilled_billable_time',
  title: { en: 'Billable time not yet approved', nl: 'Declarabele uren nog niet goedgekeurd' },
  description: {
    en: 'Billable time entries from before today that are not yet approved and posted, per client and engineer. Nothing reaches an invoice before it is posted: approve and post these before the invoice run.',
    nl: 'Declarabele tijdregistraties van voor vandaag die nog niet zijn goedgekeurd en geboekt, per klant en engineer. Niets komt op een factuur voordat het geboekt is: keur deze goed en boek ze vóór de factuurrun.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['finance', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'before today, up to 90 days back', nl: 'vóór vandaag, tot 90 dagen terug' },
  params: {
    days: { type: 'integer', default: 90, min: 1, max: 730, description: { en: 'How many days back to look.', nl: 'Hoeveel dagen terug.' } },
    standardRate: STANDARD_RATE,
  },
  band: { target: 0, warn: 10 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Approve and post', nl: 'Goedkeuren en boeken' },
    leavesWhen: { en: 'the entries are approved and posted', nl: 'de registraties zijn goedgekeurd en geboekt' },
    owner: { en: 'finance', nl: 'financiële administratie' },
    fields: [
      COMPANY_FIELD,
      ENGINEER_FIELD,
      { key: 'entries', label: { en: 'Entries', nl: 'Registraties' }, type: 'number' },
      { key: 'oldestDate', label: { en: 'Oldest', nl: 'Oudste' }, type: 'date' },
      { key: 'billableHours', label: { en: 'Billable hours', nl: 'Declarabele uren' }, type: 'hours' },
      { key: 'value', label: { en: 'Value', nl: 'Waarde' }, type: 'euro' },
    ],
    sort: { en: 'company, then value (largest first)', nl: 'bedrijf, dan waarde (grootste eerst)' },
  },
  queries: ({ db, now, tz, params, me }) => {
    const today = localDate(now, tz)
    let entries = entryRows(db)
      .where('time_entry.non_billable', '=', 0)
      .where('time_entry.approved_at', 'is', null)
      .where('time_entry.date_worked', '<', today)
      .where('time_entry.date_worked', '>=', addDays(today, -params.days))
    if (me !== null) entries = entries.where('time_entry.resource_id', '=', me)
    return { entries }
  },
  compute: ({ entries }, { params }) => {
    const groups = new Map<string, { companyId: number | null; companyName: string | null; resourceId: number; resourceName: string | null; entries: number; oldestDate: string; billableHours: number }>()
    for (const e of entries) {
      if (Number(e.billableHours) <= 0) continue
      const key = `${e.companyId}:${e.resourceId}`
      const g = groups.get(key) ?? { companyId: e.companyId, companyName: e.companyName, resourceId: e.resourceId, resourceName: e.resourceName, entries: 0, oldestDate: e.dateWorked, billableHours: 0 }
      g.entries++
      g.billableHours += Number(e.billableHours)
      if (e.dateWorked < g.oldestDate) g.oldestDate = e.dateWorked
      groups.set(key, g)
    }
    const rows = [...groups.values()]
      .map((g) => ({ ...g, billableHours: exact(g.billableHours), value: exact(g.billableHours * params.standardRate) }))
      .sort((a, b) => (a.companyName ?? '').localeCompare(b.companyName ?? '') || b.value - a.value || a.resourceId - b.resourceId)
    const hours = rows.reduce((sum, r) => sum + r.billableHours, 0)
    return { rows, facts: { hours: exact(hours), value: hours * params.standardRate, clients: new Set(rows.map((r) => r.companyId)).size } }
  },
  context: ({ facts }) => {
    const hours = Number(facts?.hours ?? 0)
    if (hours === 0) return { en: 'All billable time before today is approved and posted.', nl: 'Alle declarabele tijd van vóór vandaag is goedgekeurd en geboekt.' }
    const value = money(Number(facts?.value ?? 0))
    const n = Number(facts?.clients ?? 0)
    return {
      en: `${hours} billable hours (${value.en}) at ${n} ${n === 1 ? 'client' : 'clients'} still wait for approval and posting.`,
      nl: `${String(hours).replace('.', ',')} declarabele uren (${value.nl}) bij ${n} ${n === 1 ? 'klant' : 'klanten'} wachten nog op goedkeuring en boeking.`,
    }
  },
})
