import { describe, expect, test } from 'vitest'
import { rowDetail, rowWhy } from '../src/widgets/row-why.ts'

// Rows read against the result's evaluation time; for durations without a deadline any instant does.
const NOW = new Date('2026-12-07T10:00:00Z')

// Times are UTC instants; Amsterdam is UTC+1 in December. Sunday 6 December 2026, 14:46 local.
const SUNDAY = new Date('2026-12-06T13:46:00Z')
// Due Monday 7 December 08:52 local: with business hours from 08:30, 22 business minutes away.
const MONDAY_0852 = '2026-12-07T07:52:00Z'

describe('why a row is on its list', () => {
  test('a remainder below zero reads as how far over it is, in both languages', () => {
    expect(rowWhy({ hoursLeft: -9.6 }, 'en', NOW)).toMatch(/^9[.,]6 h over$/)
    expect(rowWhy({ hoursLeft: -9.6 }, 'nl', NOW)).toMatch(/^9,6 u overschreden$/)
    expect(rowWhy({ hoursLeft: 4 }, 'en', NOW)).toMatch(/^4 h left$/)
    expect(rowWhy({ minutesLeft: -30 }, 'en', NOW)).toBe('30 min over')
    expect(rowWhy({ minutesLeft: 22 }, 'nl', NOW)).toBe('nog 22 min')
    expect(rowWhy({ daysLeft: -3 }, 'nl', NOW)).toBe('3 dagen geleden verlopen')
    expect(rowWhy({ daysLeft: 0 }, 'en', NOW)).toBe('expires today')
    expect(rowWhy({ dropPoints: -15.6 }, 'nl', NOW)).toBe('CSAT 15,6 punten gedaald')
    // No earlier period to compare: the client is listed for its negatives, and the row says so.
    expect(rowWhy({ dropPoints: null, negatives: 3 }, 'en', NOW)).toBe('3 negative scores')
    expect(rowWhy({ dropPoints: null, negatives: 3 }, 'nl', NOW)).toBe('3 negatieve scores')
    // Counted from SmileBack (clients_csat_dropped's row `source`): the row says whose reviews.
    expect(rowWhy({ dropPoints: null, negatives: 4, source: 'smileback' }, 'en', NOW)).toBe(
      '4 negative SmileBack reviews',
    )
    expect(rowWhy({ dropPoints: null, negatives: 4, source: 'smileback' }, 'nl', NOW)).toBe(
      '4 negatieve SmileBack-beoordelingen',
    )
  })

  test('a SmileBack review shows its face and word, an Autotask survey its stars', () => {
    // A negative face is on the 1-5 scale as 1 (`rating`), but the customer gave no star.
    const negative = { rating: 1, smileBackRating: -1, comment: 'Duurde drie dagen' }
    expect(rowWhy(negative, 'en', NOW)).toBe('☹ negative “Duurde drie dagen”')
    expect(rowWhy(negative, 'nl', NOW)).toBe('☹ negatief “Duurde drie dagen”')
    expect(rowWhy({ rating: 3, smileBackRating: 0 }, 'nl', NOW)).toBe('😐 neutraal')
    expect(rowWhy({ rating: 5, smileBackRating: 1 }, 'en', NOW)).toBe('☺ positive')
    expect(rowWhy({ rating: 2, comment: null }, 'en', NOW)).toBe('★★')
  })

  test('an SLA deadline the clock does not run straight to reads as the deadline itself', () => {
    // Sunday: 22 business minutes left, but the deadline is tomorrow morning.
    const row = { ticketNumber: 'T1', minutesLeft: 22, dueAt: MONDAY_0852, slaEvent: 'first response' }
    expect(rowWhy(row, 'en', SUNDAY)).toBe('SLA due Mon 08:52')
    expect(rowWhy(row, 'nl', SUNDAY)).toBe('SLA-deadline ma 08:52')
    // Monday 07:00, before opening: still 22 business minutes, 112 by the clock.
    expect(rowWhy(row, 'en', new Date('2026-12-07T06:00:00Z'))).toBe('SLA due 08:52')
    // Monday 08:30, the desk open: both clocks say 22 minutes.
    expect(rowWhy(row, 'en', new Date('2026-12-07T07:30:00Z'))).toBe('22 min left')
    expect(rowWhy(row, 'nl', new Date('2026-12-07T07:30:00Z'))).toBe('nog 22 min')
    // Monday 09:01: 9 minutes past it.
    expect(rowWhy(row, 'nl', new Date('2026-12-07T08:01:00Z'))).toBe('9 min over tijd')
    // A deadline further than the coming week names its date.
    expect(
      rowWhy({ minutesLeft: 120, dueAt: '2026-12-21T07:52:00Z', resolvedDueAt: '2026-12-21T07:52:00Z' }, 'nl', SUNDAY),
    ).toBe('SLA-deadline 21 dec 08:52')
  })

  test("a row with only a deadline says whose it is (the SLA's or the ticket's own due date) and when it is due, or was", () => {
    // T20261127.0023 on one card: "SLA at risk: SLA due Mon 09:40" above "Next up: ticket due date passed Thu 16:29".
    const sla = { ticketNumber: 'T2', dueAt: MONDAY_0852, firstResponseDueAt: MONDAY_0852, resolvedDueAt: null }
    expect(rowWhy(sla, 'en', SUNDAY)).toBe('SLA due Mon 08:52')
    expect(rowWhy(sla, 'nl', SUNDAY)).toBe('SLA-deadline ma 08:52')
    expect(rowWhy({ ticketNumber: 'T2', dueAt: MONDAY_0852 }, 'en', SUNDAY)).toBe('ticket due Mon 08:52')
    expect(rowWhy({ ticketNumber: 'T2', dueAt: MONDAY_0852 }, 'nl', SUNDAY)).toBe('streefdatum ma 08:52')
    // Friday 4 December 16:00 local, seen on Sunday.
    expect(rowWhy({ ticketNumber: 'T2', dueAt: '2026-12-04T15:00:00Z' }, 'en', SUNDAY)).toBe(
      'ticket due date passed Fri 16:00',
    )
    expect(rowWhy({ ticketNumber: 'T2', dueAt: '2026-12-04T15:00:00Z' }, 'nl', SUNDAY)).toBe(
      'streefdatum verstreken vr 16:00',
    )
    // A ticket due today with its remainder (my_due_today): the clock runs straight to it.
    expect(rowWhy({ ticketNumber: 'T2', minutesLeft: 30, dueAt: '2026-12-06T14:16:00Z' }, 'en', SUNDAY)).toBe(
      '30 min left',
    )
  })

  test('business time is labelled as business time, wall-clock hours as clock hours, and over 48 hours in (calendar) days', () => {
    // One ticket, created Thursday 07:35 local: 17.8 business hours without a first response, 3.1 days by the clock.
    expect(rowWhy({ ageBusinessMinutes: 1068 }, 'en', NOW)).toBe('waiting 17.8 business h')
    expect(rowWhy({ ageBusinessMinutes: 1068 }, 'nl', NOW)).toBe('wacht 17,8 werkuur')
    expect(rowWhy({ ageMinutes: 4422 }, 'en', NOW)).toBe('waiting 3.1 days')
    expect(rowWhy({ ageMinutes: 4422 }, 'nl', NOW)).toBe('wacht 3,1 dagen')
    expect(rowWhy({ ageMinutes: 95 }, 'nl', NOW)).toBe('wacht 95 min')
    expect(rowWhy({ ageMinutes: 1500 }, 'en', NOW)).toBe('waiting 25 clock h')
    // T20261205.0004 on the wall: 1572 min by the clock = 26.2 h.
    expect(rowWhy({ ageMinutes: 1572 }, 'en', NOW)).toBe('waiting 26.2 clock h')
    expect(rowWhy({ ageMinutes: 1572 }, 'nl', NOW)).toBe('wacht 26,2 klokuur')
    expect(rowWhy({ idleHours: 17.8 }, 'nl', NOW)).toBe('17,8 werkuur stil')
    expect(rowWhy({ overdueHours: 15.8 }, 'en', NOW)).toBe('15.8 business h past SLA')
    expect(rowWhy({ overdueHours: 15.8 }, 'nl', NOW)).toBe('15,8 werkuur over tijd')
    expect(rowWhy({ daysIdle: 3.3 }, 'nl', NOW)).toBe('3,3 dagen stil')
    expect(rowWhy({ daysPastDue: 1.5 }, 'en', NOW)).toBe('36 clock h past due')
    expect(rowWhy({ daysPastDue: 9.1 }, 'en', NOW)).toBe('9.1 days past due')
    expect(rowWhy({ daysWaiting: 13 }, 'nl', NOW)).toBe('wacht 13 werkdagen')
    expect(rowWhy({ businessDaysSinceResolved: 1 }, 'en', NOW)).toBe('resolved 1 working day ago')
    expect(rowWhy({ daysWaiting: 3 }, 'en', NOW)).toBe('waiting 3 working days')
    expect(rowWhy({ daysOverdue: 12 }, 'nl', NOW)).toBe('12 dagen over de vervaldatum')
    // Hours worked or bought are amounts of work, not elapsed time: they stay hours.
    expect(rowWhy({ hoursMissing: 7.5 }, 'nl', NOW)).toBe('7,5 u niet geschreven')
  })

  test('a business wait of 0 (created outside business hours) reads by when it started, when the row says', () => {
    // Created Saturday 5 December 2026 10:12 local (09:12Z), seen Sunday 14:46: no business minute has
    // passed; by the wall clock 28 h 34 min = 1714 min = 28.6 h.
    const row = { ticketNumber: 'T3', ageBusinessMinutes: 0, createdAt: '2026-12-05T09:12:00Z' }
    expect(rowWhy(row, 'en', SUNDAY)).toBe('waiting since Sat 10:12')
    expect(rowWhy(row, 'nl', SUNDAY)).toBe('wacht sinds za 10:12')
    expect(rowWhy({ ticketNumber: 'T3', ageMinutes: 1714, createdAt: '2026-12-05T09:12:00Z' }, 'en', SUNDAY)).toBe(
      'waiting 28.6 clock h',
    )
    // Without its creation time the row keeps the number; once the desk opens it counts again.
    expect(rowWhy({ ageBusinessMinutes: 0 }, 'en', SUNDAY)).toBe('waiting 0 business min')
    expect(rowWhy({ ...row, ageBusinessMinutes: 22 }, 'nl', SUNDAY)).toBe('wacht 22 werkminuten')
  })

  test("the detail line carries the deadline in the wall's language", () => {
    const row = {
      ticketNumber: 'T1',
      ticketTitle: 'Wifi',
      minutesLeft: 22,
      dueAt: MONDAY_0852,
      slaEvent: 'resolution',
      resourceName: 'Daan Bos',
      companyName: 'Delta Media',
    }
    expect(rowDetail(row, 'nl', SUNDAY)).toBe('SLA-deadline ma 08:52 · Daan Bos · Delta Media')
  })

  test('the detail line tells the assignee, the account manager and the contact apart, and says who once', () => {
    // T20261203.0005 on the Stale list: unassigned, the client's account manager Marloes de Lange, the contact Petra Schipper.
    const stale = {
      ticketNumber: 'T20261203.0005',
      ticketTitle: 'Wifi',
      daysIdle: 3.3,
      resourceId: null,
      resourceName: null,
      accountManagerName: 'Marloes de Lange',
      companyName: 'Delta Media B.V.',
      contactName: 'Petra Schipper',
    }
    expect(rowDetail(stale, 'en', NOW)).toBe('idle 3.3 days · unassigned · Delta Media B.V. · ☎ Petra Schipper')
    expect(rowDetail(stale, 'nl', NOW)).toBe(
      '3,3 dagen stil · niemand toegewezen · Delta Media B.V. · ☎ Petra Schipper',
    )
    // Completed without time: "closed by" names who; no "unassigned" beside it.
    const closed = {
      ticketNumber: 'T20261126.0021',
      completedByName: 'Saskia Ramdin',
      resourceId: null,
      resourceName: null,
      companyName: 'Metaalbewerking Wolters',
      contactName: 'Noor Verbeek',
    }
    expect(rowDetail(closed, 'en', NOW)).toBe('closed by Saskia Ramdin · Metaalbewerking Wolters · ☎ Noor Verbeek')
    // A client row (the client is its subject) has no assignee: its account manager is the person named.
    expect(
      rowDetail({ companyName: 'Delta Media B.V.', ratio: 3, accountManagerName: 'Marloes de Lange' }, 'en', NOW),
    ).toMatch(/× normal · Marloes de Lange$/)
  })

  test("an engineer's load and an invoice's amount show when the row has them", () => {
    expect(rowDetail({ resourceName: 'Daan Bos', reason: 'overloaded', openCount: 12, teamMedian: 5 }, 'en', NOW)).toBe(
      'overloaded · 12 open, team median 5',
    )
    expect(rowDetail({ resourceName: 'Daan Bos', reason: 'overbelast', openCount: 12, teamMedian: 5 }, 'nl', NOW)).toBe(
      'overbelast · 12 open, mediaan team 5',
    )
    expect(rowDetail({ companyName: 'Delta Media B.V.', daysOverdue: 12, total: 1234 }, 'en', NOW)).toMatch(
      /^12 days overdue · €1,234(\.00)? due$/,
    )
    expect(rowDetail({ companyName: 'Delta Media B.V.', daysOverdue: 12, total: 1234 }, 'nl', NOW)).toMatch(
      /^12 dagen over de vervaldatum · €\s1\.234(,00)? open$/,
    )
  })
})
