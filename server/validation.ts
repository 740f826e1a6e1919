import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { FastifyInstance } from 'fastify'

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null }

/**
 * Request validation for every route. A JSON body keeps the types it was sent with: coercing them
 * turned a cleared target (null) into 0 and `true` into 1. The URL's text (query, path) is coerced
 * to the declared types, and a number that comes out infinite is refused, since Ajv's coercion lets
 * "Infinity" past its bounds.
 */
export function installValidation(app: FastifyInstance): void {
  const body = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: false })
  const url = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: false })
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? body.compile(schema) : finiteOnly(url.compile(schema)),
  )
}

function finiteOnly(validate: ValidateFunction): Validator {
  const checked: Validator = (data) => {
    if (!validate(data)) {
      checked.errors = validate.errors ?? null
      return false
    }
    const path = nonFinite(data, '')
    checked.errors =
      path === null
        ? null
        : [{ instancePath: path, schemaPath: '#', keyword: 'type', params: {}, message: 'must be a finite number' }]
    return path === null
  }
  return checked
}

function nonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path
  if (value === null || typeof value !== 'object') return null
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinite(item, `${path}/${key}`)
    if (found !== null) return found
  }
  return null
}
