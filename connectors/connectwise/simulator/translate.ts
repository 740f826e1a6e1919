import type { ApiRecord, SimEntity, SimWorld, UdfInfo } from '../../autotask/simulator/store.js'
import { DAY, localDay } from '../../autotask/simulator/world/clock.js'
import type { CwRecord } from './conditions.js'
import * as business from './translate-business.js'

/**
 * The world's Autotask-shaped records read as ConnectWise REST 3.0 records (reference §3, §4), so a ConnectWise
 * connector learns the same facts from the same world as an Autotask connector. Translations are cached per source
 * record and dropped whenever a table they read from (a company's name in a reference, say) has changed.
 */

/** The extra API member every ConnectWise tenant has for its integrations; connectors leave it out. */
export const API_MEMBER = { id: 999001, identifier: 'roleboard-api', firstName: 'Roleboard', lastName: 'API' } as const

const COMPLETE = 5
/** In Autotask, and so in the world, the MSP's own company has id 0. */
const OWN_COMPANY_ID = 0
/** Contract types billed monthly with their "Monthly Value" (the KPI library's MRR types). */
const RECURRING_TYPES = new Set([6, 7])
const BLOCK_HOURS = 4
const RETAINER = 6
const PER_TICKET = 8
/** Contract types whose time the customer pays for by the hour. */
const BILLABLE_TIME_TYPES = new Set([1, BLOCK_HOURS])
/** Where no start time is known, time is booked from 09:00 local time on the day worked. */
const DEFAULT_START_HOUR = 9

export type CwEntity =
  | 'tickets'
  | 'notes'
  | 'timeEntries'
  | 'companies'
  | 'contacts'
  | 'members'
  | 'agreements'
  | 'surveys'
  | 'surveyResults'
  | 'configurations'
  | 'opportunities'
  | 'invoices'
  | 'projects'
  | 'projectTickets'

/**
 * What a translation reads besides its own record. A change anywhere in a `tables` entry drops the entity's cached
 * translations (those tables change rarely); `rows` entries change often (tickets, tasks), so each cached translation
 * remembers the rows it read and is redone only when one of those rows changed.
 */
const DEPENDENCIES: Record<CwEntity, { tables: readonly SimEntity[]; rows: readonly SimEntity[] }> = {
  tickets: { tables: ['Companies', 'Contacts', 'Resources', 'Contracts'], rows: [] },
  notes: { tables: ['Contacts', 'Resources'], rows: [] },
  timeEntries: { tables: ['Companies', 'Resources', 'Contracts', 'Projects'], rows: ['Tickets', 'Tasks'] },
  companies: { tables: ['Resources'], rows: [] },
  contacts: { tables: ['Companies'], rows: [] },
  members: { tables: [], rows: [] },
  agreements: { tables: ['Companies', 'Contacts'], rows: [] },
  surveys: { tables: [], rows: [] },
  surveyResults: { tables: ['Companies', 'Contacts'], rows: [] },
  configurations: { tables: ['Companies', 'Contacts'], rows: [] },
  opportunities: { tables: ['Companies', 'Contacts', 'Resources'], rows: [] },
  invoices: { tables: ['Companies', 'Resources'], rows: [] },
  // A project's and a project ticket's actual hours are read from the time entries.
  projects: { tables: ['Companies', 'Resources', 'Contracts', 'TimeEntries'], rows: [] },
  projectTickets: { tables: ['Companies', 'Resources', 'Projects', 'TimeEntries'], rows: [] },
}

interface CachedTranslation {
  record: CwRecord
  /** Rows of often-changing tables the translation read, as they were then. */
  read: Array<readonly [SimEntity, number, ApiRecord | undefined]>
}

const SOURCE_OF: Record<CwEntity, SimEntity> = {
  tickets: 'Tickets',
  notes: 'TicketNotes',
  timeEntries: 'TimeEntries',
  companies: 'Companies',
  contacts: 'Contacts',
  members: 'Resources',
  agreements: 'Contracts',
  surveys: 'Surveys',
  surveyResults: 'SurveyResults',
  configurations: 'ConfigurationItems',
  opportunities: 'Opportunities',
  invoices: 'Invoices',
  projects: 'Projects',
  projectTickets: 'Tasks',
}

