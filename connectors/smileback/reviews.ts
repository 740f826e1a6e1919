import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { malformed, RecordReader } from '../autotask/parse.js'

export const REVIEW_ENTITY = 'SmileBack review'

/** A review as the API serves it, read and checked: what the sync stores, before linking. */
export interface ReviewRecord {
  id: number
  deleted: boolean
  rating: -1 | 0 | 1 | null
  comment: string | null
  status: string | null
  tags: string | null
  hasMarketingPermission: 0 | 1 | null
  viewedOn: string | null
  ratedOn: string | null
  permalink: string | null
  lastModified: string
  ticketRef: string | null
  ticketTitle: string | null
  ticketSegment: string | null
  ticketAgents: string | null
  ticketClosedOn: string | null
  contactRef: string | null
  contactName: string | null
  contactEmail: string | null
  companyRef: string | null
  companyName: string | null
}

/** The Autotask records a review points at; null where nothing matched. */
export interface ReviewLinks {
  ticketId: number | null
  contactId: number | null
  companyId: number | null
}

/** smileback_review's columns in the order `reviewRow` gives the values (the id first, as the store wants). */
export const REVIEW_COLUMNS = [
  'id',
  'psa',
  'rating',
  'comment',
  'status',
  'tags',
  'has_marketing_permission',
  'viewed_on',
  'rated_on',
  'permalink',
  'last_modified',
  'ticket_ref',
  'ticket_title',
  'ticket_segment',
  'ticket_agents',
  'ticket_closed_on',
  'contact_ref',
  'contact_name',
  'contact_email',
  'company_ref',
  'company_name',
  'ticket_id',
  'contact_id',
  'company_id',
]

export function reviewRow(psa: string, review: ReviewRecord, links: ReviewLinks): unknown[] {
  return [
    review.id,
    psa,
    review.rating,
    review.comment,
    review.status,
    review.tags,
    review.hasMarketingPermission,
    review.viewedOn,
    review.ratedOn,
    review.permalink,
    review.lastModified,
    review.ticketRef,
    review.ticketTitle,
    review.ticketSegment,
    review.ticketAgents,
    review.ticketClosedOn,
    review.contactRef,
    review.contactName,
    review.contactEmail,
    review.companyRef,
    review.companyName,
    links.ticketId,
    links.contactId,
    links.companyId,
  ]
}

/**
 * Reads one review: ids inside `ticket`, `contact` and `company` may be strings or numbers, `rating` an
 * integer or its string ("1"); timestamps carry 0 or 6 fractional digits. A review that is not what
 * SmileBack documents fails its page with the review, field and problem named.
 */
export function readReview(item: unknown): ReviewRecord {
  const top = RecordReader.open(REVIEW_ENTITY, item)
  // The nested objects are read as `ticket.id`, `contact.name`...: one reader names the field in any error.
  const flat: Record<string, unknown> = { ...top.item }
  for (const part of ['ticket', 'contact', 'company'] as const) {
    const nested = top.item[part]
    if (nested === undefined || nested === null) continue
    if (typeof nested !== 'object' || Array.isArray(nested))
      throw malformed(REVIEW_ENTITY, top.id, part, 'is not an object')
    for (const [key, value] of Object.entries(nested)) flat[`${part}.${key}`] = value
  }
  const segment = flat['ticket.segment']
  flat['ticket.segment'] =
    segment !== null && typeof segment === 'object' ? ((segment as { name?: unknown }).name ?? null) : segment
  const reader = new RecordReader(REVIEW_ENTITY, flat, top.id)
  const rating = reader.int('rating')
  if (rating !== null && rating !== -1 && rating !== 0 && rating !== 1)
    throw malformed(REVIEW_ENTITY, top.id, 'rating', `is not 1, 0, -1 or null (${rating})`)
  const status = reader.text('status')
  return {
    id: top.id,
    deleted: status === 'deleted',
    rating,
    comment: emptyAsNull(reader.text('comment')),
    status,
    tags: list(reader, 'tags'),
    hasMarketingPermission: reader.flag('has_marketing_permission'),
    viewedOn: reader.instant('viewed_on'),
    ratedOn: reader.instant('rated_on'),
    permalink: reader.text('permalink'),
    lastModified: reader.instant('last_modified', true)!,
    ticketRef: emptyAsNull(reader.text('ticket.id')?.trim() ?? null),
    ticketTitle: reader.text('ticket.title'),
    ticketSegment: reader.text('ticket.segment'),
    ticketAgents: list(reader, 'ticket.agents'),
    ticketClosedOn: reader.instant('ticket.closed_on'),
    contactRef: emptyAsNull(reader.text('contact.id')?.trim() ?? null),
    contactName: reader.text('contact.name'),
    contactEmail: reader.text('contact.email'),
    companyRef: emptyAsNull(reader.text('company.id')?.trim() ?? null),
    companyName: reader.text('company.name'),
  }
}

