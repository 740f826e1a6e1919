import type { ApiRecord, UserDefinedField } from '../store.js'
import * as C from './catalogue.js'
import type { IssueTemplate } from './catalogue.js'
import {
  DAY,
  HOUR,
  MINUTE,
  addBusinessDays,
  addBusinessTime,
  businessTimeBetween,
  compactDate,
  isBusinessDay,
  isBusinessTime,
  iso,
  isoDate,
  localDay,
  localToUtc,
  quantize,
  weekday,
} from './clock.js'
import { APPS, CITIES, FIRST_NAMES, LAST_NAMES, PRINTER_SPOTS, STREETS } from './names.js'
import {
  BILLING_CODE,
  CATEGORY,
  CONTRACT_TYPE,
  NOTE_TYPE,
  PRIORITY,
  PUBLISH,
  QUEUE,
  SLA_CHOICES,
  SLA_FACTOR,
  SLA_TARGET_HOURS,
  SOURCE,
  STATUS,
  TIME_ENTRY_TYPE,
} from './picklists.js'
import { Rng, coin, mix } from './random.js'
import { NO_UDFS, landline, mobile } from './roster.js'
import type { Roster } from './roster.js'
import { BREATHER_MAX, DAY_KIND } from './schedule.js'
import type { Schedule } from './schedule.js'
import type { SizeProfile } from './sizes.js'
import { EventLog, firstOrderOf } from './events.js'
import type { PlannedEvent, WorldEvent } from './events.js'
import type { CompanyInfo, ContactInfo, ContractInfo, Patch, Staff, TicketPlan } from './types.js'

export interface DayContext {
  seed: number
  size: SizeProfile
  roster: Roster
  startDay: number
  schedule: Schedule
}

interface Draft {
  t0: number
  template: IssueTemplate
  alert: boolean
  company: CompanyInfo
  contact: ContactInfo | null
  source: number
  deletion: 'spam' | 'duplicate' | null
}

interface Pool {
  l1: Staff[]
  l2: Staff[]
  leads: Staff[]
  workers: Staff[]
  weights: number[]
}

const SLA_NAMES = new Map(SLA_CHOICES.map(([value, label]) => [value, label]))
const DURATIONS = [5, 10, 15, 20, 30, 45, 60, 90]
const DURATION_WEIGHTS = [16, 20, 25, 14, 12, 7, 4, 2]
/** Share of human tickets planned to finish within their SLA (or due date), by priority; the rest run their course. */
const ON_TIME: Readonly<Record<number, number>> = {
  [PRIORITY.critical]: 0.95,
  [PRIORITY.high]: 0.93,
  [PRIORITY.medium]: 0.89,
  [PRIORITY.low]: 0.86,
}
/** Share of bookings logged over other work (a call taken mid-task, a start time left uncorrected). */
const OVERLAP_SHARE = 0.01
const round2 = (n: number) => Math.round(n * 100) / 100
const hours = (ms: number) => round2(ms / HOUR)

/** Makes everything that starts on one Amsterdam calendar day: its tickets with their whole future, its internal time, edits. */
export function generateDay(ctx: DayContext, day: number): WorldEvent[] {
  return new DayGenerator(ctx, day).run()
}

class DayGenerator {
  private readonly rng: Rng
  private readonly log: EventLog
  private readonly pool: Pool
  private readonly manager: Staff
  private readonly finance: Staff

  constructor(
    private readonly ctx: DayContext,
    private readonly day: number,
  ) {
    this.rng = new Rng(mix(ctx.seed, day, 0xda7))
    this.log = new EventLog(firstOrderOf(day, ctx.startDay))
    const staff = ctx.roster.staff
    const active = staff.filter((s) => s.hireDay <= day && (s.leftDay === null || s.leftDay > day + 45))
    const workers = active.filter((s) => s.role === 'l1' || s.role === 'l2' || s.role === 'lead')
    this.pool = {
      l1: workers.filter((s) => s.role === 'l1'),
      l2: workers.filter((s) => s.role === 'l2'),
      leads: workers.filter((s) => s.role === 'lead'),
      workers,
      weights: workers.map((s) => (s.role === 'lead' ? 0.3 : 1)),
    }
    this.manager = staff.find((s) => s.role === 'manager')!
    this.finance = staff.find((s) => s.role === 'finance')!
  }

  run(): WorldEvent[] {
    this.ctx.schedule.prune(this.day)
    for (const change of this.ctx.roster.changes.get(this.day) ?? []) {
      const { t: at, record } = change
      this.emit(
        change.edit
          ? { kind: 'edit', at, record, ...change.edit }
          : { kind: 'insert', at, record, entity: change.entity },
      )
    }
    if (isBusinessDay(this.day)) this.staticEdits()
    const drafts = this.drafts()
    drafts.sort((a, b) => a.t0 - b.t0)
    const prefix = `T${compactDate(this.day)}.`
    drafts.forEach((d, i) => this.ticket(d, [prefix, String(i + 1).padStart(4, '0')].join('')))
    if (isBusinessDay(this.day)) this.internalTime()
    return this.log.take()
  }

  private emit(event: PlannedEvent): void {
    this.log.push(event)
  }

  private at(fromHour: number, toHour: number, day = this.day): number {
    return quantize(localToUtc(day, this.rng.range(fromHour, toHour) * HOUR))
  }

  private visibleCompanies(): CompanyInfo[] {
    return this.ctx.roster.companies.filter((c) => c.createdDay < this.day)
  }

  private staticEdits(): void {
    const rng = this.rng
    const companies = this.visibleCompanies()
    const factor = this.ctx.size.rareFactor
    for (let i = rng.count(companies.length * 0.004 * factor); i > 0; i--) {
      const c = rng.pick(companies)
      const what = rng.int(0, 2)
      const delta = rng.pick([-2, -1, 1, 1, 2, 3])
      const phone = landline(rng, rng.pick(CITIES))
      const street = `${rng.pick(STREETS)} ${rng.int(1, 200)}`
      this.emit({
        kind: 'edit',
        at: this.at(8.5, 17.5),
        record: c.rec,
        entity: 'Companies',
        apply: (cur: ApiRecord): Patch => {
          if (what === 1) return { phone }
          if (what === 2) return { address1: street }
          return {
            userDefinedFields: cur.userDefinedFields.map((u): UserDefinedField =>
              u.value !== null && (u.name === 'Seats' || u.name === 'Endpoints')
                ? { name: u.name, value: String(Math.max(1, Number(u.value) + delta)) }
                : u,
            ),
          }
        },
      })
    }
    const contacts = companies.flatMap((c) => c.contacts.filter((p) => p.createdDay < this.day))
    for (let i = rng.count(contacts.length * 0.0015 * factor); i > 0; i--) {
      const p = rng.pick(contacts)
      const patch = rng.chance(0.5)
        ? { mobilePhone: mobile(rng) }
        : rng.chance(0.5)
          ? { title: rng.pick(['Office manager', 'Teamleider', 'Directeur', 'Adviseur']) }
          : { extension: String(rng.int(10, 399)) }
      this.emit({ kind: 'edit', at: this.at(8.5, 17.5), record: p.rec, entity: 'Contacts', apply: () => patch })
    }
  }