/** `2026-03-02T09:48:27Z`: UTC, whole seconds, as ConnectWise writes date-times. */
export function cwTime(value: unknown): string | null {
  if (value == null || value === '') return null
  const ms = typeof value === 'number' ? value : Date.parse(String(value))
  if (Number.isNaN(ms)) return null
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** The latest of several instants, as a ConnectWise date-time. */
export function latest(...values: unknown[]): string | null {
  let best: number | null = null
  for (const value of values) {
    const ms = value == null ? NaN : typeof value === 'number' ? value : Date.parse(String(value))
    if (!Number.isNaN(ms) && (best === null || ms > best)) best = ms
  }
  return best === null ? null : cwTime(best)
}

export function reference(id: unknown, name: string | null): CwRecord | null {
  return id == null ? null : { id, name, _info: {} }
}

/** Seconds-precision ms of the latest save the simulator saw per record (entities without own timestamps need it). */
export class SaveLedger {
  private readonly saves = new Map<string, number>()

  record(entity: SimEntity, id: number, at: number): void {
    this.saves.set(`${entity}:${id}`, at)
  }

  at(entity: SimEntity, id: number): number | undefined {
    return this.saves.get(`${entity}:${id}`)
  }
}

export class WorldView {
  /** Per entity: the dependency tables its cached translations were made from. */
  private readonly made = new Map<CwEntity, readonly unknown[]>()
  private readonly cache = new Map<CwEntity, WeakMap<ApiRecord, CachedTranslation>>()
  private readonly lists = new Map<CwEntity, { inputs: readonly unknown[]; rows: CwRecord[] }>()
  private notesIndex: { source: readonly ApiRecord[]; byTicket: Map<number, ApiRecord[]> } | null = null
  private readonly labelMaps = new Map<string, Map<number, string>>()
  /** Rows the translation under way has read from often-changing tables. */
  private reading: CachedTranslation['read'] | null = null

  constructor(
    readonly world: SimWorld,
    private readonly ledger: SaveLedger,
  ) {}

  /** Every record of an entity, translated, in ascending id order (the API member among the members). */
  list(entity: CwEntity): readonly CwRecord[] {
    this.forgetIfStale(entity)
    const source = this.world.records(SOURCE_OF[entity])
    const inputs = [source, ...DEPENDENCIES[entity].rows.map((table) => this.world.records(table))]
    const cached = this.lists.get(entity)
    // Agreement status depends on the clock, so agreements are translated afresh.
    if (cached && entity !== 'agreements' && inputs.every((input, index) => input === cached.inputs[index])) {
      return cached.rows
    }
    const rows = source.map((record) => this.translate(entity, record))
    if (entity === 'members') {
      rows.push(this.apiMember())
      rows.sort((a, b) => (a.id as number) - (b.id as number))
    }
    this.lists.set(entity, { inputs, rows })
    return rows
  }

  /** One record by id, or undefined when the world does not have it (any more). */
  one(entity: CwEntity, id: number): CwRecord | undefined {
    if (entity === 'members' && id === API_MEMBER.id) return this.apiMember()
    this.forgetIfStale(entity)
    const record = this.world.get(SOURCE_OF[entity], id)
    return record && this.translate(entity, record)
  }

  /** One world record as ConnectWise shows it (a callback's `Entity`, also of a record just deleted). */
  translateRecord(entity: CwEntity, record: ApiRecord): CwRecord {
    if (entity === 'members' && record.id === API_MEMBER.id) return this.apiMember()
    this.forgetIfStale(entity)
    return this.translate(entity, record)
  }

  /** A ticket's notes in id order; undefined when the ticket does not exist. */
  notesOf(ticketId: number): readonly CwRecord[] | undefined {
    if (!this.world.get('Tickets', ticketId)) return undefined
    const source = this.world.records('TicketNotes')
    if (this.notesIndex?.source !== source) {
      const byTicket = new Map<number, ApiRecord[]>()
      for (const note of source) {
        const list = byTicket.get(note.ticketID as number)
        if (list) list.push(note)
        else byTicket.set(note.ticketID as number, [note])
      }
      this.notesIndex = { source, byTicket }
    }
    this.forgetIfStale('notes')
    return (this.notesIndex.byTicket.get(ticketId) ?? []).map((note) => this.translate('notes', note))
  }

  /** The label of a picklist value of an Autotask field, or null. */
  label(entity: SimEntity, field: string, value: unknown): string | null {
    if (value == null) return null
    return this.labels(entity, field).get(Number(value)) ?? null
  }

  /** A picklist's values and labels in the order the PSA lists them. */
  choices(entity: SimEntity, field: string): Array<{ id: number; name: string; sortOrder: number }> {
    const info = this.world.fields(entity).find((candidate) => candidate.name === field)
    return (info?.picklistValues ?? []).map((choice) => ({
      id: Number(choice.value),
      name: choice.label,
      sortOrder: choice.sortOrder,
    }))
  }

  private labels(entity: SimEntity, field: string): Map<number, string> {
    const key = `${entity}.${field}`
    let map = this.labelMaps.get(key)
    if (!map) {
      map = new Map(this.choices(entity, field).map((choice) => [choice.id, choice.name]))
      this.labelMaps.set(key, map)
    }
    return map
  }

  /** Drops an entity's cached translations when a table they read from has changed since. */
  private forgetIfStale(entity: CwEntity): void {
    const tables = DEPENDENCIES[entity].tables.map((table) => this.world.records(table))
    const made = this.made.get(entity)
    if (made && tables.every((rows, index) => rows === made[index])) return
    this.made.set(entity, tables)
    this.cache.delete(entity)
    this.lists.delete(entity)
  }

  private translate(entity: CwEntity, record: ApiRecord): CwRecord {
    let cache = this.cache.get(entity)
    if (!cache) this.cache.set(entity, (cache = new WeakMap()))
    const cached = cache.get(record)
    if (cached && cached.read.every(([table, id, row]) => this.world.get(table, id) === row)) return cached.record
    this.reading = []
    try {
      const translated = { record: TRANSLATORS[entity](record, this), read: this.reading }
      cache.set(record, translated)
      return translated.record
    } finally {
      this.reading = null
    }
  }

  /** A row of an often-changing table, remembered so the translation reading it is redone when it changes. */
  row(table: SimEntity, id: unknown): ApiRecord | undefined {
    if (id == null) return undefined
    const row = this.world.get(table, Number(id))
    this.reading?.push([table, Number(id), row])
    return row
  }

  /** The last save the simulator saw of a record, as a candidate for `_info.lastUpdated`. */
  savedAt(entity: SimEntity, id: number): number | undefined {
    return this.ledger.at(entity, id)
  }

  member(id: unknown): CwRecord | null {
    const resource = id == null ? undefined : this.world.get('Resources', Number(id))
    if (!resource) return null
    return { id: resource.id, identifier: resource.userName, name: fullName(resource), _info: {} }
  }

  identifier(id: unknown): string | null {
    const resource = id == null ? undefined : this.world.get('Resources', Number(id))
    return resource ? String(resource.userName) : null
  }

  company(id: unknown): CwRecord | null {
    const company = id == null ? undefined : this.world.get('Companies', Number(id))
    if (!company) return null
    return { id: company.id, identifier: company.companyNumber, name: company.companyName, _info: {} }
  }

  contact(id: unknown): CwRecord | null {
    const contact = this.contactRecord(id)
    return contact ? { id: contact.id, name: fullName(contact), _info: {} } : null
  }

  contactRecord(id: unknown): ApiRecord | undefined {
    return id == null ? undefined : this.world.get('Contacts', Number(id))
  }

  agreement(id: unknown): CwRecord | null {
    const contract = id == null ? undefined : this.world.get('Contracts', Number(id))
    if (!contract) return null
    return {
      id: contract.id,
      name: contract.contractName,
      type: this.label('Contracts', 'contractType', contract.contractType),
      _info: {},
    }
  }

  picklistRef(entity: SimEntity, field: string, value: unknown): CwRecord | null {
    return reference(value, this.label(entity, field, value))
  }

  /** The MSP's own company, which ConnectWise charges internal time to. */
  ownCompanyId(): number | null {
    return this.world.get('Companies', OWN_COMPANY_ID) ? OWN_COMPANY_ID : null
  }

  private apiMember(): CwRecord {
    return {
      id: API_MEMBER.id,
      identifier: API_MEMBER.identifier,
      firstName: API_MEMBER.firstName,
      lastName: API_MEMBER.lastName,
      primaryEmail: null,
      officeEmail: null,
      defaultEmail: 'Office',
      inactiveFlag: false,
      licenseClass: 'A',
      title: 'API member',
      hourlyCost: 0,
      workRole: null,
      hireDate: null,
      _info: { dateEntered: cwTime(this.world.options.now), lastUpdated: cwTime(this.world.options.now) },
    }
  }
}

function fullName(record: ApiRecord): string {
  return [record.firstName, record.lastName].filter((part) => part != null && part !== '').join(' ')
}

type Translator = (record: ApiRecord, view: WorldView) => CwRecord

const TRANSLATORS: Record<CwEntity, Translator> = {
  tickets: ticket,
  notes: note,
  timeEntries: timeEntry,
  companies: company,
  contacts: contact,
  members: member,
  agreements: agreement,
  surveys: survey,
  surveyResults: surveyResult,
  configurations: business.configuration,
  opportunities: business.opportunity,
  invoices: business.invoice,
  projects: business.project,
  projectTickets: business.projectTicket,
}

function ticket(record: ApiRecord, view: WorldView): CwRecord {
  const contact = view.contactRecord(record.contactID)
  const owner = view.member(record.assignedResourceID)
  const priorities = view.choices('Tickets', 'priority')
  const priority = priorities.find((choice) => choice.id === record.priority)
  return {
    id: record.id,
    summary: record.title,
    recordType: 'ServiceTicket',
    board: view.picklistRef('Tickets', 'queueID', record.queueID),
    status: view.picklistRef('Tickets', 'status', record.status),
    priority: priority ? { id: priority.id, name: priority.name, sort: priority.sortOrder, _info: {} } : null,
    type: view.picklistRef('Tickets', 'ticketType', record.ticketType),
    subType: view.picklistRef('Tickets', 'issueType', record.issueType),
    item: view.picklistRef('Tickets', 'subIssueType', record.subIssueType),
    source: view.picklistRef('Tickets', 'source', record.source),
    company: view.company(record.companyID),
    contact: view.contact(record.contactID),
    contactName: contact ? fullName(contact) : null,
    contactPhoneNumber: contact?.phone ?? null,
    contactPhoneExtension: contact?.extension ?? null,
    contactEmailAddress: contact?.emailAddress ?? null,
    owner,
    resources: owner ? owner.identifier : null,
    agreement: view.agreement(record.contractID),
    closedFlag: record.status === COMPLETE,
    closedDate: cwTime(record.completedDate),
    closedBy: view.identifier(record.completedByResourceID),
    enteredBy: enteredBy(record, view),
    requiredDate: cwTime(record.dueDateTime),
    dateResponded: cwTime(record.firstResponseDateTime),
    dateResplan: cwTime(record.resolutionPlanDateTime),
    dateResolved: cwTime(record.resolvedDateTime),
    isInSla: record.serviceLevelAgreementHasBeenMet === true,
    sla: view.picklistRef('Tickets', 'serviceLevelAgreementID', record.serviceLevelAgreementID),
    budgetHours: record.estimatedHours ?? null,
    customFields: customFields(view.world.udfs('Tickets'), record),
    _info: {
      dateEntered: cwTime(record.createDate),
      lastUpdated: latest(
        record.createDate,
        record.lastActivityDate,
        record.lastTrackedModificationDateTime,
        view.savedAt('Tickets', record.id),
      ),
      enteredBy: enteredBy(record, view),
      updatedBy: view.identifier(record.lastActivityResourceID) ?? enteredBy(record, view),
    },
  }
}

/** Who entered a ticket: its creating member, else the portal (a contact's ticket) or an integration. */
function enteredBy(record: ApiRecord, view: WorldView): string {
  return view.identifier(record.creatorResourceID) ?? (record.createdByContactID != null ? 'Portal' : 'Integration')
}

const NOTE_RESOLUTION = 13
const PUBLISH_ALL = 1

function note(record: ApiRecord, view: WorldView): CwRecord {
  const member = view.member(record.creatorResourceID)
  const contact = member ? null : view.contact(record.createdByContactID)
  const external = record.publish === PUBLISH_ALL
  const resolution = record.noteType === NOTE_RESOLUTION
  return {
    id: record.id,
    ticketId: record.ticketID,
    text: record.description,
    detailDescriptionFlag: external && !resolution,
    internalAnalysisFlag: !external,
    resolutionFlag: resolution,
    issueFlag: false,
    internalFlag: !external,
    externalFlag: external,
    customerUpdatedFlag: contact !== null,
    member,
    contact,
    dateCreated: cwTime(record.createDateTime),
    createdBy: member ? member.identifier : contact ? contact.name : null,
    _info: {
      lastUpdated: latest(record.createDateTime, record.lastActivityDate, view.savedAt('TicketNotes', record.id)),
      updatedBy: member ? member.identifier : contact ? contact.name : null,
    },
  }
}

function timeEntry(record: ApiRecord, view: WorldView): CwRecord {
  const ticket = view.row('Tickets', record.ticketID)
  const task = view.row('Tasks', record.taskID)
  const project = task?.projectID == null ? undefined : view.world.get('Projects', Number(task.projectID))
  const [chargeToType, chargeToId] =
    record.ticketID != null
      ? ['ServiceTicket', record.ticketID]
      : record.taskID != null
        ? ['ProjectTicket', record.taskID]
        : ['ChargeCode', record.billingCodeID ?? null]
  const start = cwTime(record.startDateTime) ?? nineInAmsterdam(record.dateWorked)
  const hours = typeof record.hoursWorked === 'number' ? record.hoursWorked : 0
  const member = view.member(record.resourceID)
  return {
    id: record.id,
    company: view.company(ticket?.companyID ?? project?.companyID ?? view.ownCompanyId()),
    chargeToId,
    chargeToType,
    ticket: ticket ? { id: ticket.id, summary: ticket.title, _info: {} } : null,
    member,
    workType: view.picklistRef('TimeEntries', 'billingCodeID', record.billingCodeID),
    workRole: view.picklistRef('TimeEntries', 'roleID', record.roleID),
    agreement: view.agreement(record.contractID),
    timeStart: start,
    timeEnd: cwTime(record.endDateTime) ?? (start ? cwTime(Date.parse(start) + hours * 3_600_000) : null),
    actualHours: record.hoursWorked ?? null,
    hoursBilled: record.hoursToBill ?? null,
    billableOption: record.isNonBillable === true ? 'DoNotBill' : 'Billable',
    status: record.billingApprovalDateTime != null ? 'ApprovedByTierTwo' : 'Open',
    notes: record.summaryNotes ?? null,
    internalNotes: record.internalNotes ?? null,
    enteredBy: member?.identifier ?? null,
    dateEntered: cwTime(record.createDateTime),
    customFields: [],
    _info: {
      dateEntered: cwTime(record.createDateTime),
      lastUpdated: latest(record.createDateTime, record.lastModifiedDateTime, view.savedAt('TimeEntries', record.id)),
      updatedBy: member?.identifier ?? null,
    },
  }
}

/** 09:00 in Europe/Amsterdam on a date-only value, so the entry's local date stays the date worked. */
function nineInAmsterdam(dateWorked: unknown): string | null {
  const day = typeof dateWorked === 'string' ? dateWorked.slice(0, 10) : ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const wall = Date.parse(`${day}T${String(DEFAULT_START_HOUR).padStart(2, '0')}:00:00Z`)
  return cwTime(wall - amsterdamOffsetMs(wall))
}

const AMSTERDAM = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
})

