import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type TProperties, Type } from 'typebox'
import { STANDARD_RATE } from '../../kpi-library/contracts.js'
import { weeklyHoursParam } from '../../kpi-library/kpis/time/shared.js'
import { CURRENCIES } from '../../kpi-library/settings.js'
import { requireAdmin } from '../auth.js'
import { getSettings, saveSettings } from '../services/settings.js'
import { errorResponses, IdSchema, LangSchema, OneOf, OpenOf } from '../wire/common.js'
import type { SettingsView } from '../wire/settings.js'

// The ranges of the KPI parameters these settings stand in for, so no KPI has to ignore a saved value.
// Declared here, not in server/wire: the bounds are the KPI library's own.
const WEEKLY = weeklyHoursParam()
const Rate = Type.Number({ minimum: STANDARD_RATE.min, maximum: STANDARD_RATE.max })
const Weekly = Type.Number({ minimum: WEEKLY.min, maximum: WEEKLY.max })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' })
const closed = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false })

const SettingsBody = Type.Object(
  {
    standardRate: Type.Optional(Type.Union([Rate, Type.Null()])),
    contractTypeRates: Type.Optional(
      Type.Array(closed({ contractType: Type.Integer({ minimum: 0, maximum: 1000 }), rate: Rate }), { maxItems: 50 }),
    ),
    weeklyHours: Type.Optional(Type.Union([Weekly, Type.Null()])),
    personHours: Type.Optional(Type.Array(closed({ resourceId: IdSchema, weeklyHours: Weekly }), { maxItems: 500 })),
    businessHours: Type.Optional(
      Type.Union([
        closed({
          days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
          start: Clock,
          end: Clock,
        }),
        Type.Null(),
      ]),
    ),
    holidays: Type.Optional(
      closed({ country: OneOf(['NL', 'BE', 'none']), extra: Type.Array(Day, { maxItems: 100 }) }),
    ),
    leave: Type.Optional(Type.Array(closed({ resourceId: IdSchema, from: Day, to: Day }), { maxItems: 1000 })),
    currency: Type.Optional(OneOf(CURRENCIES)),
    language: Type.Optional(LangSchema),
  },
  { additionalProperties: false, minProperties: 1 },
)

const View = OpenOf<SettingsView>()

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/settings', { schema: { response: { 200: View, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return getSettings(app.db, app.now(), app.config.tz)
  })

  // Partial: the fields sent replace theirs, the rest stay. The next poll of every screen shows the change.
  app.put(
    '/api/settings',
    { schema: { body: SettingsBody, response: { 200: View, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      await saveSettings(app.db, request.body, app.now().toISOString())
      return getSettings(app.db, app.now(), app.config.tz)
    },
  )
}
