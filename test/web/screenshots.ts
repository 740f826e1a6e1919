import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROLES } from '../../kpi-library/types.js'
import { openWall, SCREENS, startStack } from './stack.js'

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
} finally {
  await stack.close()
}
