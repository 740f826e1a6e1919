// Parameter specs (types.ts ParamSpec) as KPI files declare them: one builder per parameter type, each
// keeping its default's type (a spec typed as ParamSpec would widen it, and ParamsOf reads it).

export function numberParam(value: number, min: number, max: number, en: string, nl: string) {
  return { type: 'number' as const, default: value, min, max, description: { en, nl } }
}

export function integerParam(value: number, min: number, max: number, en: string, nl: string) {
  return { type: 'integer' as const, default: value, min, max, description: { en, nl } }
}

export function integersParam(value: number[], en: string, nl: string) {
  return { type: 'integers' as const, default: value, description: { en, nl } }
}

/**
 * The `days` parameter of a "last N days" window: at least 1, at most `max`. The maxima differ per KPI
 * (90 for time entries, 366 or 400 for tickets and surveys), so each KPI names its own.
 */
export function daysParam(value: number, max: number) {
  return integerParam(value, 1, max, 'How many days back to look.', 'Hoeveel dagen terug.')
}
