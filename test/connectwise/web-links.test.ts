import { describe, expect, test } from 'vitest'
import { createConnectWiseConnector } from '../../connectors/connectwise/index.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { connectWiseTicketUrl, connectWiseWebUrl } from '../../connectors/connectwise/web-links.js'
import { ticketLinker } from '../../server/services/ticket-links.js'
import { openTempDb, SIM_NOW } from '../helpers/sync-env.js'

describe('opening a ticket in ConnectWise PSA', () => {
  test('the web UI is the API host without api-, at the codebase, with the login company', () => {
    const cloud = connectWiseWebUrl('https://api-eu.myconnectwise.net/v2025_1/apis/3.0/', 'acme')
    expect(cloud).toBe('https://eu.myconnectwise.net/v2025_1/?companyName=acme')
    expect(connectWiseTicketUrl(cloud!, 4711)).toBe(
      'https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=4711&companyName=acme',
    )
    // On premises the API and the UI share a host.
    expect(connectWiseWebUrl('https://cw.msp.nl/v4_6_release/apis/3.0/', 'msp')).toBe(
      'https://cw.msp.nl/v4_6_release/?companyName=msp',
    )
    expect(connectWiseWebUrl('not a url', 'acme')).toBeNull()
  })

  test('after a ConnectWise sync, rows link to the ticket in ConnectWise, not Autotask', async () => {
    const desk = await startConnectWiseDesk({ world: { size: 'tiny', seed: 7, now: SIM_NOW } })
    try {
      const handle = await openTempDb()
      const summary = await createConnectWiseConnector(handle, { credentials: desk.credentials }).sync()
      expect(summary.ok).toBe(true)
      const linkTo = await ticketLinker(handle.db)
      expect(linkTo?.psa).toBe('connectwise')
      expect(linkTo?.urlOf(10001)).toBe(
        `${desk.url}v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=10001&companyName=roleboard`,
      )
    } finally {
      await desk.close()
    }
  })
})
