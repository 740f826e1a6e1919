import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { SIM_ENTITIES } from '../connectors/autotask/simulator/store.js'
import type { ApiRecord, SimEntity, SimWorld } from '../connectors/autotask/simulator/store.js'
import { createSimWorld } from '../connectors/autotask/simulator/world/index.js'

const NOW = '2025-09-24T10:00:00Z'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}T00:00:00Z$/
const DATE_ONLY_FIELDS = new Set(['dateWorked', 'startDate', 'endDate', 'hireDate'])

const tiny = (seed = 7, now = NOW) => createSimWorld({ size: 'tiny', seed, now })
const small = (seed = 7) => createSimWorld({ size: 'small', seed, now: NOW })
const ms = (v: unknown) => Date.parse(String(v))

function snapshot(world: SimWorld): Map<SimEntity, Map<number, string>> {
  return new Map(SIM_ENTITIES.map((e) => [e, new Map(world.records(e).map((r) => [r.id, JSON.stringify(r)]))]))
}

function everything(world: SimWorld): Record<string, readonly ApiRecord[]> {
  return Object.fromEntries(SIM_ENTITIES.map((e) => [e, world.records(e)]))
}

describe('simulator world: determinism', () => {
  test('the same seed gives the same world, another seed a different one', () => {
    expect(everything(tiny(7))).toEqual(everything(tiny(7)))
    const a = tiny(7)
      .records('Tickets')
      .map((t) => t.title)
    const b = tiny(8)
      .records('Tickets')
      .map((t) => t.title)
    expect(a).not.toEqual(b)
  })

  test('one day in one step equals the same day in 24 hourly steps', () => {
    const once = small(3)
    const hourly = small(3)
    once.advance(DAY)
    for (let i = 0; i < 24; i++) hourly.advance(HOUR)
    expect(hourly.now()).toEqual(once.now())
    expect(everything(hourly)).toEqual(everything(once))
  })
})

describe('simulator world: records and metadata', () => {
  const world = small(11)

  test('records come in ascending id order and each has an id and userDefinedFields', () => {
    for (const entity of SIM_ENTITIES) {
      const rows = world.records(entity)
      expect(rows.length, entity).toBeGreaterThan(0)
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.id).toBeGreaterThan(rows[i - 1]!.id)
      for (const r of rows.slice(0, 50)) expect(Array.isArray(r.userDefinedFields)).toBe(true)
      expect(world.get(entity, rows[rows.length - 1]!.id)).toBe(rows[rows.length - 1])
    }
  })

  test('every emitted field is described, and every picklist value used exists', () => {
    for (const entity of SIM_ENTITIES) {
      const fields = new Map(world.fields(entity).map((f) => [f.name, f]))
      const udfNames = new Set(world.udfs(entity).map((u) => u.name))
      for (const r of world.records(entity)) {
        for (const [name, value] of Object.entries(r)) {
          if (name === 'userDefinedFields') {
            for (const u of r.userDefinedFields) expect(udfNames.has(u.name), `${entity} udf ${u.name}`).toBe(true)
            continue
          }
          const f = fields.get(name)
          expect(f, `${entity}.${name}`).toBeDefined()
          if (value === null) continue
          if (f!.isPickList) {
            expect(
              f!.picklistValues!.some((p) => p.value === String(value)),
              `${entity}.${name}=${value}`,
            ).toBe(true)
          }
          if (f!.dataType === 'datetime') {
            expect(String(value), `${entity}.${name}`).toMatch(DATE_ONLY_FIELDS.has(name) ? DATE_ONLY : ISO_UTC)
          }
        }
      }
    }
    const tickets = world.fields('Tickets')
    expect(tickets.find((f) => f.name === 'subIssueType')!.picklistParentValueField).toBe('issueType')
    expect(tickets.find((f) => f.name === 'creatorType')!.isQueryable).toBe(false)
    expect(world.info('Tickets').canQuery).toBe(true)
  })

  test('dates vary their fractional digits and never lie after the clock', () => {
    const digits = new Set(world.records('Tickets').map((t) => (String(t.createDate).split('.')[1] ?? 'Z').length - 1))
    expect(digits.size).toBeGreaterThanOrEqual(6)
    const now = world.now().getTime()
    for (const t of world.records('Tickets')) expect(ms(t.lastActivityDate)).toBeLessThanOrEqual(now)
    for (const t of world.records('TimeEntries')) expect(ms(t.createDateTime)).toBeLessThanOrEqual(now)
    for (const s of world.records('SurveyResults')) {
      expect(ms(s.completeDate)).toBeLessThanOrEqual(now)
      expect(ms(s.sendDate)).toBeLessThan(ms(s.completeDate))
    }
  })

  test('companies, contacts, resources and contracts look like a Dutch MSP', () => {
    expect(world.get('Companies', 0)!.companyName).toMatch(/MSP/)
    const contacts = world.records('Contacts')
    expect(contacts.every((c) => c.isActive === 0 || c.isActive === 1)).toBe(true)
    expect(contacts.some((c) => /^\+31 \d{2,3} \d{3} \d{3,4}$/.test(String(c.phone)))).toBe(true)
    expect(contacts.some((c) => /^06-\d{8}$/.test(String(c.mobilePhone)))).toBe(true)
    const resources = world.records('Resources')
    expect(resources.some((r) => r.isActive === false)).toBe(true)
    expect(new Set(world.records('Contracts').map((c) => c.contractType)).size).toBeGreaterThanOrEqual(3)
    const owners = new Set(world.records('Companies').map((c) => c.ownerResourceID))
    expect([...owners].every((id) => resources.some((r) => r.id === id))).toBe(true)
  })
})

