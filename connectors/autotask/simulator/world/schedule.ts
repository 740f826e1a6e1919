import { HOUR, MINUTE, isBusinessDay, localDay, localToUtc } from './clock.js'
import { ODDS } from './odds.js'
import { coin, mix } from './random.js'

/** How a person's working day looks; derived from (seed, person, day) alone, so it never depends on bookings. */
export const DAY_KIND = { off: 0, full: 1, half: 2, long: 3 } as const

export interface WorkDay {
  kind: number
  /** Working window (UTC ms); empty (open === close) on days off and non-business days. */
  open: number
  close: number
  /** Busy intervals as flat, start-sorted [start, end) pairs; lunch is one of them. */
  busy: number[]
  /** Booked work in ms, lunch excluded. */
  booked: number
}

/** The longest pause left after a booking before the next may start. */
export const BREATHER_MAX = 6 * MINUTE

const week = (day: number) => Math.floor((day + 3) / 7)

/**
 * Every person's diary: who is busy when, per Amsterdam day. Ticket work and internal time are booked into the free
 * gaps of a person's working window, so time entries form a sequential schedule. Days are generated in order, and
 * a ticket only books at or after its own creation, so when a day has been generated its diary is final.
 */
export class Schedule {
  private readonly days = new Map<number, Map<number, WorkDay>>()
  private floor = -Infinity

  constructor(private readonly seed: number) {}

  /** Forgets days before `day`; nothing is booked there any more. */
  prune(day: number): void {
    for (const d of this.days.keys()) if (d < day) this.days.delete(d)
    this.floor = day
  }

  get(who: number, day: number): WorkDay {
    let byPerson = this.days.get(day)
    if (!byPerson && day >= this.floor) this.days.set(day, (byPerson = new Map()))
    let w = byPerson?.get(who)
    if (!w) {
      w = this.shape(who, day)
      byPerson?.set(who, w)
    }
    return w
  }

  private shape(who: number, day: number): WorkDay {
    const seed = this.seed
    const h = mix(seed, who, day)
    const u = (bits: number) => ((h >>> bits) & 0xff) / 256
    const none: WorkDay = { kind: DAY_KIND.off, open: 0, close: 0, busy: [], booked: 0 }
    if (!isBusinessDay(day)) return none
    // About four weeks of holiday a year in week blocks, plus single days (doctor, child sick).
    if (coin(ODDS.holidayWeek, seed, who, week(day) * 7 + 0x5eed) || coin(ODDS.singleDayOff, seed ^ 0x0ff, who, day)) {
      return none
    }
    const start = 8 * HOUR + Math.floor(u(0) * 13) * 5 * MINUTE
    const lunch = 12 * HOUR + Math.floor(u(8) * 10) * 5 * MINUTE
    const half = coin(ODDS.halfDay, seed ^ 0x4a1f, who, day)
    const long = !half && coin(ODDS.longDay, seed ^ 0x10c, who, day)
    const morningOff = half && u(16) < ODDS.halfDayInAfternoon
    const open = localToUtc(day, half && morningOff ? lunch + 30 * MINUTE : start)
    const end = start + 9.25 * HOUR + (long ? (1 + Math.floor(u(24) * 4) * 0.25) * HOUR : 0)
    const close = localToUtc(day, half && !morningOff ? lunch : end)
    const busy = half ? [] : [localToUtc(day, lunch), localToUtc(day, lunch + 30 * MINUTE)]
    const kind = half ? DAY_KIND.half : long ? DAY_KIND.long : DAY_KIND.full
    return { kind, open, close, busy, booked: 0 }
  }

