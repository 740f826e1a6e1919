import { describe, expect, expectTypeOf, test } from 'vitest'
import { DEFAULT_BUSINESS_HOURS } from '../../kpi-library/time.js'
import { defineKpi, type AnyRows, type Computed, type KpiContext, type KpiDefinition } from '../../kpi-library/types.js'
import { kpiDb } from './fixture.js'

// `compute` receives the rows of its own queries, typed by what they select (issue 10, point 4). The
// `@ts-expect-error` lines below are checked by `npm run build` (tsc over test/): should a read of a
// column the query does not select ever compile again, the directive itself becomes the error.

const probe = {
  id: 'typed_rows_probe',
  title: { en: 'Probe', nl: 'Probe' },
  description: { en: 'A KPI that only exists in this test.', nl: 'Een KPI die alleen in deze test bestaat.' },
  group: 'flow',
  kind: 'number',
  roles: ['owner'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'now', nl: 'nu' },
  params: {
    minId: { type: 'integer', default: 0, description: { en: 'Lowest ticket id.', nl: 'Laagste ticketnummer.' } },
  },
  band: null,
  freshnessMinutes: 10,
  personal: false,
  context: () => ({ en: '', nl: '' }),
} as const

/** A KPI over open tickets, their ids and completion times, and a count. */
const typed = defineKpi({
  ...probe,
  queries: ({ db, params }) => ({
    tickets: db
      .selectFrom('ticket')
      .select(['ticket.id as ticketId', 'ticket.completed_at as completedAt', 'ticket.priority'])
      .where('ticket.id', '>=', params.minId)
      .orderBy('ticket.id'),
    count: db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')),
  }),
  compute: ({ tickets, count }, { params }) => {
    expectTypeOf(params.minId).toEqualTypeOf<number>()
    expectTypeOf(tickets).toEqualTypeOf<
      Array<{ ticketId: number; completedAt: string | null; priority: number | null }>
    >()
    expectTypeOf(count).toEqualTypeOf<Array<{ n: number }>>()
    return {
      value: count[0]?.n ?? 0,
      facts: { first: tickets[0]?.ticketId ?? null, open: tickets.filter((t) => t.completedAt === null).length },
    }
  },
})

describe('typed KPI rows', () => {
  test('a column the query does not select, or selects under another name, does not compile', () => {
    defineKpi({
      ...probe,
      queries: ({ db }) => ({
        tickets: db.selectFrom('ticket').select(['ticket.id as ticketId', 'ticket.completed_at as completedAt']),
      }),
      compute: ({ tickets }) => {
        const row = tickets[0]
        if (!row) return {}
        // @ts-expect-error the query selects `ticket.id as ticketId`: `id` is not a column of its rows
        const id: unknown = row.id
        // @ts-expect-error the query does not select the title
        const title: unknown = row.title
        // @ts-expect-error a nullable column is not a string until checked
        const completed: string = row.completedAt
        return { facts: { id: String(id), title: String(title), completed } }
      },
    })
    defineKpi({
      ...probe,
      queries: ({ db }) => ({ tickets: db.selectFrom('ticket').select('ticket.id') }),
      compute: ({ tickets }) => ({ value: tickets.length, facts: { open: tickets.length } }),
      context: ({ value, facts }) => {
        expectTypeOf(value).toEqualTypeOf<number>()
        // @ts-expect-error the sentence reads a fact compute does not return
        const closed: number = facts.closed
        return { en: `${facts.open} open, ${closed} closed`, nl: `${facts.open} open, ${closed} gesloten` }
      },
    })
    defineKpi({
      ...probe,
      queries: ({ db }) => ({ tickets: db.selectFrom('ticket').select('ticket.id') }),
      // @ts-expect-error compute reads a query the KPI does not have
      compute: ({ closed }) => ({ value: closed.length }),
    })
  })

  test('sums are declared as SQLite returns them: null over no rows', async () => {
    defineKpi({
      ...probe,
      queries: ({ db }) => ({
        hours: db
          .selectFrom('time_entry')
          .select((eb) => eb.fn.sum<number | null>('time_entry.hours_worked').as('hours')),
      }),
      compute: ({ hours }) => {
        // @ts-expect-error the sum may be null: it needs a default before arithmetic
        const doubled: number = 2 * hours[0]!.hours
        return { value: hours[0]?.hours ?? 0, facts: { doubled } }
      },
    })
    const db = await kpiDb({})
    const rows = await db
      .selectFrom('time_entry')
      .select((eb) => eb.fn.sum<number | null>('time_entry.hours_worked').as('hours'))
      .execute()
    expect(rows).toEqual([{ hours: null }])
    await db.destroy()
  })

  test('the library holds typed KPIs as plain definitions, and the engine hands them their rows', async () => {
    // The one erasure: what defineKpi returns sits in a list with any other KPI.
    expectTypeOf(typed).toMatchTypeOf<KpiDefinition<{ minId: number }>>()
    expectTypeOf<Parameters<typeof typed.compute>[0]>().toEqualTypeOf<AnyRows>()
    const list: ReadonlyArray<KpiDefinition> = [typed]
    const db = await kpiDb({
      tickets: [{ id: 7 }, { id: 9, state: 'complete', completed_at: '2026-01-02T10:00:00.000Z' }],
    })
    const ctx: KpiContext<{ minId: number }> = {
      db,
      now: new Date('2026-01-05T10:00:00Z'),
      tz: 'Europe/Amsterdam',
      hours: DEFAULT_BUSINESS_HOURS,
      params: { minId: 8 },
      me: null,
      role: 'owner',
      lang: 'en',
    }
    const rows: AnyRows = {}
    for (const [name, query] of Object.entries(list[0]!.queries(ctx))) rows[name] = await query.execute()
    const computed: Computed = list[0]!.compute(rows, ctx)
    expect(computed).toEqual({ value: 2, facts: { first: 9, open: 0 } })
    await db.destroy()
  })
})
