import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { beforeAll, describe, expect, test } from 'vitest'
import { BUILD_HEADER, buildIdentity, ensureWebBuilt, pagesFrom, WEB_DIST, webPlugin } from '../../server/web.js'
import { hostedEnv } from '../hosted/hosted-env.js'
import { adminCookie, appWithData, wallToken } from '../helpers/app-env.js'
import { tempDir } from '../helpers/sync-env.js'

interface Answered {
  status: number
  header: (name: string) => string | null
  text: string
}

/** A page must never be kept (a reopened link after an upgrade gets the new page) nor leak its token in a Referer. */
function expectUncachedPage(path: string, answer: Answered): void {
  expect(answer.status, path).toBe(200)
  expect(answer.header('content-type'), path).toMatch(/^text\/html/)
  expect(answer.header('cache-control'), path).toBe('no-store')
  expect(answer.header('cache-control'), path).not.toMatch(/public|immutable|max-age/)
  expect(answer.header('referrer-policy'), path).toBe('no-referrer')
}

function pageBuild(html: string): string | null {
  return /<meta name="roleboard-build" content="([^"]+)"/.exec(html)?.[1] ?? null
}

async function inject(app: FastifyInstance, url: string): Promise<Answered> {
  const response = await app.inject({ url })
  return {
    status: response.statusCode,
    header: (name) => (response.headers[name] === undefined ? null : String(response.headers[name])),
    text: response.body,
  }
}

/** The real app on synced data, with the built pages, a wall token and a person to link to. */
async function appWithPages() {
  const env = await appWithData()
  await env.app.register(webPlugin)
  const cookie = await adminCookie(env.app)
  const { token } = await wallToken(env.app, cookie, 'engineer')
  const person = await env.handle.db
    .selectFrom('resource')
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow()
  return { ...env, token, resourceId: person.id }
}

beforeAll(async () => {
  await ensureWebBuilt()
})

describe('pages are never cached', () => {
  test('every page path answers no-store and no-referrer, never public or immutable; hashed assets stay immutable for a year', async () => {
    const { app, token, resourceId } = await appWithPages()
    const paths = ['/', `/wall/engineer?token=${token}`, `/me/${resourceId}?token=${token}`, '/admin', '/admin/links']
    for (const path of paths) expectUncachedPage(path, await inject(app, path))

    const asset = readdirSync(join(WEB_DIST, 'assets')).find((name) => name.endsWith('.js'))!
    const cached = await inject(app, `/assets/${asset}`)
    expect(cached.status).toBe(200)
    expect(cached.header('cache-control')).toMatch(/max-age=31536000/)
    expect(cached.header('cache-control')).toMatch(/immutable/)
  })

  test('the "front end not built yet" page is not kept either', async () => {
    const { app } = await appWithData()
    await app.register(pagesFrom(tempDir()))
    const answer = await inject(app, '/')
    expectUncachedPage('/ (not built)', answer)
    expect(answer.text).toMatch(/not built yet/)
  })
})

describe('the build identity', () => {
  test('the page carries its build, and every answer of the app (the wall poll included) names the same one', async () => {
    const { app, token } = await appWithPages()
    const build = pageBuild((await inject(app, `/wall/engineer?token=${token}`)).text)
    expect(build).toMatch(/^[\w-]{12}$/)
    expect((await inject(app, `/api/dashboards/engineer?token=${token}`)).header(BUILD_HEADER)).toBe(build)
    expect((await inject(app, '/api/health')).header(BUILD_HEADER)).toBe(build)
  })

  test('another app version or another index.html is another build; an app without pages names none', async () => {
    const html = '<html><head><script src="/assets/main-abc.js"></script></head></html>'
    expect(buildIdentity('1.0.0', html)).toBe(buildIdentity('1.0.0', html))
    expect(buildIdentity('1.0.1', html)).not.toBe(buildIdentity('1.0.0', html))
    expect(buildIdentity('1.0.0', html.replace('abc', 'abd'))).not.toBe(buildIdentity('1.0.0', html))

    const { app } = await appWithData()
    expect((await inject(app, '/api/health')).header(BUILD_HEADER)).toBeNull()
  })
})

describe('hosted pages are never cached', () => {
  test("a tenant's pages and the consultant page answer no-store and no-referrer, and the tenant's wall poll names the page's build", async () => {
    const env = await hostedEnv()
    const get = async (path: string): Promise<Answered> => {
      const answer = await env.call('GET', path)
      return { status: answer.status, header: (name) => answer.headers.get(name), text: answer.text }
    }
    const { wall, me, resourceId } = env.a
    const paths = [
      '/t/alpha/',
      `/t/alpha/wall/engineer?token=${wall.token}`,
      `/t/alpha/me/${resourceId}?token=${me.token}`,
      '/t/alpha/admin',
      '/consultant',
    ]
    for (const path of paths) expectUncachedPage(path, await get(path))

    const build = pageBuild((await get(`/t/alpha/wall/engineer?token=${wall.token}`)).text)
    expect(build).not.toBeNull()
    expect((await get(`/t/alpha/api/dashboards/engineer?token=${wall.token}`)).header(BUILD_HEADER)).toBe(build)
  })
})
