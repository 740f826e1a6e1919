import type { SimWorld } from '../connectors/autotask/simulator/store.js'
import type { PsaName, PsaSource } from './psa.js'

export interface PsaSimulatorOptions {
  world: SimWorld | { size: 'tiny' | 'small' | 'medium' | 'large'; seed: number; now: string | null }
  port: number
  host: string
  /** Simulated time per real time (0: a frozen clock). */
  speed: number
  tickMs?: number
  /** Autotask's hourly request limit (ConnectWise's simulator keeps its own 1,000 a minute). */
  hourlyLimit?: number
}

/** A simulated desk speaking one PSA's protocol, as `roleboard simulate`, the demo and a demo tenant start it. */
export interface PsaSimulator {
  /** How a connector reaches it. */
  source: PsaSource
  world: SimWorld
  url: string
  /** The variables that point `roleboard sync` at it, one `NAME=value` a line. */
  envLines: string[]
  close(): Promise<void>
}

/** The ConnectWise simulator's limit when roleboard starts it for itself (a demo, `simulate`, a demo tenant). */
const SIMULATOR_LIMIT_PER_MINUTE = 60_000

/** Starts the simulator of `psa` over a seeded world (made here, or the one given). */
export async function startPsaSimulator(psa: PsaName, options: PsaSimulatorOptions): Promise<PsaSimulator> {
  const { world, port, host, speed, tickMs, hourlyLimit } = options
  const pace = { speed, ...(tickMs ? { tickMs } : {}) }
  if (psa === 'connectwise') {
    const { startConnectWiseDesk } = await import('../connectors/connectwise/simulator/start.js')
    // roleboard's own desk: a generous limit, all of it the demo's (a real tenant's pacing is tested apart).
    const desk = await startConnectWiseDesk({
      world,
      port,
      host,
      ...pace,
      requestsPerMinute: SIMULATOR_LIMIT_PER_MINUTE,
    })
    const { site, company, publicKey, privateKey, clientId } = desk.credentials
    return {
      source: {
        psa,
        credentials: { site, company, publicKey, privateKey, clientId },
        simulatorLimitPerMinute: SIMULATOR_LIMIT_PER_MINUTE,
      },
      world: desk.world,
      url: desk.url,
      envLines: [
        `CONNECTWISE_SITE=${site}`,
        `CONNECTWISE_COMPANY=${company}`,
        `CONNECTWISE_PUBLIC_KEY=${publicKey}`,
        `CONNECTWISE_PRIVATE_KEY=${privateKey}`,
        `CONNECTWISE_CLIENT_ID=${clientId}`,
      ],
      close: () => desk.close(),
    }
  }
  const { startSimulatedDesk } = await import('../connectors/autotask/simulator/start.js')
  const desk = await startSimulatedDesk({ world, port, host, ...pace, ...(hourlyLimit ? { hourlyLimit } : {}) })
  const { username, secret, integrationCode, discoveryUrl } = desk.credentials
  return {
    source: { psa, credentials: desk.credentials },
    world: desk.world,
    url: desk.discoveryUrl,
    envLines: [
      `AUTOTASK_DISCOVERY_URL=${discoveryUrl}`,
      `AUTOTASK_USERNAME=${username}`,
      `AUTOTASK_SECRET=${secret}`,
      `AUTOTASK_INTEGRATION_CODE=${integrationCode}`,
    ],
    close: () => desk.close(),
  }
}
