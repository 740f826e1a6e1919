import type { FastifyServerOptions } from 'fastify'

/** Log fields that can hold a secret: session cookies, credentials in headers or bodies, a tenant's PSA account. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.secret',
  'res.headers["set-cookie"]',
  'password',
  'secret',
  'autotask',
  'connectwise',
]

/** Strips `token=...` from a URL before it reaches a log line. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
}

/**
 * Pino options for a Fastify app, from the caller's choice: false or unset logs nothing; otherwise the caller's
 * options with secrets redacted and request URLs logged without their tokens.
 */
export function loggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false
  return {
    ...(typeof logger === 'object' ? logger : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        ip: req.ip,
      }),
    },
  }
}