describe('simulator world: ticket life', () => {
  const world = small(5)
  const tickets = world.records('Tickets')

  test('completedDate is set exactly when the status is Complete, and responses precede resolution', () => {
    for (const t of tickets) {
      expect(t.completedDate !== null, t.ticketNumber as string).toBe(t.status === 5)
      if (t.firstResponseDateTime && t.resolvedDateTime) {
        expect(ms(t.firstResponseDateTime)).toBeLessThanOrEqual(ms(t.resolvedDateTime))
      }
      if (t.resolvedDateTime) expect(ms(t.createDate)).toBeLessThanOrEqual(ms(t.resolvedDateTime))
      expect(t.ticketNumber).toMatch(/^T\d{8}\.\d{4}$/)
    }
  })

  test('SLA results agree with the tickets and include breaches', () => {
    const sla = world.records('ServiceLevelAgreementResults')
    const byTicket = new Map(sla.map((s) => [s.ticketID, s]))
    for (const t of tickets) {
      const s = byTicket.get(t.id)
      expect(s !== undefined, t.ticketNumber as string).toBe(t.serviceLevelAgreementID !== null)
      if (s && t.firstResponseDateTime) {
        expect(s.isFirstResponseMet).toBe(ms(t.firstResponseDateTime) <= ms(t.firstResponseDueDateTime))
      }
      if (s && t.status === 5)
        expect(t.serviceLevelAgreementHasBeenMet).toBe(s.isFirstResponseMet === true && s.isResolutionMet === true)
      if (t.status !== 5) expect(t.serviceLevelAgreementHasBeenMet).toBeNull()
    }
    expect(sla.some((s) => s.isFirstResponseMet === false)).toBe(true)
    expect(sla.some((s) => s.isResolutionMet === false)).toBe(true)
  })

  test('there are unassigned open tickets, stale ones and waiting ones', () => {
    const open = tickets.filter((t) => t.status !== 5)
    expect(open.some((t) => t.assignedResourceID === null)).toBe(true)
    expect(open.some((t) => t.status === 7)).toBe(true)
    const now = world.now().getTime()
    expect(open.some((t) => now - ms(t.lastActivityDate) > 5 * DAY)).toBe(true)
  })

  test('most people raise tickets in Amsterdam business hours; alerts come around the clock', () => {
    const human = tickets.filter((t) => t.ticketType !== 5 && t.companyID !== 0)
    const inHours = human.filter((t) => {
      const local = new Date(ms(t.createDate) + 2 * HOUR)
      const h = local.getUTCHours() + local.getUTCMinutes() / 60
      return local.getUTCDay() >= 1 && local.getUTCDay() <= 5 && h >= 8.5 && h < 17.5
    })
    expect(inHours.length / human.length).toBeGreaterThan(0.8)
    const alerts = tickets.filter((t) => t.ticketType === 5)
    expect(alerts.some((t) => (new Date(ms(t.createDate)).getUTCHours() + 2) % 24 < 6)).toBe(true)
  })

  test('time entries: dateWorked is the Amsterdam date, some are late, some non-billable, tickets without time exist', () => {
    const entries = world.records('TimeEntries')
    for (const e of entries.slice(0, 500)) {
      const local = new Date(ms(e.startDateTime) + 2 * HOUR).toISOString().slice(0, 10)
      expect(String(e.dateWorked).slice(0, 10)).toBe(local)
      // Ticket time is type 2, task (project) time 6, the rest regular time 1 (reference §11.2).
      expect(e.timeEntryType).toBe(e.ticketID !== null ? 2 : e.taskID !== null ? 6 : 1)
    }
    expect(entries.some((e) => ms(e.createDateTime) - ms(e.endDateTime) >= DAY)).toBe(true)
    expect(entries.some((e) => e.isNonBillable === true)).toBe(true)
    expect(entries.some((e) => e.billingApprovalDateTime !== null)).toBe(true)
    expect(entries.some((e) => e.ticketID === null)).toBe(true)
    const withTime = new Set(entries.map((e) => e.ticketID))
    expect(tickets.some((t) => t.status === 5 && t.ticketType !== 5 && !withTime.has(t.id))).toBe(true)
  })

  test('low CSAT comes with a survey comment note from the contact', () => {
    const notes = world.records('TicketNotes').filter((n) => n.noteType === 31)
    const surveys = world.records('SurveyResults')
    expect(surveys.filter((s) => (s.surveyRating as number) >= 4).length / surveys.length).toBeGreaterThan(0.7)
    const low = surveys.filter((s) => (s.surveyRating as number) <= 2)
    const commented = low.filter((s) =>
      notes.some(
        (n) => n.ticketID === s.ticketID && n.createdByContactID === s.contactID && n.createDateTime === s.completeDate,
      ),
    )
    expect(commented.length).toBeGreaterThan(0)
    for (const n of notes) {
      expect(n.title).toBe('Customer survey comment')
      expect(n.creatorResourceID).toBeNull()
    }
  })

  test('tickets get reopened: Complete and later back in progress', () => {
    const w = small(5)
    const completed = new Set(
      w
        .records('Tickets')
        .filter((t) => t.status === 5)
        .map((t) => t.id),
    )
    let reopened = 0
    for (let i = 0; i < 5 * 24 && reopened === 0; i++) {
      const s = w.advance(HOUR)
      for (const id of s.updated.Tickets ?? []) {
        const t = w.get('Tickets', id)!
        if (completed.has(id) && t.status !== 5) reopened++
        if (t.status === 5) completed.add(id)
      }
    }
    expect(reopened).toBeGreaterThan(0)
  })
})

