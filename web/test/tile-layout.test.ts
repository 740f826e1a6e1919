import { describe, expect, test } from 'vitest'
import { fillHoles, pack, planLayout, type TileShape } from '../src/layout.ts'
import { windowNote, windowSource } from '../src/widgets/window-note.ts'

describe('the period a tile title adds', () => {
  test('said once: nothing added when the title says it already, in either language', () => {
    expect(windowNote('Kill rate, last 7 days', 'last 7 days')).toBeNull()
    expect(windowNote('Afhandelratio, afgelopen 7 dagen', 'afgelopen 7 dagen')).toBeNull()
    expect(windowNote('Tickets created today', 'today')).toBeNull()
    expect(windowNote('Tickets vandaag aangemaakt', 'vandaag')).toBeNull()
    // Same period in other words: "last week" is the previous ISO week, "last month" the previous calendar month.
    expect(windowNote('Billable utilization, billable staff, last week', 'previous ISO week')).toBeNull()
    expect(windowNote('Bezetting declarabele medewerkers, vorige week', 'vorige ISO-week')).toBeNull()
    expect(windowNote('Realisatiegraad, vorige maand', 'vorige kalendermaand')).toBeNull()
    expect(
      windowNote('Tickets created, last 30 calendar days', 'last 30 calendar days, today so far included, per day'),
    ).toBeNull()
    expect(windowNote('SLA breach rate, deadlines in last 7 days', 'due in the last 7 days')).toBeNull()
    expect(windowNote('Billable hours this week', 'this ISO week so far')).toBeNull()
    expect(windowNote('Contracts expiring within 90 days', 'next 90 days')).toBeNull()
    expect(windowNote('Offertes die binnen 14 dagen verlopen', 'komende 14 dagen')).toBeNull()
    expect(windowNote('Time-sheet gaps, last working day', 'previous business day')).toBeNull()
    expect(windowNote('CSAT, last 30 days', 'last 30 days')).toBeNull()
  })

  test('added when the title does not say it: its first clause, after a comma', () => {
    expect(windowNote('Open tickets', 'now')).toBe(', now')
    expect(windowNote('Open tickets', 'nu')).toBe(', nu')
    expect(windowNote('Backlog as % of daily volume', 'now, against the last 20 business days')).toBe(', now')
    expect(windowNote('High-priority tickets idle > 2 hours', 'now (business hours)')).toBe(', now')
    expect(windowNote('Agreement hour budget used', 'month to date')).toBe(', month to date')
    expect(windowNote('Mean time to resolve incidents', 'resolved in the last 30 days')).toBe(
      ', resolved in the last 30 days',
    )
    expect(windowNote('CSAT per calendar month, this month so far', 'last 12 months, by month')).toBe(
      ', last 12 months',
    )
  })

  test('a window longer than the synced history says so, also where the title says the period', () => {
    expect(windowNote('CSAT by client, last 6 months', 'last 6 months (32 days of data)')).toBe(' (32 days of data)')
    expect(
      windowNote('Klanttevredenheid per klant, afgelopen 6 maanden', 'afgelopen 6 maanden (32 dagen gegevens)'),
    ).toBe(' (32 dagen gegevens)')
    expect(windowNote('Alert ticket share', 'last 8 ISO weeks, this week included (1 day of data)')).toBe(
      ', last 8 ISO weeks (1 day of data)',
    )
  })

  test('a result computed from SmileBack says so, also where the title says the period', () => {
    expect(windowNote('CSAT, last 30 days', 'last 30 days · SmileBack')).toBe(' · SmileBack')
    expect(windowNote('Open tickets', 'now · SmileBack')).toBe(', now · SmileBack')
    expect(windowNote('Klanttevredenheid per klant', 'afgelopen 90 dagen · SmileBack')).toBe(
      ', afgelopen 90 dagen · SmileBack',
    )
    // After the history's note, which still shows.
    expect(windowNote('CSAT by client, last 6 months', 'last 6 months (32 days of data) · SmileBack')).toBe(
      ' (32 days of data) · SmileBack',
    )
    expect(windowNote('CSAT per calendar month', 'last 12 months, by month (3 days of data) · SmileBack')).toBe(
      ', last 12 months (3 days of data) · SmileBack',
    )
    // The strip shows no window: it takes the source alone.
    expect(windowSource('last 30 days · SmileBack')).toBe('SmileBack')
    expect(windowSource('last 30 days')).toBeNull()
  })

  test('a title ending in the start of the period goes on from it', () => {
    expect(windowNote('Clients with a ticket spike, last 14 days', 'last 14 days vs the 26 weeks before')).toBe(
      ' vs the 26 weeks before',
    )
    expect(
      windowNote('Klanten met een ticketpiek, afgelopen 14 dagen', 'afgelopen 14 dagen tegenover de 26 weken ervoor'),
    ).toBe(' tegenover de 26 weken ervoor')
    expect(windowNote('Net revenue retention (12 months)', '12 months to the end of last month')).toBe(
      ', to the end of last month',
    )
    expect(windowNote('Netto omzetbehoud (12 maanden)', '12 maanden tot het einde van vorige maand')).toBe(
      ', tot het einde van vorige maand',
    )
  })
})

