import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

export const WEB_DIST = join(import.meta.dirname, '..', 'web', 'dist')

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
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] })
  const page = async (_request: unknown, reply: { sendFile: (file: string) => unknown; header: (k: string, v: string) => unknown }) => {
    reply.header('cache-control', 'no-store')
    return reply.sendFile('index.html')
  }
  app.get('/wall/:role', page)
  app.get('/me/:resourceId', page)
  app.get('/admin', page)
  app.get('/admin/*', page)
}
