import type { ApiRecord, SimEntity } from '../store.js'
import { HOUR, localToUtc, quantize } from './clock.js'
import { planAssets } from './assets.js'
import { planInvoices } from './billing.js'
import { planProjects } from './projects.js'
import type { Rng } from './random.js'
import type { Roster } from './roster.js'
import { planSales } from './sales.js'
import type { Schedule } from './schedule.js'
import type { SizeProfile } from './sizes.js'
import { EventLog, firstOrderOf } from './events.js'
import type { CreateEvent, WorldEvent } from './events.js'
import type { Patch } from './types.js'

// The MSP beyond its service desk: assets under management, the sales pipeline, invoices and
// projects. Each part plans from random streams of its own, so the desk's tickets and time entries
// are the same with or without them; the only shared state is the people's diaries (Schedule), and
// project work is booked into them after the desk's work of the same day.

/** Where each entity's ids start; records created before the simulated history come first. */
export const FIRST_ID = {
  ConfigurationItems: 30100001,
  Opportunities: 30300001,
  Quotes: 30400001,
  Invoices: 30500001,
  Projects: 30600001,
  Tasks: 30700001,
} as const satisfies Partial<Record<SimEntity, number>>

/** How far before the history opportunities and invoices are planned, so both run at a steady state from its first day. */
export const LEAD_DAYS = 150

export interface BusinessContext {
  seed: number
  size: SizeProfile
  roster: Roster
  /** The first day of the simulated history (local day index). */
  startDay: number
  anchorDay: number
  schedule: Schedule
}

/**
 * Collects what a part plans: records that appear, change, disappear, and time booked. Before the
 * history starts a change is applied at once and a record is kept for the initial tables; from the
 * history's first instant on, each becomes a world event revealed at its time.
 */
export class Planner {
  private readonly log = new EventLog(0)
  private readonly early: Array<{ t: number; entity: SimEntity; record: ApiRecord; fill?: CreateEvent['fill'] }> = []

  constructor(
    readonly firstInstant: number,
    private readonly startDay: number,
  ) {}

  /** Events planned while making `day` sort after that day's desk events at the same instant. */
  beginDay(day: number): void {
    this.log.restartAt(firstOrderOf(day, this.startDay) + 2 ** 21)
  }

  /** A record that appears at `t` with the next id of its entity; `fill` runs once the ids of earlier records are known. */
  create(entity: SimEntity, t: number, record: ApiRecord, fill?: CreateEvent['fill']): void {
    if (t < this.firstInstant) this.early.push({ t, entity, record, fill })
    else this.log.push({ kind: 'create', at: t, entity, record, fill })
  }

  /** A record that already has its id (made and numbered on the day it appears). */
  insert(entity: SimEntity, t: number, record: ApiRecord): void {
    this.log.push({ kind: 'insert', at: t, entity, record })
  }

  edit(entity: SimEntity, t: number, record: ApiRecord, patch: Patch | ((current: ApiRecord) => Patch)): void {
    const apply = typeof patch === 'function' ? patch : () => patch
    if (t < this.firstInstant) Object.assign(record, apply(record))
    else this.log.push({ kind: 'edit', at: t, entity, record, apply })
  }

  remove(entity: SimEntity, t: number, record: ApiRecord): void {
    if (t >= this.firstInstant) this.log.push({ kind: 'remove', at: t, entity, record })
  }

  /** A time entry (not on a ticket) revealed when it is created. */
  time(record: ApiRecord): void {
    this.log.push({ kind: 'time', at: Date.parse(String(record.createDateTime)), plan: null, record })
  }

  timeEdit(t: number, record: ApiRecord, patch: Patch): void {
    this.log.push({ kind: 'timeEdit', at: t, record, patch })
  }

  /** The events planned so far, handed over once. */
  take(): WorldEvent[] {
    return this.log.take()
  }

  /** Numbers the records made before the history in order of creation; the next ids continue after them. */
  settle(): { initial: Partial<Record<SimEntity, ApiRecord[]>>; nextIds: Partial<Record<SimEntity, number>> } {
    const initial: Partial<Record<SimEntity, ApiRecord[]>> = {}
    const nextIds: Partial<Record<SimEntity, number>> = { ...FIRST_ID }
    const early = this.early.map((entry, i) => ({ ...entry, i })).sort((a, b) => a.t - b.t || a.i - b.i)
    for (const entry of early) {
      entry.record.id = nextIds[entry.entity]!
      nextIds[entry.entity] = entry.record.id + 1
      ;(initial[entry.entity] ??= []).push(entry.record)
    }
    for (const entry of early) entry.fill?.(entry.record)
    return { initial, nextIds }
  }
}

/**
 * One part of the business: planned once up front (`init`), then day by day, from LEAD_DAYS before
 * the history (a part that has nothing to plan before it ignores those days) on as the clock moves.
 */
export interface BusinessPart {
  init?(plan: Planner): void
  day(plan: Planner, day: number): void
}

export interface Business {
  initial: Partial<Record<SimEntity, ApiRecord[]>>
  /** The next id per entity for records that appear as the clock moves. */
  nextIds: Partial<Record<SimEntity, number>>
  /** What appears on `day`, called once per day in order, after the desk's own events of that day. */
  eventsFor(day: number): WorldEvent[]
}

export function makeBusiness(ctx: BusinessContext): Business {
  const plan = new Planner(localToUtc(ctx.startDay, 0), ctx.startDay)
  const parts = [planAssets(ctx), planSales(ctx), planInvoices(ctx), planProjects(ctx)]
  for (const part of parts) {
    plan.beginDay(ctx.startDay - LEAD_DAYS - 1)
    part.init?.(plan)
  }
  // Opportunities and invoices planned before the history, so it opens mid-stream.
  for (let day = ctx.startDay - LEAD_DAYS; day < ctx.startDay; day++) {
    plan.beginDay(day)
    for (const part of parts) part.day(plan, day)
  }
  const { initial, nextIds } = plan.settle()
  const carried = plan.take()
  return {
    initial,
    nextIds,
    eventsFor(day) {
      plan.beginDay(day)
      for (const part of parts) part.day(plan, day)
      const events = plan.take()
      return day === ctx.startDay ? [...carried, ...events] : events
    },
  }
}

/** An instant between two wall-clock hours of a local day, as the world writes instants. */
export function atHours(rng: Rng, day: number, fromHour: number, toHour: number): number {
  return quantize(localToUtc(day, rng.range(fromHour, toHour) * HOUR))
}
