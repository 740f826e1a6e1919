import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROLES } from '../../kpi-library/types.js'
import { openBuilder, openWall, SCREENS, startStack } from './stack.js'

// `npm run screenshots`: every role's wall at 1080p on `small` simulator data, for docs/screenshots/.
const out = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(out, { recursive: true })
const stack = await startStack({ size: 'small' })
try {
  for (const role of ROLES) {
    const { url } = await stack.wallLink(role)
    const page = await openWall(stack.walls, url, SCREENS['1080p'])
    await page.screenshot({ path: join(out, `wall-${role}-1080p.png`) })
    await page.close()
    process.stdout.write(`docs/screenshots/wall-${role}-1080p.png\n`)
  }
  // The builder at 1440x900 on the owner's dashboard (the most tiles, the longest names), in both languages.
  for (const lang of ['en', 'nl'] as const) {
    const page = await openBuilder(stack.admins, stack.url, `?role=owner&lang=${lang}`)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.locator('.kpi-card .live-value').first().waitFor()
    await page.frameLocator('.preview-panel iframe').locator('html[data-wall-rendered]').waitFor({ timeout: 30_000 })
    const name = `builder-${lang}.png`
    await page.screenshot({ path: join(out, name) })
    await page.close()
    process.stdout.write(`docs/screenshots/${name}\n`)
  }
} finally {
  await stack.close()
}
