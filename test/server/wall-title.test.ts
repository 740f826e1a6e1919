import { describe, expect, test } from 'vitest'
import { adminCookie, appOn } from '../helpers/app-env.js'
import { openTempDb, SIM_NOW } from '../helpers/sync-env.js'

// A built-in dashboard's title is stored once (in English) and shown in the wall's language; a title the
// owner typed is shown as typed, in every language.

describe('the wall title', () => {
  test("a built-in dashboard reads its title in the wall's language; a typed title is kept as typed", async () => {
    const app = await appOn(await openTempDb(), SIM_NOW)
    const cookie = await adminCookie(app)
    const wall = async (role: string, lang: string) =>
      (await app.inject({ url: `/api/dashboards/${role}?lang=${lang}`, headers: { cookie } })).json()
    expect((await wall('owner', 'nl')).title).toBe('Eigenaar: is het bedrijf gezond?')
    expect((await wall('owner', 'en')).title).toBe('Owner: is the business healthy?')
    expect((await wall('service-manager', 'nl')).title).toBe('Servicedesk: houd de stroom op gang')
    // The builder keeps the stored title to edit.
    expect((await app.inject({ url: '/api/dashboards/owner/definition', headers: { cookie } })).json().title).toBe(
      'Owner: is the business healthy?',
    )

    // Saving the built-in title unchanged (the builder saves the whole dashboard) keeps it translated.
    const same = await app.inject({
      method: 'PUT',
      url: '/api/dashboards/owner',
      headers: { cookie },
      payload: { title: 'Owner: is the business healthy?' },
    })
    expect(same.statusCode).toBe(200)
    expect((await wall('owner', 'nl')).title).toBe('Eigenaar: is het bedrijf gezond?')

    const typed = await app.inject({
      method: 'PUT',
      url: '/api/dashboards/owner',
      headers: { cookie },
      payload: { title: 'Directie: cijfers van de week' },
    })
    expect(typed.statusCode).toBe(200)
    expect((await wall('owner', 'nl')).title).toBe('Directie: cijfers van de week')
    expect((await wall('owner', 'en')).title).toBe('Directie: cijfers van de week')
  })
})
