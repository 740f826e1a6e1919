import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { screenPath } from './addresses.js'
import { createToken, liveToken } from './access.js'

/**
 * The demo's wall links, one per role, kept across restarts: a TV set up from the printed link keeps
 * working after the next `npm start`. The database stores only hashes, so the printed secrets live in
 * `<database>.demo-links.json` beside it (0600, like the database). A link revoked in the builder is
 * replaced by a new one; nothing else is revoked. Named `Demo: <role id>`, the same in every language (the
 * name is stored text, read on an English and a Dutch builder alike).
 */
export async function keepDemoWallLinks(
  db: Kysely<Database>,
  file: string,
  now: string,
): Promise<Array<{ role: string; path: string }>> {
  const kept = readKept(file)
  const roles = await db.selectFrom('dashboard').select('role').orderBy('id').execute()
  const links: Array<{ role: string; path: string }> = []
  const next: Record<string, string> = {}
  for (const { role } of roles) {
    const known = kept[role]
    const live = known ? await liveToken(db, known) : null
    const token =
      live && live.kind === 'wall' && live.role === role
        ? known!
        : (await createToken(db, { kind: 'wall', role, name: `Demo: ${role}`, lang: 'en' }, now)).token
    next[role] = token
    links.push({ role, path: screenPath('wall', role, token, 'en') })
  }
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return links
}

function readKept(file: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (!parsed || typeof parsed !== 'object') return {}
    return Object.fromEntries(
      Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length <= 200,
      ),
    )
  } catch {
    return {} // first start, or a file someone edited: new links
  }
}
