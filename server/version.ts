import { readFileSync } from 'node:fs'

/** roleboard's version, from package.json: what the server reports and the front end checks itself against. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version
