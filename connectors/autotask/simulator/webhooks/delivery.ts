import type { ApiRecord } from '../store.js'
import type { CalloutPayload } from './payload.js'
import { autotaskJson, eventTime, hookSignature } from './payload.js'
import type { CalloutType, Webhook } from './registry.js'

// Autotask's delivery rules for callouts: one FIFO queue per webhook and callout type, a 10 s answer timeout, a retry
// every 30 s, at most 5 attempts before the event is dropped into the error log, a daily error mail after 5 failed
// events, and the webhook switched off (its deactivation URL called) after 25 failed events in a row.

const DAY = 86_400_000
const LOG_LIMIT = 20_000
const ERROR_LOG_DAYS = 30

export interface DeliveryOptions {
  /** Between attempts of one event (Autotask: 30 s). */
  retryMs: number
  /** How long a receiver has to answer (Autotask: 10 s). */
  timeoutMs: number
  /** Attempts per event before it is dropped (Autotask: 5, which at 30 s apart fall within its 2 minutes). */
  maxAttempts: number
  /** Failed events in a row that switch a webhook off (Autotask: 25). */
  deactivateAfter: number
  /** Failed events in a row that send the (daily) error mail (Autotask: 5). */
  mailAfter: number
  /** The wall clock of deliveries, the error log and the mails. */
  clock: () => number
  /** How callouts spell the person's key. */
  personKey: 'PersonID' | 'PersonId'
  /** Whether the tenant is over its hourly threshold: deliveries wait meanwhile (checked every `retryMs`). */
  overThreshold: () => boolean
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, 'clock'> = {
  personKey: 'PersonID',
  overThreshold: () => false,
  retryMs: 30_000,
  timeoutMs: 10_000,
  maxAttempts: 5,
  deactivateAfter: 25,
  mailAfter: 5,
}

/** Breaks the simulator can be asked for, so receivers can be tested against them. */
export interface DeliveryFaults {
  /** Every delivered event is sent a second time, byte for byte, as after a 2xx that came too late. */
  duplicate?: boolean
  /** Create callouts wait this long (ms) before their first attempt, so later Updates overtake them. */
  holdCreatesMs?: number
}

/** One HTTP POST the simulator made (or tried to). */
export interface CalloutAttempt {
  /** `event`: a Create/Update/Delete; `deactivation`: to the deactivation URL; `forged`: an unsigned fake. */
  kind: 'event' | 'duplicate' | 'deactivation' | 'forged'
  /** `TicketWebhooks` and so on. */
  resource: string
  webhookId: number
  url: string
  action: CalloutPayload['Action']
  entityId: number
  sequenceNumber: number
  /** 1 for the first try of an event. */
  attempt: number
  /** The receiver's status; 0 when it did not answer (refused, reset, or past the timeout). */
  status: number
  error: string | null
  /** `retrying` and `dropped` are failed attempts; `sent` is a one-off post (deactivation, forged) whatever came back. */
  outcome: 'delivered' | 'retrying' | 'dropped' | 'sent'
  body: string
  signature: string | null
  at: string
}

/** A row of `WebhookEventErrorLogs`: an event dropped after its last failed attempt. */
export interface ErrorLogRow extends ApiRecord, Record<ErrorColumn, number | null> {
  createDateTime: string
  errorMessage: string
  payload: string
  sequenceNumber: number
}

/** The error log's columns naming the webhook, one per kind (the older spec has only the account and contact ones). */
type ErrorColumn =
  'accountWebhookID' | 'contactWebhookID' | 'ticketWebhookID' | 'ticketNoteWebhookID' | 'configurationItemWebhookID'

/** An e-mail Autotask would have sent (failure notices, deactivations). */
export interface OutboxMail {
  to: string[]
  subject: string
  body: string
  at: string
}

interface Pending {
  payload: CalloutPayload
  body: string
  signature: string
  attempts: number
}

interface Queue {
  key: string
  hook: Webhook
  events: Pending[]
  running: boolean
  /** Failed (dropped) events in a row. */
  failures: number
  lastMailAt: number | null
}

interface PostResult {
  status: number
  error: string | null
}

export class Courier {
  private readonly queues = new Map<string, Queue>()
  private readonly timers = new Map<NodeJS.Timeout, () => void>()
  private readonly abort = new AbortController()
  private readonly idleWaiters: (() => void)[] = []
  private busy = 0
  private closed = false
  private attempts: CalloutAttempt[] = []
  private errors: ErrorLogRow[] = []
  private lastErrorId = 0
  private readonly mails: OutboxMail[] = []
  /** Webhooks whose deliveries the threshold is holding up. */
  private readonly delayed = new Set<Webhook>()
  faults: DeliveryFaults = {}

  constructor(
    private readonly options: DeliveryOptions,
    /** The e-mail of a resource (a webhook's owner), for its failure notices. */
    private readonly emailOf: (resourceId: number) => string | null,
  ) {}

