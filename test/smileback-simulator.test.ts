import { createHash } from 'node:crypto'
import { describe, expect, onTestFinished, test } from 'vitest'
import { createSimWorld } from '../connectors/autotask/simulator/world/index.js'
import { createSmileBackConnector } from '../connectors/smileback/index.js'
import { COMMENTS } from '../connectors/smileback/simulator/comments.js'
import { worldReviews } from '../connectors/smileback/simulator/reviews.js'
import { startWorldSmileBack } from '../connectors/smileback/simulator/start.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from './helpers/sync-env.js'

// The SmileBack simulator's reviews come from the Autotask simulator's world: seeded, read-only, linked.

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex')

describe('SmileBack reviews of the simulated desk', () => {
  test('the same seed and clock give the same reviews, and reading them leaves the world as it was', () => {
    const world = createSimWorld({ size: 'tiny', seed: 7, now: SIM_NOW })
    const tickets = digest(world.records('Tickets'))
    const first = worldReviews(world)()
    expect(digest(world.records('Tickets'))).toBe(tickets)
    expect(digest(worldReviews(createSimWorld({ size: 'tiny', seed: 7, now: SIM_NOW }))())).toBe(digest(first))
    expect(digest(worldReviews(createSimWorld({ size: 'tiny', seed: 8, now: SIM_NOW }))())).not.toBe(digest(first))
  })

  test('reviews are of completed tickets by their contacts, with Dutch and English comments', () => {
    const world = createSimWorld({ size: 'small', seed: 7, now: SIM_NOW })
    const reviews = worldReviews(world)()
    const tickets = new Map(world.records('Tickets').map((ticket) => [String(ticket.id), ticket]))
    for (const review of reviews) {
      const ticket = tickets.get(review.ticket.id)!
      expect(ticket.completedDate).not.toBeNull()
      expect(review.contact.id).toBe(String(ticket.contactID))
      expect(review.last_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      if (review.rating === null) expect([review.rated_on, review.comment]).toEqual([null, null])
    }
    const ratings = new Set(reviews.map((review) => review.rating))
    expect(ratings).toEqual(new Set([1, 0, -1, null]))
    const comments = reviews.map((review) => review.comment)
    expect(comments).toContain('Snel opgelost, top!')
    const english = [...COMMENTS[1].en, ...COMMENTS[0].en, ...COMMENTS[-1].en]
    expect(comments.some((comment) => comment !== null && english.includes(comment))).toBe(true)
    expect(reviews.some((review) => review.status === 'deleted')).toBe(true)
    expect(reviews.some((review) => review.status === 'done')).toBe(true)
  })

  test('as the clock moves on reviews come in, get rated, marked done or deleted, each bumping last_modified', () => {
    const world = createSimWorld({ size: 'small', seed: 7, now: SIM_NOW })
    const source = worldReviews(world)
    const before = new Map(source().map((review) => [review.id, review]))
    world.advance(2 * 86_400_000)
    const after = source()
    const changed = after.filter((review) => before.has(review.id) && digest(review) !== digest(before.get(review.id)))
    expect(after.length).toBeGreaterThan(before.size)
    expect(changed.length).toBeGreaterThan(0)
    for (const review of changed) expect(review.last_modified > before.get(review.id)!.last_modified).toBe(true)
    expect(after.filter((review) => review.id && before.has(review.id)).length).toBe(before.size)
  })

  test.each(['id', 'number'] as const)(
    'synced after the Autotask simulator, every review links to its ticket and contact (ticket.id as %s)',
    async (ticketIdMode) => {
      const handle = await openTempDb()
      const sim = await startSim()
      expect((await fastConnector(handle, sim.credentials).sync()).ok).toBe(true)
      const smileBack = await startWorldSmileBack(sim.world, { ticketIdMode, throttle: false })
      onTestFinished(() => smileBack.close())
      const connector = createSmileBackConnector(handle, { credentials: smileBack.credentials })
      onTestFinished(() => connector.stop())
      const result = await connector.sync()
      const all = worldReviews(sim.world)()
      const served = all.filter((review) => review.status !== 'deleted')
      // Every review is read, the deleted ones too (that is how their deletion arrives); those are not kept.
      expect(result).toMatchObject({ ok: true, records: all.length, unlinked: 0 })
      const rows = await handle.db.selectFrom('smileback_review').selectAll().orderBy('id').execute()
      expect(rows.map((row) => row.id)).toEqual(served.map((review) => review.id))
      for (const row of rows) {
        expect(row.ticket_id).toBe(row.id - 35_000_000)
        expect(row.contact_id).toBe(Number(row.contact_ref))
      }
    },
  )
})