  // ---- ticket drafts -------------------------------------------------------------------------------------------

  private drafts(): Draft[] {
    const rng = this.rng
    const size = this.ctx.size
    const customers = this.visibleCompanies().filter(
      (c) => c.customer && c.contracts.some((k) => k.startDay <= this.day),
    )
    if (customers.length === 0 || this.pool.workers.length === 0) return []
    const weights = customers.map((c) => c.weight)
    const wd = weekday(this.day)
    const business = isBusinessDay(this.day)
    const month = new Date(this.day * DAY).getUTCMonth()
    const season = month === 6 || month === 7 ? 0.85 : month === 11 ? 0.9 : 1
    const dayFactor = business ? [0, 1.3, 1.08, 1, 0.95, 0.78, 0][wd]! * season : 0.05
    const engineers = this.pool.l1.length + this.pool.l2.length
    const drafts: Draft[] = []
    const humanCount = rng.count(size.ticketsPerEngineer * engineers * dayFactor)
    for (let i = 0; i < humanCount; i++) {
      const company = rng.weighted(customers, weights)
      const template = rng.weighted(
        C.USER_ISSUES,
        C.USER_ISSUES.map((x) => x.weight),
      )
      const source = rng.weighted([SOURCE.phone, SOURCE.email, SOURCE.portal, SOURCE.walkIn], [35, 36, 26, 3])
      const t0 = business ? this.humanTime(source) : this.at(9, 21)
      drafts.push({ t0, template, alert: false, company, contact: this.contact(company), source, deletion: null })
    }
    for (let i = rng.count(size.alertsPerEngineer * engineers); i > 0; i--) {
      const company = rng.weighted(customers, weights)
      const template = rng.weighted(
        C.ALERT_ISSUES,
        C.ALERT_ISSUES.map((x) => x.weight),
      )
      const t0 = quantize(localToUtc(this.day, (rng.chance(0.5) ? rng.range(7, 19) : rng.range(0, 24)) * HOUR))
      drafts.push({ t0, template, alert: true, company, contact: null, source: SOURCE.monitoring, deletion: null })
    }
    const humans = drafts.filter((d) => !d.alert && d.source === SOURCE.email)
    for (let i = rng.count(size.deletionsPerBusinessDay * (business ? 1 : 0.2)); i > 0; i--) {
      const original = humans.length > 0 && rng.chance(0.6) ? rng.pick(humans) : null
      if (original) {
        drafts.push({ ...original, t0: quantize(original.t0 + rng.int(1, 8) * MINUTE), deletion: 'duplicate' })
      } else {
        const company = this.ctx.roster.msp
        const template = {
          ...C.USER_ISSUES[0]!,
          title: rng.pick(C.SPAM_TITLES),
          description: 'Automatisch aangemaakt uit e-mail.',
        }
        drafts.push({
          t0: this.at(0, 24),
          template,
          alert: false,
          company,
          contact: null,
          source: SOURCE.email,
          deletion: 'spam',
        })
      }
    }
    return drafts
  }

  private humanTime(source: number): number {
    const rng = this.rng
    const outside = source === SOURCE.email || source === SOURCE.portal ? 0.12 : 0.02
    if (rng.chance(outside)) return this.at(rng.chance(0.5) ? 6.5 : 17.5, rng.chance(0.5) ? 8.5 : 22)
    const h = rng.chance(0.55) ? rng.range(8.5, 11.5) : rng.range(11.5, 17.4)
    return this.at(h, h + 0.1)
  }

  private contact(company: CompanyInfo): ContactInfo | null {
    const live = company.contacts.filter(
      (c) => c.createdDay < this.day && (c.leftDay === null || c.leftDay > this.day + 60),
    )
    if (live.length === 0) return null
    return this.rng.chance(0.3) ? live[0]! : this.rng.pick(live)
  }

  private contract(company: CompanyInfo, change: boolean): ContractInfo | null {
    const active = company.contracts.filter((k) => k.startDay <= this.day && k.endDay >= this.day)
    if (change) {
      const project = active.find((k) => k.type === CONTRACT_TYPE.fixedPrice)
      if (project) return project
    }
    return active.find((k) => k.isDefault) ?? active[0] ?? null
  }

  private fill(text: string, company: CompanyInfo): string {
    const rng = this.rng
    if (!text.includes('{')) return text
    return text
      .replace('{server}', rng.pick(company.servers))
      .replace('{printer}', rng.pick(PRINTER_SPOTS))
      .replace('{app}', rng.pick(APPS))
      .replace('{name}', `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`)
      .replace('{n}', String(rng.int(2, 12)))
  }

  /** A dispatcher gives work to whoever of a few likely colleagues has room first. */
  private engineer(preferL2: boolean, earliest: number, ms: number, anyTime = false, urgent = false): Staff {
    const { l2, workers, weights } = this.pool
    const rng = this.rng
    let best: Staff | null = null
    let bestAt = Infinity
    // Urgent work goes to whoever is free first; the rest to the first free of a few likely colleagues.
    const offset = rng.int(0, workers.length - 1)
    for (let i = 0, n = urgent ? workers.length : 3; i < n; i++) {
      const s = urgent
        ? workers[(offset + i) % workers.length]!
        : preferL2 && l2.length > 0 && rng.chance(0.75)
          ? rng.pick(l2)
          : rng.weighted(workers, weights)
      const at = this.ctx.schedule.find(s.id, earliest, ms, anyTime)
      if (at < bestAt) {
        best = s
        bestAt = at
      }
    }
    return best!
  }

  // ---- one ticket's life ---------------------------------------------------------------------------------------

