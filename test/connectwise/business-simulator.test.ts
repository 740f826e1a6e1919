import { describe, expect, test } from 'vitest'
import type { ConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { openTempDb } from '../helpers/sync-env.js'
import { connectorFor, startDesk } from './sync-env.js'

// The ConnectWise simulator's assets, sales, invoices and projects, asked over HTTP as a connector asks: the tiny
// world of seed 4 voided invoice F2026-00029 (30500029), and company 174's account manager is Anna (29682885).

const VOIDED_INVOICE = 30500029
const COMPANY = 174
const ANNA = 29682885

async function get(desk: ConnectWiseDesk, path: string): Promise<{ status: number; body: unknown }> {
  const { company, publicKey, privateKey, clientId } = desk.credentials
  const answer = await fetch(`${desk.url}v4_6_release/apis/3.0/${path}`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${company}+${publicKey}:${privateKey}`).toString('base64')}`,
      clientId,
    },
  })
  return { status: answer.status, body: await answer.json() }
}

describe('ConnectWise simulator: assets, sales, invoices and projects', () => {
  test('a voided invoice is not served: ConnectWise deletes or credits an invoice instead', async () => {
    const desk = await startDesk(4)
    expect(desk.world.get('Invoices', VOIDED_INVOICE)?.isVoided).toBe(true)
    expect((await get(desk, `finance/invoices/${VOIDED_INVOICE}`)).status).toBe(404)
    const handle = await openTempDb()
    expect((await connectorFor(handle, desk.credentials).sync()).ok).toBe(true)
    const stored = (await handle.db.selectFrom('invoice').select('id').execute()).map((row) => row.id)
    const served = desk.world.records('Invoices').filter((invoice) => invoice.isVoided !== true)
    expect(stored.sort()).toEqual(served.map((invoice) => invoice.id).sort())
    expect(stored).not.toContain(VOIDED_INVOICE)
  })

  test("a company's team names its account manager; an unknown company's team is not found", async () => {
    const desk = await startDesk(4)
    const team = await get(desk, `company/companies/${COMPANY}/teams`)
    expect(team.status).toBe(200)
    expect(team.body).toMatchObject([
      { member: { id: ANNA }, accountManagerFlag: true, techFlag: false, salesFlag: false, company: { id: COMPANY } },
    ])
    expect(await get(desk, 'company/companies/999/teams')).toEqual({
      status: 404,
      body: expect.objectContaining({ code: 'NotFound', message: 'Company 999 not found' }),
    })
  })

  test("an opportunity's forecast is one object; the statuses say which mean won and lost", async () => {
    const desk = await startDesk(4)
    const deal = desk.world.records('Opportunities').find((o) => typeof o.monthlyRevenue === 'number')!
    const forecast = await get(desk, `sales/opportunities/${deal.id}/forecast`)
    expect(forecast.status).toBe(200)
    expect(Array.isArray(forecast.body)).toBe(false)
    expect(forecast.body).toMatchObject({
      forecastItems: [
        {
          revenue: deal.amount,
          recurringFlag: true,
          recurringRevenue: deal.monthlyRevenue,
          cycles: 12,
          includeFlag: true,
        },
      ],
    })
    const statuses = (await get(desk, 'sales/opportunities/statuses')).body as Array<Record<string, unknown>>
    const flags = Object.fromEntries(statuses.map((s) => [s.name, [s.wonFlag, s.lostFlag, s.closedFlag]]))
    expect(flags).toEqual({
      'Not Ready To Buy': [false, false, true],
      Active: [false, false, false],
      Lost: [false, true, true],
      Closed: [true, false, true],
      Implemented: [true, false, true],
    })
  })
})