function emptyAsNull(text: string | null): string | null {
  return text === null || text === '' ? null : text
}

/** A list of names as JSON, or null when absent or empty. */
function list(reader: RecordReader, field: string): string | null {
  const value = reader.item[field]
  if (value === undefined || value === null) return null
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' && typeof entry !== 'number'))
    throw malformed(REVIEW_ENTITY, reader.id, field, 'is not a list of names')
  return value.length > 0 ? JSON.stringify(value.map(String)) : null
}

/** An Autotask ticket number as SmileBack may carry it instead of the ticket's id (`T20250915.0001`). */
const TICKET_NUMBER = /^T\d{8}\.\d{4}$/
const DIGITS = /^\d{1,15}$/

/**
 * Resolves SmileBack's references to Autotask records: `ticket.id` that is all digits is the ticket's id, one
 * shaped `T20250915.0001` its ticket number; anything else, or a ticket roleboard does not have, stays
 * unlinked. The contact and company are SmileBack's own references where those are Autotask's, else the
 * linked ticket's.
 */
export async function resolveLinks(
  db: Kysely<Database>,
  reviews: ReadonlyArray<Pick<ReviewRecord, 'ticketRef' | 'contactRef' | 'companyRef'>>,
): Promise<ReviewLinks[]> {
  const ids = (refs: Array<string | null>) => [
    ...new Set(refs.filter((ref): ref is string => ref !== null && DIGITS.test(ref)).map(Number)),
  ]
  const ticketIds = ids(reviews.map((review) => review.ticketRef))
  const numbers = [...new Set(reviews.map((r) => r.ticketRef).filter((ref) => ref !== null && TICKET_NUMBER.test(ref)))]
  const contactIds = ids(reviews.map((review) => review.contactRef))
  const companyIds = ids(reviews.map((review) => review.companyRef))
  const ticketColumns = ['id', 'number', 'contact_id', 'company_id'] as const
  const [byId, byNumber, contacts, companies] = await Promise.all([
    ticketIds.length > 0
      ? db.selectFrom('ticket').select(ticketColumns).where('id', 'in', ticketIds).execute()
      : Promise.resolve([]),
    numbers.length > 0
      ? db
          .selectFrom('ticket')
          .select(ticketColumns)
          .where('number', 'in', numbers as string[])
          .execute()
      : Promise.resolve([]),
    contactIds.length > 0
      ? db.selectFrom('contact').select('id').where('id', 'in', contactIds).execute()
      : Promise.resolve([]),
    companyIds.length > 0
      ? db.selectFrom('company').select('id').where('id', 'in', companyIds).execute()
      : Promise.resolve([]),
  ])
  const tickets = new Map([
    ...byId.map((ticket) => [String(ticket.id), ticket] as const),
    ...byNumber.map((ticket) => [ticket.number, ticket] as const),
  ])
  const knownContacts = new Set(contacts.map((row) => String(row.id)))
  const knownCompanies = new Set(companies.map((row) => String(row.id)))
  return reviews.map((review) => {
    const ticket = review.ticketRef === null ? undefined : tickets.get(review.ticketRef)
    const contact =
      review.contactRef !== null && knownContacts.has(review.contactRef) ? Number(review.contactRef) : null
    const company =
      review.companyRef !== null && knownCompanies.has(review.companyRef) ? Number(review.companyRef) : null
    return {
      ticketId: ticket?.id ?? null,
      contactId: contact ?? ticket?.contact_id ?? null,
      companyId: company ?? ticket?.company_id ?? null,
    }
  })
}

/**
 * Links the stored reviews that found no ticket when they were synced (the ticket came in with a later
 * Autotask sync): their contact and company follow the ticket where SmileBack's own did not match.
 */
export async function relinkReviews(db: Kysely<Database>): Promise<number> {
  const unlinked = await db
    .selectFrom('smileback_review')
    .select(['id', 'ticket_ref as ticketRef', 'contact_ref as contactRef', 'company_ref as companyRef'])
    .where('ticket_id', 'is', null)
    .where('ticket_ref', 'is not', null)
    .execute()
  if (unlinked.length === 0) return 0
  const links = await resolveLinks(db, unlinked)
  const found = unlinked.flatMap((review, i) => (links[i]!.ticketId === null ? [] : [{ id: review.id, ...links[i]! }]))
  if (found.length === 0) return 0
  await db.transaction().execute(async (trx) => {
    for (const link of found)
      await trx
        .updateTable('smileback_review')
        .set({ ticket_id: link.ticketId, contact_id: link.contactId, company_id: link.companyId })
        .where('id', '=', link.id)
        .execute()
  })
  return found.length
}