  private ticket(d: Draft, ticketNumber: string): void {
    const rng = this.rng
    const tpl = d.template
    const change = tpl.ticketType === C.TYPE_CHANGE
    const contract = d.deletion === 'spam' ? null : this.contract(d.company, change)
    const priority = d.alert
      ? rng.weighted([PRIORITY.high, PRIORITY.medium, PRIORITY.low], [25, 55, 20])
      : tpl.urgent
        ? rng.chance(0.35)
          ? PRIORITY.critical
          : PRIORITY.high
        : rng.weighted([PRIORITY.critical, PRIORITY.high, PRIORITY.medium, PRIORITY.low], [2, 14, 54, 30])
    const slaId = d.alert || change || d.deletion === 'spam' ? null : (contract?.sla ?? null)
    const queue = d.alert
      ? QUEUE.monitoring
      : change
        ? QUEUE.projects
        : tpl.subIssueType === 402 || tpl.subIssueType === 403
          ? QUEUE.onboarding
          : QUEUE.serviceDesk
    const targets = SLA_TARGET_HOURS[priority]!.map((h) => h * HOUR * (slaId === null ? 2 : SLA_FACTOR[slaId]!))
    const t0 = d.t0
    const created = iso(t0)
    const frDue = quantize(addBusinessTime(t0, targets[0]!))
    const planDue = quantize(addBusinessTime(t0, targets[1]!))
    const resDue = quantize(addBusinessTime(t0, targets[2]!))
    const phone = d.source === SOURCE.phone || d.source === SOURCE.walkIn
    const taker = phone ? this.engineer(false, t0, 15 * MINUTE) : null
    const title = d.deletion === 'duplicate' ? tpl.title : this.fill(tpl.title, d.company)
    const contactName = d.contact ? `${d.contact.rec.firstName} ${d.contact.rec.lastName}` : null
    const rec: ApiRecord = {
      id: 0,
      assignedResourceID: taker?.id ?? null,
      assignedResourceRoleID: taker?.roleID ?? null,
      billingCodeID: null,
      companyID: d.company.id,
      completedByResourceID: null,
      completedDate: null,
      configurationItemID: null,
      contactID: d.contact?.id ?? null,
      contractID: contract?.id ?? null,
      createDate: created,
      createdByContactID: phone || d.alert || !d.contact ? null : d.contact.id,
      creatorResourceID: taker?.id ?? null,
      creatorType: phone || d.alert || !d.contact ? 1 : 2,
      description: contactName
        ? [this.fill(tpl.description, d.company), '\n\nGemeld door ', contactName, '.'].join('')
        : this.fill(tpl.description, d.company),
      dueDateTime: iso(
        slaId === null ? quantize(localToUtc(addBusinessDays(localDay(t0), change ? 10 : 3), 17 * HOUR)) : resDue,
      ),
      estimatedHours: tpl.effort === 4 ? rng.pick([8, 16, 24, 40]) : tpl.effort === 3 ? rng.pick([1, 2, 4]) : 0,
      externalID: null,
      firstResponseAssignedResourceID: null,
      firstResponseDateTime: null,
      firstResponseDueDateTime: slaId === null ? null : iso(frDue),
      firstResponseInitiatingResourceID: null,
      hoursToBeScheduled: null,
      issueType: tpl.issueType,
      lastActivityDate: created,
      lastActivityPersonType: d.contact && !phone && !d.alert ? 2 : 1,
      lastActivityResourceID: taker?.id ?? null,
      lastCustomerNotificationDateTime: null,
      lastCustomerVisibleActivityDateTime: created,
      lastTrackedModificationDateTime: created,
      monitorID: d.alert ? 3000 + rng.int(1, 400) : null,
      previousServiceThermometerRating: null,
      priority,
      problemTicketId: null,
      projectID: null,
      purchaseOrderNumber: null,
      queueID: queue,
      resolution: null,
      resolutionPlanDateTime: null,
      resolutionPlanDueDateTime: slaId === null ? null : iso(planDue),
      resolvedDateTime: null,
      resolvedDueDateTime: slaId === null ? null : iso(resDue),
      rmmAlertID: d.alert ? `${rng.digits(8)}-${rng.digits(4)}` : null,
      serviceLevelAgreementHasBeenMet: null,
      serviceLevelAgreementID: slaId,
      serviceLevelAgreementPausedNextEventHours: null,
      source: d.source,
      status: STATUS.new,
      subIssueType: tpl.subIssueType,
      ticketCategory: d.alert ? CATEGORY.alert : change ? CATEGORY.change : CATEGORY.standard,
      ticketNumber,
      ticketType: tpl.ticketType,
      title,
      userDefinedFields: NO_UDFS as UserDefinedField[],
    }
    const sla: ApiRecord | null =
      slaId === null
        ? null
        : {
            id: 0,
            firstResponseElapsedHours: null,
            firstResponseInitiatingResourceID: null,
            firstResponseResourceID: null,
            isFirstResponseMet: null,
            isResolutionMet: null,
            isResolutionPlanMet: null,
            resolutionElapsedHours: null,
            resolutionPlanElapsedHours: null,
            resolutionPlanResourceID: null,
            resolutionResourceID: null,
            serviceLevelAgreementName: SLA_NAMES.get(slaId)!,
            ticketID: 0,
            userDefinedFields: NO_UDFS as UserDefinedField[],
          }
    const plan: TicketPlan = { id: 0, rec, sla, children: d.deletion ? [] : null }
    this.emit({ kind: 'ticket', at: t0, plan })
    const dueAt = Date.parse(String(rec.dueDateTime))
    const life = new Life(this, plan, d, contract, { t0, targets, frDue, resDue, dueAt, taker })
    if (d.deletion) life.deleted(this.manager)
    else if (d.alert) life.alert()
    else life.human()
  }

  // ---- shared helpers used by Life -------------------------------------------------------------------------------

  get random(): Rng {
    return this.rng
  }

  get staffPool(): Pool {
    return this.pool
  }

  get managerId(): number {
    return this.manager.id
  }

  pickEngineer(preferL2: boolean, earliest: number, ms: number, anyTime = false, urgent = false): Staff {
    return this.engineer(preferL2, earliest, ms, anyTime, urgent)
  }

  /** When `who` could start `minutes` of work at or after `earliest`. */
  free(who: Staff, earliest: number, minutes: number, anyTime = false): number {
    return this.ctx.schedule.find(who.id, earliest, minutes * MINUTE, anyTime)
  }

