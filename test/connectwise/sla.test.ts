import { createServer } from 'node:http'
import { describe, expect, test } from 'vitest'
import { openRecord } from '../../connectors/connectwise/map.js'
import { dueTimesOf, readSlaSetup, type SlaSetup } from '../../connectors/connectwise/sla.js'
import { oneLineFailure, serveForTest, testClient } from './client-env.js'

// Due times worked out by hand on a small ConnectWise setup served over HTTP: one SLA on an office calendar of
// Monday to Friday 08:30-17:30 (Europe/Amsterdam), Easter Monday 2026 off and the afternoon of 24 April closed;
// Medium (2) must be answered in 4 business hours, planned in 8 and resolved in 24; Low (3) gets half the SLA's
// own 8 response hours; Critical (4) has no row of its own, so the SLA's. A second SLA runs around the clock.

const CALENDAR = {
  id: 7,
  name: 'Kantooruren',
  holidayList: { id: 3, name: 'Feestdagen' },
  ...Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((day) => [
      [`${day}StartTime`, '08:30:00'],
      [`${day}EndTime`, '17:30:00'],
    ]),
  ),
  saturdayStartTime: null,
  saturdayEndTime: null,
  sundayStartTime: null,
  sundayEndTime: null,
}

const SETUP: Record<string, unknown> = {
  'service/SLAs': [
    {
      id: 1,
      name: 'Standaard',
      basedOn: 'Custom',
      customCalendar: { id: 7, name: 'Kantooruren' },
      respondHours: 8,
      planWithin: 16,
      resolutionHours: 40,
    },
    { id: 2, name: 'Continu', basedOn: 'AllHours', respondHours: 4, planWithin: 8, resolutionHours: 24 },
  ],
  'service/SLAs/1/priorities': [
    { id: 11, priority: { id: 2, name: 'Medium' }, respondHours: 4, planWithin: '8', resolutionHours: 24 },
    { id: 12, priority: { id: 3, name: 'Low' }, respondHours: null, respondPercent: 50 },
  ],
  'service/SLAs/2/priorities': [],
  'schedule/calendars/7': CALENDAR,
  'schedule/holidayLists/3/holidays': [
    { id: 31, name: 'Tweede Paasdag', allDayFlag: true, date: '2026-04-06' },
    { id: 32, name: 'Middag vrij', allDayFlag: false, date: '2026-04-24', timeStart: '12:00:00', timeEnd: '17:30:00' },
  ],
}

/** A ConnectWise site answering the setup above (lists page by forward-only `pageId`). */
async function setupSite(answers: Record<string, unknown>) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site')
    response.setHeader('content-type', 'application/json')
    if (url.pathname.startsWith('/login/companyinfo/')) {
      response.end(JSON.stringify({ Codebase: 'v2025_1/', CompanyName: 'Test', IsCloud: true }))
      return
    }
    const path = url.pathname.replace(/^\/v2025_1\/apis\/3\.0\//, '')
    const answer = answers[path]
    if (answer === undefined) {
      response.statusCode = 404
      response.end(JSON.stringify({ code: 'NotFound', message: `${path} not found` }))
      return
    }
    // A list is served whole on the first page, then ends.
    response.end(JSON.stringify(Array.isArray(answer) && url.searchParams.has('pageId') ? [] : answer))
  })
  const site = await serveForTest(server)
  return { site, company: 'test', publicKey: 'pub', privateKey: 'secret-key', clientId: 'client' }
}

async function readSetup(answers = SETUP): Promise<SlaSetup> {
  const { client } = testClient(await setupSite(answers))
  return readSlaSetup(client, 'Europe/Amsterdam')
}

function ticket(created: string, priority: number | null, sla: number | null = 1) {
  return openRecord('Tickets', {
    id: 100,
    sla: sla === null ? null : { id: sla, name: 'SLA' },
    priority: priority === null ? null : { id: priority, name: 'P' },
    _info: { dateEntered: created, lastUpdated: created },
  })
}

