/** Error bodies the ConnectWise simulator answers with, shaped as the reference's §8 lists them. */

export interface CwFieldError {
  code: string
  message: string
  resource?: string
  field?: string
}

/** `{code, message, errors}`, except the throttle's `{error, message}` and HTML pages served by a fault. */
export type CwErrorBody =
  { code: string; message: string; errors: CwFieldError[] | null } | { error: string; message: string } | string

/** A protocol-level refusal: handlers throw it, the error handler sends its exact status, body and headers. */
export class CwHttpError extends Error {
  override name = 'CwHttpError'
  constructor(
    readonly status: number,
    readonly body: CwErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? `HTTP ${status}` : body.message)
  }
}

export function cwError(status: number, code: string, message: string, errors: CwFieldError[] | null = null) {
  return new CwHttpError(status, { code, message, errors })
}

/** 400 for a query parameter the service cannot read (conditions, orderBy, fields, paging). */
export function invalidParameter(parameter: string, message: string): CwHttpError {
  return cwError(400, 'InvalidObject', `${parameter} is invalid: ${message}`, [
    { code: 'InvalidField', message, resource: parameter, field: parameter },
  ])
}

export function recordNotFound(entity: string, id: string | number): CwHttpError {
  return cwError(404, 'NotFound', `${entity} ${id} not found`)
}

export function endpointNotFound(): CwHttpError {
  return cwError(404, 'ConnectWiseApi', 'The endpoint does not exist.')
}

export function tooManyRequests(retryAfterSeconds: number): CwHttpError {
  return new CwHttpError(
    429,
    { error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${retryAfterSeconds} seconds.` },
    { 'retry-after': String(retryAfterSeconds) },
  )
}

/** The kind of page a proxy in front of the PSA serves when it fails; a client must not read it as data. */
export function htmlErrorPage(status: number): string {
  return [
    '<!DOCTYPE html>',
    '<html><head><title>Error</title></head>',
    `<body><h1>${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Error'}</h1>`,
    '<p>The server encountered a temporary error and could not complete your request.</p>',
    '</body></html>',
    '',
  ].join('\n')
}
