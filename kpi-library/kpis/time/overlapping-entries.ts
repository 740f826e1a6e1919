import type { NotNull } from 'kysely'
import { forMe } from '../../sql.js'
import { addDays, localDate, MINUTE } from '../../time.js'
import { formatDuration } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { entryRows, nameOf, sentence, workedIn } from './shared.js'
import { integerParam, numberParam } from '../../params.js'
import { pluralWord } from '../../format.js'

// Two entries overlap when one starts before the other ends (touching end to start is fine). Each
// overlapping pair is one row, keyed on the earlier-starting entry; entries without times are skipped.

export const overlappingEntries = defineKpi({
  id: 'overlapping_entries',
  title: {
    en: 'Overlapping entries, last 14 calendar days',
    nl: 'Overlappende registraties, afgelopen 14 kalenderdagen',
  },
  description: {
    en: 'Pairs of time entries by the same person that overlap in time, dated (date worked) on the last 14 calendar days, today included. Overlaps bill the client twice for the same minutes: correct the start or end times before the entries are approved.',
    nl: 'Paren tijdregistraties van dezelfde medewerker die elkaar in tijd overlappen, gedateerd (werkdatum) op de afgelopen 14 kalenderdagen, vandaag inbegrepen. Overlap betekent dat de klant dezelfde minuten twee keer betaalt: corrigeer de begin- of eindtijd voordat de uren worden goedgekeurd.',
  },
  group: 'time',
  kind: 'list',
  roles: ['engineer', 'team-lead', 'finance'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 14 calendar days, today included', nl: 'afgelopen 14 kalenderdagen, vandaag inbegrepen' },
  params: {
    days: integerParam(
      14,
      1,
      90,
      'How many days back to look (today included).',
      'Hoeveel dagen terug (vandaag inbegrepen).',
    ),
    minMinutes: numberParam(
      1,
      0,
      600,
      'Overlaps shorter than this many minutes are ignored.',
      'Overlap korter dan zoveel minuten wordt genegeerd.',
    ),
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Fix the entries', nl: 'Registraties corrigeren' },
    leavesWhen: { en: 'the two entries no longer overlap', nl: 'de twee registraties niet meer overlappen' },
    owner: { en: 'the engineer', nl: 'de engineer' },
    fields: [
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'dateWorked', label: { en: 'Date', nl: 'Datum' }, type: 'date' },
      { key: 'ticketNumber', label: { en: 'Ticket A', nl: 'Ticket A' }, type: 'text' },
      { key: 'startAt', label: { en: 'A from', nl: 'A van' }, type: 'datetime' },
      { key: 'endAt', label: { en: 'A to', nl: 'A tot' }, type: 'datetime' },
      { key: 'otherTicketNumber', label: { en: 'Ticket B', nl: 'Ticket B' }, type: 'text' },
      { key: 'otherStartAt', label: { en: 'B from', nl: 'B van' }, type: 'datetime' },
      { key: 'otherEndAt', label: { en: 'B to', nl: 'B tot' }, type: 'datetime' },
      { key: 'overlapMinutes', label: { en: 'Overlap', nl: 'Overlap' }, type: 'minutes' },
    ],
    sort: { en: 'oldest date first', nl: 'oudste datum eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Entries with a start and an end time, dated on the last 14 calendar days, today included (days); pairs by the same resource whose times overlap by at least 1 minute (minMinutes). Entries without times are left out. On a personal dashboard, that person's entries.",
      nl: 'Registraties met een begin- en eindtijd, gedateerd op de afgelopen 14 kalenderdagen, vandaag inbegrepen (days); paren van dezelfde medewerker waarvan de tijden minstens 1 minuut overlappen (minMinutes). Registraties zonder tijden tellen niet mee. Op een persoonlijk dashboard de registraties van die persoon.',
    },
    sources: ['time_entry.start_at', 'time_entry.end_at', 'time_entry.date_worked', 'time_entry.resource_id'],
    industry: {
      en: "E10: te1.start < te2.end and te2.start < te1.end for the same resource, last 14 days; flagged by MSPbots' reviewer [MSPB-TSR] and a ConnectWise time-sheet error script [TXSG]. Target 0.",
      nl: 'E10: te1.start < te2.end en te2.start < te1.end voor dezelfde medewerker, afgelopen 14 dagen; gesignaleerd door de controle van MSPbots [MSPB-TSR] en een script voor urenstaatfouten in ConnectWise [TXSG]. Norm 0.',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const today = localDate(now, tz)
    return {
      entries: forMe(
        entryRows(db)
          .where(workedIn({ from: addDays(today, 1 - params.days), to: today }))
          .where('time_entry.start_at', 'is not', null)
          .where('time_entry.end_at', 'is not', null)
          .$narrowType<{ startAt: NotNull; endAt: NotNull }>()
          .orderBy('time_entry.resource_id')
          .orderBy('time_entry.start_at')
          .orderBy('time_entry.id'),
        'time_entry.resource_id',
        me,
      ),
    }
  },
  compute: ({ entries }, { params }) => {
    const rows = []
    for (let i = 0; i < entries.length; i++) {
      const a = entries[i]
      // Sorted by resource and start: later entries overlap a only while they start before it ends.
      for (
        let j = i + 1;
        j < entries.length && entries[j].resourceId === a.resourceId && entries[j].startAt < a.endAt;
        j++
      ) {
        const b = entries[j]
        const minutes = (Math.min(Date.parse(a.endAt), Date.parse(b.endAt)) - Date.parse(b.startAt)) / MINUTE
        if (minutes <= 0 || minutes < params.minMinutes) continue
        rows.push({
          entryId: a.entryId,
          otherEntryId: b.entryId,
          resourceId: a.resourceId,
          resourceName: nameOf(a),
          dateWorked: a.dateWorked,
          ticketId: a.ticketId,
          ticketNumber: a.ticketNumber,
          ticketTitle: a.ticketTitle,
          companyName: a.companyName,
          startAt: a.startAt,
          endAt: a.endAt,
          otherTicketId: b.ticketId,
          otherTicketNumber: b.ticketNumber,
          otherTicketTitle: b.ticketTitle,
          otherCompanyName: b.companyName,
          otherStartAt: b.startAt,
          otherEndAt: b.endAt,
          overlapMinutes: Math.round(minutes),
        })
      }
    }
    rows.sort((x, y) =>
      x.dateWorked < y.dateWorked
        ? -1
        : x.dateWorked > y.dateWorked
          ? 1
          : x.resourceId - y.resourceId || x.entryId - y.entryId || x.otherEntryId - y.otherEntryId,
    )
    return {
      rows,
      facts: {
        pairs: rows.length,
        people: new Set(rows.map((row) => row.resourceId)).size,
        minutes: rows.reduce((total, row) => total + row.overlapMinutes, 0),
      },
    }
  },
  context: ({ facts }, { params }) =>
    sentence((lang) => {
      const pairs = Number(facts?.pairs ?? 0)
      const count = Number(facts?.people ?? 0)
      if (pairs === 0)
        return lang === 'en'
          ? `No overlapping time entries in the last ${params.days} days.`
          : `Geen overlappende tijdregistraties in de afgelopen ${params.days} dagen.`
      return lang === 'en'
        ? `${pairs} overlapping ${pluralWord(pairs, 'pair', 'pairs')} of time entries by ${count} ${pluralWord(count, 'person', 'people')} in the last ${params.days} days; ${formatDuration(Number(facts?.minutes), 'clock', lang)} counted twice.`
        : `${pairs} ${pluralWord(pairs, 'paar', 'paren')} overlappende tijdregistraties van ${count} ${pluralWord(count, 'medewerker', 'medewerkers')} in de afgelopen ${params.days} dagen; ${formatDuration(Number(facts?.minutes), 'clock', lang)} dubbel geteld.`
    }),
})
