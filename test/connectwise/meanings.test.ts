import { describe, expect, test } from 'vitest'
import { createConnectWiseConnector } from '../../connectors/connectwise/index.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { DEFAULT_TICKET_MEANINGS } from '../../db/psa-model.js'
import { saveSettings } from '../../server/services/settings.js'
import { openTempDb, SIM_NOW } from '../helpers/sync-env.js'

// On ConnectWise a monitoring alert is a ticket from an alert source (the MSP's setting): changing which sources
// those are turns every ticket from them into an alert at once, and back into its own kind when undone.

describe('ConnectWise alert sources', () => {
  test('saving the alert sources re-kinds the synced tickets at once, and undoing it restores their kinds', async () => {
    const desk = await startConnectWiseDesk({ world: { size: 'tiny', seed: 7, now: SIM_NOW }, requestsPerMinute: 0 })
    try {
      const handle = await openTempDb()
      const summary = await createConnectWiseConnector(handle, {
        credentials: desk.credentials,
        governor: { limitPerMinute: 1_000_000, share: 1 },
      }).sync()
      expect(summary.ok).toBe(true)
      const kinds = async () =>
        Object.fromEntries(
          (await handle.db.selectFrom('ticket').select(['id', 'kind']).execute()).map((t) => [t.id, t.kind]),
        )
      const before = await kinds()
      const phone = await handle.db
        .selectFrom('ticket')
        .innerJoin('picklist_value as label', (join) =>
          join
            .on('label.entity', '=', 'Tickets')
            .on('label.field', '=', 'source')
            .onRef('label.value', '=', (eb) => eb.cast('ticket.source', 'text')),
        )
        .select('ticket.id')
        .where('label.label', '=', 'Phone')
        .execute()
      expect(phone.length).toBeGreaterThan(0)
      expect(phone.every((t) => before[t.id] !== 'alert')).toBe(true)

      await saveSettings(handle.db, { ticketMeanings: { ...DEFAULT_TICKET_MEANINGS, alertSources: 'phone' } }, SIM_NOW)
      const phoned = await kinds()
      for (const { id } of phone) expect(phoned[id], `ticket ${id}`).toBe('alert')

      await saveSettings(handle.db, { ticketMeanings: DEFAULT_TICKET_MEANINGS }, SIM_NOW)
      expect(await kinds()).toEqual(before)
    } finally {
      await desk.close()
    }
  })
})
