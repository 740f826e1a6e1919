import { capacity, FLOOR, planLayout } from '../layout.ts'
import type { Kind, TileSize } from '../types.ts'
import type { Say } from './say.ts'

export interface LegibilityWarning {
  level: 'error' | 'warn' | 'info'
  text: string
}

/**
 * What the wall will do with these tiles at 1920x1080 (4K is the same layout at twice the pixels),
 * said in the owner's terms before it happens.
 */
export function legibilityWarnings(
  tiles: Array<{ kind: Kind; size: TileSize }>,
  hasStrip: boolean,
  say: Say,
): LegibilityWarning[] {
  const screen = { width: 1920, height: 1080 }
  const plan = planLayout(tiles, screen, hasStrip)
  const floor = say('floor', {
    label: FLOOR.label,
    number: FLOOR.number,
    label2: FLOOR.label * 2,
    number2: FLOOR.number * 2,
  })
  const warnings: LegibilityWarning[] = []
  if (plan.hidden > 0) {
    warnings.push({
      level: 'error',
      text: say('tooManyTiles', {
        max: capacity(screen, hasStrip) - 1,
        floor,
        hidden: plan.hidden,
        total: tiles.length,
      }),
    })
  } else if (plan.shrunk > 0) {
    warnings.push({ level: 'warn', text: say('shrunkTiles', { n: plan.shrunk, floor }) })
  }
  if (plan.hidden === 0 && plan.fonts.number <= FLOOR.number) {
    warnings.push({ level: 'warn', text: say('atFloor', { floor }) })
  }
  if (warnings.length === 0) {
    warnings.push({
      level: 'info',
      text: say('layoutFits', {
        n: tiles.length,
        columns: plan.columns,
        rows: plan.rows,
        number: plan.fonts.number,
        label: plan.fonts.label,
      }),
    })
  }
  return warnings
}
