import { type Static, Type } from 'typebox'

/**
 * What a screen's event stream (`/api/dashboards/:role/events`, `/api/me/:resourceId/events`) carries in its
 * `ready` event (on opening) and its `change` events (the screen's answer changed): the stamp of the answer now,
 * opaque and the same for everyone who may see that screen. A screen compares stamps and fetches; nothing else.
 */
export const StreamStampSchema = Type.Object({ stamp: Type.String() })
export type StreamStamp = Static<typeof StreamStampSchema>

/** The stream's events: `ping` keeps proxies (and the screen's watchdog) from thinking it dead; `revoked` comes just before it closes. */
export type StreamEvent = 'ready' | 'change' | 'ping' | 'revoked'

/** Seconds between `ping`s: under the minute most proxies and load balancers allow an idle connection. */
export const HEARTBEAT_SECONDS = 25
