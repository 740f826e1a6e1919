import type { AutotaskCredentials } from '../config.js'
import { DEMO_CREDENTIALS, startSimulator } from './server.js'
import type { RunningSimulator, SimulatorOptions } from './server.js'
import type { SimSize, SimWorld } from './store.js'
import { createSimWorld } from './world/index.js'

/** How to make a world: its size and seed, and its clock at start (the wall clock when absent or null). */
export interface NewWorld {
  size: SimSize
  seed: number
  now?: string | null
}

export interface SimulatedDeskOptions extends Omit<SimulatorOptions, 'world'> {
  /** The world to serve, or how to make one. */
  world: SimWorld | NewWorld
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Simulated time per real time: 1 keeps pace with the wall clock; 0 (the default) leaves the world's clock alone. */
  speed?: number
  /** How often the world's clock catches up with real time, in ms. */
  tickMs?: number
}

export interface SimulatedDesk extends RunningSimulator {
  world: SimWorld
  /** How a connector reaches it: the first API user (the demo user by default) at this simulator's address. */
  credentials: AutotaskCredentials
  /** Stops the clock and the server. */
  close(): Promise<void>
}

/**
 * Starts the Autotask simulator: makes the world if asked, serves it over HTTP, and with a `speed` keeps the
 * simulated desk working as real time passes (tickets arrive, get worked and closed).
 */
export async function startSimulatedDesk(options: SimulatedDeskOptions): Promise<SimulatedDesk> {
  const { world: given, speed = 0, tickMs = 1_000, ...serverOptions } = options
  const world =
    'advance' in given
      ? given
      : createSimWorld({ size: given.size, seed: given.seed, now: given.now ?? new Date().toISOString() })
  const running = await startSimulator({ ...serverOptions, world })
  const clock = speed > 0 ? keepPace(world, speed, tickMs) : null
  const user = options.users?.[0] ?? DEMO_CREDENTIALS
  return {
    ...running,
    world,
    credentials: {
      username: user.userName,
      secret: user.secret,
      integrationCode: user.integrationCode,
      discoveryUrl: running.discoveryUrl,
    },
    async close() {
      if (clock) clearInterval(clock)
      await running.close()
    },
  }
}

/** Advances the world by `speed` times the real time that passed, every `tickMs`. */
function keepPace(world: SimWorld, speed: number, tickMs: number): NodeJS.Timeout {
  let last = Date.now()
  const clock = setInterval(() => {
    const at = Date.now()
    world.advance((at - last) * speed)
    last = at
  }, tickMs)
  // The server keeps the process alive; the clock alone should not.
  clock.unref()
  return clock
}