  /** Queues one event behind the webhook's earlier ones of the same type. */
  enqueue(hook: Webhook, type: CalloutType, payload: CalloutPayload): void {
    if (this.closed) return
    const key = `${hook.kind.singular}#${hook.id}#${type}`
    let queue = this.queues.get(key)
    if (!queue || queue.hook !== hook) {
      queue = { key, hook, events: [], running: false, failures: 0, lastMailAt: null }
      this.queues.set(key, queue)
    }
    const body = autotaskJson(payload)
    queue.events.push({ payload, body, signature: hookSignature(hook.secretKey, body), attempts: 0 })
    const hold = type === 'Create' ? (this.faults.holdCreatesMs ?? 0) : 0
    void this.pump(queue, hold)
  }

  /** Switches the webhook off (if not already), forgets what it still had to send and calls its deactivation URL. */
  deactivate(hook: Webhook, reason: string): void {
    hook.isActive = false
    for (const [key, queue] of this.queues) if (queue.hook === hook) this.queues.delete(key)
    if (this.closed) return
    const payload = this.deactivationPayload(hook, reason, ++hook.sequence)
    const body = autotaskJson(payload)
    void this.once('deactivation', hook, hook.deactivationUrl, payload, body, hookSignature(hook.secretKey, body))
  }

  /** Posts an unsigned `Deactivated` event for the webhook, as an attacker would. */
  forgeDeactivation(hook: Webhook, to: 'webhook' | 'deactivation'): Promise<CalloutAttempt> {
    // A forger cannot know the webhook's numbering.
    const payload = this.deactivationPayload(hook, 'Deactivated', 1)
    const url = to === 'webhook' ? hook.webhookUrl : hook.deactivationUrl
    return this.once('forged', hook, url, payload, autotaskJson(payload), null)
  }

  callouts(): readonly CalloutAttempt[] {
    return this.attempts
  }

  errorLog(): ErrorLogRow[] {
    const horizon = this.options.clock() - ERROR_LOG_DAYS * DAY
    this.errors = this.errors.filter((row) => Date.parse(row.createDateTime) > horizon)
    return this.errors
  }

  outbox(): readonly OutboxMail[] {
    return this.mails
  }

