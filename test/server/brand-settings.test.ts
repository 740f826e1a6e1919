import { describe, expect, test } from 'vitest'
import { fixtureDb } from '../kpi/fixture.js'
import { adminCookie, appOn } from '../helpers/app-env.js'

// The MSP's brand in /api/settings: a colour and a logo for the reports it hands clients (the QBR). The logo is a
// PNG or SVG data URL of at most 100 KB; an SVG that could run script or fetch a file is refused, and a refusal
// leaves the saved settings as they were.

const NOW = '2026-10-05T08:00:00.000Z'
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const dataUrl = (type: string, bytes: Buffer | string) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`
const svg = (body: string) =>
  dataUrl('image/svg+xml', `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`)

async function setup() {
  const app = await appOn(await fixtureDb({}), NOW)
  const cookie = await adminCookie(app)
  const put = (payload: object) => app.inject({ method: 'PUT', url: '/api/settings', headers: { cookie }, payload })
  const read = async () => (await app.inject({ url: '/api/settings', headers: { cookie } })).json()
  return { put, read }
}

describe('brand settings', () => {
  test('roleboard’s own colour and no logo until set; a colour and an SVG or PNG logo are kept', async () => {
    const { put, read } = await setup()
    expect((await read()).settings).toMatchObject({ brandColor: '#1f6feb', brandLogo: null })
    const logo = svg('<rect width="10" height="10" fill="#c8102e"/><text x="1" y="8">J</text>')
    const saved = await put({ brandColor: '#C8102E', brandLogo: logo })
    expect(saved.statusCode).toBe(200)
    expect(saved.json().settings).toMatchObject({ brandColor: '#C8102E', brandLogo: logo })
    const png = dataUrl('image/png', Buffer.concat([PNG, Buffer.alloc(64)]))
    expect((await put({ brandLogo: png })).json().settings.brandLogo).toBe(png)
    expect((await put({ brandLogo: null })).json().settings).toMatchObject({ brandColor: '#C8102E', brandLogo: null })
  })

  test('refuses an oversized logo, an SVG carrying script or a link, a PNG that is not one, a colour that is not hex', async () => {
    const { put, read } = await setup()
    const refused = async (change: object, message: string | RegExp) => {
      const answer = await put(change)
      expect(answer.statusCode).toBe(400)
      expect(answer.json().message).toMatch(message)
    }
    await refused(
      { brandLogo: dataUrl('image/png', Buffer.concat([PNG, Buffer.alloc(101 * 1024)])) },
      'the logo is 102 KB; at most 100 KB',
    )
    await refused(
      { brandLogo: svg('<script>alert(1)</script>') },
      "the logo's SVG carries a <script> element; save it without and upload it again",
    )
    await refused({ brandLogo: svg('<rect width="1" height="1" onload="alert(1)"/>') }, 'an event handler attribute')
    await refused({ brandLogo: svg('<a href="javascript:alert(1)"><rect/></a>') }, 'a javascript: link')
    await refused({ brandLogo: svg('<image href="https://tracker.example/x.png"/>') }, 'a link to another file')
    await refused({ brandLogo: svg('<style>@import url(https://x.example/a.css)</style>') }, 'a style that loads')
    await refused({ brandLogo: dataUrl('image/png', '<svg></svg>') }, 'the logo says it is a PNG but is not one')
    await refused({ brandLogo: 'data:image/gif;base64,R0lGODlh' }, /brandLogo/)
    await refused({ brandColor: 'red' }, /brandColor/)
    expect((await read()).version).toBe(0)
  })
})