/** Amsterdam's offset from UTC around an instant (exact away from the night-time DST switch). */
function amsterdamOffsetMs(utc: number): number {
  const parts = Object.fromEntries(AMSTERDAM.formatToParts(new Date(utc)).map((part) => [part.type, part.value]))
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!)
  return local - Math.floor(utc / 60_000) * 60_000
}

function company(record: ApiRecord, view: WorldView): CwRecord {
  const active = record.isActive !== false
  return {
    id: record.id,
    identifier: record.companyNumber,
    name: record.companyName,
    status: { id: active ? 1 : 2, name: active ? 'Active' : 'Inactive', _info: {} },
    types: record.companyType == null ? [] : [view.picklistRef('Companies', 'companyType', record.companyType)],
    addressLine1: record.address1 ?? null,
    addressLine2: record.address2 ?? null,
    city: record.city ?? null,
    state: record.state ?? null,
    zip: record.postalCode ?? null,
    country: view.picklistRef('Companies', 'countryID', record.countryID),
    phoneNumber: record.phone ?? null,
    faxNumber: record.fax ?? null,
    website: record.webAddress ?? null,
    territory: view.picklistRef('Companies', 'territoryID', record.territoryID),
    market: view.picklistRef('Companies', 'marketSegmentID', record.marketSegmentID),
    parentCompany: view.company(record.parentCompanyID),
    accountNumber: record.companyNumber ?? null,
    leadFlag: record.companyType === 2,
    isVendorFlag: record.companyType === 7,
    deletedFlag: false,
    customFields: customFields(view.world.udfs('Companies'), record),
    _info: {
      dateEntered: cwTime(record.createDate),
      lastUpdated: latest(record.createDate, record.lastTrackedModifiedDateTime, view.savedAt('Companies', record.id)),
      enteredBy: view.identifier(record.createdByResourceID),
    },
  }
}

