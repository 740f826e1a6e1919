import { capacity, FLOOR, planLayout } from '../layout.ts'
import type { Kind, TileSize } from '../types.ts'

export interface LegibilityWarning {
  level: 'error' | 'warn' | 'info'
  text: string
}

/**
 * What the wall will do with these tiles at 1920x1080 (4K is the same layout at twice the pixels),
 * said in the owner's terms before it happens.
 */
export function legibilityWarnings(tiles: Array<{ kind: Kind; size: TileSize }>, hasStrip: boolean): LegibilityWarning[] {
  const screen = { width: 1920, height: 1080 }
  const plan = planLayout(tiles, screen, hasStrip)
  const floor = `labels ${FLOOR.label} px and numbers ${FLOOR.number} px at 1080p (${FLOOR.label * 2}/${FLOOR.number * 2} px at 4K)`
  const warnings: LegibilityWarning[] = []
  if (plan.hidden > 0) {
    warnings.push({
      level: 'error',
      text: `Too many tiles: a wall holds at most ${capacity(screen, hasStrip) - 1} tiles with ${floor}. ${plan.hidden} of ${tiles.length} would not be shown; remove ${plan.hidden} or more.`,
    })
  } else if (plan.shrunk > 0) {
    warnings.push({ level: 'warn', text: `${plan.shrunk} tiles are drawn smaller than their size asks (rows and charts dropped) so that every text stays at or above ${floor}.` })
  }
  if (plan.hidden === 0 && plan.fonts.number <= FLOOR.number) {
    warnings.push({
      level: 'warn',
      text: `Tiles are at the legibility floor (${floor}): readable from about 2 m on a 55″ screen. For a screen read from across a room (3-5 m), use fewer tiles.`,
    })
  }
  if (warnings.length === 0) {
    warnings.push({ level: 'info', text: `${tiles.length} tiles in ${plan.columns}×${plan.rows} cells; numbers at ${plan.fonts.number} px and labels at ${plan.fonts.label} px on a 1080p screen.` })
  }
  return warnings
}