describe('ConnectWise SLA due times', () => {
  test('created Friday 16:00 at Medium: 1.5 hours on Friday, the rest from Monday 08:30', async () => {
    const setup = await readSetup()
    // Friday 6 March 2026, 16:00 CET.
    expect(dueTimesOf(setup, ticket('2026-03-06T15:00:00Z', 2))).toEqual({
      // 1.5 h on Friday, 2.5 h on Monday: 11:00.
      first_response_due_at: '2026-03-09T10:00:00.000Z',
      // 1.5 + 6.5: Monday 15:00.
      resolution_plan_due_at: '2026-03-09T14:00:00.000Z',
      // 1.5 + 9 (Monday) + 9 (Tuesday) + 4.5: Wednesday 13:00.
      resolved_due_at: '2026-03-11T12:00:00.000Z',
    })
  })

  test('a holiday and a closed afternoon are skipped, in summer time', async () => {
    const setup = await readSetup()
    // Friday 3 April 2026, 16:00 CEST: 1.5 h, then Easter Monday off, so Tuesday 08:30 + 2.5 h = 11:00.
    expect(dueTimesOf(setup, ticket('2026-04-03T14:00:00Z', 2)).first_response_due_at).toBe('2026-04-07T09:00:00.000Z')
    // Friday 24 April, 11:00: one hour before the afternoon closes, then Monday 08:30 + 3 h = 11:30.
    expect(dueTimesOf(setup, ticket('2026-04-24T09:00:00Z', 2)).first_response_due_at).toBe('2026-04-27T09:30:00.000Z')
  })

  test("a priority without hours takes its share of the SLA's, one not listed the SLA's own", async () => {
    const setup = await readSetup()
    // Monday 9 March, 09:00 CET. Low: 50% of 8 h = 4 h, 13:00. Critical: 8 h, 17:00 (the day ends 17:30).
    expect(dueTimesOf(setup, ticket('2026-03-09T08:00:00Z', 3)).first_response_due_at).toBe('2026-03-09T12:00:00.000Z')
    const critical = dueTimesOf(setup, ticket('2026-03-09T08:00:00Z', 4))
    expect(critical.first_response_due_at).toBe('2026-03-09T16:00:00.000Z')
    // 16 h: 8.5 on Monday, 7.5 on Tuesday: 16:00.
    expect(critical.resolution_plan_due_at).toBe('2026-03-10T15:00:00.000Z')
  })

  test('an SLA around the clock counts wall-clock hours; a ticket without an SLA has no due times', async () => {
    const setup = await readSetup()
    expect(dueTimesOf(setup, ticket('2026-03-06T15:00:00Z', 2, 2))).toEqual({
      first_response_due_at: '2026-03-06T19:00:00.000Z',
      resolution_plan_due_at: '2026-03-06T23:00:00.000Z',
      resolved_due_at: '2026-03-07T15:00:00.000Z',
    })
    const none = { first_response_due_at: null, resolution_plan_due_at: null, resolved_due_at: null }
    expect(dueTimesOf(setup, ticket('2026-03-06T15:00:00Z', 2, null))).toEqual(none)
    // An SLA ConnectWise does not list gives none either.
    expect(dueTimesOf(setup, ticket('2026-03-06T15:00:00Z', 2, 9))).toEqual(none)
  })

  test('a calendar time that is no time of day fails in one line naming the record and field', async () => {
    const broken = { ...SETUP, 'schedule/calendars/7': { ...CALENDAR, mondayStartTime: 'half nine' } }
    const { client } = testClient(await setupSite(broken))
    const error = await oneLineFailure(readSlaSetup(client, 'Europe/Amsterdam'), ['secret-key'])
    expect(error.message).toBe('Calendars 7: field mondayStartTime is not a time of day (half nine)')
  })

  test("an SLA on the MSP's own calendar reads it from the company settings, with holidays in their older form", async () => {
    const setup = await readSetup({
      'service/SLAs': [
        { id: 3, name: 'Eigen', basedOn: 'MyCalendar', respondHours: '4', planWithin: 8, resolutionHours: 24 },
        { id: 4, name: 'Klant', basedOn: 'Customer', respondHours: 4, planWithin: 8, resolutionHours: 24 },
      ],
      'service/SLAs/3/priorities': [],
      'service/SLAs/4/priorities': [],
      'system/myCompany/other': [{ id: 1, defaultCalendar: { id: 7, name: 'Kantooruren' } }],
      'schedule/calendars/7': CALENDAR,
      'schedule/holidayLists/3/holidays': [
        { id: 31, name: 'Tweede Paasdag', allDayFlag: true, dateStart: '2026-04-06T00:00:00Z' },
      ],
    })
    // As on the custom calendar: Friday 3 April 16:00, Easter Monday off, Tuesday 11:00.
    expect(dueTimesOf(setup, ticket('2026-04-03T14:00:00Z', 2, 3)).first_response_due_at).toBe(
      '2026-04-07T09:00:00.000Z',
    )
    // The customer's own calendar is not read: no due times rather than a guess.
    expect(dueTimesOf(setup, ticket('2026-04-03T14:00:00Z', 2, 4)).resolved_due_at).toBeNull()
  })
})
