// A company goal's period (issue 15), in a module of its own so the builder checks the same form as the API
// without bundling the schemas.

/** A year ('2026') or a quarter ('2026-Q2'). */
export const PERIOD_PATTERN = '^20[0-9]{2}(-Q[1-4])?$'
