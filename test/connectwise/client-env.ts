import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, onTestFinished } from 'vitest'
import { SyncError } from '../../connectors/autotask/errors.js'
import { createConnectWiseClient, type ConnectWiseClientOptions } from '../../connectors/connectwise/client.js'
import type { ConnectWiseCredentials } from '../../connectors/connectwise/config.js'
import { ConnectWiseGovernor } from '../../connectors/connectwise/governor.js'

export interface TestClientOptions extends Partial<Omit<ConnectWiseClientOptions, 'credentials' | 'governor'>> {
  /** The governor's per-minute limit and share (its defaults when absent). */
  limit?: number
  share?: number
}

/**
 * A ConnectWise client whose waits (backoff, Retry-After, the governor's pace) are recorded and pass on a clock
 * of the test's own, so a test sees what the client waited without waiting.
 */
export function testClient(credentials: ConnectWiseCredentials, options: TestClientOptions = {}) {
  const { limit, share, ...rest } = options
  let clock = Date.parse('2026-12-07T09:00:00Z')
  const waits: number[] = []
  const sleep = async (ms: number) => {
    waits.push(ms)
    clock += ms
  }
  const governor = new ConnectWiseGovernor({ limitPerMinute: limit, share, sleep, now: () => clock })
  const client = createConnectWiseClient({ credentials, governor, sleep, random: () => 1, ...rest })
  return { client, governor, waits }
}

/** The SyncError `promise` fails with, checked to be one line holding none of `secrets` (nor their base64) and no HTML. */
export async function oneLineFailure(promise: Promise<unknown>, secrets: readonly string[]): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SyncError)
  const { message } = error as SyncError
  expect(message).not.toContain('\n')
  expect(message).not.toContain('<')
  for (const secret of secrets) {
    expect(message).not.toContain(secret)
    expect(message).not.toContain(Buffer.from(secret).toString('base64'))
  }
  return error as SyncError
}

/** Listens on a free local port until the test ends; the site address (`http://127.0.0.1:<port>/`). */
export async function serveForTest(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}
