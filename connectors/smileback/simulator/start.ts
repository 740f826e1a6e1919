import type { SimWorld } from '../../autotask/simulator/store.js'
import { worldReviews, type WorldReviewOptions } from './reviews.js'
import { type RunningSmileBackSimulator, type SmileBackSimulatorOptions, startSmileBackSimulator } from './server.js'

/**
 * SmileBack for the Autotask simulator's world: reviews of its completed tickets by their contacts, read from the
 * world (never changed by it), changing as its clock moves on.
 */
export function startWorldSmileBack(
  world: SimWorld,
  options: Omit<SmileBackSimulatorOptions, 'reviews'> & WorldReviewOptions & { port?: number; host?: string } = {},
): Promise<RunningSmileBackSimulator> {
  const { ticketIdMode, appUrl, ...server } = options
  return startSmileBackSimulator({
    ...server,
    reviews: worldReviews(world, { ...(ticketIdMode ? { ticketIdMode } : {}), ...(appUrl ? { appUrl } : {}) }),
  })
}
