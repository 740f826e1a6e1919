/** Error bodies and pages the simulator answers with, shaped like the ones the real service sends. */

export type SimErrorBody = { errors: string[] } | { Message: string } | string

/** A protocol-level refusal: handlers throw it, the error handler turns it into the exact status, body and headers. */
export class SimHttpError extends Error {
  override name = 'SimHttpError'
  constructor(
    readonly status: number,
    readonly body: SimErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? `HTTP ${status}` : 'errors' in body ? body.errors.join('; ') : body.Message)
  }
}

/** Autotask's usual error convention: HTTP 500 (or another status) with `{"errors": ["..."]}`. */
export function apiError(message: string, status = 500, headers: Record<string, string> = {}): SimHttpError {
  return new SimHttpError(status, { errors: [message] }, headers)
}

/** ASP.NET's answer when a route exists but not for this method (e.g. GET on a POST-origin cursor). */
export function methodNotAllowed(method: string): SimHttpError {
  return new SimHttpError(405, { Message: `The requested resource does not support http method '${method}'.` })
}

/** The bare HTML page IIS serves for unknown routes; clients must not mistake it for data. */
export function iisHtmlPage(status: number): string {
  const title = status === 404 ? '404 - File or directory not found.' : `${status} - Server Error.`
  const detail =
    status === 404
      ? 'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.'
      : 'There is a problem with the resource you are looking for, and it cannot be displayed.'
  return [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    '<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>',
    `<title>${status === 404 ? '404 - File or directory not found.' : 'Server Error'}</title>`,
    '</head>',
    '<body>',
    '<div id="header"><h1>Server Error</h1></div>',
    '<div id="content">',
    ' <div class="content-container"><fieldset>',
    `  <h2>${title}</h2>`,
    `  <h3>${detail}</h3>`,
    ' </fieldset></div>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n')
}

export function iisHtmlError(status: number): SimHttpError {
  return new SimHttpError(status, iisHtmlPage(status))
}

export const MESSAGES = {
  zoneUnknown: 'Zone information could not be determined',
  integrationCode: 'IntegrationCode is invalid.',
  maxRecords: 'maxCountOfRecordsToReturn must be between 1 and 500',
  threshold: 'API request threshold exceeded: the limit of requests per hour for this database has been reached.',
  threads: (limit: number) => `API thread threshold of ${limit} threads has been exceeded`,
} as const
