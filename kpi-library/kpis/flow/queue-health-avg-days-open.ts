import { isOpen, mean, labelOf } from '../../sql.js'
import { bothLanguages, compareWords, inLanguage, numberText } from '../../format.js'
import { defineKpi } from '../../types.js'
import { groupBy, labelOr } from '../../lists.js'
import { DAY } from '../../time.js'

export const queueHealthAvgDaysOpen = defineKpi({
  id: 'queue_health_avg_days_open',
  title: { en: 'Queue health: average days open', nl: 'Gezondheid wachtrijen: gemiddeld aantal dagen open' },
  description: {
    en: 'How long the open tickets in each queue (monitoring alerts included, in their own queue) have been open, on average, in days. A queue that climbs above the others needs attention: reassign, escalate or close its oldest tickets.',
    nl: 'Hoe lang de open tickets per wachtrij (monitoringalerts meegeteld, in hun eigen wachtrij) gemiddeld al openstaan, in dagen. Een wachtrij die boven de rest uitstijgt vraagt aandacht: wijs opnieuw toe, escaleer of sluit de oudste tickets.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['service-manager', 'team-lead'],
  unit: 'days',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {},
  band: null,
  freshnessMinutes: 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Tickets open now (not complete), monitoring alerts always included (no parameter), per queue (tickets without a queue form their own group); age in calendar days since creation, weekends included. The value is the average over all open tickets.',
      nl: 'Tickets die nu open staan (niet afgerond), monitoringalerts altijd meegeteld (geen parameter), per wachtrij (tickets zonder wachtrij vormen een eigen groep); leeftijd in kalenderdagen sinds aanmaak, weekenden inbegrepen. De waarde is het gemiddelde over alle open tickets.',
    },
    sources: ['ticket.state', 'ticket.created_at', 'ticket.queue_id'],
    industry: {
      en: 'A7, the queue-health widget of [CAMPAI-QH] (average days open per queue), as a live reading without the daily snapshot trend; the catalog sets no target beyond your own baseline.',
      nl: 'A7, de queue-health-widget uit [CAMPAI-QH] (gemiddeld aantal dagen open per wachtrij), als stand van nu zonder trend uit dagelijkse momentopnamen; de catalogus noemt geen norm behalve je eigen basislijn.',
    },
  },
  queries: ({ db }) => ({
    open: db
      .selectFrom('ticket')
      .select([
        'ticket.queue_id as queueId',
        labelOf('ticketQueue', 'ticket.queue_id').as('queueLabel'),
        'ticket.created_at as createdAt',
      ])
      .where(isOpen),
  }),
  compute: ({ open }, { now }) => {
    const daysOpen = (row: { createdAt: string }) => (now.getTime() - Date.parse(row.createdAt)) / DAY
    const queues = groupBy(open, (row) => (row.queueId === null ? 'none' : String(row.queueId)))
    const items = [...queues.entries()]
      .map(([key, rows]) => ({
        key,
        label: labelOr(rows[0]!.queueLabel, rows[0]!.queueId, { en: 'No queue', nl: 'Geen wachtrij' }),
        value: mean(rows.map(daysOpen)),
      }))
      .sort((a, b) => b.value! - a.value! || compareWords(a.label, b.label))
    return {
      value: mean(open.map(daysOpen)),
      items,
      facts: { worst: items[0]?.label ?? null, worstDays: items[0]?.value ?? null, queues: items.length },
    }
  },
  context: ({ value, facts }) =>
    bothLanguages((lang) => {
      if (value === null || value === undefined)
        return lang === 'en' ? 'No tickets are open in any queue.' : 'In geen enkele wachtrij staan tickets open.'
      const worst = inLanguage(facts.worst, lang)
      const days = numberText(facts.worstDays, lang, 1, 'unknown')
      return lang === 'en'
        ? `Open tickets have been open ${numberText(value, lang, 1, 'unknown')} days on average; ${worst} is slowest at ${days} days.`
        : `Open tickets staan gemiddeld ${numberText(value, lang, 1, 'unknown')} dagen open; ${worst} is het traagst met ${days} dagen.`
    }),
})
