import type { Holiday, MspSettings, ParamValue } from '../../kpi-library/wire-types.js'
import type { Person } from './tokens.js'

// The settings' request schema stays in server/routes/settings.ts: its bounds are the KPI library's own.

/** GET and PUT /api/settings: the settings, what they give the KPIs, and what the settings page picks from. */
export interface SettingsView {
  settings: MspSettings
  version: number
  /** KPI parameter defaults the settings give (a tile's value in force when it sets none). */
  paramDefaults: Record<string, ParamValue>
  /** The chosen country's holidays of this year and the next, for the settings page to show. */
  holidays: Holiday[]
  /** Synced people to pick by name (active first). */
  people: Person[]
}
