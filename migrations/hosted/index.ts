import type { Migration } from 'kysely'
import * as registry from './001-registry.js'
import * as loginGuard from './002-login-guard.js'

// The hosted registry's own migrations, apart from a tenant database's (migrations/index.ts).
export const hostedMigrations: Record<string, Migration> = {
  '001-registry': registry,
  '002-login-guard': loginGuard,
}
