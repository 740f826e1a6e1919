import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { openBuilder, type Stack } from './stack.js'

// The example package the browser tests import and upgrade, and the next version they upgrade to.

type Pkg = {
  name: string
  version: string
  roles: Array<{
    id: string
    tiles: Array<{ key: string; kpi: string; size: string; target: number | null; warn: number | null; params: object }>
  }>
} & Record<string, unknown>

export const STARTER = readFileSync(
  join(import.meta.dirname, '..', '..', 'packages', 'service-desk-starter.json'),
  'utf8',
)

/** A file for `setInputFiles`. */
export const packageFile = (name: string, text: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(text),
})

/** 1.1.0 of the starter: on the engineer wall a tile added, one removed, one resized, and the open tickets band tightened. */
export function starterNext(): Pkg {
  const pkg = JSON.parse(STARTER) as Pkg
  pkg.version = '1.1.0'
  const engineer = pkg.roles.find((role) => role.id === 'engineer')!
  engineer.tiles = engineer.tiles.filter((tile) => tile.key !== 'billable-wtd')
  engineer.tiles.find((tile) => tile.key === 'open')!.target = 30
  engineer.tiles.find((tile) => tile.key === 'open')!.warn = 50
  engineer.tiles.find((tile) => tile.key === 'unassigned')!.size = 'l'
  engineer.tiles.push({
    key: 'first-response',
    kpi: 'first_response_median',
    params: {},
    target: null,
    warn: null,
    size: 'm',
  })
  return pkg
}

/** The builder's Packages tab (`search` as in openBuilder, e.g. `?lang=nl`). */
export async function openPackages(stack: Stack, search = ''): Promise<Page> {
  const admin = await openBuilder(stack.admins, stack.url, search)
  await admin.click('nav.tabs button:nth-child(2)')
  await admin.waitForSelector('.export-panel form.export')
  return admin
}
