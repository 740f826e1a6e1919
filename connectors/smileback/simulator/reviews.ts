import type { ApiRecord, SimWorld } from '../../autotask/simulator/store.js'
import { mix, Rng } from '../../autotask/simulator/world/random.js'
import { COMMENTS } from './comments.js'

/** A review exactly as SmileBack's Data Replication API serialises it (§6 of the reference). */
export interface SimReview {
  id: number
  rating: -1 | 0 | 1 | null
  comment: string | null
  ticket: {
    id: string
    title: string | null
    segment: { id: string; name: string }
    agents: string[]
    closed_on: string | null
  }
  contact: { id: string; name: string; email: string | null }
  company: {
    id: string
    name: string
    territory_name: string | null
    territory_remote_id: string | null
    market_name: string | null
    market_remote_id: string | null
  }
  status: 'open' | 'done' | 'deleted'
  tags: string[]
  has_marketing_permission: boolean
  viewed_on: string | null
  rated_on: string | null
  permalink: string
  last_modified: string
}

/** Where the simulator's reviews come from: all of them as they stand now, unrated and deleted ones included. */
export type ReviewSource = () => readonly SimReview[]

export interface WorldReviewOptions {
  /** What `ticket.id` carries: Autotask's numeric ticket id (default) or its ticket number (`T20250915.0001`). */
  ticketIdMode?: 'id' | 'number'
  /** SmileBack's UI address for permalinks. */
  appUrl?: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Keeps review ids apart from Autotask's ids, as they are in real life. */
const REVIEW_ID_BASE = 35_000_000
const SALT = 0x5b1ec

/**
 * Reviews derived from the Autotask world without touching it: a survey goes out when a ticket with a contact
 * is completed; most contacts rate it (some change their mind within minutes), many leave a comment, the MSP
 * marks reviews done and the odd one is deleted. Each review's story is seeded by the world's seed and the
 * ticket's id alone, and only what has happened by the world's clock shows, so the same seed and clock give the
 * same reviews, and the reviews change as the world's clock moves on.
 */
export function worldReviews(world: SimWorld, options: WorldReviewOptions = {}): ReviewSource {
  const mode = options.ticketIdMode ?? 'id'
  const appUrl = options.appUrl ?? 'https://app.smileback.io/'
  let cached: { at: number; reviews: SimReview[] } | null = null
  return () => {
    const now = world.now().getTime()
    if (cached?.at === now) return cached.reviews
    const contacts = new Map(world.records('Contacts').map((contact) => [contact.id, contact]))
    const companies = new Map(world.records('Companies').map((company) => [company.id, company]))
    const resources = new Map(world.records('Resources').map((resource) => [resource.id, resource]))
    const reviews: SimReview[] = []
    for (const ticket of world.records('Tickets')) {
      const contact = contacts.get(ticket.contactID as number)
      if (typeof ticket.completedDate !== 'string' || !contact) continue
      const story = storyOf(world.options.seed, ticket.id, Date.parse(ticket.completedDate))
      if (!story || story.sentAt > now) continue
      const ref = mode === 'number' ? String(ticket.ticketNumber) : String(ticket.id)
      const resource = resources.get(ticket.assignedResourceID as number)
      const company = companies.get(ticket.companyID as number)
      reviews.push(
        reviewAt(story, now, {
          id: REVIEW_ID_BASE + ticket.id,
          ticket: {
            id: ref,
            title: (ticket.title as string | null) ?? null,
            segment: { id: String(ticket.queueID ?? 0), name: 'Service Desk' },
            agents: resource ? [`${resource.firstName} ${resource.lastName}`] : [],
            closed_on: stamp(Date.parse(ticket.completedDate), ticket.id),
          },
          contact: {
            id: String(contact.id),
            name: `${contact.firstName} ${contact.lastName}`,
            email: (contact.emailAddress as string | null) ?? null,
          },
          company: companyOf(ticket, company),
          permalink: `${appUrl}reviews/${ref}/`,
        }),
      )
    }
    reviews.sort((a, b) => a.id - b.id)
    cached = { at: now, reviews }
    return reviews
  }
}

interface Story {
  sentAt: number
  ratedAt: number | null
  /** The first rating given, and the one it was changed to within the grace window (if it was). */
  firstRating: -1 | 0 | 1
  finalRating: -1 | 0 | 1
  changedAt: number | null
  comment: string | null
  doneAt: number | null
  deletedAt: number | null
  marketing: boolean
}

function storyOf(seed: number, ticketId: number, completedAt: number): Story | null {
  const rng = new Rng(mix(seed, ticketId, SALT))
  if (!rng.chance(0.7)) return null // no survey for this ticket (the contact opted out, or none was sent)
  const sentAt = completedAt + rng.int(1, 5) * MINUTE
  const rates = rng.chance(0.72)
  const ratedAt = rates ? sentAt + Math.round(rng.range(3 * MINUTE, 30 * HOUR)) : null
  const finalRating = rng.weighted([1, 0, -1] as const, [82, 10, 8])
  const changes = rates && rng.chance(0.08)
  const firstRating = changes ? (finalRating === 1 ? 0 : finalRating === 0 ? -1 : 0) : finalRating
  const changedAt = changes && ratedAt !== null ? ratedAt + rng.int(2, 12) * MINUTE : null
  const language = rng.chance(0.7) ? 'nl' : 'en'
  const comment = rates && rng.chance(finalRating === 1 ? 0.45 : 0.8) ? rng.pick(COMMENTS[finalRating][language]) : null
  const doneAt =
    ratedAt !== null && rng.chance(finalRating === -1 ? 0.7 : 0.35)
      ? ratedAt + Math.round(rng.range(1 * HOUR, 48 * HOUR))
      : null
  const deletedAt = rng.chance(0.03) ? sentAt + Math.round(rng.range(2 * HOUR, 72 * HOUR)) : null
  return {
    sentAt,
    ratedAt,
    firstRating,
    finalRating,
    changedAt,
    comment,
    doneAt,
    deletedAt,
    marketing: rng.chance(0.3),
  }
}

function reviewAt(
  story: Story,
  now: number,
  fixed: Pick<SimReview, 'id' | 'ticket' | 'contact' | 'company' | 'permalink'>,
): SimReview {
  const seen = (at: number | null): at is number => at !== null && at <= now
  const rated = seen(story.ratedAt)
  const done = seen(story.doneAt)
  const deleted = seen(story.deletedAt)
  const events = [story.sentAt, story.ratedAt, story.changedAt, story.doneAt, story.deletedAt].filter(seen)
  return {
    id: fixed.id,
    rating: rated ? (seen(story.changedAt) ? story.finalRating : story.firstRating) : null,
    comment: rated ? story.comment : null,
    ticket: fixed.ticket,
    contact: fixed.contact,
    company: fixed.company,
    status: deleted ? 'deleted' : done ? 'done' : 'open',
    tags: done && story.finalRating === -1 ? ['called back'] : [],
    has_marketing_permission: rated && story.marketing,
    viewed_on: done ? stamp(story.doneAt!, fixed.id) : null,
    rated_on: rated ? stamp(story.ratedAt!, fixed.id) : null,
    permalink: fixed.permalink,
    last_modified: stamp(Math.max(...events) + 20_000, fixed.id),
  }
}

function companyOf(ticket: ApiRecord, company: ApiRecord | undefined): SimReview['company'] {
  return {
    id: String(ticket.companyID),
    name: (company?.companyName as string | undefined) ?? `Company ${ticket.companyID}`,
    territory_name: 'Nederland',
    territory_remote_id: '1',
    market_name: null,
    market_remote_id: null,
  }
}

/** An instant with microseconds, as SmileBack writes them (`2024-12-12T01:48:58.533361Z`). */
export function stamp(ms: number, salt: number): string {
  const micros = String(mix(ms % 1_000_000_007, salt) % 1000).padStart(3, '0')
  return new Date(ms).toISOString().replace('Z', `${micros}Z`)
}