  /**
   * Books `minutes` of `who`'s time at the first free moment at or after `earliest`; returns the start. `wanted` is
   * when the work became possible, if earlier.
   */
  book(who: Staff, earliest: number, minutes: number, anyTime = false, wanted = earliest): number {
    const rng = this.rng
    const schedule = this.ctx.schedule
    const ms = minutes * MINUTE
    const at = schedule.find(who.id, earliest, ms, anyTime)
    // Starting a little before the previous work ended only overlaps when there was previous work, and never
    // moves work before the moment it became possible.
    if (at - wanted >= 20 * MINUTE && rng.chance(OVERLAP_SHARE)) {
      const early = at - rng.int(1, 4) * 5 * MINUTE
      schedule.reserve(who.id, early, ms)
      return early
    }
    return schedule.book(who.id, earliest, ms, anyTime, rng.int(0, BREATHER_MAX / MINUTE) * MINUTE)
  }

  step(t: number, plan: TicketPlan, patch: Patch, sla: Patch | null = null): void {
    const s = iso(t)
    patch.lastActivityDate = s
    patch.lastTrackedModificationDateTime = s
    this.emit({ kind: 'step', at: t, plan, ticket: patch, sla })
  }

  note(
    t: number,
    plan: TicketPlan,
    n: {
      type: number
      publish: number
      title: string
      description: string
      resource: number | null
      contact: number | null
    },
  ): ApiRecord {
    const s = iso(t)
    const r: ApiRecord = {
      id: 0,
      createDateTime: s,
      createdByContactID: n.contact,
      creatorResourceID: n.resource,
      description: n.description,
      lastActivityDate: s,
      noteType: n.type,
      publish: n.publish,
      ticketID: 0,
      title: n.title,
      userDefinedFields: NO_UDFS as UserDefinedField[],
    }
    plan.children?.push(r)
    this.emit({ kind: 'note', at: t, plan, record: r })
    const factor = this.ctx.size.rareFactor
    if (!plan.children && n.resource !== null && this.rng.chance(0.0015 * factor)) {
      const at = quantize(t + this.rng.int(5, 600) * MINUTE)
      this.emit({ kind: 'childDelete', at, plan, record: r, deletedBy: n.resource })
    }
    return r
  }

  /** A time entry; returns when it ended. `plan` null means internal (non-ticket) time. */
  time(
    plan: TicketPlan | null,
    who: Staff,
    start: number,
    minutes: number,
    o: {
      summary: string
      billingCode: number
      contract: ContractInfo | null
      nonBillable: boolean
      internal?: string | null
    },
  ): number {
    const rng = this.rng
    const begin = Math.floor(start / MINUTE) * MINUTE
    const end = begin + minutes * MINUTE
    const worked = round2(minutes / 60)
    const workDay = localDay(begin)
    let created: number
    if (coin(0.03, this.ctx.seed, who.id, workDay)) {
      const late = addBusinessDays(workDay, 1 + (mix(this.ctx.seed, who.id, workDay) % 3 === 0 ? 1 : 0))
      created = localToUtc(late, rng.range(8.6, 10) * HOUR)
    } else if (rng.chance(0.07)) {
      created = localToUtc(addBusinessDays(workDay, rng.int(1, 4)), rng.range(15.5, 18.5) * HOUR)
    } else {
      created = end + rng.range(0.5, 20) * MINUTE
    }
    created = quantize(Math.max(created, end))
    const cs = iso(created)
    const billable = !o.nonBillable
    const factor = this.ctx.size.rareFactor
    // Most time is billed as worked; some engineers round up to the quarter hour, a few write time down.
    const policy = rng.next()
    const writeDown = policy >= 0.9 && policy < 0.925 ? rng.pick([0, 0.5, 0.75]) : 1
    const toBill = (h: number) =>
      !billable ? 0 : policy >= 0.9 ? (writeDown < 1 ? round2(h * writeDown) : Math.ceil(h * 4) / 4) : h
    const slip = plan?.children ? 1 : rng.next()
    const noCode = slip < 0.0012 * factor
    const overBilled = billable && !noCode && slip < 0.0024 * factor
    const r: ApiRecord = {
      id: 0,
      billingApprovalDateTime: null,
      billingApprovalLevelMostRecent: null,
      billingApprovalResourceID: null,
      billingCodeID: noCode ? null : o.billingCode,
      contractID: o.contract?.id ?? null,
      createDateTime: cs,
      dateWorked: isoDate(workDay),
      endDateTime: iso(end),
      hoursToBill: overBilled ? round2(worked + rng.pick([0.5, 0.75, 1])) : toBill(worked),
      hoursWorked: worked,
      internalNotes: o.internal ?? null,
      isNonBillable: !billable,
      lastModifiedDateTime: cs,
      offsetHours: 0,
      resourceID: who.id,
      roleID: who.roleID,
      showOnInvoice: billable,
      startDateTime: iso(begin),
      summaryNotes: o.summary,
      taskID: null,
      ticketID: null,
      timeEntryType: plan ? TIME_ENTRY_TYPE.ticket : TIME_ENTRY_TYPE.regular,
      userDefinedFields: NO_UDFS as UserDefinedField[],
    }
    plan?.children?.push(r)
    this.emit({ kind: 'time', at: created, plan, record: r })
    if (plan?.children) return end
    if (rng.chance(0.003 * factor)) {
      const at = quantize(created + rng.int(10, 1440) * MINUTE)
      this.emit({ kind: 'childDelete', at, plan, record: r, deletedBy: who.id })
      return end
    }
    const approval = plan ? this.approvalTime(created, workDay) : null
    if (rng.chance(0.04 * factor)) {
      const limit = approval ?? created + 7 * DAY
      const edited = quantize(created + rng.range(0.02, 0.9) * (limit - created))
      const es = iso(edited)
      const longer = rng.chance(0.5) && this.ctx.schedule.extend(who.id, end, 15 * MINUTE)
      this.emit({
        kind: 'timeEdit',
        at: edited,
        record: r,
        patch: {
          summaryNotes: `${o.summary} Aangevuld: gebruiker geïnformeerd.`,
          ...(longer
            ? {
                hoursWorked: round2(worked + 0.25),
                hoursToBill: overBilled ? (r.hoursToBill as number) + 0.25 : toBill(round2(worked + 0.25)),
                endDateTime: iso(end + 15 * MINUTE),
              }
            : {}),
          lastModifiedDateTime: es,
        },
      })
    }
    if (approval !== null) {
      const s = iso(approval)
      this.emit({
        kind: 'timeEdit',
        at: approval,
        record: r,
        patch: {
          billingApprovalDateTime: s,
          billingApprovalLevelMostRecent: 1,
          billingApprovalResourceID: this.finance.id,
          lastModifiedDateTime: s,
        },
      })
    }
    return end
  }

