import { describe, expect, test } from 'vitest'
import { cardsOf, headline, telHref } from '../src/me/cards.ts'
import type { AckMode, ListResult, Row } from '../src/types.ts'

function list(id: string, ack: AckMode, rows: Row[]): ListResult {
  return {
    id,
    kind: 'list',
    title: `Title of ${id}`,
    window: 'now',
    context: '',
    status: 'none',
    asOf: null,
    evaluatedAt: '2026-03-02T09:00:00Z',
    count: rows.length,
    rows,
    action: { verb: 'Do it', ack, done: null },
  }
}

// In the library's order: the risk list comes after two others, and must still lead.
const LISTS = [
  list('my_next_tickets', 'take', [
    { ticketId: 1, rowKey: 'ticketId=1' },
    { ticketId: 2, rowKey: 'ticketId=2' },
    { ticketId: 3, rowKey: 'ticketId=3' },
  ]),
  list('timesheet_gaps_yesterday', 'take', [
    { resourceId: 7, date: '2026-02-27', hoursMissing: 2, rowKey: 'resourceId=7;date=2026-02-27' },
  ]),
  list('sla_breached_open', 'none', [{ ticketId: 3, overdueHours: 6.3, rowKey: 'ticketId=3' }]),
  list('my_due_today', 'take', [{ ticketId: 2, minutesLeft: 30, rowKey: 'ticketId=2' }]),
]

describe("the phone page's cards", () => {
  test('one card per ticket with all its reasons, risk first, then the lists in the order given; ticket-less rows in one card per list', () => {
    const cards = cardsOf(LISTS)
    expect(cards.map((card) => card.key)).toEqual(['ticket-3', 'ticket-1', 'ticket-2', 'list-timesheet_gaps_yesterday'])
    expect(cards[0]!.reasons.map((reason) => reason.list.id)).toEqual(['sla_breached_open', 'my_next_tickets'])
    expect(cards[2]!.reasons.map((reason) => reason.list.id)).toEqual(['my_next_tickets', 'my_due_today'])
    expect(cards[3]!.ticket).toBe(false)
  })

  test('the opening sentence counts each ticket once, by its worst reason, in both languages', () => {
    const cards = cardsOf(LISTS)
    expect(headline(cards, 'en')).toBe('3 tickets need you: 1 past its SLA, 2 next in your queue.')
    expect(headline(cards, 'nl')).toBe('3 tickets hebben je nodig: 1 over de SLA, 2 in je wachtrij.')
    expect(headline(cardsOf([LISTS[1]!]), 'nl')).toBe('Geen ticket heeft je nodig.')
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) =>
      list(id, 'take', [{ ticketId: 10 + i }, { ticketId: 20 + i }]),
    )
    expect(headline(cardsOf(many), 'en')).toBe(
      '12 tickets need you: Title of a (2), Title of b (2), Title of c (2), Title of d (2), and 4 others.',
    )
    expect(headline(cardsOf(many), 'nl')).toMatch(/\(2\) en nog 4 andere\.$/)
  })

  test('a phone number dials digits and a leading + only', () => {
    expect(telHref('+31 (0)20 683-3541')).toBe('tel:+31206833541')
    expect(telHref('+31 20 683 3541')).toBe('tel:+31206833541')
    expect(telHref('020 683 3541 ext')).toBe('tel:0206833541')
    expect(telHref('javascript:alert(1)')).toBeNull()
    expect(telHref(null)).toBeNull()
  })
})
