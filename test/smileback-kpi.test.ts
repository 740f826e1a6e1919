import { describe, expect, onTestFinished, test } from 'vitest'
import { createSmileBackConnector } from '../connectors/smileback/index.js'
import type { SimReview } from '../connectors/smileback/simulator/reviews.js'
import { startSmileBackSimulator } from '../connectors/smileback/simulator/server.js'
import type { DbHandle } from '../db/index.js'
import { simReview } from './helpers/smileback-reviews.js'
import { evaluateAt, fixtureDb, listRows } from './kpi/fixture.js'

// The CSAT tiles on SmileBack reviews, synced through the connector from the simulator (so a deleted review
// arrives as SmileBack sends it), with values worked out by hand from the named reviews below.

const NOW = '2026-03-02T10:00:00.000Z'

function review(
  id: number,
  ticket: number,
  rating: -1 | 0 | 1 | null,
  ratedOn: string | null,
  more: Partial<SimReview> = {},
): SimReview {
  return simReview(id, String(ticket), rating, ratedOn, ratedOn ?? '2026-02-28T08:00:00.000000Z', more)
}

/**
 * In the last 30 days (after 2026-01-31T10:00Z): positive 1, 2, 3 (yesterday, with a comment); neutral 4; negative 5 (yesterday, with a
 * comment); 6 negative but deleted; 7 unrated. Review 8 is positive but rated in January, outside the window.
 */
const REVIEWS = (): SimReview[] => [
  review(1, 101, 1, '2026-02-20T09:00:00.000000Z'),
  review(2, 102, 1, '2026-02-25T09:00:00.000000Z'),
  review(3, 106, 1, '2026-03-01T08:00:00.000000Z', { comment: 'Snel opgelost, top!' }),
  review(4, 104, 0, '2026-02-27T09:00:00.000000Z'),
  review(5, 103, -1, '2026-03-01T09:00:00.000000Z', { comment: 'Duurde drie dagen voordat iemand reageerde' }),
  review(6, 105, -1, '2026-03-01T10:00:00.000000Z', {
    status: 'deleted',
    last_modified: '2026-03-01T12:00:00.000000Z',
  }),
  review(7, 107, null, null),
  review(8, 108, 1, '2026-01-15T09:00:00.000000Z'),
]

/**
 * Tickets 101-109 of Verbeek (177), contact Ilse Ramdin (501), assigned to Daan Visser (7) but 106 to Eva (8); SLA met
 * on 101, 102 and 106, breached on 103 and 104; all completed on 19 February but 108 (14 January).
 */
async function desk(): Promise<DbHandle> {
  return fixtureDb({
    companies: [{ id: 177, name: 'Accountantskantoor Verbeek' }],
    contacts: [{ id: 501, company_id: 177, first_name: 'Ilse', last_name: 'Ramdin', phone: '+31 20 161 2551' }],
    resources: [
      { id: 7, first_name: 'Daan', last_name: 'Visser' },
      { id: 8, first_name: 'Eva', last_name: 'Jansen' },
    ],
    tickets: [101, 102, 103, 104, 105, 106, 107, 108, 109].map((id) => ({
      id,
      number: `T20260301.0${id}`,
      title: id === 103 ? 'Outlook start niet' : `Ticket ${id}`,
      company_id: 177,
      contact_id: 501,
      assigned_resource_id: id === 106 ? 8 : 7,
      sla_met: ([101, 102, 106].includes(id) ? 1 : [103, 104].includes(id) ? 0 : null) as 0 | 1 | null,
      state: 'complete',
      completed_at: id === 108 ? '2026-01-14T16:00:00.000Z' : '2026-02-19T16:00:00.000Z',
    })),
    // One survey result in Autotask, rated 5: what the tiles read before SmileBack is connected.
    surveys: [{ id: 900, ticket_id: 101, rating: 5, completed_at: '2026-02-26T09:00:00.000Z' }],
  })
}

async function syncReviews(handle: DbHandle, reviews: SimReview[]) {
  const sim = await startSmileBackSimulator({ reviews: () => reviews, throttle: false })
  onTestFinished(() => sim.close())
  const connector = createSmileBackConnector(handle, { credentials: sim.credentials })
  onTestFinished(() => connector.stop())
  expect(await connector.sync({ force: true })).toMatchObject({ ok: true })
}