  /** Finance approves the previous weeks' ticket time on Tuesday mornings; a few entries slip a week or stay open. */
  private approvalTime(created: number, workDay: number): number | null {
    const rng = this.rng
    if (rng.chance(0.01)) return null
    const weekEnd = workDay + ((7 - weekday(workDay)) % 7)
    let d = Math.max(weekEnd, localDay(created)) + 1
    while (weekday(d) !== 2) d++
    if (rng.chance(0.04)) d += 7
    return quantize(Math.max(localToUtc(d, rng.range(9.5, 12) * HOUR), created + HOUR))
  }

  survey(t: number, plan: TicketPlan, r: ApiRecord): void {
    this.emit({ kind: 'survey', at: t, plan, record: r })
  }

  deleteTicket(t: number, plan: TicketPlan, by: number): void {
    this.emit({ kind: 'ticketDelete', at: t, plan, deletedBy: by })
  }

  /**
   * Tops each person's day up with internal time (meetings, documentation, training) towards a normal working day.
   * It runs after the day's tickets are planned: no later day books into this one, so the diary is final.
   */
  private internalTime(): void {
    const rng = this.rng
    const schedule = this.ctx.schedule
    const factor = this.ctx.size.rareFactor
    const staff = this.ctx.roster.staff.filter(
      (s) =>
        (s.role === 'l1' || s.role === 'l2' || s.role === 'lead' || s.role === 'manager') &&
        s.hireDay <= this.day &&
        (s.leftDay === null || s.leftDay > this.day),
    )
    const internal = { billingCode: BILLING_CODE.internal, contract: null, nonBillable: true }
    for (const s of staff) {
      const w = schedule.get(s.id, this.day)
      if (w.open === w.close) continue
      // Some days the timesheet is left half empty (forgotten, left early): only the ticket time stands.
      const hours =
        w.kind === DAY_KIND.half
          ? rng.range(3.2, 4.2)
          : w.kind === DAY_KIND.long
            ? rng.range(8, 9.3)
            : rng.range(6.5, 8.1)
      const target = rng.chance(0.06) ? 0 : hours * HOUR
      let need = target - w.booked
      for (let tries = 0; need >= 15 * MINUTE && tries < 16; tries++) {
        let minutes = Math.min(rng.pick([15, 30, 30, 45, 60, 60, 90, 120]), Math.floor(need / (15 * MINUTE)) * 15)
        let at = schedule.findOn(s.id, this.day, w.open + rng.next() * (w.close - w.open), minutes * MINUTE)
        if (at < 0) at = schedule.findOn(s.id, this.day, w.open, minutes * MINUTE)
        while (at < 0 && minutes > 15) {
          minutes -= 15
          at = schedule.findOn(s.id, this.day, w.open, minutes * MINUTE)
        }
        if (at < 0) break
        schedule.reserve(s.id, at, minutes * MINUTE, rng.int(0, 2) * 5 * MINUTE)
        this.time(null, s, at, minutes, { summary: rng.pick(C.INTERNAL_WORK), ...internal })
        need -= minutes * MINUTE
      }
      // A timer left running overnight: one entry of over ten hours, ending before the next working day starts.
      if (rng.chance(0.002 * factor)) {
        const start = Math.max(schedule.lastEnd(s.id, this.day), w.close)
        const limit = Math.floor((localToUtc(this.day + 1, 7.5 * HOUR) - start) / MINUTE)
        const minutes = Math.min(rng.int(41, 54) * 15, limit)
        if (minutes > 10.25 * 60 && schedule.isFree(s.id, start, start + minutes * MINUTE)) {
          schedule.reserve(s.id, start, minutes * MINUTE)
          this.time(null, s, start, minutes, { summary: 'Kennisdeling en documentatie bijwerken', ...internal })
        }
      }
    }
  }
}

interface Timing {
  t0: number
  targets: number[]
  frDue: number
  resDue: number
  /** The ticket's due time: the resolution due time under an SLA. */
  dueAt: number
  taker: Staff | null
}

/** Plays one ticket forward from its creation, emitting its status changes, notes, time and survey. */
class Life {
  private readonly rng: Rng
  private engineer: Staff
  private status: number = STATUS.new
  private paused = 0
  private frMet: boolean | null = null
  /** Business time the work may take, pauses excluded: the plan to finish on time, or none for a ticket that slips. */
  private budget = Infinity

  constructor(
    private readonly g: DayGenerator,
    private readonly plan: TicketPlan,
    private readonly d: Draft,
    private readonly contract: ContractInfo | null,
    private readonly tm: Timing,
  ) {
    this.rng = g.random
    this.engineer = tm.taker ?? g.staffPool.workers[0]!
  }

  /**
   * Where the assignee's next piece of work fits in their day; when they have no room for hours, a colleague who
   * has takes the ticket over.
   */
  private slot(desired: number, minutes: number, handOver = true): number {
    const g = this.g
    let at = g.free(this.engineer, desired, minutes)
    const wait = this.urgent() ? HOUR : 3 * HOUR
    if (handOver && at - desired > wait && businessTimeBetween(desired, at) > wait) {
      const other = g.pickEngineer(this.engineer.role !== 'l1', desired, minutes * MINUTE, false, this.urgent())
      const otherAt = g.free(other, desired, minutes)
      if (other !== this.engineer && businessTimeBetween(otherAt, at) > 2 * HOUR) {
        this.assign(quantize(otherAt - MINUTE), other, this.status)
        at = otherAt
      }
    }
    return at
  }

  /** Books and logs a piece of work starting at or after `desired`; returns its [start, end]. */
  private session(
    desired: number,
    minutes: number,
    summary: string,
    billingCode: number = BILLING_CODE.remote,
    anyTime = false,
    handOver = true,
  ): [number, number] {
    const at = anyTime ? desired : this.slot(desired, minutes, handOver)
    const start = this.g.book(this.engineer, at, minutes, anyTime, desired)
    const nonBillable = this.rng.chance(0.12) || this.contract === null
    const end = this.g.time(this.plan, this.engineer, start, minutes, {
      summary,
      billingCode,
      contract: this.contract,
      nonBillable,
    })
    return [start, end]
  }

  private urgent(): boolean {
    const p = this.plan.rec.priority
    return p === PRIORITY.critical || p === PRIORITY.high
  }

