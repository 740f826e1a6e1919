#!/usr/bin/env node
// Entry point: loads the TypeScript sources through tsx, so no build step is needed to run roleboard.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../server/cli.ts')
process.exitCode = await main(process.argv.slice(2))