describe('simulator world: realistic timesheets and SLAs', () => {
  const world = small(5)
  const tickets = world.records('Tickets')
  const entries = world.records('TimeEntries')
  const share = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length / items.length

  test('each person logs a sequential working day: few overlaps, about seven hours, rarely over eleven', () => {
    const byPerson = new Map<number, ApiRecord[]>()
    for (const e of entries) byPerson.set(e.resourceID as number, [...(byPerson.get(e.resourceID as number) ?? []), e])
    const overlapping = new Set<number>()
    for (const list of byPerson.values()) {
      list.sort((a, b) => ms(a.startDateTime) - ms(b.startDateTime))
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length && ms(list[j]!.startDateTime) < ms(list[i]!.endDateTime); j++) {
          overlapping.add(list[i]!.id)
          overlapping.add(list[j]!.id)
        }
      }
    }
    expect(overlapping.size).toBeGreaterThan(0)
    expect(overlapping.size / entries.length).toBeLessThan(0.03)
    const daily = new Map<string, number>()
    for (const e of entries) {
      const day = new Date(String(e.dateWorked)).getUTCDay()
      if (day === 0 || day === 6) continue
      const key = `${e.resourceID} ${e.dateWorked}`
      daily.set(key, (daily.get(key) ?? 0) + (e.hoursWorked as number))
    }
    const hours = [...daily.values()].sort((a, b) => a - b)
    const median = hours[Math.floor(hours.length / 2)]!
    expect(median).toBeGreaterThan(6)
    expect(median).toBeLessThan(8)
    expect(share(hours, (h) => h > 11)).toBeLessThan(0.01)
    expect(share(hours, (h) => h < 5)).toBeGreaterThan(0.02)
    const afterHours = share(entries, (e) => {
      const local = new Date(ms(e.startDateTime) + 2 * HOUR)
      const h = local.getUTCHours() + local.getUTCMinutes() / 60
      return h < 7 || h >= 19
    })
    expect(afterHours).toBeLessThan(0.02)
  })

  test('most tickets meet their SLA, urgent ones a little less, and few open tickets are past due', () => {
    const sla = world.records('ServiceLevelAgreementResults')
    const byTicket = new Map(tickets.map((t) => [t.id, t]))
    const fr = sla.filter((s) => s.isFirstResponseMet !== null)
    expect(share(fr, (s) => s.isFirstResponseMet === true)).toBeGreaterThan(0.88)
    expect(share(fr, (s) => s.isFirstResponseMet === true)).toBeLessThan(0.99)
    const resolved = sla.filter((s) => s.isResolutionMet !== null)
    const met = share(resolved, (s) => s.isResolutionMet === true)
    expect(met).toBeGreaterThan(0.85)
    expect(met).toBeLessThan(0.97)
    const urgent = resolved.filter((s) => [1, 4].includes(byTicket.get(s.ticketID as number)!.priority as number))
    expect(share(urgent, (s) => s.isResolutionMet === true)).toBeGreaterThan(0.65)
    expect(share(urgent, (s) => s.isResolutionMet === true)).toBeLessThan(met)
    const perClient = new Map<number, boolean[]>()
    for (const t of tickets) {
      if (t.serviceLevelAgreementHasBeenMet === null) continue
      const company = t.companyID as number
      perClient.set(company, [...(perClient.get(company) ?? []), t.serviceLevelAgreementHasBeenMet === true])
    }
    const rates = [...perClient.values()].filter((v) => v.length >= 10).map((v) => share(v, (x) => x))
    expect(share(rates, (r) => r >= 0.85)).toBeGreaterThan(0.6)
    const now = world.now().getTime()
    const open = tickets.filter((t) => t.status !== 5)
    const running = open.filter((t) => ![7, 9, 12, 13, 17].includes(t.status as number))
    const pastDue = running.filter((t) => ms(t.dueDateTime) < now)
    expect(pastDue.length).toBeGreaterThan(0)
    expect(pastDue.length / open.length).toBeLessThan(0.1)
  })

  test('SLA tickets that take longer than a quick fix get a resolution plan, mostly on time', () => {
    const long = tickets.filter(
      (t) =>
        t.status === 5 && t.serviceLevelAgreementID !== null && ms(t.resolvedDateTime) - ms(t.createDate) > 2 * HOUR,
    )
    expect(share(long, (t) => t.resolutionPlanDateTime !== null)).toBeGreaterThan(0.9)
    const planned = world.records('ServiceLevelAgreementResults').filter((s) => s.isResolutionPlanMet !== null)
    expect(share(planned, (s) => s.isResolutionPlanMet === true)).toBeGreaterThan(0.85)
    for (const t of long) {
      if (t.resolutionPlanDateTime) expect(ms(t.resolutionPlanDateTime)).toBeLessThanOrEqual(ms(t.resolvedDateTime))
    }
  })

  test('billing: hours to bill close to billable hours worked, some write-downs, a few coding errors', () => {
    const billable = entries.filter((e) => e.isNonBillable === false)
    const worked = billable.reduce((sum, e) => sum + (e.hoursWorked as number), 0)
    const billed = billable.reduce((sum, e) => sum + (e.hoursToBill as number), 0)
    expect(billed / worked).toBeGreaterThan(0.98)
    expect(billed / worked).toBeLessThan(1.06)
    expect(billable.some((e) => (e.hoursToBill as number) < (e.hoursWorked as number))).toBe(true)
    expect(billable.some((e) => (e.hoursToBill as number) > (e.hoursWorked as number))).toBe(true)
    const errors = entries.filter(
      (e) =>
        e.billingCodeID === null ||
        (e.hoursToBill as number) > (e.hoursWorked as number) + 0.25 ||
        (e.hoursWorked as number) > 10,
    )
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.length / entries.length).toBeLessThan(0.01)
  })
})

