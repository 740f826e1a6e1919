import type { ChangeKind } from './packages.js'

/**
 * The mark before each change in a package plan's text form: the CLI's and consultant's plan (server side) and
 * the builder's copyable text (browser) read the same. Imports nothing at run time, so the browser can use it.
 */
export const PLAN_MARKS: Record<ChangeKind, string> = {
  create: '+',
  replace: '~',
  add: '+',
  remove: '-',
  change: '~',
  keep: '=',
  conflict: '!',
  order: '~',
  title: '~',
  detach: '=',
}