function contact(record: ApiRecord, view: WorldView): CwRecord {
  const items: CwRecord[] = []
  const phone = (id: number, type: string, value: unknown, extension: unknown, defaultFlag: boolean) => {
    if (value == null || value === '') return
    const item = { id, type: { id, name: type }, value, extension: extension ?? null, defaultFlag }
    items.push({ ...item, communicationType: 'Phone' })
  }
  phone(2, 'Direct', record.phone, record.extension, true)
  phone(4, 'Mobile', record.mobilePhone, null, record.phone == null || record.phone === '')
  const email = typeof record.emailAddress === 'string' && record.emailAddress !== '' ? record.emailAddress : null
  if (email) {
    const domain = email.includes('@') ? email.slice(email.indexOf('@')) : null
    items.push({
      id: 1,
      type: { id: 1, name: 'Email' },
      value: email,
      defaultFlag: true,
      communicationType: 'Email',
      domain,
    })
  }
  return {
    id: record.id,
    firstName: record.firstName,
    lastName: record.lastName,
    company: view.company(record.companyID),
    title: record.title ?? null,
    inactiveFlag: !record.isActive,
    defaultPhoneType: record.phone ? 'Direct' : record.mobilePhone ? 'Mobile' : null,
    defaultPhoneNbr: record.phone || record.mobilePhone || null,
    defaultPhoneExtension: record.phone ? (record.extension ?? null) : null,
    addressLine1: record.addressLine ?? null,
    city: record.city ?? null,
    zip: record.zipCode ?? null,
    communicationItems: items,
    customFields: customFields(view.world.udfs('Contacts'), record),
    _info: {
      dateEntered: cwTime(record.createDate),
      lastUpdated: latest(record.createDate, record.lastModifiedDate, view.savedAt('Contacts', record.id)),
    },
  }
}