  /** Business time the SLA (or due date) clock has run by `t`. */
  private used(t: number): number {
    return businessTimeBetween(this.tm.t0, t) - (this.plan.sla ? this.paused : 0)
  }

  /** Caps a wait that does not stop the SLA clock so a ticket planned to finish on time still can. */
  private capWait(end: number, ms: number): number {
    if (this.budget === Infinity) return ms
    return Math.min(ms, Math.max(10 * MINUTE, (this.budget - this.used(end)) * 0.4))
  }

  private minutes(scale = 1): number {
    return Math.round(this.rng.weighted(DURATIONS, DURATION_WEIGHTS) * scale)
  }

  private note(
    t: number,
    title: string,
    description: string,
    publish: number = PUBLISH.all,
    type: number = NOTE_TYPE.detail,
  ): void {
    this.g.note(t, this.plan, { type, publish, title, description, resource: this.engineer.id, contact: null })
  }

  private customerNote(t: number, description: string): void {
    const contact = this.d.contact?.id ?? null
    this.g.note(t, this.plan, {
      type: NOTE_TYPE.portal,
      publish: PUBLISH.all,
      title: 'Reactie klant',
      description,
      resource: null,
      contact,
    })
  }

  private firstResponse(t: number): void {
    const { t0, frDue } = this.tm
    const sla = this.plan.sla
    this.frMet = sla ? t <= frDue : null
    const s = iso(t)
    this.status = STATUS.inProgress
    this.g.step(
      t,
      this.plan,
      {
        status: STATUS.inProgress,
        assignedResourceID: this.engineer.id,
        assignedResourceRoleID: this.engineer.roleID,
        firstResponseDateTime: s,
        firstResponseAssignedResourceID: this.engineer.id,
        firstResponseInitiatingResourceID: this.engineer.id,
        lastCustomerNotificationDateTime: s,
      },
      sla
        ? {
            isFirstResponseMet: this.frMet,
            firstResponseElapsedHours: hours(businessTimeBetween(t0, t)),
            firstResponseResourceID: this.engineer.id,
            firstResponseInitiatingResourceID: this.engineer.id,
          }
        : null,
    )
  }

  private resolutionPlan(t: number): void {
    const sla = this.plan.sla
    this.g.step(
      t,
      this.plan,
      { resolutionPlanDateTime: iso(t) },
      sla
        ? {
            isResolutionPlanMet: t <= addBusinessTime(this.tm.t0, this.tm.targets[1]!),
            resolutionPlanElapsedHours: hours(businessTimeBetween(this.tm.t0, t)),
            resolutionPlanResourceID: this.engineer.id,
          }
        : null,
    )
  }

  private setStatus(t: number, status: number, extra: Patch = {}): void {
    if (status === this.status && Object.keys(extra).length === 0) return
    this.status = status
    this.g.step(t, this.plan, { status, ...extra })
  }

  private assign(t: number, who: Staff, status: number): void {
    this.engineer = who
    this.status = status
    this.g.step(t, this.plan, { status, assignedResourceID: who.id, assignedResourceRoleID: who.roleID })
  }

  private complete(end: number, resolution: string): number {
    const rng = this.rng
    const { t0, targets } = this.tm
    const done = quantize(end + rng.range(0, 4) * MINUTE)
    const s = iso(done)
    const sla = this.plan.sla
    const elapsed = businessTimeBetween(t0, end) - this.paused
    const resMet = sla ? elapsed <= targets[2]! : null
    this.status = STATUS.complete
    this.g.step(
      done,
      this.plan,
      {
        status: STATUS.complete,
        completedDate: s,
        completedByResourceID: this.engineer.id,
        resolvedDateTime: iso(end),
        resolution,
        serviceLevelAgreementHasBeenMet: sla ? resMet === true && this.frMet === true : null,
        lastCustomerNotificationDateTime: s,
        lastCustomerVisibleActivityDateTime: s,
      },
      sla
        ? {
            isResolutionMet: resMet,
            resolutionElapsedHours: hours(Math.max(0, elapsed)),
            resolutionResourceID: this.engineer.id,
          }
        : null,
    )
    return done
  }

  /** Waits for the customer; returns when they answered (the SLA clock stops meanwhile). */
  private waitCustomer(from: number, waitMs: number, businessWait: boolean): number {
    const t = quantize(from + this.rng.int(1, 5) * MINUTE)
    if (this.rng.chance(0.5)) this.note(t, 'Wachten op klant', this.rng.pick(C.WAITING_NOTES))
    this.setStatus(t, STATUS.waitingCustomer)
    const reply = quantize(businessWait ? addBusinessTime(t, waitMs) : t + waitMs)
    this.paused += businessTimeBetween(t, reply)
    this.customerNote(reply, this.rng.pick(C.CUSTOMER_REPLIES))
    const due = this.plan.sla
      ? { resolvedDueDateTime: iso(quantize(addBusinessTime(this.tm.resDue, this.paused))) }
      : {}
    this.setStatus(reply, STATUS.customerNoteAdded, due)
    return reply
  }

