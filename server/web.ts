import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'

export const WEB_ROOT = join(import.meta.dirname, '..', 'web')
export const WEB_DIST = join(WEB_ROOT, 'dist')

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
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } })
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

/**
 * Serves the built front end (web/dist). The wall, builder and personal pages are one app: their
 * paths all answer with index.html, and the page reads its role, token and person from the URL.
 */
export async function webPlugin(app: FastifyInstance): Promise<void> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><title>roleboard</title><p>The front end is not built yet: run <code>npm run build:web</code>. The API is at <a href="/api/health">/api/health</a>.</p>'),
    )
    return
  }
  // Hashed file names never change; index.html is never cached, so a wall's daily reload picks up a new build.
  await app.register(fastifyStatic, {
    root: join(WEB_DIST, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
  })
  const page = async (_request: unknown, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store')
    return reply.sendFile('index.html', WEB_DIST)
  }
  app.get('/', page)
  app.get('/wall/:role', page)
  app.get('/me/:resourceId', page)
  app.get('/admin', page)
  app.get('/admin/*', page)
}