describe('CSAT tiles with SmileBack connected', () => {
  test('csat_positive_30d: positive reviews out of the rated ones of the last 30 days, deleted and unrated left out', async () => {
    const handle = await desk()
    // Before SmileBack is connected: Autotask's one survey result, rated 5 = 100%; the window names no source.
    expect(await evaluateAt(handle.db, 'csat_positive_30d', NOW)).toMatchObject({ value: 100, window: 'last 30 days' })
    await syncReviews(handle, REVIEWS())
    // Rated in the window and not deleted: 1, 2, 3 (positive), 4 (neutral), 5 (negative): 3 / 5 = 60%. The window,
    // the part of a tile that always shows, says where the number comes from.
    const result = await evaluateAt(handle.db, 'csat_positive_30d', NOW)
    expect(result).toMatchObject({
      value: 60,
      window: 'last 30 days · SmileBack',
      context: '60% positive (5 SmileBack reviews) in the last 30 days.',
    })
    expect(await evaluateAt(handle.db, 'csat_positive_30d', NOW, { lang: 'nl' })).toMatchObject({
      window: 'afgelopen 30 dagen · SmileBack',
      context: '60% positief (5 SmileBack-beoordelingen) in de afgelopen 30 dagen.',
    })
    // Daan's tickets: 101, 102, 104, 103 (106 is Eva's): 2 positive of 4 = 50%.
    expect(await evaluateAt(handle.db, 'csat_positive_30d', NOW, { me: 7 })).toMatchObject({ value: 50 })
    // Per calendar month (Amsterdam): March so far holds 3 and 5 (1 of 2 positive = 50%), February 1, 2 and 4 (2 of
    // 3 = 66.67%), January 8 (100%).
    const months = await evaluateAt(handle.db, 'csat_score', NOW)
    expect(months).toMatchObject({
      value: 50,
      window: expect.stringMatching(/^last 12 months, by month.* · SmileBack$/),
      context: 'This month so far: 50% positive (2 SmileBack reviews); 66.7% last month.',
    })
    expect(months.kind === 'trend' && months.points.slice(-3)).toEqual([
      { t: '2026-01', value: 100 },
      { t: '2026-02', value: 66.67 },
      { t: '2026-03', value: 50 },
    ])
    // The same reviews on the 1-5 scale: (5 + 5 + 5 + 3 + 1) / 5 = 3.8.
    expect(await evaluateAt(handle.db, 'csat_average', NOW)).toMatchObject({
      value: 3.8,
      context: 'Customers rated us 3.8 out of 5 on average over 5 SmileBack reviews in the last 30 days.',
    })
    // Rated in the last 30 days: 5 reviews, for the 8 tickets completed then (101-107 and 109): 62.5%.
    expect(await evaluateAt(handle.db, 'csat_response_rate', NOW)).toMatchObject({
      value: 62.5,
      context: '5 SmileBack reviews came back for 8 completed tickets in the last 30 days (62.5%).',
    })
    // The same reviews for the negative share: 1 of 5 = 20%.
    expect(await evaluateAt(handle.db, 'csat_negative_rate', NOW)).toMatchObject({
      value: 20,
      context: '1 of 5 SmileBack reviews in the last 30 days negative (20%).',
    })
  })

  test('csat_low_callback: the negative review of the last 7 days with its comment, contact phone and ticket', async () => {
    const handle = await desk()
    const reviews = REVIEWS()
    await syncReviews(handle, reviews)
    const result = await evaluateAt(handle.db, 'csat_low_callback', NOW)
    // Negative and rated after 2026-02-23T10:00Z: 5 (6 was deleted).
    expect(listRows(result)).toEqual([
      expect.objectContaining({
        rowKey: 'smilebackReviewId=5',
        reviewId: 5,
        // The face, and on the 1-5 scale the wall draws a rating in (one star).
        smileBackRating: -1,
        rating: 1,
        comment: 'Duurde drie dagen voordat iemand reageerde',
        contactName: 'Ilse Ramdin',
        contactPhone: '+31 20 161 2551',
        companyName: 'Accountantskantoor Verbeek',
        ticketId: 103,
        ticketNumber: 'T20260301.0103',
        ticketTitle: 'Outlook start niet',
        resourceName: 'Daan Visser',
        completedAt: '2026-03-01T09:00:00.000Z',
        followedUpAt: null,
      }),
    ])
    expect(result.context).toBe(
      '1 to call back: the negative SmileBack review of the last 7 days, none followed up yet.',
    )
    // Daan writes a note on ticket 103 after the review: followed up, off the list.
    await handle.db
      .insertInto('ticket_note')
      .values({
        id: 1,
        psa: 'autotask',
        ticket_id: 103,
        creator_resource_id: 7,
        created_at: '2026-03-01T11:00:00.000Z',
        synced_at: NOW,
      } as never)
      .execute()
    const after = await evaluateAt(handle.db, 'csat_low_callback', NOW, { lang: 'nl' })
    expect(listRows(after)).toEqual([])
    expect(after.context).toBe(
      '0 terug te bellen; de 1 negatieve SmileBack-beoordeling van de afgelopen 7 dagen is opgevolgd.',
    )
  })

  test('kudos_feed: positive reviews with a comment, newest first', async () => {
    const handle = await desk()
    await syncReviews(handle, REVIEWS())
    // Positive, with a comment, rated after 2026-02-28T10:00Z (48 hours): 3 only, on Eva's ticket 106.
    const result = await evaluateAt(handle.db, 'kudos_feed', NOW, { params: { hours: 48 } })
    expect(listRows(result)).toEqual([
      expect.objectContaining({
        reviewId: 3,
        smileBackRating: 1,
        rating: 5,
        comment: 'Snel opgelost, top!',
        resourceName: 'Eva Jansen',
        contactName: 'Ilse Ramdin',
        ticketNumber: 'T20260301.0106',
      }),
    ])
    expect(result.context).toBe('1 customer left a compliment in SmileBack in the last 48 hours, for 1 engineer.')
    // The last 24 hours (after 2026-03-01T10:00Z): none.
    expect(listRows(await evaluateAt(handle.db, 'kudos_feed', NOW))).toEqual([])
  })

  test('csat_by_engineer and csat_by_client: a positive face counts as 5, a neutral one 3, a negative one 1', async () => {
    const handle = await desk()
    await syncReviews(handle, REVIEWS())
    // Rated in the last 90 days and not deleted: 1, 2, 4, 5, 8 on Daan's tickets (3 positive of 5 = 60%), 3 on
    // Eva's 106 (positive: 100%); the team 4 of 6 = 66.67%.
    const byEngineer = await evaluateAt(handle.db, 'csat_by_engineer', NOW, { params: { minResponses: 1 } })
    expect(byEngineer).toMatchObject({
      value: 66.67,
      window: expect.stringMatching(/ · SmileBack$/),
      items: [
        { label: 'Daan Visser', value: 60, responses: 5 },
        { label: 'Eva Jansen', value: 100, responses: 1 },
      ],
    })
    // By the SLA of the linked ticket (met on 101, 102 and 106, breached on 103 and 104, unknown on 108): met 3 of 3
    // positive (100%), breached 0 of 2: a gap of 100 points.
    expect(await evaluateAt(handle.db, 'csat_gap_on_breach', NOW)).toMatchObject({
      value: 100,
      window: expect.stringMatching(/ · SmileBack$/),
    })
    // The same six for the one client.
    expect(await evaluateAt(handle.db, 'csat_by_company', NOW)).toMatchObject({
      value: 66.67,
      window: expect.stringMatching(/ · SmileBack$/),
      items: [{ label: 'Accountantskantoor Verbeek', value: 66.67, responses: 6 }],
    })
  })

  test('clients_csat_dropped: a client with two negative reviews in 30 days, with the last one’s comment', async () => {
    const handle = await desk()
    await syncReviews(handle, [...REVIEWS(), review(9, 109, -1, '2026-02-28T09:00:00.000000Z')])
    // Negative in the last 30 days for Verbeek: 9 and 5 (6 was deleted): two, so listed; the last is 5. In the last
    // 90 days 1, 2, 3 and 8 of the 7 rated are positive: 57.14%; nothing the 90 days before to compare with.
    const dropped = await evaluateAt(handle.db, 'clients_csat_dropped', NOW)
    expect(dropped.window).toMatch(/ · SmileBack$/)
    expect(listRows(dropped)).toEqual([
      expect.objectContaining({
        companyId: 177,
        negatives: 2,
        // The row says "2 negative SmileBack reviews" (web/src/widgets/row-why.ts).
        source: 'smileback',
        csatNow: 57.14,
        csatBefore: null,
        responsesNow: 7,
        lastNegativeAt: '2026-03-01T09:00:00.000Z',
        lastNegativeComment: 'Duurde drie dagen voordat iemand reageerde',
        lastNegativeTicketNumber: 'T20260301.0103',
        contactName: 'Ilse Ramdin',
        contactPhone: '+31 20 161 2551',
      }),
    ])
  })

  /** Verbeek's recurring contract of €1,000 a month to 2027, and two Autotask surveys rated 1 in the last 30 days. */
  async function unhappyInAutotask(handle: DbHandle) {
    await handle.db
      .insertInto('contract')
      .values({
        id: 1,
        psa: 'autotask',
        company_id: 177,
        contract_type: 7,
        status: 1,
        is_default: 0,
        start_date: '2025-01-01',
        end_date: '2027-12-31',
        udf: JSON.stringify({ 'Monthly Value': '1000' }),
        synced_at: NOW,
      } as never)
      .execute()
    for (const [id, ticket] of [
      [901, 102],
      [902, 104],
    ])
      await handle.db
        .insertInto('survey_result')
        .values({
          id,
          psa: 'autotask',
          ticket_id: ticket,
          company_id: 177,
          rating: 1,
          completed_at: '2026-02-27T09:00:00.000Z',
          synced_at: NOW,
        } as never)
        .execute()
  }

  test('mrr_at_risk: low CSAT is 2 negative SmileBack reviews in 30 days, as on the CSAT tiles', async () => {
    // Before SmileBack: Verbeek's two Autotask surveys rated 1 make its €1,000 at risk.
    const autotask = await desk()
    await unhappyInAutotask(autotask)
    expect(await evaluateAt(autotask.db, 'mrr_at_risk', NOW)).toMatchObject({
      value: 1000,
      window: 'now',
      context: '€1,000 of MRR sits with 1 of 1 clients at risk (contract ending: 0, over budget: 0, low CSAT: 1).',
    })
    // With SmileBack the surveys count no more: in the last 30 days only review 5 is negative (6 was deleted), 1 of
    // the 2 needed.
    await syncReviews(autotask, REVIEWS())
    expect(await evaluateAt(autotask.db, 'mrr_at_risk', NOW)).toMatchObject({ value: 0, window: 'now · SmileBack' })
    // Review 9, negative on 28 February, makes two: Verbeek at risk, the same client clients_csat_dropped lists.
    const smileBack = await desk()
    await unhappyInAutotask(smileBack)
    await syncReviews(smileBack, [...REVIEWS(), review(9, 109, -1, '2026-02-28T09:00:00.000000Z')])
    expect(await evaluateAt(smileBack.db, 'mrr_at_risk', NOW, { lang: 'nl' })).toMatchObject({
      value: 1000,
      window: 'nu · SmileBack',
      context:
        '€ 1.000 MRR zit bij 1 van de 1 klanten met risico (contract loopt af: 0, boven budget: 0, lage CSAT: 1).',
    })
  })

  test('client_health_score: the CSAT part is the share of positive SmileBack reviews of 90 days', async () => {
    const handle = await desk()
    // Verbeek, no contract: SLA met on 3 of its 5 tickets with a result (60%: (60 - 75) x 5 -> 0, w20); all 9 tickets
    // created 5 January, none in the last 30 days (trend 100 - (0 / 4.5 - 1) x 100 = 200 -> 100, w15); no agreement
    // (no rate part); no contract (0, w15). Autotask's one survey has no company: no CSAT part.
    // (0 + 1500 + 0) / 50 = 30.
    expect(await evaluateAt(handle.db, 'client_health_score', NOW)).toMatchObject({
      value: 30,
      window: 'last 90 days',
    })
    // With SmileBack: rated in the last 90 days, not deleted, 1, 2, 3, 8 positive of 1, 2, 3, 4, 5, 8: 66.67% (w30).
    // (30 x 66.667 + 0 + 1500 + 0) / 80 = 3500 / 80 = 43.75.
    await syncReviews(handle, REVIEWS())
    expect(await evaluateAt(handle.db, 'client_health_score', NOW)).toMatchObject({
      value: 43.75,
      window: 'last 90 days · SmileBack',
    })
  })

  test('reopened_this_week: a reopened ticket shows its last SmileBack face, not Autotask’s survey', async () => {
    const handle = await desk()
    // Ticket 103 (review 5, negative) was resolved 27 February and is back in progress since 1 March 12:00.
    await handle.db
      .updateTable('ticket')
      .set({
        status: 1,
        state: 'open',
        resolved_at: '2026-02-27T09:00:00.000Z',
        last_activity_at: '2026-03-01T12:00:00.000Z',
      })
      .where('id', '=', 103)
      .execute()
    await handle.db
      .insertInto('survey_result')
      .values({ id: 903, psa: 'autotask', ticket_id: 103, rating: 4, completed_at: NOW, synced_at: NOW } as never)
      .execute()
    // Before SmileBack: the Autotask survey's 4 stars.
    const before = await evaluateAt(handle.db, 'reopened_this_week', NOW)
    expect(before.window).toBe('last 7 days')
    expect(listRows(before)).toEqual([expect.objectContaining({ ticketId: 103, rating: 4 })])
    expect(listRows(before)[0]).not.toHaveProperty('smileBackRating')
    await syncReviews(handle, REVIEWS())
    // With SmileBack: review 5's negative face, 1 on the survey scale.
    const after = await evaluateAt(handle.db, 'reopened_this_week', NOW)
    expect(after.window).toBe('last 7 days · SmileBack')
    expect(listRows(after)).toEqual([expect.objectContaining({ ticketId: 103, rating: 1, smileBackRating: -1 })])
  })
})
