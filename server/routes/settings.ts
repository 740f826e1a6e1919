import type { FastifyInstance } from 'fastify'
import { STANDARD_RATE } from '../../kpi-library/kpis/finance/shared.js'
import { weeklyHoursParam } from '../../kpi-library/kpis/time/shared.js'
import { CURRENCIES, type MspSettings } from '../../kpi-library/settings.js'
import { requireAdmin } from '../auth.js'
import { errorResponses, Id, Lang } from '../schemas.js'
import { getSettings, saveSettings } from '../services/settings.js'

// The ranges of the KPI parameters these settings stand in for, so no KPI has to ignore a saved value.
const WEEKLY = weeklyHoursParam()
const Rate = { type: 'number', minimum: STANDARD_RATE.min, maximum: STANDARD_RATE.max } as const
const Weekly = { type: 'number', minimum: WEEKLY.min, maximum: WEEKLY.max } as const
const Day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const
const Clock = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' } as const
const closed = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, required, properties }) as const

const SettingsBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    standardRate: { anyOf: [Rate, { type: 'null' }] },
    contractTypeRates: { type: 'array', maxItems: 50, items: closed({ contractType: { type: 'integer', minimum: 0, maximum: 1000 }, rate: Rate }) },
    weeklyHours: { anyOf: [Weekly, { type: 'null' }] },
    personHours: { type: 'array', maxItems: 500, items: closed({ resourceId: Id, weeklyHours: Weekly }) },
    businessHours: {
      anyOf: [closed({ days: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 7 } }, start: Clock, end: Clock }), { type: 'null' }],
    },
    holidays: closed({ country: { type: 'string', enum: ['NL', 'BE', 'none'] }, extra: { type: 'array', maxItems: 100, items: Day } }),
    leave: { type: 'array', maxItems: 1000, items: closed({ resourceId: Id, from: Day, to: Day }) },
    currency: { type: 'string', enum: [...CURRENCIES] },
    language: Lang,
  },
} as const

const View = { type: 'object', additionalProperties: true } as const

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/settings', { schema: { response: { 200: View, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return getSettings(app.db, app.now(), app.config.tz)
  })

  // Partial: the fields sent replace theirs, the rest stay. The next poll of every screen shows the change.
  app.put<{ Body: Partial<MspSettings> }>('/api/settings', { schema: { body: SettingsBody, response: { 200: View, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    await saveSettings(app.db, request.body, app.now().toISOString())
    return getSettings(app.db, app.now(), app.config.tz)
  })
}