  human(): void {
    const rng = this.rng
    const g = this.g
    const { t0, targets, dueAt } = this.tm
    const tpl = this.d.template
    const phone = this.tm.taker !== null
    let sessions =
      tpl.effort === 1
        ? rng.int(2, 4)
        : tpl.effort === 2
          ? rng.int(4, 9)
          : tpl.effort === 3
            ? rng.int(6, 14)
            : rng.int(14, 34)
    const scale = tpl.effort === 4 ? 2.5 : 1
    const noTime = rng.chance(0.04)
    const stale = tpl.effort > 1 && rng.chance(0.03)
    const allowed = this.plan.sla ? targets[2]! : businessTimeBetween(t0, dueAt)
    this.budget = rng.chance(ON_TIME[this.plan.rec.priority as number]!)
      ? allowed * rng.range(0.3, 0.92)
      : allowed * rng.range(1.03, 1.35)
    const minutes = this.minutes(scale)
    let fr: number
    const urgent = this.urgent()
    if (phone) {
      fr = quantize(t0 + rng.range(1, 6) * MINUTE)
    } else {
      const frac = rng.chance(0.06) ? rng.range(1.1, 3.5) : rng.range(0.05, 0.85)
      fr = quantize(addBusinessTime(t0, Math.max(2 * MINUTE, frac * targets[0]!)))
      const forgotten = rng.chance(0.025)
      if (forgotten) fr = quantize(addBusinessTime(t0, rng.range(1, 3) * 9 * HOUR))
      this.engineer = g.pickEngineer(tpl.effort >= 3, fr, minutes * MINUTE, false, urgent)
      const assignAt = forgotten ? fr : quantize(Math.min(fr, addBusinessTime(t0, rng.range(2, 40) * MINUTE)))
      if (assignAt < fr) this.assign(assignAt, this.engineer, rng.chance(0.1) ? STATUS.dispatched : STATUS.new)
    }
    this.firstResponse(fr)
    this.note(quantize(fr + MINUTE), 'Eerste reactie', rng.pick(C.FIRST_NOTES))
    let end = fr
    /** A quick fix gets no resolution plan; one that turns out to take longer gets it after the first session. */
    let planAt = 0
    for (let i = 0; i < sessions; i++) {
      let desired = fr
      if (i > 0) {
        const left = this.budget - this.used(end)
        // Planned to finish on time: fewer, closer sessions as the deadline nears.
        const per = (urgent ? 90 : 45) * MINUTE
        if (left < Infinity) sessions = Math.min(sessions, i + Math.max(1, Math.floor(left / per)))
        const room = left * (urgent ? 0.1 : 0.25)
        desired = quantize(addBusinessTime(end, Math.min(this.gap(tpl.effort), Math.max(2 * MINUTE, room))))
      }
      const last = i === sessions - 1
      const onsite = i > 0 && tpl.effort >= 2 && rng.chance(0.05)
      const travel = onsite ? rng.pick([20, 30, 45]) : 0
      const length = i === 0 ? minutes : this.minutes(scale)
      const summary =
        i === 0 ? rng.pick(C.FIRST_NOTES) : last ? rng.pick(C.RESOLUTION_SUMMARIES) : rng.pick(C.WORK_SUMMARIES)
      const code = onsite ? BILLING_CODE.onsite : tpl.effort === 4 ? BILLING_CODE.project : BILLING_CODE.remote
      let start: number
      if (noTime) {
        start = desired
        end = start + (travel + length) * MINUTE
      } else {
        let from = desired
        start = desired
        if (onsite) {
          start = g.book(this.engineer, this.slot(desired, travel + length, i > 0), travel, false, desired)
          from = g.time(this.plan, this.engineer, start, travel, {
            summary: 'Reistijd naar klant',
            billingCode: BILLING_CODE.travel,
            contract: this.contract,
            nonBillable: rng.chance(0.5),
          })
        }
        const [at, to] = this.session(from, length, summary, code, false, i > 0 && !onsite)
        if (!onsite) start = at
        end = to
      }
      if (i > 0 && this.status !== STATUS.inProgress) this.setStatus(quantize(start), STATUS.inProgress)
      if (i === 0 && this.plan.sla) {
        planAt = quantize(Math.max(fr + MINUTE, Math.min(end, fr + rng.range(5, 40) * MINUTE)))
        if (tpl.effort > 1 || sessions > 2) {
          if (rng.chance(0.97)) this.resolutionPlan(planAt)
          planAt = 0
        }
      }
      if (last) break
      if (rng.chance(0.15))
        this.note(
          quantize(end + MINUTE),
          'Voortgang',
          rng.pick(C.WORK_SUMMARIES),
          rng.chance(0.6) ? PUBLISH.all : PUBLISH.internal,
          NOTE_TYPE.notes,
        )
      if (stale && i === sessions - 2) {
        end = this.waitCustomer(end, rng.range(10, 35) * DAY, false)
        continue
      }
      const roll = rng.next()
      if (roll < 0.28) {
        end = this.waitCustomer(end, rng.range(0.5, 14) * HOUR, true)
      } else if (roll < 0.34) {
        const t = quantize(end + 2 * MINUTE)
        this.setStatus(t, rng.chance(0.5) ? STATUS.waitingVendor : STATUS.waitingMaterials)
        end = quantize(addBusinessTime(t, this.capWait(t, rng.range(1, 4) * 9 * HOUR)))
      } else if (roll < 0.37 && tpl.effort >= 3) {
        const t = quantize(end + 2 * MINUTE)
        this.setStatus(t, STATUS.onHold)
        end = quantize(addBusinessTime(t, this.capWait(t, rng.range(2, 8) * 9 * HOUR)))
      } else if (roll < 0.43 && this.engineer.role === 'l1' && g.staffPool.l2.length > 0) {
        const t = quantize(end + 2 * MINUTE)
        this.setStatus(t, STATUS.escalate, { queueID: QUEUE.level2 })
        end = quantize(addBusinessTime(t, rng.range(10, 90) * MINUTE))
        const l2 = g.pickEngineer(true, end, 30 * MINUTE, false, urgent)
        this.assign(end, l2.role === 'l1' ? rng.pick(g.staffPool.l2) : l2, STATUS.inProgress)
      }
    }
    if (planAt > 0 && businessTimeBetween(fr, end) > 45 * MINUTE && rng.chance(0.95)) this.resolutionPlan(planAt)
    const resolution = stale
      ? 'Geen reactie van de klant ontvangen, ticket gesloten.'
      : rng.pick(C.RESOLUTION_SUMMARIES)
    let done = this.complete(end, resolution)
    let reopened = false
    if (!stale && rng.chance(0.04)) {
      reopened = true
      const back = quantize(addBusinessTime(done, rng.range(1, 20) * HOUR))
      this.customerNote(back, 'Het probleem is helaas terug.')
      this.status = STATUS.customerNoteAdded
      this.g.step(back, this.plan, {
        status: STATUS.customerNoteAdded,
        completedDate: null,
        completedByResourceID: null,
        serviceLevelAgreementHasBeenMet: null,
      })
      end = back
      for (let i = rng.int(1, 2); i > 0; i--) {
        const desired = quantize(addBusinessTime(end, this.gap(2)))
        const length = this.minutes()
        const [start, to] = noTime
          ? [desired, desired + length * MINUTE]
          : this.session(desired, length, rng.pick(C.WORK_SUMMARIES))
        this.setStatus(quantize(start), STATUS.inProgress)
        end = to
      }
      done = this.complete(end, rng.pick(C.RESOLUTION_SUMMARIES))
    }
    this.maybeSurvey(done, reopened || stale || this.frMet === false)
  }

  private gap(effort: number): number {
    const rng = this.rng
    if (effort === 1) return rng.range(5, 90) * MINUTE
    if (effort === 2) return rng.range(10, 240) * MINUTE
    if (effort === 3) return rng.range(0.5, 12) * HOUR
    return rng.range(2, 30) * HOUR
  }

