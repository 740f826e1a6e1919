import { Type } from 'typebox'
import { LangSchema } from './common.js'

// The client review (QBR) as a page or PDF: `/api/reports/qbr/1042.html?quarter=2026-Q3&lang=nl`.

/** `2026-Q3`: a calendar quarter. */
export const QuarterSchema = Type.String({ pattern: '^\\d{4}-Q[1-4]$' })

/** `1042.html` or `1042.pdf`: the client company's id and the document's form. */
export const QbrFileParamsSchema = Type.Object(
  { file: Type.String({ pattern: '^[1-9]\\d{0,9}\\.(html|pdf)$' }) },
  { additionalProperties: false },
)

export const QbrQuerySchema = Type.Object(
  { quarter: Type.Optional(QuarterSchema), lang: Type.Optional(LangSchema) },
  { additionalProperties: false },
)
