import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { STANDARD_RATE } from '../../kpi-library/contracts.js'
import { weeklyHoursParam } from '../../kpi-library/kpis/time/shared.js'
import { BRAND_LOGO_MAX_BYTES } from '../../kpi-library/wire-types.js'
import { requireAdmin } from '../auth.js'
import { getSettings, saveSettings } from '../services/settings.js'
import { errorResponses, OpenOf } from '../wire/common.js'
import { settingsChangeSchema, type SettingsView } from '../wire/settings.js'

// The ranges of the KPI parameters these settings stand in for, so no KPI has to ignore a saved value.
const SettingsBody = settingsChangeSchema({ standardRate: STANDARD_RATE, weeklyHours: weeklyHoursParam() })
const View = OpenOf<SettingsView>()

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/settings', { schema: { response: { 200: View, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return getSettings(app.db, app.now(), app.config.tz)
  })

  // Partial: the fields sent replace theirs, the rest stay. The next poll of every screen shows the change.
  app.put(
    '/api/settings',
    // Room for the brand logo (base64 is 4/3 of its bytes), beyond the app's small default body limit.
    { bodyLimit: 2 * BRAND_LOGO_MAX_BYTES, schema: { body: SettingsBody, response: { 200: View, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      await saveSettings(app.db, request.body, app.now().toISOString())
      return getSettings(app.db, app.now(), app.config.tz)
    },
  )
}