  private maybeSurvey(done: number, troubled: boolean): void {
    const rng = this.rng
    const contact = this.d.contact
    if (!contact || contact.optOut || !rng.chance(0.27)) return
    const sent = quantize(done + rng.range(2, 20) * MINUTE)
    const completed = quantize(sent + (rng.chance(0.6) ? rng.range(5, 240) * MINUTE : rng.range(4, 96) * HOUR))
    const score = troubled
      ? rng.weighted([5, 4, 3, 2, 1], [30, 25, 17, 15, 13])
      : rng.weighted([5, 4, 3, 2, 1], [63, 25, 6, 3.5, 2.5])
    const surveyRating = score < 5 && rng.chance(0.3) ? score + 0.5 : score
    const r: ApiRecord = {
      id: 0,
      companyID: this.d.company.id,
      companyRating: rng.chance(0.5) ? null : Math.min(5, Math.max(1, score + rng.pick([-1, 0, 0, 0, 1]))),
      completeDate: iso(completed),
      contactID: contact.id,
      contactRating: rng.chance(0.7) ? null : score,
      resourceRating: rng.chance(0.1) ? null : Math.min(5, Math.max(1, score + rng.pick([-1, 0, 0, 0, 0, 1]))),
      sendDate: iso(sent),
      surveyID: contact.english ? 2 : 1,
      surveyRating,
      ticketID: 0,
      userDefinedFields: NO_UDFS as UserDefinedField[],
    }
    this.g.survey(completed, this.plan, r)
    const comment =
      score <= 2
        ? rng.chance(0.75) && rng.pick(C.LOW_CSAT_COMMENTS)
        : score === 3
          ? rng.chance(0.35) && rng.pick(C.MID_CSAT_COMMENTS)
          : rng.chance(0.12) && rng.pick(C.HIGH_CSAT_COMMENTS)
    if (comment) {
      this.g.note(completed, this.plan, {
        type: NOTE_TYPE.survey,
        publish: PUBLISH.internal,
        title: 'Customer survey comment',
        description: comment,
        resource: null,
        contact: contact.id,
      })
    }
    if (score <= 2 && rng.chance(0.6)) {
      const lead = this.g.staffPool.leads
      if (lead.length > 0 && rng.chance(0.3)) this.engineer = rng.pick(lead)
      let t = quantize(addBusinessTime(completed, rng.range(1, 20) * HOUR))
      if (rng.chance(0.6)) {
        const start = this.g.book(this.engineer, t, 15)
        t = this.g.time(this.plan, this.engineer, start, 15, {
          summary: 'Klant teruggebeld n.a.v. klanttevredenheidsonderzoek.',
          billingCode: BILLING_CODE.remote,
          contract: this.contract,
          nonBillable: true,
        })
      }
      this.note(t, 'Terugbelactie enquête', rng.pick(C.FOLLOW_UP_NOTES), PUBLISH.internal, NOTE_TYPE.notes)
    }
  }

  alert(): void {
    const rng = this.rng
    const { t0 } = this.tm
    const high = this.plan.rec.priority === PRIORITY.high
    if (rng.chance(0.45)) {
      const auto = quantize(t0 + rng.range(5, 90) * MINUTE)
      this.setStatus(auto, STATUS.rmmResolved, { resolution: 'Alert automatisch opgelost door RMM.' })
      const review = quantize(addBusinessTime(nextAfter(auto), rng.range(5, 150) * MINUTE))
      this.engineer = this.g.pickEngineer(false, review, 5 * MINUTE)
      this.assign(review, this.engineer, STATUS.rmmResolved)
      const end = rng.chance(0.4) ? this.session(review, 5, 'Alert gecontroleerd, automatisch hersteld.')[1] : review
      this.complete(end, 'Alert automatisch opgelost door RMM, gecontroleerd.')
      return
    }
    const night = !isBusinessTime(t0)
    const onCall = night && high && rng.chance(0.5)
    const pickUp = quantize(onCall ? t0 + rng.range(10, 40) * MINUTE : addBusinessTime(t0, rng.range(5, 120) * MINUTE))
    this.engineer = this.g.pickEngineer(false, pickUp, 15 * MINUTE, onCall)
    this.assign(pickUp, this.engineer, STATUS.inProgress)
    this.note(
      quantize(pickUp + MINUTE),
      'Alert in behandeling',
      rng.pick(C.ALERT_SUMMARIES),
      PUBLISH.internal,
      NOTE_TYPE.notes,
    )
    let end = pickUp
    for (let i = rng.int(1, 3); i > 0; i--) {
      const first = end === pickUp
      const start = first ? pickUp : quantize(addBusinessTime(end, rng.range(10, 300) * MINUTE))
      end = this.session(
        start,
        rng.pick([5, 10, 15, 20, 30]),
        rng.pick(C.ALERT_SUMMARIES),
        onCall && first ? BILLING_CODE.afterHours : BILLING_CODE.remote,
        onCall && first,
      )[1]
    }
    this.complete(end, rng.pick(C.ALERT_SUMMARIES))
  }

  deleted(by: Staff): void {
    const rng = this.rng
    const { t0 } = this.tm
    const at = quantize(addBusinessTime(t0, rng.range(10, 400) * MINUTE))
    if (rng.chance(0.5)) {
      const t = quantize(at - rng.int(1, 5) * MINUTE)
      this.engineer = by
      this.note(
        quantize(Math.max(t, t0 + MINUTE)),
        'Dubbel / spam',
        this.d.deletion === 'duplicate' ? 'Dubbel ticket, wordt verwijderd.' : 'Spam, wordt verwijderd.',
        PUBLISH.internal,
        NOTE_TYPE.notes,
      )
    }
    let gone = quantize(at + 10 * MINUTE)
    if (rng.chance(0.25)) {
      const start = this.g.book(by, Math.max(t0 + MINUTE, at - 10 * MINUTE), 5)
      const end = this.g.time(this.plan, by, start, 5, {
        summary: 'Ticket beoordeeld.',
        billingCode: BILLING_CODE.internal,
        contract: null,
        nonBillable: true,
      })
      gone = Math.max(gone, quantize(end + 5 * MINUTE))
    }
    this.g.deleteTicket(gone, this.plan, by.id)
  }
}

function nextAfter(t: number): number {
  return isBusinessTime(t) ? t : addBusinessTime(t, 0)
}