describe('simulator world: advancing the clock', () => {
  test('the summary lists exactly what changed, and arrays handed out stay as they were', () => {
    const world = tiny(21)
    for (const step of [HOUR, 6 * HOUR, DAY, 3 * DAY, 30 * 60_000]) {
      const before = snapshot(world)
      const handed = world.records('Tickets')
      const handedIds = handed.map((t) => t.id)
      const summary = world.advance(step)
      const after = snapshot(world)
      for (const entity of SIM_ENTITIES) {
        const b = before.get(entity)!
        const a = after.get(entity)!
        const created = [...a.keys()].filter((id) => !b.has(id))
        const deleted = [...b.keys()].filter((id) => !a.has(id))
        const updated = [...a.keys()].filter((id) => b.has(id) && b.get(id) !== a.get(id))
        expect(summary.created[entity] ?? [], `${entity} created`).toEqual(created)
        expect(summary.deleted[entity] ?? [], `${entity} deleted`).toEqual(deleted)
        expect(summary.updated[entity] ?? [], `${entity} updated`).toEqual(updated)
      }
      expect(handed.map((t) => t.id)).toEqual(handedIds)
      expect(summary.to).toBe(world.now().toISOString())
    }
  })

  test('new tickets and time appear as the clock moves, with higher ids', () => {
    const world = tiny(2)
    const maxTicket = Math.max(...world.records('Tickets').map((t) => t.id))
    const s = world.advance(2 * DAY)
    expect((s.created.Tickets ?? []).length).toBeGreaterThan(0)
    expect((s.created.TimeEntries ?? []).length).toBeGreaterThan(0)
    expect(Math.min(...s.created.Tickets!)).toBeGreaterThan(maxTicket)
    expect((s.updated.Tickets ?? []).length).toBeGreaterThan(0)
  })

  test('deleted tickets leave the list with their notes and time and appear in DeletedTicketLogs', () => {
    const world = tiny(4)
    let deleted: number[] = []
    for (let i = 0; i < 30 && deleted.length === 0; i++) deleted = world.advance(DAY).deleted.Tickets ?? []
    expect(deleted.length).toBeGreaterThan(0)
    const logs = world.records('DeletedTicketLogs')
    for (const id of deleted) {
      expect(world.get('Tickets', id)).toBeUndefined()
      expect(logs.some((l) => l.ticketID === id && ISO_UTC.test(String(l.deletedDateTime)))).toBe(true)
    }
    const gone = new Set(logs.map((l) => l.ticketID))
    expect(world.records('TimeEntries').some((e) => gone.has(e.ticketID as number))).toBe(false)
    expect(world.records('TicketNotes').some((n) => gone.has(n.ticketID as number))).toBe(false)
    expect(world.records('ServiceLevelAgreementResults').some((s) => gone.has(s.ticketID as number))).toBe(false)
  })
})

