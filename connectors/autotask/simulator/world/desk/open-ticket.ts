import type { ApiRecord, UserDefinedField } from '../../store.js'
import * as C from '../catalogue.js'
import { HOUR, MINUTE, addBusinessDays, addBusinessTime, iso, localDay, localToUtc, quantize } from '../clock.js'
import { APPS, FIRST_NAMES, LAST_NAMES, PRINTER_SPOTS } from '../names.js'
import { ODDS } from '../odds.js'
import {
  CATEGORY,
  CONTRACT_TYPE,
  PRIORITY,
  QUEUE,
  SLA_CHOICES,
  SLA_FACTOR,
  SLA_TARGET_HOURS,
  SOURCE,
  STATUS,
} from '../picklists.js'
import type { Rng } from '../random.js'
import { NO_UDFS } from '../roster.js'
import { reportedBy } from '../texts.js'
import type { CompanyInfo, ContractInfo, TicketPlan } from '../types.js'
import type { DeskDay } from './day.js'
import { pickEngineer } from './dispatch.js'
import type { Draft } from './intake.js'
import { TicketLife } from './ticket-life.js'

const SLA_NAMES = new Map(SLA_CHOICES.map(([value, label]) => [value, label]))

/**
 * Raises the ticket: its priority, queue, contract and SLA due times, the ticket record and its SLA result. A call
 * or walk-in is taken by an engineer on the spot. Returns the ticket's life, ready to be played forward.
 */
export function openTicket(desk: DeskDay, d: Draft, ticketNumber: string): TicketLife {
  const rng = desk.rng
  const tpl = d.template
  const change = tpl.ticketType === C.TYPE_CHANGE
  const contract = d.deletion === 'spam' ? null : contractFor(desk.day, d.company, change)
  const priority = d.alert
    ? rng.choose(ODDS.alertPriority)
    : tpl.urgent
      ? rng.chance(ODDS.urgentIsCritical)
        ? PRIORITY.critical
        : PRIORITY.high
      : rng.choose(ODDS.ticketPriority)
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
  const taker = phone ? pickEngineer(desk, false, t0, 15 * MINUTE) : null
  const title = d.deletion === 'duplicate' ? tpl.title : fill(rng, tpl.title, d.company)
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
      ? fill(rng, tpl.description, d.company) + reportedBy(contactName)
      : fill(rng, tpl.description, d.company),
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
  desk.emit({ kind: 'ticket', at: t0, plan })
  const dueAt = Date.parse(String(rec.dueDateTime))
  return new TicketLife(desk, plan, d, contract, { t0, targets, frDue, resDue, dueAt, taker })
}

/** The contract the ticket is worked under: a fixed-price project for a change where there is one, else the default. */
function contractFor(day: number, company: CompanyInfo, change: boolean): ContractInfo | null {
  const active = company.contracts.filter((k) => k.startDay <= day && k.endDay >= day)
  if (change) {
    const project = active.find((k) => k.type === CONTRACT_TYPE.fixedPrice)
    if (project) return project
  }
  return active.find((k) => k.isDefault) ?? active[0] ?? null
}

/** Fills a template's placeholders: one of the customer's servers, a printer, an application, a colleague, a number. */
function fill(rng: Rng, text: string, company: CompanyInfo): string {
  if (!text.includes('{')) return text
  return text
    .replace('{server}', rng.pick(company.servers))
    .replace('{printer}', rng.pick(PRINTER_SPOTS))
    .replace('{app}', rng.pick(APPS))
    .replace('{name}', `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`)
    .replace('{n}', String(rng.int(2, 12)))
}