describe('the wall layout', () => {
  const cells = (
    placements: Array<{ col: number; row: number; w: number; h: number }>,
    columns: number,
    rows: number,
  ) => {
    const grid = Array.from({ length: rows }, () => Array<number>(columns).fill(0))
    for (const p of placements)
      for (let r = p.row; r < p.row + p.h; r++) for (let c = p.col; c < p.col + p.w; c++) grid[r]![c]!++
    return grid.flat()
  }

  test('no cell stands empty: rows share their spare cells, tiles grow into the holes the packing leaves', () => {
    const shapes: TileShape[] = [
      ...Array.from({ length: 7 }, () => ({ kind: 'number' as const, size: 'm' as const })),
      ...Array.from({ length: 12 }, () => ({ kind: 'list' as const, size: 'm' as const })),
      ...Array.from({ length: 3 }, () => ({ kind: 'breakdown' as const, size: 'm' as const })),
    ]
    const spans = shapes.map((shape) => (shape.kind === 'number' ? { w: 1, h: 1 } : { w: 2, h: 1 }))
    const { placements, rows } = pack(spans, 8)
    expect(cells(placements, 8, rows).filter((n) => n === 0).length).toBe(3)
    const filled = fillHoles(placements, shapes, 8, rows)
    expect(cells(filled, 8, rows).every((n) => n === 1)).toBe(true)
    // A row of one-row tiles shares its spare cells out, one each in turn, not all to the last tile.
    expect(
      filled
        .slice(19)
        .map((p) => p.w)
        .sort(),
    ).toEqual([2, 3, 3])
    expect(
      filled
        .slice(0, 7)
        .map((p) => p.w)
        .sort(),
    ).toEqual([1, 1, 1, 1, 1, 1, 2])
  })

  test('every wall the planner lays out covers its grid exactly once, with or without the text it knows', () => {
    const text = {
      title: 'Tickets breaching SLA within 2 hours, now',
      value: 4,
      target: true,
      context: 90,
      rows: 5,
      natural: false,
    }
    for (const count of [3, 9, 17, 22, 40]) {
      const shapes: TileShape[] = Array.from({ length: count }, (_, i) => ({
        kind: (['number', 'list', 'breakdown', 'trend'] as const)[i % 4]!,
        size: 'm',
        empty: i % 7 === 1,
        text,
      }))
      for (const known of [true, false]) {
        const plan = planLayout(
          known ? shapes : shapes.map(({ text: _text, ...shape }) => shape),
          { width: 1920, height: 1080 },
          true,
        )
        expect(
          cells(plan.placements, plan.columns, plan.rows).every((n) => n === 1),
          `${count} tiles`,
        ).toBe(true)
        expect(plan.rowHeights.length).toBe(plan.rows)
      }
    }
  })

  test('rows of tiles with more to say get more of the height, within a third of an even share', () => {
    const number = {
      kind: 'number' as const,
      size: 's' as const,
      text: { title: 'Open tickets', value: 2, target: false, context: 30, rows: 0, natural: false },
    }
    const list = {
      kind: 'list' as const,
      size: 's' as const,
      text: { title: 'Tickets without a response', value: 2, target: false, context: 80, rows: 9, natural: false },
    }
    const plan = planLayout([number, number, number, list, list, list], { width: 1000, height: 700 }, false)
    expect(plan.rows).toBe(2)
    expect(plan.rowHeights[1]!).toBeGreaterThan(plan.rowHeights[0]!)
    expect(plan.rowHeights[1]! / plan.cell.height).toBeLessThanOrEqual(1.34)
  })
})
