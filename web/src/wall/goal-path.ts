import { formatDay } from '../../../kpi-library/time-text.ts'
import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, TileResult, Unit, WallPath } from '../types.ts'

// A company goal with a path (issue 15): the wall reads its actual value against where the path stands today,
// and where the path ends ("62% · path 66% by now · 70% by 30 Jun 2026").

/** "path 66% by now" / "doelpad nu 66%". */
export function pathNow(path: WallPath, unit: Unit, lang: Lang): string {
  return t(lang, 'pathNow', { value: formatValue(path.expected, unit, lang) })
}

/** "70% by 30 Jun 2026" / "70% op 30 jun 2026". */
export function pathEnd(path: WallPath, unit: Unit, lang: Lang): string {
  return t(lang, 'pathEnd', { value: formatValue(path.target, unit, lang), date: formatDay(path.end, lang) })
}

/**
 * A tile judged by a company goal's path says so: its target line names the goal's path instead of a target, and
 * its sentence starts with what the shortfall costs, where the KPI can say.
 */
export function markTileOnPath(el: HTMLElement, path: WallPath, result: TileResult, lang: Lang): void {
  if (result.kind === 'error' || result.kind === 'list') return
  const target = el.querySelector<HTMLElement>('.tile-target')
  if (target) target.textContent = t(lang, 'goalPathNow', { value: formatValue(path.expected, result.unit, lang) })
  const context = el.querySelector<HTMLElement>('.tile-context')
  if (context && path.consequence)
    context.textContent = `${t(lang, 'underPath', { amount: path.consequence.text })} ${context.textContent ?? ''}`
}
