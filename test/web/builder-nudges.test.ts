/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { englishLeft } from './english.js'
import { CHROMIUM, openBuilder, type Stack, startStack } from './stack.js'

// The owner sets up nudges in the builder: adds a Slack channel and a Teams channel (a local receiver stands in
// for both; the Teams one answers 500), sends a test to each and sees each one's health, then picks a channel
// and whom it is for on the call-back tile. The webhook URL is never on the page once it is added.

const SLACK_SECRET = '/services/T0001/B0002/SlackSecretToken0123456789'
const TEAMS_SECRET = '/workflows/4f1c/triggers/manual/paths/invoke?sig=TeamsSecretSig0123456789'

describe.skipIf(!existsSync(CHROMIUM))('nudges in the builder', () => {
  let stack: Stack
  let receiver: string
  const posts: Array<{ path: string; body: string }> = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      posts.push({ path: request.url ?? '', body })
      const failing = request.url?.startsWith('/workflows/')
      response.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' })
      response.end(failing ? 'flow is turned off' : 'ok')
    })
  })

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    receiver = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
    await new Promise((resolve) => server.close(resolve))
  })

  test('add a channel, send a test, see its health, pick it for a tile; the URL never shows again', async () => {
    const page = await openBuilder(stack.admins, stack.url, '?role=service-manager&lang=en')
    const panel = page.locator('.nudges-panel')
    await panel.locator('h2', { hasText: 'Nudges to Teams or Slack' }).waitFor()
    // What arrives and when, in the buttons' own words; the inputs named where they stand, not only inside.
    const intro = await panel.locator('p.muted').first().innerText()
    expect(intro).toContain('at any hour')
    expect(intro).toContain("rows someone clicked “I'm on it” or “Called back” for")
    expect(intro).not.toContain('took')
    expect(await panel.innerText()).toContain('Channels are shared by all dashboards')
    for (const [label, name] of [
      ['Chat app', 'select[name=channel-kind]'],
      ['Channel name', 'input[name=channel-name]'],
      ['Webhook URL', 'input[name=channel-url]'],
    ])
      expect(
        await panel
          .locator('label.nudge-field', { has: page.getByText(label, { exact: true }) })
          .locator(name)
          .count(),
      ).toBe(1)

    for (const [kind, name, path] of [
      ['slack', 'Service desk (Slack)', SLACK_SECRET],
      ['teams', 'Service desk (Teams)', TEAMS_SECRET],
    ] as const) {
      await panel.locator('select[name=channel-kind]').selectOption(kind)
      await panel.locator('input[name=channel-name]').fill(name)
      await panel.locator('input[name=channel-url]').fill(`${receiver}${path}`)
      await panel.locator('button', { hasText: 'Add channel' }).click()
      await panel.locator('li.channel strong', { hasText: name }).waitFor()
      expect(await panel.locator('input[name=channel-url]').inputValue()).toBe('')
    }

    const slack = panel.locator('li.channel', { hasText: 'Service desk (Slack)' })
    await slack.locator('button', { hasText: 'Send test' }).click()
    await slack.locator('.channel-health.ok', { hasText: 'working: last post delivered' }).waitFor()
    const teams = panel.locator('li.channel', { hasText: 'Service desk (Teams)' })
    await teams.locator('button', { hasText: 'Send test' }).click()
    await panel.locator('li.channel', { hasText: 'Service desk (Teams)' }).locator('.channel-health.failing').waitFor()
    expect(await panel.locator('li.channel', { hasText: 'Service desk (Teams)' }).innerText()).toContain(
      'the webhook answered HTTP 500: flow is turned off',
    )
    expect(posts.map((post) => post.path)).toEqual([SLACK_SECRET, TEAMS_SECRET])
    expect(JSON.parse(posts[0]!.body).text).toBe('roleboard test post to ‘Service desk (Slack)’')

    const { tiles } = await stack.admin<{ tiles: Array<{ id: number; kpi: string }> }>(
      '/api/dashboards/service-manager/definition',
    )
    const callback = tiles.find((tile) => tile.kpi === 'csat_low_callback')!
    const rule = panel.locator(`li.nudge-rule[data-tile="${callback.id}"]`)
    // How many rows the list holds now, and a post's first line made of them.
    const wall = await stack.admin<{ tiles: Array<{ tileId: number; result: { count: number; rows: unknown[] } }> }>(
      '/api/dashboards/service-manager?lang=en',
    )
    const { count } = wall.tiles.find((tile) => tile.tileId === callback.id)!.result
    expect(await rule.innerText()).toContain(`${count} ${count === 1 ? 'row' : 'rows'} on the list now`)
    expect(await rule.locator('.nudge-sample').isHidden()).toBe(true)
    await rule.locator('select').selectOption({ label: 'Service desk (Teams)' })
    expect(await rule.locator('.nudge-sample').innerText()).toMatch(
      /^Sample post: “.+: call back — \d new rows?: .+”$/i,
    )
    expect(await rule.locator('.nudge-for-hint').innerText()).toContain('Teams @mentions each row’s person')
    await rule.locator('select').selectOption({ label: 'Service desk (Slack)' })
    expect(await rule.locator('.nudge-for-hint').innerText()).toContain('Slack @mentions no one')
    expect(await rule.locator('label.nudge-field', { hasText: 'For whom' }).locator('input').count()).toBe(1)
    // "For whom" suggests the wall's role and the people; any words will do.
    await expect.poll(() => panel.locator('datalist option').first().getAttribute('value')).toBe('Service manager')
    await rule.locator('input').fill('Service desk')
    await rule.locator('button', { hasText: 'Save' }).click()
    await panel.locator(`li.nudge-rule[data-tile="${callback.id}"]`, { hasText: '0 posted so far' }).waitFor()
    const state = await stack.admin<{ rules: Array<{ tileId: number; audience: string }> }>('/api/nudges')
    expect(state.rules).toMatchObject([{ tileId: callback.id, audience: 'Service desk' }])

    const html = await page.content()
    for (const secret of ['SlackSecretToken0123456789', 'TeamsSecretSig0123456789', 'B0002', '4f1c'])
      expect(html).not.toContain(secret)

    // In Dutch, with the same state.
    const dutch = await openBuilder(stack.admins, stack.url, '?role=service-manager&lang=nl')
    const nl = dutch.locator('.nudges-panel')
    await nl.locator('h2', { hasText: 'Meldingen naar Teams of Slack' }).waitFor()
    await nl.locator('.channel-health.ok', { hasText: 'werkt: laatste bericht afgeleverd' }).waitFor()
    expect(await nl.locator('.channel-health.failing').innerText()).toContain('mislukt sinds')
    const nlIntro = await nl.locator('p.muted').first().innerText()
    expect(nlIntro).toContain('op elk uur')
    expect(nlIntro).toContain('regels waarbij iemand op “Ik pak het op” of “Teruggebeld” klikte')
    expect(await nl.innerText()).toContain('Kanalen gelden voor alle dashboards')
    expect(await nl.locator('label.nudge-field', { hasText: 'Naam van het kanaal' }).locator('input').count()).toBe(1)
    const nlRule = nl.locator(`li.nudge-rule[data-tile="${callback.id}"]`)
    expect(await nlRule.innerText()).toContain('nu op de lijst')
    expect(await nlRule.locator('.nudge-sample').innerText()).toMatch(/^Voorbeeldbericht: “/)
    expect(await nlRule.locator('.nudge-for-hint').innerText()).toContain('Slack noemt (@) niemand')
    // No English word of the panel's own: the channel names and the rows' texts are the owner's and the PSA's.
    const rows = await dutch.locator('.nudge-sample-row').allInnerTexts()
    expect(await englishLeft(dutch, ['Service desk (Slack)', 'Service desk (Teams)', 'Service desk', ...rows])).toEqual(
      [],
    )
  })
})
