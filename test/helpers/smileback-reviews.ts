import type { SimReview } from '../../connectors/smileback/simulator/reviews.js'

/**
 * A SmileBack review as the Data Replication API sends it: of Autotask ticket `ticket`, by contact 501 of
 * Accountantskantoor Verbeek (company 177), rated `rating` at `ratedOn` (null: not rated), last modified at `modifiedAt`.
 */
export function simReview(
  id: number,
  ticket: string,
  rating: SimReview['rating'],
  ratedOn: string | null,
  modifiedAt: string,
  more: Partial<SimReview> = {},
): SimReview {
  return {
    id,
    rating,
    comment: null,
    ticket: {
      id: ticket,
      title: `Ticket ${ticket}`,
      segment: { id: '1', name: 'Service Desk' },
      agents: [],
      closed_on: modifiedAt,
    },
    contact: { id: '501', name: 'Ilse Ramdin', email: 'ilse@verbeek.example' },
    company: {
      id: '177',
      name: 'Accountantskantoor Verbeek',
      territory_name: null,
      territory_remote_id: null,
      market_name: null,
      market_remote_id: null,
    },
    status: 'open',
    tags: [],
    has_marketing_permission: false,
    viewed_on: null,
    rated_on: ratedOn,
    permalink: `https://app.smileback.io/reviews/${ticket}/`,
    last_modified: modifiedAt,
    ...more,
  }
}