  /** Resolves once nothing is queued or on the wire. */
  whenIdle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stops every queue and timer and aborts what is on the wire; nothing is sent afterwards. */
  async close(): Promise<void> {
    this.closed = true
    this.abort.abort()
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer)
      wake()
    }
    this.timers.clear()
    await this.whenIdle()
  }

  private async pump(queue: Queue, holdMs: number): Promise<void> {
    if (queue.running) return
    queue.running = true
    this.busy++
    try {
      if (holdMs > 0) await this.sleep(holdMs)
      while (!this.closed && queue.events.length > 0 && this.queues.get(queue.key) === queue) {
        if (this.options.overThreshold()) await this.waitForThreshold(queue.hook)
        else await this.attempt(queue, queue.events[0]!)
      }
    } finally {
      queue.running = false
      this.settle()
    }
  }

  /** Holds a delivery back while the tenant is over its threshold, mailing (if asked) when that starts. */
  private async waitForThreshold(hook: Webhook): Promise<void> {
    if (!this.delayed.has(hook)) {
      this.delayed.add(hook)
      if (hook.sendThresholdExceededNotification) {
        this.mail(
          hook,
          `Autotask Callout - Delayed: ${hook.name}`,
          `${hook.name} is delayed: the API threshold is reached.`,
        )
      }
    }
    await this.sleep(this.options.retryMs)
  }

  private async attempt(queue: Queue, event: Pending): Promise<void> {
    const { hook } = queue
    if (this.delayed.delete(hook) && hook.sendThresholdExceededNotification) {
      this.mail(hook, `Autotask Callout - Caught up: ${hook.name}`, `${hook.name} is delivering again.`)
    }
    event.attempts++
    const result = await this.post(hook.webhookUrl, event.body, event.signature)
    if (this.closed) return
    if (isSuccess(result.status)) {
      this.log('event', hook, hook.webhookUrl, event.payload, event, result, 'delivered')
      queue.events.shift()
      queue.failures = 0
      if (this.faults.duplicate) {
        const again = await this.post(hook.webhookUrl, event.body, event.signature)
        this.log('duplicate', hook, hook.webhookUrl, event.payload, event, again, 'sent')
      }
      return
    }
    if (event.attempts < this.options.maxAttempts) {
      this.log('event', hook, hook.webhookUrl, event.payload, event, result, 'retrying')
      await this.sleep(this.options.retryMs)
      return
    }
    this.log('event', hook, hook.webhookUrl, event.payload, event, result, 'dropped')
    queue.events.shift()
    this.recordError(hook, event, result)
    queue.failures++
    this.mailIfDue(queue)
    if (queue.failures >= this.options.deactivateAfter) {
      this.mail(
        hook,
        `Autotask Callout - Deactivated: ${hook.name}`,
        `${hook.name} failed to trigger the last ${queue.failures} times and has been deactivated.`,
      )
      this.deactivate(hook, 'Failures')
    }
  }

  private async once(
    kind: 'deactivation' | 'forged',
    hook: Webhook,
    url: string,
    payload: CalloutPayload,
    body: string,
    signature: string | null,
  ): Promise<CalloutAttempt> {
    this.busy++
    try {
      const result = await this.post(url, body, signature)
      return this.log(kind, hook, url, payload, { attempts: 1, body, signature }, result, 'sent')
    } finally {
      this.settle()
    }
  }

  private async post(url: string, body: string, signature: string | null): Promise<PostResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
    if (signature !== null) headers['x-hook-signature'] = signature
    const timeout = AbortSignal.timeout(this.options.timeoutMs)
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.abort.signal, timeout]),
      })
      await response.arrayBuffer().catch(() => undefined)
      return { status: response.status, error: isSuccess(response.status) ? null : `HTTP ${response.status}` }
    } catch (error) {
      if (timeout.aborted) return { status: 0, error: `no answer within ${this.options.timeoutMs} ms` }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      return { status: 0, error: cause?.code ?? cause?.message ?? (error as Error).message }
    }
  }

  private log(
    kind: CalloutAttempt['kind'],
    hook: Webhook,
    url: string,
    payload: CalloutPayload,
    event: Pick<Pending, 'attempts' | 'body'> & { signature: string | null },
    result: PostResult,
    outcome: CalloutAttempt['outcome'],
  ): CalloutAttempt {
    const entry: CalloutAttempt = {
      kind,
      resource: `${hook.kind.singular}Webhooks`,
      webhookId: hook.id,
      url,
      action: payload.Action,
      entityId: payload.Id,
      sequenceNumber: payload.SequenceNumber,
      attempt: event.attempts,
      status: result.status,
      error: result.error,
      outcome,
      body: event.body,
      signature: event.signature,
      at: new Date(this.options.clock()).toISOString(),
    }
    this.attempts.push(entry)
    if (this.attempts.length > LOG_LIMIT) this.attempts = this.attempts.slice(-LOG_LIMIT / 2)
    return entry
  }

  private recordError(hook: Webhook, event: Pending, result: PostResult): void {
    const webhookColumns = Object.values(ERROR_COLUMNS).map((name) => [
      name,
      name === ERROR_COLUMNS[hook.kind.singular] ? hook.id : null,
    ])
    this.errors.push({
      id: ++this.lastErrorId,
      createDateTime: new Date(this.options.clock()).toISOString(),
      errorMessage: `The callout to ${hook.webhookUrl} failed ${event.attempts} times: ${result.error ?? 'no answer'}`,
      payload: event.body,
      sequenceNumber: event.payload.SequenceNumber,
      ...(Object.fromEntries(webhookColumns) as Record<ErrorColumn, number | null>),
      userDefinedFields: [],
    })
  }

  private mailIfDue(queue: Queue): void {
    const now = this.options.clock()
    if (queue.failures < this.options.mailAfter) return
    if (queue.lastMailAt !== null && now - queue.lastMailAt < DAY) return
    queue.lastMailAt = now
    const { hook } = queue
    this.mail(
      hook,
      `Autotask Callout - Error: ${hook.name}`,
      `${hook.name} failed to trigger the last ${this.options.mailAfter} times.`,
    )
  }

  private mail(hook: Webhook, subject: string, body: string): void {
    const to = [hook.notificationEmailAddress, this.emailOf(hook.ownerResourceID)].filter(
      (address): address is string => !!address,
    )
    this.mails.push({ to, subject, body, at: new Date(this.options.clock()).toISOString() })
  }

  /** A timer that `close()` cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      timer.unref()
      this.timers.set(timer, resolve)
    })
  }

  /**
   * What the deactivation URL (or, forged, the webhook URL) receives. Autotask does not document it: this keeps the
   * callout shape, with the webhook's own id and why it stopped.
   */
  private deactivationPayload(hook: Webhook, reason: string, sequence: number): CalloutPayload {
    return {
      Action: 'Deactivated',
      Guid: hook.webhookGUID,
      EntityType: hook.kind.entityType,
      Id: hook.id,
      Fields: { Name: hook.name, Reason: reason },
      EventTime: eventTime(this.options.clock()),
      SequenceNumber: sequence,
      [this.options.personKey]: hook.ownerResourceID,
    }
  }

  private settle(): void {
    this.busy--
    if (this.busy > 0) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}

export const ERROR_COLUMNS: Record<Webhook['kind']['singular'], ErrorColumn> = {
  Company: 'accountWebhookID',
  Contact: 'contactWebhookID',
  Ticket: 'ticketWebhookID',
  TicketNote: 'ticketNoteWebhookID',
  ConfigurationItem: 'configurationItemWebhookID',
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}
