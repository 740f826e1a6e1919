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
