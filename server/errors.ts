import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { redactUrl } from './logging.js'

/** An error the API answers with its status and message (never a stack, never a secret). */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly statusCode: number,
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

export const badRequest = (message: string) => new HttpError(400, message, 'bad_request')
export const unauthorized = (message = 'log in first', code = 'unauthorized') => new HttpError(401, message, code)
export const forbidden = (message: string) => new HttpError(403, message, 'forbidden')
export const notFound = (message: string) => new HttpError(404, message, 'not_found')
export const conflict = (message: string) => new HttpError(409, message, 'conflict')

/** The one way errors leave the API: 5xx logged and hidden, 4xx with their message and code. */
export function sendError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500
  if (status >= 500) {
    request.log.error({ err: error, url: redactUrl(request.url) }, 'request failed')
    return reply.code(500).send({ message: 'Internal Server Error' })
  }
  const code =
    error instanceof HttpError
      ? error.code
      : (error as FastifyError).validation
        ? 'bad_request'
        : (error as FastifyError).code
  // Schema failures name the field; nothing else about the server is echoed.
  return reply.code(status).send({ message: error.message, ...(code ? { code } : {}) })
}

/** The answer for a path no route serves (its query, which may hold a token, left out). */
export function sendNoRoute(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send({ message: `no route ${request.method} ${redactUrl(request.url).split('?')[0]}`, code: 'not_found' })
}
