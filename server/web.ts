import { createHash } from 'node:crypto'
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'

export const WEB_ROOT = join(import.meta.dirname, '..', 'web')
export const WEB_DIST = join(WEB_ROOT, 'dist')
/** The answer header naming the front-end build the server serves; an open wall compares it with its own. */
export const BUILD_HEADER = 'x-roleboard-build'
/** The page's own build, written into it as `<meta name="roleboard-build">` (read by web/src/api.ts). */
const BUILD_META = 'roleboard-build'
const NOT_BUILT_PAGE =
  '<!doctype html><title>roleboard</title><p>The front end is not built yet: run <code>npm run build:web</code>. The API is at <a href="/api/health">/api/health</a>.</p>'

declare module 'fastify' {
  interface FastifyInstance {
    /** The front end this app serves: its build is named on every answer; null while it serves no pages. */
    frontEnd: { build: string | null }
  }
}

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** True when web/dist is missing or older than any of its sources. */
export function webBuildIsStale(): boolean {
  const built = join(WEB_DIST, 'index.html')
  if (!existsSync(built)) return true
  const sources = ['index.html', 'vite.config.ts', 'src'].map((name) => join(WEB_ROOT, name)).filter(existsSync)
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs
}

/**
 * Builds the front end with Vite when it is missing or out of date, so `npm start` always serves the
 * current one. Builds into a scratch folder and swaps it in, so a second process building at the same
 * moment (parallel test files) never sees half a build.
 */
export async function ensureWebBuilt(options: { log?: (line: string) => void } = {}): Promise<boolean> {
  if (!webBuildIsStale()) return false
  const { build } = await import('vite')
  const scratch = join(WEB_ROOT, `.dist-${process.pid}-${Date.now()}`)
  options.log?.('Building the front end (web/) with Vite...\n')
  try {
    await build({
      configFile: join(WEB_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: scratch, emptyOutDir: true },
    })
    if (!webBuildIsStale()) return false
    rmSync(WEB_DIST, { recursive: true, force: true })
    try {
      renameSync(scratch, WEB_DIST)
    } catch (error) {
      // Another process swapped its build in first; theirs is as fresh as ours.
      if (!existsSync(join(WEB_DIST, 'index.html'))) throw error
    }
    return true
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The built index.html, or null when the front end is not built. */
export async function readBuiltPage(dist = WEB_DIST): Promise<string | null> {
  return readFile(join(dist, 'index.html'), 'utf8').catch(() => null)
}

/**
 * Answers with an HTML page. Never stored: after an upgrade a reopened link must get the page naming
 * the new assets, not a kept copy naming deleted ones, and page URLs carry tokens no shared cache may
 * keep. No Referer either, so a token in the page's URL never leaves with a request it makes.
 */
export function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html)
}

/** Names a front-end build: the app version plus index.html, which names every hashed asset, so each new build or release changes it. */
export function buildIdentity(version: string, indexHtml: string): string {
  return createHash('sha256').update(`${version}\n${indexHtml}`).digest('base64url').slice(0, 12)
}

/** index.html with its build written in; from now on the app's answers name that build. */
function servePage(app: FastifyInstance, indexHtml: string): { indexHtml: string; html: string } {
  const build = buildIdentity(app.appVersion, indexHtml)
  app.frontEnd.build = build
  return { indexHtml, html: indexHtml.replace('</head>', `<meta name="${BUILD_META}" content="${build}" />\n</head>`) }
}

/**
 * Names the served build on every answer, so a wall left open through an upgrade sees it on its next
 * poll. Call before the routes are registered: a hook reaches only the routes registered after it.
 */
export function announceBuild(app: FastifyInstance): void {
  // An object, not a value: the web plugin sets it from its own (encapsulated) context.
  app.decorate('frontEnd', { build: null })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (app.frontEnd.build) reply.header(BUILD_HEADER, app.frontEnd.build)
    return payload
  })
}

/**
 * Serves a built front end (`dist`). The wall, builder and personal pages are one app: their paths
 * all answer with index.html, and the page reads its role, token and person from the URL.
 */
export function pagesFrom(dist: string): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const indexHtml = await readBuiltPage(dist)
    if (!indexHtml) {
      app.get('/', async (_request, reply) => sendPage(reply, NOT_BUILT_PAGE))
      return
    }
    // Hashed file names never change, so they are kept for a year; the pages are never kept.
    await app.register(fastifyStatic, {
      root: join(dist, 'assets'),
      prefix: '/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
    })
    let served = servePage(app, indexHtml)
    // Read again for every page, so a build swapped in under a running server is served (and announced) whole.
    const page = async (_request: unknown, reply: FastifyReply) => {
      const latest = await readBuiltPage(dist)
      if (latest && latest !== served.indexHtml) served = servePage(app, latest)
      return sendPage(reply, served.html)
    }
    app.get('/', page)
    app.get('/wall/:role', page)
    app.get('/me/:resourceId', page)
    app.get('/drill/*', page)
    app.get('/admin', page)
    app.get('/admin/*', page)
  }
}

/** The front end built into web/dist. */
export const webPlugin = pagesFrom(WEB_DIST)