function member(record: ApiRecord, view: WorldView): CwRecord {
  return {
    id: record.id,
    identifier: record.userName,
    firstName: record.firstName,
    lastName: record.lastName,
    primaryEmail: record.email ?? null,
    officeEmail: record.email ?? null,
    defaultEmail: 'Office',
    officePhone: record.officePhone ?? null,
    mobilePhone: record.mobilePhone ?? null,
    inactiveFlag: record.isActive === false,
    licenseClass: 'F',
    title: record.title ?? null,
    hourlyCost: record.internalCost ?? null,
    workRole: view.picklistRef('TimeEntries', 'roleID', record.defaultServiceDeskRoleID),
    hireDate: cwTime(record.hireDate),
    _info: {
      dateEntered: cwTime(record.hireDate),
      lastUpdated: latest(record.hireDate, view.savedAt('Resources', record.id)),
    },
  }
}

function agreement(record: ApiRecord, view: WorldView): CwRecord {
  const type = Number(record.contractType)
  const recurring = RECURRING_TYPES.has(type)
  // An agreement runs through its end date: it has expired once that local date is past.
  const today = localDay(view.world.now().getTime())
  const ended = record.endDate != null && Date.parse(String(record.endDate)) / DAY < today
  const status = ended ? 'Expired' : record.status === 1 ? 'Active' : 'Cancelled'
  const monthly = udfNumber(record, 'Monthly Value')
  return {
    id: record.id,
    name: record.contractName,
    type: view.picklistRef('Contracts', 'contractType', record.contractType),
    company: view.company(record.companyID),
    contact: view.contact(record.contactID),
    agreementStatus: status,
    cancelledFlag: status === 'Cancelled',
    startDate: cwTime(record.startDate),
    endDate: cwTime(record.endDate),
    noEndingDateFlag: record.endDate == null,
    billAmount: recurring ? (monthly ?? 0) : 0,
    billingCycle: recurring ? { id: 1, name: 'Monthly', _info: {} } : null,
    // Block hours draw on hours bought, a retainer on an amount paid each month, a per-ticket agreement on incidents;
    // the rest cover whatever time it takes.
    applicationUnits: type === BLOCK_HOURS ? 'Hours' : type === PER_TICKET ? 'Incidents' : 'Amount',
    applicationLimit:
      type === BLOCK_HOURS ? (record.estimatedHours ?? null) : type === RETAINER ? (monthly ?? 0) : null,
    applicationCycle: type === BLOCK_HOURS ? 'ContractYear' : recurring ? 'CalendarMonth' : null,
    applicationUnlimitedFlag: type !== BLOCK_HOURS && type !== RETAINER && type !== PER_TICKET,
    billTime: BILLABLE_TIME_TYPES.has(type) ? 'Billable' : 'NoCharge',
    sla: view.picklistRef('Contracts', 'serviceLevelAgreementID', record.serviceLevelAgreementID),
    parentAgreement: null,
    customFields: customFields(view.world.udfs('Contracts'), record),
    _info: {
      dateEntered: cwTime(record.startDate),
      lastUpdated: latest(record.startDate, view.savedAt('Contracts', record.id)),
    },
  }
}