describe('simulator world: sizes', () => {
  test('tiny is quick and holds tens of tickets', () => {
    const start = performance.now()
    const world = tiny(1)
    expect(performance.now() - start).toBeLessThan(1000)
    expect(world.records('Tickets').length).toBeGreaterThan(20)
    expect(world.records('Tickets').length).toBeLessThan(200)
  })

  test('small and medium hold plausible volumes', () => {
    const s = small(1)
    expect(s.records('Tickets').length).toBeGreaterThan(600)
    expect(s.records('Tickets').length).toBeLessThan(2000)
    expect(s.records('Companies').length).toBeGreaterThanOrEqual(40)
    const m = createSimWorld({ size: 'medium', seed: 1, now: NOW })
    const tickets = m.records('Tickets').length
    expect(tickets).toBeGreaterThan(20_000)
    expect(tickets).toBeLessThan(40_000)
    expect(m.records('TimeEntries').length / tickets).toBeGreaterThan(4)
    // A timer left running overnight is rare, so only a year of data is sure to hold one.
    expect(m.records('TimeEntries').some((e) => (e.hoursWorked as number) > 10)).toBe(true)
    expect(m.records('SurveyResults').length / tickets).toBeGreaterThan(0.12)
    expect(
      m.records('Resources').filter((r) => r.title === 'Servicedesk Engineer' || r.title === 'Systeembeheerder').length,
    ).toBeGreaterThanOrEqual(25)
  })
})

