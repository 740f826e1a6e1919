/// <reference lib="dom" />
import { existsSync, writeFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PSA } from '../../connectors/autotask/sync.js'
import { ARTIFACTS, CHROMIUM, screenshotPath, type Stack, startStack, syncedFromConnectWise } from './stack.js'

// The engineer's phone page as an engineer sees it: one card per ticket, the contact a tap away,
// the ticket a tap away in Autotask, "I'm on it" and "Called back" on the page itself.

const PHONE = { width: 390, height: 844 }
/** The lists of small fixes to one's own time, collapsed into one card each (web/src/me/cards.ts CHORES). */
const CHORES = new Set([
  'overlapping_entries',
  'tickets_completed_without_time',
  'timesheet_gaps_yesterday',
  'time_entry_coding_errors',
  'nonbillable_on_tm_clients',
])
/** The busiest engineer's page, in screens of 844 px: it was 3.1 (2,599 px) before chores collapsed. */
const MAX_SCREENS = 2

type Row = Record<string, unknown> & {
  rowKey: string
  ticketId?: number | null
  contactPhone?: string
  ack?: { id: number } | null
}
type MeList = { id: string; kind: string; rows: Row[]; action: { ack: string } | null }

describe.skipIf(!existsSync(CHROMIUM))("an engineer's phone page", () => {
  let stack: Stack
  let phones: BrowserContext
  const links = new Map<number, string>()
  let busiestOne: { resourceId: number; path: string } | null = null

  /** The engineer's personal link (made once per engineer) and their lists as the API answers them. */
  async function engineer(resourceId: number): Promise<{ path: string; lists: MeList[] }> {
    if (!links.has(resourceId))
      links.set(
        resourceId,
        (
          await stack.admin<{ path: string }>('/api/tokens', {
            method: 'POST',
            json: { kind: 'person', resourceId, name: 'Phone' },
          })
        ).path,
      )
    const path = links.get(resourceId)!
    const answer = await fetch(`${stack.url}/api${path}`)
    return { path, lists: ((await answer.json()) as { lists: MeList[] }).lists.filter((list) => list.kind === 'list') }
  }

  /** The engineer whose page has the most tickets, one of them in more than one list: the busiest card layout. */
  async function busiest(): Promise<{ resourceId: number; path: string; lists: MeList[] }> {
    if (busiestOne) return { ...busiestOne, lists: (await engineer(busiestOne.resourceId)).lists }
    const people = await stack.handle.db
      .selectFrom('ticket')
      .select('assigned_resource_id as id')
      .where('assigned_resource_id', 'is not', null)
      .where('completed_at', 'is', null)
      .groupBy('assigned_resource_id')
      .execute()
    let best: { resourceId: number; path: string; lists: MeList[]; tickets: number } | null = null
    for (const { id } of people) {
      const { path, lists } = await engineer(id!)
      const tickets = lists
        .flatMap((list) => list.rows.map((row) => row.ticketId))
        .filter((ticket) => typeof ticket === 'number')
      if (new Set(tickets).size === tickets.length) continue
      if (!best || new Set(tickets).size > best.tickets)
        best = { resourceId: id!, path, lists, tickets: new Set(tickets).size }
    }
    if (!best) throw new Error('no engineer has a ticket in two lists in the test data')
    busiestOne = best
    return best
  }

  async function openPage(path: string, lang: 'en' | 'nl'): Promise<Page> {
    const page = await phones.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    // Errors show in the page, never in a dialog.
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    await page.goto(`${stack.url}${path}&lang=${lang}`)
    await page.waitForSelector('.me-header h1')
    expect(problems).toEqual([])
    return page
  }

  beforeAll(async () => {
    stack = await startStack({ size: 'small' })
    phones = await stack.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('one card per ticket, worst first, with a tel: link and the ticket in Autotask; legible at 390x844', async () => {
    const { path, lists } = await busiest()
    const page = await openPage(path, 'en')
    const tickets = await page
      .locator('article.ticket')
      .evaluateAll((cards) => cards.map((card) => Number((card as HTMLElement).dataset.ticket)))
    expect(new Set(tickets).size).toBe(tickets.length)
    const ticketsOf = (chores: boolean) =>
      new Set(
        lists
          .filter((list) => CHORES.has(list.id) === chores)
          .flatMap((list) => list.rows.map((row) => row.ticketId))
          .filter((ticket) => typeof ticket === 'number'),
      )
    expect(new Set(tickets)).toEqual(ticketsOf(false))
    // Chores (overlapping entries, tickets completed without time, the time sheet): one collapsed card per list, its count and tickets in one line.
    const chores = await page.locator('details.chore').evaluateAll((cards) =>
      cards.map((card) => ({
        kpi: (card as HTMLElement).dataset.kpi,
        open: (card as HTMLDetailsElement).open,
        summary: card.querySelector('summary')!.textContent!,
        tickets: Array.from(card.querySelectorAll('li[data-ticket]')).map((li) =>
          Number((li as HTMLElement).dataset.ticket),
        ),
      })),
    )
    const choreLists = lists.filter(
      (list) =>
        list.rows.length > 0 && (CHORES.has(list.id) || list.rows.every((row) => typeof row.ticketId !== 'number')),
    )
    expect(chores.map((chore) => chore.kpi).sort()).toEqual(choreLists.map((list) => list.id).sort())
    expect(chores.length).toBeGreaterThan(0)
    for (const chore of chores) {
      expect(chore.open).toBe(false)
      expect(chore.summary).toMatch(/^\d+ /)
    }
    expect(new Set(chores.flatMap((chore) => chore.tickets))).toEqual(ticketsOf(true))
    const overlaps = chores.find((chore) => chore.kpi === 'overlapping_entries')
    if (overlaps) expect(overlaps.summary).toMatch(/^(1 time entry overlaps|\d+ time entries overlap): T\d{8}\.\d{4}/)
    // The header names the chores instead of "and 7 others".
    expect(await page.locator('.me-header .also').textContent()).toMatch(/^Also: \d+ /)
    // Opened, a chore says what taking it means.
    if (overlaps) {
      await page.locator('details.chore[data-kpi="overlapping_entries"] summary').click()
      expect(
        await page.locator('details.chore[data-kpi="overlapping_entries"] button.take').first().textContent(),
      ).toBe("I'll correct it")
      await page.locator('details.chore[data-kpi="overlapping_entries"] summary').click()
    }
    // "Leaves once Autotask shows the change" once, above the risk cards; urgency in an icon and words, not red alone.
    const risks = await page.locator('article.ticket.risk').count()
    expect(await page.locator('.risk-note').count()).toBe(risks > 0 ? 1 : 0)
    expect(await page.locator('article.ticket p.small').count()).toBe(0)
    for (const reason of await page.locator('.reasons li.risk').allTextContents()) expect(reason).toMatch(/^⚠\S/)
    // A ticket in several lists says every reason on its one card.
    const reasons = await page
      .locator('article.ticket')
      .evaluateAll((cards) => cards.map((card) => card.querySelectorAll('.reasons li').length))
    expect(Math.max(...reasons)).toBeGreaterThan(1)
    // Risk (SLA) reasons come first.
    const risky = await page
      .locator('article.ticket')
      .evaluateAll((cards) => cards.map((card) => card.classList.contains('risk')))
    expect(risky).toEqual([...risky].sort((a, b) => Number(b) - Number(a)))

    const header = await page.locator('.me-header h1').textContent()
    expect(header).toMatch(new RegExp(`^${tickets.length} tickets need you: `))
    expect(header).not.toMatch(/person|people/)

    // Tap to call: the number as stored on screen, digits and + only in the href.
    const phoned = lists
      .filter((list) => !CHORES.has(list.id))
      .flatMap((list) => list.rows)
      .find((row) => typeof row.contactPhone === 'string' && row.ticketId)!
    const call = page.locator(`article[data-ticket="${phoned.ticketId}"] a.call`)
    expect(await call.getAttribute('href')).toBe(
      `tel:${phoned.contactPhone!.trim().startsWith('+') ? '+' : ''}${phoned.contactPhone!.replace(/\D/g, '')}`,
    )
    expect(await call.textContent()).toContain(phoned.contactPhone)
    for (const href of await page
      .locator('a[href^="tel:"]')
      .evaluateAll((all) => all.map((a) => a.getAttribute('href')!)))
      expect(href).toMatch(/^tel:\+?\d+$/)

    // Open in Autotask, on the zone's web UI as the zone lookup named it.
    const webUrl = (
      await stack.handle.db.selectFrom('psa_source').select('web_url').where('psa', '=', PSA).executeTakeFirstOrThrow()
    ).web_url
    expect(webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const opens = await page
      .locator('article.ticket')
      .evaluateAll((cards) =>
        cards.map((card) => [(card as HTMLElement).dataset.ticket, card.querySelector('a.open')?.getAttribute('href')]),
      )
    for (const [ticket, href] of opens)
      expect(href).toBe(`${webUrl}Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=${ticket}`)
    expect(await page.locator('a.open').first().textContent()).toBe('Open in Autotask')

    // Legible outdoors: no text under 16 px, no tap target under 44 px, nothing wider than the phone.
    const measured = await page.evaluate(() => {
      const small: string[] = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      while (walker.nextNode()) {
        const el = walker.currentNode.parentElement
        if (!el || !walker.currentNode.textContent?.trim() || el.getClientRects().length === 0) continue
        if (parseFloat(getComputedStyle(el).fontSize) < 16)
          small.push(walker.currentNode.textContent.trim().slice(0, 30))
      }
      const targets = Array.from(document.querySelectorAll('a, button')).filter((el) => el.getClientRects().length > 0)
      return {
        small,
        lowTargets: targets.filter((el) => el.getBoundingClientRect().height < 44).map((el) => el.textContent),
        scrollWidth: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight,
        cards: document.querySelectorAll('.card').length,
      }
    })
    expect(measured.small).toEqual([])
    expect(measured.lowTargets).toEqual([])
    expect(measured.scrollWidth).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: screenshotPath('me-phone-en'), fullPage: true })
    const nl = await openPage(path, 'nl')
    const heightNl = await nl.evaluate(() => document.documentElement.scrollHeight)
    await nl.screenshot({ path: screenshotPath('me-phone-nl'), fullPage: true })
    writeFileSync(
      `${ARTIFACTS}/me-phone-height.json`,
      JSON.stringify({ cards: measured.cards, en: measured.height, nl: heightNl }),
    )
    // Scannable: the busiest engineer's page within MAX_SCREENS phone screens, in both languages.
    expect(measured.height).toBeLessThanOrEqual(MAX_SCREENS * PHONE.height)
    expect(heightNl).toBeLessThanOrEqual(MAX_SCREENS * PHONE.height)
    await Promise.all([page.close(), nl.close()])
  })

  test('"I\'m on it" takes every reason of a ticket at once, shows who and when, and Undo gives it back', async () => {
    const { resourceId, path } = await busiest()
    const page = await openPage(path, 'en')
    const card = page.locator('article.ticket', { has: page.locator('button.take') }).first()
    const ticket = Number(await card.getAttribute('data-ticket'))
    await card.locator('button.take').click()
    const taken = page.locator(`article[data-ticket="${ticket}"] .taken`)
    await taken.waitFor()
    expect(await taken.textContent()).toMatch(/^Taken by you at \d\d:\d\d$/)
    const takeRows = (await engineer(resourceId)).lists
      .filter((list) => list.action?.ack === 'take')
      .flatMap((list) => list.rows)
      .filter((row) => row.ticketId === ticket)
    expect(takeRows.length).toBeGreaterThan(0)
    for (const row of takeRows) expect(row.ack).toMatchObject({ mode: 'take', byResourceId: resourceId })

    await page.locator(`article[data-ticket="${ticket}"] button.undo`).click()
    await page.locator(`article[data-ticket="${ticket}"] button.take`).waitFor()
    expect(await page.locator(`article[data-ticket="${ticket}"] .taken`).count()).toBe(0)
    for (const list of (await engineer(resourceId)).lists)
      for (const row of list.rows) expect(row.ack ?? null).toBeNull()
    await page.close()
  })

  test('"Called back" asks for a note inline, takes the reason off the page and offers Undo; all in Dutch under lang=nl', async () => {
    const people = await stack.handle.db.selectFrom('resource').select('id').execute()
    let found: { resourceId: number; path: string; row: Row } | null = null
    for (const { id } of people) {
      const { path, lists } = await engineer(id)
      const row = lists
        .find((list) => list.id === 'csat_low_callback')
        ?.rows.find((candidate) => typeof candidate.ticketId === 'number')
      if (row) {
        found = { resourceId: id, path, row }
        break
      }
    }
    if (!found) throw new Error('nobody has a customer to call back in the test data')
    const page = await openPage(found.path, 'nl')
    const header = await page.locator('.me-header h1').textContent()
    expect(header).toMatch(/^(1 ticket heeft|\d+ tickets hebben) je nodig: /)
    expect(await page.locator('button.take').first().textContent()).toBe('Ik pak het op')
    expect(await page.locator('a.open').first().textContent()).toBe('In Autotask')
    expect(await page.locator('body').textContent()).not.toMatch(/I'm on it|need you|Taken by|Called back/)

    const card = page.locator(`article[data-ticket="${found.row.ticketId}"]`)
    await card.locator('button.resolve').click()
    await card.locator('form.note-form textarea').waitFor()
    await card.locator('form.note-form button.save').click()
    expect(await card.locator('p.error').textContent()).toBe('Schrijf eerst een korte notitie.')
    await card.locator('form.note-form textarea').fill('Klant teruggebeld, printer werkt weer')
    await card.locator('form.note-form button.save').click()
    await page.locator('.undo-bar.shown').waitFor()
    expect(await page.locator('.undo-bar').textContent()).toContain('Teruggebeld')
    expect(
      await page.locator(`article[data-ticket="${found.row.ticketId}"] [data-kpi="csat_low_callback"]`).count(),
    ).toBe(0)

    await page.locator('.undo-bar button.undo').click()
    await page.locator(`article[data-ticket="${found.row.ticketId}"] li[data-kpi="csat_low_callback"]`).waitFor()
    expect(await page.locator('.undo-bar.shown').count()).toBe(0)
    await page.close()
  })

  // Last: from here on the stack's data reads as ConnectWise's.
  test('after a sync from ConnectWise PSA a ticket opens on ConnectWise, and the button says so, on as few screens', async () => {
    await syncedFromConnectWise(stack.handle)
    const { path } = await busiest()
    const answer = (await (await fetch(`${stack.url}/api${path}`)).json()) as { psa: string | null }
    expect(answer.psa).toBe('connectwise')
    for (const [lang, words] of [
      ['en', 'Open in ConnectWise'],
      ['nl', 'In ConnectWise'],
    ] as const) {
      const page = await openPage(path, lang)
      const opens = await page
        .locator('article.ticket')
        .evaluateAll((cards) =>
          cards.map((card) => [
            (card as HTMLElement).dataset.ticket,
            card.querySelector('a.open')?.getAttribute('href'),
            card.querySelector('a.open')?.textContent,
          ]),
        )
      expect(opens.length).toBeGreaterThan(0)
      // The login's codebase, the service ticket page, the ticket's id and the login company.
      for (const [ticket, href, text] of opens) {
        expect(href).toBe(
          `https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=${ticket}&companyName=acme`,
        )
        expect(text).toBe(words)
      }
      expect(await page.locator('body').textContent()).not.toContain('Autotask')
      await page.screenshot({ path: screenshotPath(`me-phone-cw-${lang}`), fullPage: true })
      // As scannable as on Autotask: the busiest engineer's page within MAX_SCREENS phone screens.
      expect(await page.evaluate(() => document.documentElement.scrollHeight), lang).toBeLessThanOrEqual(
        MAX_SCREENS * PHONE.height,
      )
      await page.close()
    }
  })
})