/** A survey: the world's surveys ask one question, a rating of 1 to 5. */
function survey(record: ApiRecord, view: WorldView): CwRecord {
  return {
    id: record.id,
    name: record.name,
    inactiveFlag: false,
    headerText: record.displayName ?? null,
    footerText: record.description ?? null,
    thankYouText: null,
    _info: { dateEntered: cwTime(view.world.options.now), lastUpdated: cwTime(view.world.options.now) },
  }
}

/** The one rating question every survey of the world asks. */
export const RATING_QUESTION_ID = 1

/** A survey result: the rating as `totalPoints` and as the answer to the rating question; unanswered ones have none. */
function surveyResult(record: ApiRecord, view: WorldView): CwRecord {
  const contact = view.contactRecord(record.contactID)
  const rating = record.surveyRating ?? null
  return {
    id: record.id,
    surveyId: record.surveyID,
    ticketId: record.ticketID,
    company: view.company(record.companyID),
    contact: view.contact(record.contactID),
    emailAddress: contact?.emailAddress ?? null,
    contactMeFlag: false,
    footerResponse: null,
    totalPoints: rating,
    results: rating === null ? [] : [{ questionId: RATING_QUESTION_ID, answer: { value: rating, points: rating } }],
    _info: {
      dateEntered: cwTime(record.sendDate),
      lastUpdated: latest(record.sendDate, record.completeDate, view.savedAt('SurveyResults', record.id)),
    },
  }
}

