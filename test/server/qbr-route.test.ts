import { existsSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { adminCookie, appOn, wallToken } from '../helpers/app-env.js'
import { pdfText } from '../helpers/pdf-text.js'
import { JANSEN, QBR_NOW, qbrDb } from './qbr-fixture.js'

// GET /api/reports/qbr/:company.html|.pdf: the client review of Bakkerij Jansen (test/server/qbr-fixture.ts) for an
// admin, as a page and as the PDF Chromium prints; the last full quarter when none is asked.

const CHROMIUM = '/usr/bin/chromium'

async function setup() {
  const handle = await qbrDb()
  const app = await appOn(handle, QBR_NOW)
  const cookie = await adminCookie(app)
  const get = (url: string, headers: Record<string, string> = { cookie }) => app.inject({ url, headers })
  return { app, cookie, get }
}

/** A PDF's page count and all its text, read by pdf.js. */
async function readPdf(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const { pages, text } = await pdfText(bytes)
  return { pages, text: text.join(' ') }
}

describe('/api/reports/qbr', () => {
  test('the page: the last full quarter by default, in the language asked', async () => {
    const { get } = await setup()
    const en = await get(`/api/reports/qbr/${JANSEN}.html`)
    expect(en.statusCode).toBe(200)
    expect(en.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(en.body).toContain('Q3 2026')
    expect(en.body).toContain('Nobody called us back.')
    const nl = await get(`/api/reports/qbr/${JANSEN}.html?quarter=2026-Q2&lang=nl`)
    expect(nl.statusCode).toBe(200)
    expect(nl.body).toContain('Kwartaalrapportage dienstverlening')
    expect(nl.body).toContain('vergeleken met Q1 2026')
  })

  test('admin only; an unknown company, a malformed or future quarter are refused in one line', async () => {
    const { app, cookie, get } = await setup()
    expect((await get(`/api/reports/qbr/${JANSEN}.html`, {})).statusCode).toBe(401)
    const { token } = await wallToken(app, cookie, 'account-manager')
    expect((await get(`/api/reports/qbr/${JANSEN}.html`, { authorization: `Bearer ${token}` })).statusCode).toBe(403)
    const unknown = await get('/api/reports/qbr/999.html')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ message: 'no client company with id 999', code: 'not_found' })
    const future = await get(`/api/reports/qbr/${JANSEN}.html?quarter=2027-Q1`)
    expect(future.statusCode).toBe(400)
    expect(future.json().message).toBe('2027-Q1 has not begun yet')
    for (const url of [
      `/api/reports/qbr/${JANSEN}.html?quarter=2026-Q5`,
      `/api/reports/qbr/${JANSEN}.html?lang=de`,
      `/api/reports/qbr/${JANSEN}.doc`,
      '/api/reports/qbr/abc.html',
    ]) {
      const answer = await get(url)
      expect(answer.statusCode, url).toBe(400)
      expect(answer.json().message, url).not.toContain('\n')
    }
  })

  test.skipIf(!existsSync(CHROMIUM))(
    'the PDF: A4 pages whose text is the review, in English and Dutch',
    async () => {
      const { get } = await setup()
      const en = await get(`/api/reports/qbr/${JANSEN}.pdf?quarter=2026-Q3&lang=en`)
      expect(en.statusCode).toBe(200)
      expect(en.headers['content-type']).toBe('application/pdf')
      expect(en.headers['content-disposition']).toBe('inline; filename="qbr-12-2026-Q3.pdf"')
      const english = await readPdf(en.rawPayload)
      // Three A4 pages: the glance and tickets; service levels and satisfaction; hours, agreements and issues (the
      // fixture's few comments fit the second).
      expect(english.pages).toBe(3)
      expect(english.text).toContain('Quarterly service review')
      expect(english.text).toContain('Bakkerij Jansen')
      expect(english.text).toContain('Nobody called us back.')
      expect(english.text).toContain('Page 1 of 3')
      expect(english.text).toContain('Page 3 of 3')
      const nl = await get(`/api/reports/qbr/${JANSEN}.pdf?quarter=2026-Q3&lang=nl`)
      const dutch = await readPdf(nl.rawPayload)
      expect(dutch.text).toContain('Kwartaalrapportage dienstverlening')
      expect(dutch.text).toContain('9,5 u')
      expect(dutch.pages).toBe(3)
      expect(dutch.text).toContain('Pagina 1 van 3')
    },
    60_000,
  )
})
