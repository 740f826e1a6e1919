import type { WebhookEntity } from '../../connectors/autotask/index.js'
import type { SmileBackCredentials } from '../../connectors/smileback/index.js'
import type { Config } from '../config.js'
import type { PsaSource } from '../psa.js'
import type { ScheduleLog } from '../sync-schedule.js'
import { WorkerThread } from './thread.js'

/** What a sync schedule needs: the server's (or tenant's) settings and PSA account (kept in memory, never logged). */
export interface SyncSetup {
  config: Config
  source: PsaSource
  /** The SmileBack account synced after each PSA sync (at most once a ~minute), when one is configured. */
  smileback?: SmileBackCredentials | null
}

/**
 * Calls to the sync thread, per schedule (`key`): `start` it (every `config.syncIntervalSeconds`), `runOnce` (a sync
 * now, or the end of the one under way), `hint` (a webhook said these records changed: read them again, after the
 * sync under way), `stop` it (its sync under way is ended, its connection closed).
 */
export type SyncCall = { key: string } & (
  | { kind: 'start'; setup: SyncSetup }
  | { kind: 'runOnce' }
  | { kind: 'hint'; entity: WebhookEntity; ids: number[] }
  | { kind: 'stop' }
)

/** A line a schedule logs on the sync thread, for the server's logger. */
export interface SyncLogLine {
  level: 'info' | 'warn' | 'error'
  fields: object
  message: string
}

/** What the sync thread reports of a schedule by itself: a log line, or a sync starting or ending. */
export type SyncNotice = { key: string } & ({ line: SyncLogLine } | { running: boolean })

/** A sync schedule kept on the sync thread. */
export interface ScheduledSync {
  runOnce(): Promise<void>
  /** Reads these records again soon (hints gather for a moment); resolves once they were read. */
  hint(entity: WebhookEntity, ids: readonly number[]): Promise<void>
  syncing(): boolean
  stop(): Promise<void>
}

/**
 * The sync thread: schedules keep their timers and run their syncs there, logging as startSyncSchedule does.
 * Should the thread die, it starts again with every schedule it had.
 */
export class SyncThread {
  readonly #schedules = new Map<string, { setup: SyncSetup; log: ScheduleLog; running: boolean }>()
  readonly #thread = new WorkerThread<SyncCall, void, SyncNotice>('./sync-worker.ts', null, {
    resident: true,
    onStart: () => {
      for (const [key, schedule] of this.#schedules) {
        schedule.running = false
        this.#thread.call({ key, kind: 'start', setup: schedule.setup }).catch(() => undefined)
      }
    },
    onExit: (error) => {
      for (const { log } of this.#schedules.values())
        log.error({ err: error }, 'the sync thread stopped; starting it again')
    },
    onNotice: (notice) => {
      const schedule = this.#schedules.get(notice.key)
      if (!schedule) return
      if ('line' in notice) schedule.log[notice.line.level](notice.line.fields, notice.line.message)
      else schedule.running = notice.running
    },
  })

  schedule(key: string, setup: SyncSetup, log: ScheduleLog): ScheduledSync {
    const schedule = { setup, log, running: false }
    this.#schedules.set(key, schedule)
    const started = this.#thread.call({ key, kind: 'start', setup })
    started.catch(() => undefined) // a thread closed before the start is reported by the next call
    return {
      runOnce: async () => {
        await started
        await this.#thread.call({ key, kind: 'runOnce' })
      },
      hint: async (entity, ids) => {
        await started
        await this.#thread.call({ key, kind: 'hint', entity, ids: [...ids] })
      },
      syncing: () => schedule.running,
      stop: async () => {
        this.#schedules.delete(key)
        await this.#thread.call({ key, kind: 'stop' }).catch(() => undefined)
      },
    }
  }

  close(): Promise<void> {
    return this.#thread.close()
  }
}

/** A server's one sync schedule on a thread of its own, closed with it. */
export function startSyncThread(setup: SyncSetup, log: ScheduleLog) {
  const thread = new SyncThread()
  const scheduled = thread.schedule('server', setup, log)
  return {
    runOnce: scheduled.runOnce,
    hint: scheduled.hint,
    async stop() {
      await scheduled.stop()
      await thread.close()
    },
  }
}
