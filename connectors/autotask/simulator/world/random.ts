/** Mixes up to three integers into one well-spread 32-bit seed (a splitmix-style finaliser). */
export function mix(a: number, b = 0, c = 0): number {
  let h = (a ^ 0x9e3779b9) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) + b
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) + c
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2d)
  return (h ^ (h >>> 15)) >>> 0
}

/** A small, fast seeded generator (mulberry32); each world day gets its own, so days can be made in any order. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Picks by weight; `weights` is parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0
    for (const w of weights) total += w
    let r = this.next() * total
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!
      if (r < 0) return items[i]!
    }
    return items[items.length - 1]!
  }

  /** Picks from `[item, weight]` pairs, as `weighted` does. */
  choose<T>(table: readonly (readonly [T, number])[]): T {
    return this.weighted(
      table.map(([item]) => item),
      table.map(([, weight]) => weight),
    )
  }

  /** Poisson-like count around `mean` (normal approximation for large means keeps generation fast). */
  count(mean: number): number {
    if (mean <= 0) return 0
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gauss()))
    const limit = Math.exp(-mean)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k++
      p *= this.next()
    }
    return k
  }

  gauss(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.732
  }

  digits(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10))
    return s
  }
}

/** A deterministic coin for a fact that must not depend on generation order (e.g. "engineer forgot day d"). */
export function coin(p: number, a: number, b = 0, c = 0): boolean {
  return mix(a, b, c) / 4294967296 < p
}