/** Every table the simulator serves as one sha256, keys sorted so only values count (the same-seed proof). */
function digest(world: SimWorld): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical)
    if (value === null || typeof value !== 'object') return value
    const record = value as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, canonical(record[key])]),
    )
  }
  const hash = createHash('sha256').update(world.now().toISOString())
  for (const entity of SIM_ENTITIES) {
    hash.update(`\n${entity}\n`).update(JSON.stringify(canonical(world.records(entity))))
  }
  return hash.digest('hex')
}

describe('simulator world: the same seed and clock make exactly this world', () => {
  // Recorded from the world before its generator was split up; a change here means the world changed.
  const WORLDS = {
    tiny: 'de23fa01bb7920d54ad8ee3f1e96244b39ff7db139d7b9496d9b422eee2040b0',
    small: '43c1f312e063c40c79b4c4d3fbe815cc9ec016c7d446868d8c5dc06b4fba6486',
    medium: '84a748c56acebd8a74635003475a5a97414acf84b765a94bb95a435e94399612',
    tinyAfterThreeDays: 'd9944421a023ba0ab51d25088dc3080a187914c0d4b8063a064480e8bd3defb6',
  }

  test('each size the tests use hashes to its recorded digest', () => {
    expect(digest(tiny(7))).toBe(WORLDS.tiny)
    expect(digest(small(7))).toBe(WORLDS.small)
    expect(digest(createSimWorld({ size: 'medium', seed: 7, now: NOW }))).toBe(WORLDS.medium)
  })

  test('a world moved on by its clock hashes to its recorded digest', () => {
    const world = tiny(7)
    for (let i = 0; i < 12; i++) world.advance(6 * HOUR)
    expect(digest(world)).toBe(WORLDS.tinyAfterThreeDays)
  })

  test('two generations with one seed are equal, another seed differs', () => {
    expect(digest(small(5))).toBe(digest(small(5)))
    expect(digest(small(6))).not.toBe(digest(small(5)))
  })
})