function udfNumber(record: ApiRecord, name: string): number | null {
  const value = record.userDefinedFields?.find((field) => field.name === name)?.value
  const number = value == null || value === '' ? NaN : Number(value)
  return Number.isFinite(number) ? number : null
}

const CUSTOM_FIELD_TYPE: Record<UdfInfo['type'], string> = {
  string: 'Text',
  integer: 'Number',
  decimal: 'Number',
  datetime: 'Date',
  boolean: 'Checkbox',
  list: 'Text',
}

/** A record's user-defined fields as ConnectWise custom fields, `value` typed by the field's kind. */
export function customFields(udfs: readonly UdfInfo[], record: ApiRecord): CwRecord[] {
  return (record.userDefinedFields ?? []).map((field, index) => {
    const info = udfs.find((udf) => udf.name === field.name)
    const id = info ? udfs.indexOf(info) + 1 : udfs.length + index + 1
    const type = info ? CUSTOM_FIELD_TYPE[info.type] : 'Text'
    const number = type === 'Number' && field.value != null && field.value !== '' ? Number(field.value) : NaN
    const value =
      field.value == null
        ? null
        : type === 'Number' && Number.isFinite(number)
          ? number
          : type === 'Checkbox'
            ? field.value === 'true' || field.value === '1'
            : field.value
    return {
      id,
      caption: field.name,
      type,
      entryMethod: info?.type === 'list' ? 'List' : 'EntryField',
      numberOfDecimals: info?.type === 'decimal' ? 2 : 0,
      value,
    }
  })
}
