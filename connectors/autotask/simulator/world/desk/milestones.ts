import { MINUTE, addBusinessTime, businessTimeBetween, hoursOf, iso, quantize } from '../clock.js'
import { STATUS } from '../picklists.js'
import type { TicketLife } from './ticket-life.js'

// The SLA milestones every worked ticket passes: first response, resolution plan, resolution. Each is written on
// the ticket and, under an SLA, measured on its SLA result.

/** The assignee answers the customer at `t`: the ticket is in progress and the first-response clock stops. */
export function respond(life: TicketLife, t: number): void {
  const { t0, frDue } = life.timing
  const sla = life.plan.sla
  life.frMet = sla ? t <= frDue : null
  const s = iso(t)
  life.status = STATUS.inProgress
  life.step(
    t,
    {
      status: STATUS.inProgress,
      assignedResourceID: life.engineer.id,
      assignedResourceRoleID: life.engineer.roleID,
      firstResponseDateTime: s,
      firstResponseAssignedResourceID: life.engineer.id,
      firstResponseInitiatingResourceID: life.engineer.id,
      lastCustomerNotificationDateTime: s,
    },
    sla
      ? {
          isFirstResponseMet: life.frMet,
          firstResponseElapsedHours: hoursOf(businessTimeBetween(t0, t)),
          firstResponseResourceID: life.engineer.id,
          firstResponseInitiatingResourceID: life.engineer.id,
        }
      : null,
  )
}

/** The assignee records how the ticket will be solved. */
export function planResolution(life: TicketLife, t: number): void {
  const sla = life.plan.sla
  life.step(
    t,
    { resolutionPlanDateTime: iso(t) },
    sla
      ? {
          isResolutionPlanMet: t <= addBusinessTime(life.timing.t0, life.timing.targets[1]!),
          resolutionPlanElapsedHours: hoursOf(businessTimeBetween(life.timing.t0, t)),
          resolutionPlanResourceID: life.engineer.id,
        }
      : null,
  )
}

/** Resolved at `end`, marked complete a few minutes later; returns when it was completed. */
export function complete(life: TicketLife, end: number, resolution: string): number {
  const rng = life.rng
  const { t0, targets } = life.timing
  const done = quantize(end + rng.range(0, 4) * MINUTE)
  const s = iso(done)
  const sla = life.plan.sla
  const elapsed = businessTimeBetween(t0, end) - life.paused
  const resMet = sla ? elapsed <= targets[2]! : null
  life.status = STATUS.complete
  life.step(
    done,
    {
      status: STATUS.complete,
      completedDate: s,
      completedByResourceID: life.engineer.id,
      resolvedDateTime: iso(end),
      resolution,
      serviceLevelAgreementHasBeenMet: sla ? resMet === true && life.frMet === true : null,
      lastCustomerNotificationDateTime: s,
      lastCustomerVisibleActivityDateTime: s,
    },
    sla
      ? {
          isResolutionMet: resMet,
          resolutionElapsedHours: hoursOf(Math.max(0, elapsed)),
          resolutionResourceID: life.engineer.id,
        }
      : null,
  )
  return done
}
