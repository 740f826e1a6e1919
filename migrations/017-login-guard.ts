import type { Kysely } from 'kysely'
import { createLoginGuardTables, dropLoginGuardTables } from './shared/login-guard.js'

// Login throttling kept in the database, so a restart does not clear it.
export const up = (db: Kysely<any>) => createLoginGuardTables(db)
export const down = (db: Kysely<any>) => dropLoginGuardTables(db)