  /**
   * The first start at or after `earliest` where `ms` fits in `who`'s free time: inside the working window, or at
   * any hour (after-hours work) with `anyTime`. Searches at most `maxDays` days ahead, then gives `earliest`.
   */
  find(who: number, earliest: number, ms: number, anyTime = false, maxDays = 90): number {
    const first = localDay(earliest)
    for (let day = first; day < first + maxDays; day++) {
      const w = this.get(who, day)
      const open = anyTime ? localToUtc(day, 0) : w.open
      const close = anyTime ? localToUtc(day + 1, 0) : w.close
      if (close - open < ms) continue
      const at = fit(w.busy, Math.max(earliest, open), ms, close)
      if (at >= 0) return at
    }
    return Math.ceil(earliest / MINUTE) * MINUTE
  }

  /** The first start at or after `from` on `day` where `ms` fits in the working window, or -1. */
  findOn(who: number, day: number, from: number, ms: number): number {
    const w = this.get(who, day)
    if (w.close - w.open < ms) return -1
    return fit(w.busy, Math.max(from, w.open), ms, w.close)
  }

  /** Marks [start, start + ms) busy, with a short breather after it that is not counted as work. */
  reserve(who: number, start: number, ms: number, breather = 0): void {
    let from = start
    const to = start + ms
    while (from < to) {
      const day = localDay(from)
      const dayEnd = localToUtc(day + 1, 0)
      const w = this.get(who, day)
      const end = Math.min(to, dayEnd)
      insert(w.busy, from, end === to ? Math.min(end + breather, dayEnd) : end)
      w.booked += end - from
      from = end
    }
  }

  /** Lengthens `who`'s booking ending at `end` by `ms` if no other booking lies in that time; says whether it did. */
  extend(who: number, end: number, ms: number): boolean {
    const day = localDay(end - 1)
    if (end + ms > localToUtc(day + 1, 0)) return false
    const w = this.get(who, day)
    const busy = w.busy
    let own = -1
    for (let i = 0; i < busy.length; i += 2) {
      const s = busy[i]!
      const e = busy[i + 1]!
      if (own < 0 && s < end && e >= end && e <= end + BREATHER_MAX) own = i
      else if (s < end + ms && e > end) return false
    }
    if (own < 0) return false
    busy[own + 1] = Math.max(busy[own + 1]!, end + ms)
    w.booked += ms
    return true
  }

  /** Whether nothing is booked for `who` between `from` and `to`. */
  isFree(who: number, from: number, to: number): boolean {
    for (let day = localDay(from), last = localDay(to - 1); day <= last; day++) {
      const busy = this.get(who, day).busy
      for (let i = 0; i < busy.length; i += 2) if (busy[i]! < to && busy[i + 1]! > from) return false
    }
    return true
  }

  /** Books `ms` at the first free moment at or after `earliest` and returns its start. */
  book(who: number, earliest: number, ms: number, anyTime = false, breather = 0): number {
    const start = this.find(who, earliest, ms, anyTime)
    this.reserve(who, start, ms, breather)
    return start
  }

  /** The end of the last busy interval of a day (lunch included), or the window's opening if nothing is booked. */
  lastEnd(who: number, day: number): number {
    const w = this.get(who, day)
    let last = w.open
    for (let i = 1; i < w.busy.length; i += 2) last = Math.max(last, w.busy[i]!)
    return last
  }
}

/** The first minute-aligned start >= `from` where `ms` fits between the busy pairs and before `close`, or -1. */
function fit(busy: readonly number[], from: number, ms: number, close: number): number {
  let cursor = Math.ceil(from / MINUTE) * MINUTE
  for (let i = 0; i < busy.length; i += 2) {
    const s = busy[i]!
    const e = busy[i + 1]!
    if (e <= cursor) continue
    if (s >= cursor + ms) break
    cursor = Math.max(cursor, Math.ceil(e / MINUTE) * MINUTE)
  }
  return cursor + ms <= close ? cursor : -1
}

function insert(busy: number[], s: number, e: number): void {
  let i = busy.length
  while (i > 0 && busy[i - 2]! > s) i -= 2
  busy.splice(i, 0, s, e)
}
