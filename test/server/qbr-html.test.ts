import { describe, expect, test } from 'vitest'
import { qbrHtml } from '../../server/services/reports/qbr-html.js'
import { buildQbr } from '../../server/services/reports/qbr.js'
import { JANSEN, QBR_NOW, qbrDb } from './qbr-fixture.js'

// The QBR's HTML for Bakkerij Jansen's 2026-Q3 (test/server/qbr-fixture.ts) as the client reads it, in English and
// Dutch, in the MSP's colour and with its logo; everything inline.

const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c8102e"/></svg>',
).toString('base64')}`

async function report(lang: 'en' | 'nl', brand?: { brandColor: string; brandLogo: string | null }) {
  const { db } = await qbrDb()
  if (brand)
    await db
      .insertInto('msp_settings')
      .values({ id: 1, settings: JSON.stringify(brand), version: 1, updated_at: QBR_NOW })
      .execute()
  return buildQbr(db, { companyId: JANSEN, quarter: '2026-Q3', lang, now: new Date(QBR_NOW), tz: 'Europe/Amsterdam' })
}

/** The document's text as a reader sees it: tags out, entities read, spaces folded. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

describe('qbrHtml', () => {
  test('English: the quarter against the one before, the client’s comments negative first, hours and prepaid hours', async () => {
    const html = qbrHtml(await report('en'), 'en')
    const t = text(html)
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(t).toContain('Quarterly service review Bakkerij Jansen')
    expect(t).toContain('Q3 2026 (01/07/2026 – 30/09/2026), compared with Q2 2026')
    // The fixture's first ticket is from 14 April: Q2 holds only part of its days.
    expect(t).toContain('roleboard holds data from 14/04/2026 on: Q2 2026 is counted only from then.')
    expect(t).toContain('Tickets created 6 Q2 2026: 3')
    expect(t).toContain('Open at quarter end 2 1')
    expect(t).toContain('Tickets completed within their SLA 75% (3 of 4) 50% (1 of 2)')
    expect(t).toContain('Resolution within SLA 75% (3 of 4)')
    expect(t).toContain('4 responses: 2 positive, 2 negative')
    const comments = ['Nobody called us back.', 'Took two days to fix our mail.', 'Snel opgelost, dank!']
    const at = comments.map((c) => t.indexOf(c))
    expect(at.every((i) => i > 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(t).toContain('03/07/2026 · ticket T2026.106 · Anna Jansen')
    expect(t).toContain('Hours worked 11 h 6 h')
    expect(t).toContain('Billable hours 9.5 h 6 h')
    expect(t).toContain('Strippenkaart 40 uur Term: 01/05/2026 – 30/04/2027 40 h 8.5 h 14.5 h 25.5 h 36.3%')
    expect(t).toContain('Email / Outlook 3 2')
    // The default brand: roleboard's colour, no logo.
    expect(html).toContain('background: #1f6feb')
    expect(html).not.toContain('<img')
    // Nothing to fetch: no address outside the document.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
  })

  test('Dutch: Dutch words, dates and decimal commas, in the MSP’s colour with its logo', async () => {
    const html = qbrHtml(await report('nl', { brandColor: '#c8102e', brandLogo: LOGO }), 'nl')
    const t = text(html)
    expect(html).toContain('<html lang="nl">')
    expect(t).toContain('Kwartaalrapportage dienstverlening Bakkerij Jansen')
    expect(t).toContain('Q3 2026 (01-07-2026 – 30-09-2026), vergeleken met Q2 2026')
    expect(t).toContain('Tickets binnen de SLA afgerond 75% (3 van 4) 50% (1 van 2)')
    expect(t).toContain('4 reacties: 2 positief, 2 negatief')
    expect(t).toContain('Declarabele uren 9,5 u 6 u')
    expect(t).toContain('Strippenkaart 40 uur Looptijd: 01-05-2026 – 30-04-2027 40 u 8,5 u 14,5 u 25,5 u 36,3%')
    expect(t).toContain('03-07-2026 · ticket T2026.106 · Anna Jansen')
    expect(t).toContain('Nobody called us back.')
    expect(t).toContain('Kritiek 1 0')
    expect(html).toContain('background: #c8102e')
    expect(html).toContain(`<img class="logo" src="${LOGO}"`)
  })

  test('a quarter before the synced data starts shows no figures, not zeros, and says why', async () => {
    const html = qbrHtml({ ...(await report('en')), dataFrom: '2026-07-05' }, 'en')
    const t = text(html)
    expect(t).toContain('roleboard holds data from 05/07/2026 on: Q3 2026 is counted from then, Q2 2026 not at all.')
    expect(t).toContain('Tickets created 6 Q2 2026: –')
    expect(t).toContain('Open at quarter end 2 –')
    expect(t).toContain('Email / Outlook 3 –')
  })

  test('a client’s words and names are text, never markup', async () => {
    const base = await report('en')
    const html = qbrHtml(
      {
        ...base,
        company: { id: 12, name: 'Jansen <script>alert(1)</script>' },
        comments: [{ ...base.comments[0]!, comment: '<img src=x onerror=alert(1)>' }],
        brand: { color: 'red;} body{display:none', logo: 'data:text/html;base64,PHNjcmlwdD4=' },
      },
      'en',
    )
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('display:none')
    expect(html).not.toContain('data:text/html')
  })
})
