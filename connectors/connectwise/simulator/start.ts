import type { SimSize, SimWorld } from '../../autotask/simulator/store.js'
import { createSimWorld } from '../../autotask/simulator/world/index.js'
import type { ConnectWiseCredentials, ConnectWiseSimulatorOptions, RunningConnectWiseSimulator } from './server.js'
import { DEMO_CONNECTWISE_CREDENTIALS, startConnectWiseSimulator } from './server.js'

/** How to make a world: its size and seed, and its clock at start (the wall clock when absent or null). */
export interface NewConnectWiseWorld {
  size: SimSize
  seed: number
  now?: string | null
}

export interface ConnectWiseDeskOptions extends Omit<ConnectWiseSimulatorOptions, 'world' | 'credentials'> {
  /** The world to serve (the same one an Autotask simulator may serve), or how to make one. */
  world: SimWorld | NewConnectWiseWorld
  /** The tenant's company, keys and clientId; the demo ones by default. */
  credentials?: ConnectWiseCredentials
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Simulated time per real time: 1 keeps pace with the wall clock; 0 (the default) leaves the world's clock alone. */
  speed?: number
  /** How often the world's clock catches up with real time, in ms. */
  tickMs?: number
}

export interface ConnectWiseDesk extends RunningConnectWiseSimulator {
  /** The site URL a connector is configured with (CONNECTWISE_SITE), ending in '/'. */
  url: string
  credentials: ConnectWiseCredentials & { site: string }
  world: SimWorld
  /** Stops the clock and the server. */
  close(): Promise<void>
}

/**
 * Starts the ConnectWise PSA simulator: makes the world if asked, serves it over ConnectWise's REST protocol, and with
 * a `speed` keeps the simulated desk working as real time passes.
 */
export async function startConnectWiseDesk(options: ConnectWiseDeskOptions): Promise<ConnectWiseDesk> {
  const { world: given, speed = 0, tickMs = 1_000, credentials = DEMO_CONNECTWISE_CREDENTIALS, ...server } = options
  const world =
    'advance' in given
      ? given
      : createSimWorld({ size: given.size, seed: given.seed, now: given.now ?? new Date().toISOString() })
  const clientIds = server.clientIds ?? [credentials.clientId]
  const running = await startConnectWiseSimulator({ ...server, clientIds, credentials, world })
  const timer = speed > 0 ? keepPace(world, speed, tickMs) : null
  const url = `${running.origin}/`
  return {
    ...running,
    url,
    world,
    credentials: { ...credentials, site: url },
    async close() {
      if (timer) clearInterval(timer)
      await running.close()
    },
  }
}

/**
 * Keeps the world's clock at its start plus `speed` times the real time since, checking every `tickMs`; a test that
 * advances the world by hand meanwhile only makes the clock wait until real time catches up.
 */
function keepPace(world: SimWorld, speed: number, tickMs: number): NodeJS.Timeout {
  const wallStart = Date.now()
  const worldStart = world.now().getTime()
  const timer = setInterval(() => {
    const target = worldStart + (Date.now() - wallStart) * speed
    const behind = target - world.now().getTime()
    if (behind > 0) world.advance(behind)
  }, tickMs)
  // The server keeps the process alive; the timer alone should not.
  timer.unref()
  return timer
}
