import semver from 'semver'

// Package versions and the KPI library ranges a package asks for, read by semver.

/** Whether `version` lies in `range`; null when either cannot be read. */
export function satisfies(version: string, range: string): boolean | null {
  // semver reads 1.x.3 as 1.x; a wildcard ends a version, so a number after one means the range is mistyped.
  if (semver.valid(version) === null || semver.validRange(range) === null || /[xX*]\.\d/.test(range)) return null
  return semver.satisfies(version, range)
}

/** Whether a range was written for an older major version than `version` (`^1.2.0` against 2.0.0). */
export function madeForOlderMajor(range: string, version: string): boolean {
  const lowest = semver.minVersion(range)
  return lowest !== null && lowest.major < semver.major(version)
}

/** Whether `version` comes before `than`. */
export const isOlder = (version: string, than: string): boolean => semver.lt(version, than)
