import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb } from './fixture.js'

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday; the window is (2026-02-25T10:00Z, NOW]

describe('csat_low_callback', () => {
  const fixture = {
    companies: [{ id: 10, name: 'Bakker Installatietechniek B.V.' }],
    contacts: [{ id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries', phone: '+31 20 123 4567' }, { id: 21, company_id: 10, first_name: 'Joost', last_name: 'Smit', phone: null, mobile_phone: '06-12345678' }],
    resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }],
    tickets: [
      { id: 1, number: 'T20260301.0001', title: 'Outlook start niet op', assigned_resource_id: 7, company_id: 10, contact_id: 20 },
      { id: 2, number: 'T20260302.0004', title: 'VPN valt weg', assigned_resource_id: 7, company_id: 10, contact_id: 21 },
      { id: 3, number: 'T20260302.0005', title: 'Printer offline', assigned_resource_id: 7, company_id: 10, contact_id: 20 },
      { id: 4, number: 'T20260220.0001', title: 'Oud ticket', assigned_resource_id: 7, company_id: 10, contact_id: 20 },
      { id: 5, number: 'T20260303.0002', title: 'Blij', assigned_resource_id: 7, company_id: 10, contact_id: 20 },
    ],
    surveys: [
      { id: 101, ticket_id: 1, company_id: 10, contact_id: 20, rating: 2, completed_at: '2026-03-02T15:00:00.000Z' }, // low, in window
      { id: 102, ticket_id: 2, company_id: 10, contact_id: 21, rating: 1, completed_at: '2026-03-01T09:00:00.000Z' }, // lowest, in window
      { id: 103, ticket_id: 3, company_id: 10, contact_id: 20, rating: 2, completed_at: '2026-03-03T08:00:00.000Z' }, // low, but called back
      { id: 104, ticket_id: 4, company_id: 10, contact_id: 20, rating: 1, completed_at: '2026-02-25T10:00:00.000Z' }, // exactly on the window's open edge: out
      { id: 105, ticket_id: 5, company_id: 10, contact_id: 20, rating: 4, completed_at: '2026-03-03T12:00:00.000Z' }, // not low
    ],
    notes: [
      { id: 201, ticket_id: 1, note_type: 31, description: 'Duurde 3 dagen voordat iemand reageerde', created_at: '2026-03-02T15:00:00.000Z', creator_contact_id: 20 },
      { id: 202, ticket_id: 3, note_type: 2, description: 'Klant teruggebeld', created_at: '2026-03-03T11:00:00.000Z', creator_resource_id: 7 },
    ],
    // A time entry on ticket 2 from before the survey is no follow-up.
    entries: [{ id: 301, ticket_id: 2, resource_id: 7, created_at: '2026-02-28T16:00:00.000Z' }],
  }

  test('lists the low scores of the last 7 days not yet called back, lowest first, with who to call', async () => {
    // In window and <= 2: 101 (2), 102 (1), 103 (2). 103 has a resource note after the survey: followed up.
    // Left: 102 (rating 1) then 101 (rating 2). 104 sits exactly at now - 7 days, outside (now - 7d, now].
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'csat_low_callback', NOW)
    expect(result.kind).toBe('list')
    if (result.kind !== 'list') return
    expect(result.rows.map((row) => row.surveyId)).toEqual([102, 101])
    expect(result.rows[0]).toMatchObject({
      rating: 1,
      ticketNumber: 'T20260302.0004',
      ticketTitle: 'VPN valt weg',
      companyName: 'Bakker Installatietechniek B.V.',
      contactName: 'Joost Smit',
      contactPhone: '06-12345678',
      resourceId: 7,
      resourceName: 'Daan Visser',
      comment: null,
      completedAt: '2026-03-01T09:00:00.000Z',
    })
    expect(result.rows[1]).toMatchObject({ contactName: 'Sanne de Vries', contactPhone: '+31 20 123 4567', comment: 'Duurde 3 dagen voordat iemand reageerde' })
    expect(result.count).toBe(2)
    expect(result.context).toBe('3 customers scored us 2 or lower in the last 7 days; 2 not called back yet.')
    expect(result.status).toBe('warn')
  })

  test('with followed-up rows included, ties on score go newest first', async () => {
    // rating 1: 102; rating 2: 103 (03-03) before 101 (03-02).
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'csat_low_callback', NOW, { params: { includeFollowedUp: true } })
    expect(result.kind === 'list' && result.rows.map((row) => row.surveyId)).toEqual([102, 103, 101])
  })

  test('says so plainly when nobody scored low', async () => {
    const db = await kpiDb({})
    const result = await evaluateAt(db, 'csat_low_callback', NOW, { lang: 'nl' })
    expect(result).toMatchObject({ count: 0, status: 'good', context: 'Geen klant gaf ons de afgelopen 7 dagen een 2 of lager.' })
  })
})
