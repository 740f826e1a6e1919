import type { Migration } from 'kysely'
import * as registry from './001-registry.js'
import * as loginGuard from './002-login-guard.js'
import * as builderHandoff from './003-builder-handoff.js'
import * as tenantPsa from './004-tenant-psa.js'

// The hosted registry's own migrations, apart from a tenant database's (migrations/index.ts).
export const hostedMigrations: Record<string, Migration> = {
  '001-registry': registry,
  '002-login-guard': loginGuard,
  '003-builder-handoff': builderHandoff,
  '004-tenant-psa': tenantPsa,
}
