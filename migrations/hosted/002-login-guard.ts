import type { Kysely } from 'kysely'
import { createLoginGuardTables, dropLoginGuardTables } from '../shared/login-guard.js'

// Consultant logins are throttled like a tenant's admin login, in the registry.
export const up = (db: Kysely<any>) => createLoginGuardTables(db)
export const down = (db: Kysely<any>) => dropLoginGuardTables(db)
