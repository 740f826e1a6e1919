import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AdvanceSummary, ApiRecord, SimEntity, SimWorld } from '../../connectors/autotask/simulator/store.js'
import { FIELDS, UDFS, entityInfo } from '../../connectors/autotask/simulator/world/fields.js'
import type { ConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'

/**
 * The ConnectWise simulator's translation of world records, checked against a small hand-written world whose every
 * expected value is worked out from the records below (the picklist labels are the generated world's own).
 */

const NOW = '2026-03-01T12:00:00Z'
const ANNA = 29682885
const BRAM = 29682886
const BAKKER = 101
const ACME = 102
const ILSE = 30683001
const PIET = 30683002
const MANAGED = 29684101
const STRIPPENKAART = 29684102
const NACALCULATIE = 29684103

const udfs = (values: Record<string, string | null> = {}) =>
  Object.entries(values).map(([name, value]) => ({ name, value }))

const RECORDS: Partial<Record<SimEntity, ApiRecord[]>> = {
  Companies: [
    company(0, 'Demo MSP B.V.', 'MSP-0000', 8, true),
    company(BAKKER, 'Bakkerij de Vries', 'BAKKER', 1, true, { Seats: '12', Endpoints: null }),
    company(ACME, 'Acme Dental', 'ACME', 1, false, { Seats: null, Endpoints: '4' }),
  ],
  Contacts: [
    {
      id: ILSE,
      companyID: BAKKER,
      firstName: 'Ilse',
      lastName: 'Ramdin',
      title: 'Office manager',
      isActive: 1,
      phone: '+31 20 161 2551',
      extension: '225',
      mobilePhone: '06-12345678',
      emailAddress: 'ilse@bakkerijdevries.nl',
      createDate: '2025-01-05T10:00:00.25Z',
      lastModifiedDate: '2025-06-01T08:30:00Z',
      userDefinedFields: [],
    },
    {
      id: PIET,
      companyID: ACME,
      firstName: 'Piet',
      lastName: 'Smit',
      title: null,
      isActive: 0,
      phone: null,
      extension: null,
      mobilePhone: '06-98765432',
      emailAddress: null,
      createDate: '2025-02-01T09:00:00Z',
      lastModifiedDate: null,
      userDefinedFields: [],
    },
  ],
  Resources: [
    resource(ANNA, 'adevries', 'Anna', 'de Vries', true, 61.5),
    resource(BRAM, 'bjansen', 'Bram', 'Jansen', false, 48),
  ],
  Contracts: [
    contract(MANAGED, 'Managed Services Werkplek', 7, BAKKER, ILSE, 1, '2025-01-01', '2026-12-31', 0, '761.00'),
    contract(STRIPPENKAART, 'Strippenkaart 20 uur', 4, ACME, null, 1, '2025-01-01', '2025-12-31', 20, null),
    contract(NACALCULATIE, 'Support op nacalculatie', 1, ACME, PIET, 0, '2025-03-01', '2027-02-28', 0, null),
  ],
  Tickets: [
    ticket(10001, {
      title: 'Printer offline op de eerste verdieping',
      status: 5,
      priority: 4,
      queueID: 29682833,
      ticketType: 2,
      issueType: 6,
      subIssueType: 601,
      source: 1,
      companyID: BAKKER,
      contactID: ILSE,
      assignedResourceID: ANNA,
      contractID: MANAGED,
      creatorResourceID: ANNA,
      completedByResourceID: ANNA,
      completedDate: '2026-02-10T15:30:00.123Z',
      dueDateTime: '2026-02-11T08:00:00Z',
      firstResponseDateTime: '2026-02-09T08:10:00.9Z',
      resolutionPlanDateTime: '2026-02-09T09:00:00Z',
      resolvedDateTime: '2026-02-10T15:29:00Z',
      serviceLevelAgreementID: 2,
      serviceLevelAgreementHasBeenMet: true,
      estimatedHours: 1.5,
      createDate: '2026-02-09T08:00:00.4567Z',
      lastActivityDate: '2026-02-10T15:31:00.5Z',
      lastTrackedModificationDateTime: '2026-02-10T15:30:00.123Z',
    }),
    ticket(10002, {
      title: 'Schijfruimte laag op SRV01',
      status: 1,
      priority: 1,
      queueID: 29682969,
      ticketType: 5,
      issueType: 8,
      subIssueType: 801,
      source: 4,
      companyID: ACME,
      createDate: '2026-02-11T08:59:00Z',
      lastActivityDate: '2026-02-11T09:00:00Z',
    }),
    ticket(10003, {
      title: 'VPN werkt niet thuis',
      status: 8,
      priority: 2,
      queueID: 29682833,
      ticketType: 1,
      source: 2,
      companyID: BAKKER,
      assignedResourceID: BRAM,
      createDate: '2026-02-12T09:00:00Z',
      lastActivityDate: '2026-02-12T11:00:00Z',
      lastTrackedModificationDateTime: '2026-02-12T10:00:00Z',
    }),
    ticket(10004, {
      title: 'Nieuwe medewerker aanmaken',
      status: 7,
      priority: 3,
      queueID: 29683481,
      ticketType: 4,
      source: 3,
      companyID: ACME,
      contactID: PIET,
      createdByContactID: PIET,
      createDate: '2026-02-13T09:00:00Z',
    }),
  ],
  TicketNotes: [
    note(20001, { creatorResourceID: ANNA, publish: 2, noteType: 2, description: 'Driver opnieuw geïnstalleerd.' }),
    note(20002, { createdByContactID: ILSE, publish: 1, noteType: 18, description: 'Hij doet het weer, dank!' }),
    note(20003, { creatorResourceID: ANNA, publish: 1, noteType: 13, description: 'Printerdriver vervangen.' }),
  ],
  Surveys: [
    {
      id: 1,
      name: 'Ticket afgesloten (NL)',
      displayName: 'Hoe tevreden bent u?',
      description: null,
      userDefinedFields: [],
    },
  ],
  SurveyResults: [
    surveyResult(1001, 10001, BAKKER, ILSE, 4, '2026-02-10T16:00:00Z', '2026-02-11T08:15:30.5Z'),
    surveyResult(1002, 10003, BAKKER, null, null, '2026-02-12T16:00:00Z', null),
  ],
  TimeEntries: [
    {
      id: 40001,
      ticketID: 10001,
      taskID: null,
      resourceID: ANNA,
      billingCodeID: 29682801,
      roleID: 29683464,
      contractID: MANAGED,
      dateWorked: '2026-02-10T00:00:00Z',
      startDateTime: '2026-02-10T13:00:00Z',
      endDateTime: '2026-02-10T14:30:00Z',
      hoursWorked: 1.5,
      hoursToBill: 1.5,
      isNonBillable: false,
      billingApprovalDateTime: '2026-02-20T10:00:00Z',
      summaryNotes: 'Printerdriver vervangen.',
      internalNotes: null,
      createDateTime: '2026-02-10T14:35:00.75Z',
      lastModifiedDateTime: '2026-02-20T10:00:00Z',
      userDefinedFields: [],
    },
    {
      id: 40002,
      ticketID: null,
      taskID: null,
      resourceID: BRAM,
      billingCodeID: 29682804,
      roleID: 29683465,
      contractID: null,
      // Summer time: 09:00 in Amsterdam is 07:00 UTC on 30 March 2026.
      dateWorked: '2026-03-30T00:00:00Z',
      startDateTime: null,
      endDateTime: null,
      hoursWorked: 2,
      hoursToBill: 0,
      isNonBillable: true,
      billingApprovalDateTime: null,
      summaryNotes: 'Teamoverleg',
      internalNotes: null,
      createDateTime: '2026-03-30T16:00:00Z',
      lastModifiedDateTime: null,
      userDefinedFields: [],
    },
  ],
}

function surveyResult(
  id: number,
  ticketID: number,
  companyID: number,
  contactID: number | null,
  surveyRating: number | null,
  sendDate: string,
  completeDate: string | null,
): ApiRecord {
  return {
    id,
    surveyID: 1,
    ticketID,
    companyID,
    contactID,
    surveyRating,
    sendDate,
    completeDate,
    userDefinedFields: [],
  }
}

function company(
  id: number,
  companyName: string,
  companyNumber: string,
  companyType: number,
  isActive: boolean,
  values: Record<string, string | null> = { Seats: null, Endpoints: null },
): ApiRecord {
  return {
    id,
    companyName,
    companyNumber,
    companyType,
    isActive,
    phone: '+31 20 555 0000',
    fax: null,
    address1: 'Damrak 1',
    address2: null,
    city: 'Amsterdam',
    state: null,
    postalCode: '1012 LG',
    countryID: 150,
    territoryID: 1,
    marketSegmentID: 2,
    parentCompanyID: null,
    webAddress: null,
    createDate: '2020-04-01T10:00:00Z',
    createdByResourceID: ANNA,
    lastTrackedModifiedDateTime: id === BAKKER ? '2025-11-02T13:14:15.9Z' : null,
    userDefinedFields: udfs(values),
  }
}

function resource(id: number, userName: string, firstName: string, lastName: string, isActive: boolean, cost: number) {
  return {
    id,
    userName,
    firstName,
    lastName,
    email: `${userName}@demo-msp.nl`,
    officePhone: '+31 20 760 4200',
    mobilePhone: null,
    isActive,
    title: 'Servicedesk engineer',
    internalCost: cost,
    defaultServiceDeskRoleID: 29683464,
    hireDate: '2023-05-01T00:00:00Z',
    userDefinedFields: [],
  }
}

function contract(
  id: number,
  contractName: string,
  contractType: number,
  companyID: number,
  contactID: number | null,
  status: number,
  start: string,
  end: string,
  estimatedHours: number,
  monthlyValue: string | null,
): ApiRecord {
  return {
    id,
    contractName,
    contractType,
    companyID,
    contactID,
    status,
    startDate: `${start}T00:00:00Z`,
    endDate: `${end}T00:00:00Z`,
    estimatedHours,
    estimatedRevenue: 9132,
    serviceLevelAgreementID: 2,
    userDefinedFields: udfs({ 'Monthly Value': monthlyValue, 'Hours Purchased': null }),
  }
}

function ticket(id: number, fields: Record<string, unknown>): ApiRecord {
  return {
    id,
    assignedResourceID: null,
    contactID: null,
    contractID: null,
    creatorResourceID: null,
    createdByContactID: null,
    completedByResourceID: null,
    completedDate: null,
    dueDateTime: null,
    firstResponseDateTime: null,
    resolutionPlanDateTime: null,
    resolvedDateTime: null,
    serviceLevelAgreementID: null,
    serviceLevelAgreementHasBeenMet: null,
    estimatedHours: 0,
    issueType: null,
    subIssueType: null,
    lastActivityDate: null,
    lastActivityResourceID: null,
    lastTrackedModificationDateTime: null,
    userDefinedFields: [],
    ...fields,
  }
}

function note(id: number, fields: Record<string, unknown>): ApiRecord {
  return {
    id,
    ticketID: 10001,
    title: 'Notitie',
    creatorResourceID: null,
    createdByContactID: null,
    createDateTime: `2026-02-10T14:0${id - 20001}:00.5Z`,
    lastActivityDate: `2026-02-10T14:0${id - 20001}:00.5Z`,
    userDefinedFields: [],
    ...fields,
  }
}

function fixtureWorld(): SimWorld {
  const rows = (entity: SimEntity) => RECORDS[entity] ?? []
  return {
    options: { size: 'tiny', seed: 1, now: NOW },
    now: () => new Date(NOW),
    records: rows,
    get: (entity, id) => rows(entity).find((record) => record.id === id),
    fields: (entity) => FIELDS[entity],
    udfs: (entity) => UDFS[entity],
    info: (entity) => entityInfo(entity),
    advance: (): AdvanceSummary => ({ from: NOW, to: NOW, created: {}, updated: {}, deleted: {} }),
  }
}

let desk: ConnectWiseDesk
let base: string
let headers: Record<string, string>

beforeAll(async () => {
  desk = await startConnectWiseDesk({ world: fixtureWorld() })
  const { company, publicKey, privateKey, clientId } = desk.credentials
  headers = { Authorization: `Basic ${btoa(`${company}+${publicKey}:${privateKey}`)}`, clientId }
  base = `${desk.url}v4_6_release/apis/3.0/`
})

afterAll(async () => {
  await desk.close()
})

async function get(path: string, query: Record<string, string> = {}): Promise<any> {
  const url = new URL(path, base)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  const response = await fetch(url, { headers })
  const body = await response.json()
  if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(body)}`)
  return body
}

const ids = (rows: Array<{ id: number }>) => rows.map((row) => row.id)
const ref = (id: number, name: string) => ({ id, name, _info: {} })

describe('a ticket reads as ConnectWise writes it', () => {
  test('ticket 10001 carries every fact of its Autotask record', async () => {
    const ticket = await get('service/tickets/10001')
    expect(ticket).toMatchObject({
      id: 10001,
      summary: 'Printer offline op de eerste verdieping',
      recordType: 'ServiceTicket',
      board: ref(29682833, 'Service Desk'),
      status: ref(5, 'Complete'),
      priority: { id: 4, name: 'Critical', sort: 1 },
      type: ref(2, 'Incident'),
      subType: ref(6, 'Printers & Scanners'),
      item: ref(601, 'Printer'),
      source: ref(1, 'Phone'),
      company: { id: BAKKER, identifier: 'BAKKER', name: 'Bakkerij de Vries' },
      contact: ref(ILSE, 'Ilse Ramdin'),
      contactName: 'Ilse Ramdin',
      contactPhoneNumber: '+31 20 161 2551',
      contactEmailAddress: 'ilse@bakkerijdevries.nl',
      owner: { id: ANNA, identifier: 'adevries', name: 'Anna de Vries' },
      resources: 'adevries',
      agreement: { id: MANAGED, name: 'Managed Services Werkplek', type: 'Recurring Service' },
      closedFlag: true,
      closedDate: '2026-02-10T15:30:00Z',
      closedBy: 'adevries',
      enteredBy: 'adevries',
      requiredDate: '2026-02-11T08:00:00Z',
      dateResponded: '2026-02-09T08:10:00Z',
      dateResplan: '2026-02-09T09:00:00Z',
      dateResolved: '2026-02-10T15:29:00Z',
      sla: ref(2, 'Standaard SLA'),
      budgetHours: 1.5,
      customFields: [],
    })
    // Created at createDate; last updated at the latest of its stamps (here its last activity), whole seconds.
    expect(ticket._info).toMatchObject({ dateEntered: '2026-02-09T08:00:00Z', lastUpdated: '2026-02-10T15:31:00Z' })
  })

  test('an unassigned ticket has no owner and no resources; a ticket without stamps was last updated when made', async () => {
    const [alert, starter] = await Promise.all([get('service/tickets/10002'), get('service/tickets/10004')])
    expect(alert).toMatchObject({ owner: null, resources: null, closedFlag: false, closedDate: null })
    expect(alert.source).toEqual(ref(4, 'Monitoring Alert'))
    expect(alert.type).toEqual(ref(5, 'Alert'))
    expect(starter._info.lastUpdated).toBe('2026-02-13T09:00:00Z')
    expect(starter.enteredBy).toBe('Portal')
    expect(starter.contactPhoneNumber).toBeNull()
  })

  test('priorities sort by urgency, Critical first, and match the sort on tickets', async () => {
    const priorities = await get('service/priorities')
    expect(priorities.map((p: any) => [p.id, p.name, p.sort])).toEqual([
      [1, 'High', 2],
      [2, 'Medium', 3],
      [3, 'Low', 4],
      [4, 'Critical', 1],
    ])
  })

  test('notes: a resource note has a member, a contact note a contact; internal and resolution flags', async () => {
    const notes = await get('service/tickets/10001/notes')
    expect(notes).toEqual([
      {
        id: 20001,
        ticketId: 10001,
        text: 'Driver opnieuw geïnstalleerd.',
        detailDescriptionFlag: false,
        internalAnalysisFlag: true,
        resolutionFlag: false,
        issueFlag: false,
        internalFlag: true,
        externalFlag: false,
        customerUpdatedFlag: false,
        member: { id: ANNA, identifier: 'adevries', name: 'Anna de Vries', _info: {} },
        contact: null,
        dateCreated: '2026-02-10T14:00:00Z',
        createdBy: 'adevries',
        _info: { lastUpdated: '2026-02-10T14:00:00Z', updatedBy: 'adevries' },
      },
      expect.objectContaining({
        id: 20002,
        detailDescriptionFlag: true,
        internalAnalysisFlag: false,
        member: null,
        contact: ref(ILSE, 'Ilse Ramdin'),
        customerUpdatedFlag: true,
      }),
      expect.objectContaining({ id: 20003, resolutionFlag: true, detailDescriptionFlag: false }),
    ])
    expect(await get('service/tickets/10002/notes')).toEqual([])
  })
})

describe('time, companies, contacts, members and agreements', () => {
  test('time on a ticket: charged to the ServiceTicket, approved, billable, with its work type and role', async () => {
    const entry = await get('time/entries/40001')
    expect(entry).toMatchObject({
      id: 40001,
      company: { id: BAKKER, identifier: 'BAKKER', name: 'Bakkerij de Vries' },
      chargeToId: 10001,
      chargeToType: 'ServiceTicket',
      ticket: { id: 10001, summary: 'Printer offline op de eerste verdieping' },
      member: { id: ANNA, identifier: 'adevries' },
      workType: ref(29682801, 'Remote Support'),
      workRole: ref(29683464, 'Servicedesk Engineer L1'),
      agreement: { id: MANAGED, name: 'Managed Services Werkplek' },
      timeStart: '2026-02-10T13:00:00Z',
      timeEnd: '2026-02-10T14:30:00Z',
      actualHours: 1.5,
      hoursBilled: 1.5,
      billableOption: 'Billable',
      status: 'ApprovedByTierTwo',
      notes: 'Printerdriver vervangen.',
      dateEntered: '2026-02-10T14:35:00Z',
      _info: { lastUpdated: '2026-02-20T10:00:00Z' },
    })
  })

  test('internal time without a start time starts at 09:00 Amsterdam time on the day worked', async () => {
    const entry = await get('time/entries/40002')
    expect(entry).toMatchObject({
      company: { id: 0, identifier: 'MSP-0000' },
      chargeToType: 'ChargeCode',
      ticket: null,
      timeStart: '2026-03-30T07:00:00Z',
      timeEnd: '2026-03-30T09:00:00Z',
      billableOption: 'DoNotBill',
      status: 'Open',
      hoursBilled: 0,
      _info: { lastUpdated: '2026-03-30T16:00:00Z' },
    })
  })

  test('companies: status, type, custom fields from UDFs, last updated from the tracked modification', async () => {
    const [bakker, acme] = await get('company/companies', { conditions: 'id in (101, 102)' })
    expect(bakker).toMatchObject({
      identifier: 'BAKKER',
      name: 'Bakkerij de Vries',
      status: { name: 'Active' },
      types: [ref(1, 'Customer')],
      phoneNumber: '+31 20 555 0000',
      city: 'Amsterdam',
      zip: '1012 LG',
      territory: ref(1, 'Noord-Holland'),
      market: ref(2, 'Zorg'),
      deletedFlag: false,
      _info: { dateEntered: '2020-04-01T10:00:00Z', lastUpdated: '2025-11-02T13:14:15Z' },
    })
    expect(bakker.customFields.map((field: any) => [field.caption, field.value])).toEqual([
      ['Seats', 12],
      ['Endpoints', null],
    ])
    expect(acme.status.name).toBe('Inactive')
    expect(acme._info.lastUpdated).toBe('2020-04-01T10:00:00Z')
  })

  test('contacts: inactive flag, default phone and communication items', async () => {
    const [ilse, piet] = await get('company/contacts')
    expect(ilse).toMatchObject({ inactiveFlag: false, defaultPhoneNbr: '+31 20 161 2551', title: 'Office manager' })
    expect(ilse.communicationItems).toEqual([
      expect.objectContaining({ communicationType: 'Phone', value: '+31 20 161 2551', defaultFlag: true }),
      expect.objectContaining({ communicationType: 'Phone', value: '06-12345678', defaultFlag: false }),
      expect.objectContaining({
        communicationType: 'Email',
        value: 'ilse@bakkerijdevries.nl',
        domain: '@bakkerijdevries.nl',
      }),
    ])
    expect(ilse._info.lastUpdated).toBe('2025-06-01T08:30:00Z')
    expect(piet).toMatchObject({ inactiveFlag: true, defaultPhoneNbr: '06-98765432', title: null })
  })

  test('members: resources as full members, plus one API member to leave out', async () => {
    const members = await get('system/members')
    expect(members.map((m: any) => [m.id, m.identifier, m.licenseClass, m.inactiveFlag])).toEqual([
      [999001, 'roleboard-api', 'A', false],
      [ANNA, 'adevries', 'F', false],
      [BRAM, 'bjansen', 'F', true],
    ])
    expect(members[1]).toMatchObject({
      firstName: 'Anna',
      lastName: 'de Vries',
      primaryEmail: 'adevries@demo-msp.nl',
      officeEmail: 'adevries@demo-msp.nl',
      hourlyCost: 61.5,
    })
  })

  test('agreements: status from status and dates, monthly amount, prepaid hours and billing of time', async () => {
    const [managed, strippenkaart, nacalculatie] = await get('finance/agreements')
    expect(managed).toMatchObject({
      name: 'Managed Services Werkplek',
      type: ref(7, 'Recurring Service'),
      company: { id: BAKKER },
      contact: ref(ILSE, 'Ilse Ramdin'),
      agreementStatus: 'Active',
      startDate: '2025-01-01T00:00:00Z',
      endDate: '2026-12-31T00:00:00Z',
      noEndingDateFlag: false,
      billAmount: 761,
      billingCycle: { name: 'Monthly' },
      applicationUnits: 'Amount',
      billTime: 'NoCharge',
      sla: ref(2, 'Standaard SLA'),
    })
    expect(strippenkaart).toMatchObject({
      agreementStatus: 'Expired',
      applicationUnits: 'Hours',
      applicationLimit: 20,
      billTime: 'Billable',
      billAmount: 0,
      contact: null,
    })
    expect(nacalculatie).toMatchObject({
      agreementStatus: 'Cancelled',
      applicationUnits: 'Amount',
      billTime: 'Billable',
    })
  })

  test('lookups: a board lists Complete as its closed status; agreement types and work types carry labels', async () => {
    const statuses = await get('service/boards/29682833/statuses', { pageSize: '100' })
    expect(statuses.filter((status: any) => status.closedStatus).map((status: any) => status.name)).toEqual([
      'Complete',
    ])
    const types = await get('finance/agreements/types', { conditions: 'id in (4, 7)' })
    expect(types.map((type: any) => type.name)).toEqual(['Block Hours', 'Recurring Service'])
    const workTypes = await get('time/workTypes', { conditions: 'name = "internal"' })
    expect(ids(workTypes)).toEqual([29682804])
  })
})

describe("surveys, a ticket's time and the audit trail", () => {
  test('survey results carry the rating as totalPoints and as the answer to the one question', async () => {
    expect(await get('service/surveys')).toEqual([expect.objectContaining({ id: 1, name: 'Ticket afgesloten (NL)' })])
    const [question] = await get('service/surveys/1/questions')
    expect(question).toMatchObject({ id: 1, surveyId: 1, question: 'Hoe tevreden bent u?' })
    const [answered, unanswered] = await get('service/surveys/1/results')
    expect(answered).toMatchObject({
      id: 1001,
      surveyId: 1,
      ticketId: 10001,
      company: { id: BAKKER, identifier: 'BAKKER' },
      contact: ref(ILSE, 'Ilse Ramdin'),
      emailAddress: 'ilse@bakkerijdevries.nl',
      totalPoints: 4,
      results: [{ questionId: 1, answer: { value: 4, points: 4 } }],
      _info: { dateEntered: '2026-02-10T16:00:00Z', lastUpdated: '2026-02-11T08:15:30Z' },
    })
    expect(unanswered).toMatchObject({ id: 1002, totalPoints: null, results: [], contact: null })
  })

  test("a ticket's time entries, and its audit trail from entered to closed", async () => {
    expect(ids(await get('service/tickets/10001/timeentries'))).toEqual([40001])
    expect(await get('service/tickets/10002/timeentries')).toEqual([])
    expect(await get('system/audittrail', { type: 'Ticket', id: '10001' })).toEqual([
      expect.objectContaining({ enteredDate: '2026-02-09T08:00:00Z', enteredBy: 'adevries', auditSubType: 'Entered' }),
      expect.objectContaining({ text: 'Status changed to "Complete"', enteredDate: '2026-02-10T15:30:00Z' }),
    ])
    const refused = await fetch(new URL('system/audittrail?type=Ticket&id=10001', base), {
      headers: { ...headers, 'pagination-type': 'forward-only' },
    })
    expect(refused.status).toBe(400)
  })
})

describe('the conditions grammar', () => {
  const cases: Array<[string, number[]]> = [
    ['closedFlag = False', [10002, 10003, 10004]],
    ['CLOSEDFLAG = true AND Summary contains "OFFLINE"', [10001]],
    ['lastUpdated >= [2026-02-11T00:00:00Z] and lastUpdated < [2026-02-12T11:00:00Z]', [10002]],
    ['_info/lastUpdated >= [2026-02-11T00:00:00.000000+00:00] and _info/lastUpdated < [2026-02-12T11:00:00]', [10002]],
    ['lastUpdated > "2026-02-12T10:59:59Z"', [10003, 10004]],
    ['board/id in (29682969, 1)', [10002]],
    ['status/name in ("new", "Waiting Customer")', [10002, 10004]],
    ['summary like "*vpn*"', [10003]],
    ['summary like "printer%"', [10001]],
    ['summary not contains "vpn"', [10001, 10002, 10004]],
    ['owner = null', [10002, 10004]],
    ['owner/identifier != null and company/identifier = "BAKKER"', [10001, 10003]],
    ['status/name = "New" or closedFlag = True and owner/identifier = "bjansen"', [10002]],
    ['(status/name = "New" or closedFlag = True) and owner/identifier = "adevries"', [10001]],
    ["priority/sort <= 2 and not (source/name = 'Phone')", [10002]],
  ]
  test.each(cases)('%s', async (conditions, expected) => {
    expect(ids(await get('service/tickets', { conditions }))).toEqual(expected)
    expect(await get('service/tickets/count', { conditions })).toEqual({ count: expected.length })
  })

  test('childConditions and customFieldConditions', async () => {
    const childConditions =
      'communicationItems/communicationType = "Email" and communicationItems/value like "*@bakkerij*"'
    expect(ids(await get('company/contacts', { childConditions }))).toEqual([ILSE])
    const customFieldConditions = 'caption = "Endpoints" and value != null'
    expect(ids(await get('company/companies', { customFieldConditions }))).toEqual([ACME])
  })

  test('orderBy and fields', async () => {
    const rows = await get('service/tickets', { orderBy: 'priority/sort desc', fields: 'id,priority/name' })
    expect(rows).toEqual([
      { id: 10004, priority: { name: 'Low' } },
      { id: 10003, priority: { name: 'Medium' } },
      { id: 10002, priority: { name: 'High' } },
      { id: 10001, priority: { name: 'Critical' } },
    ])
  })

  test.each([
    ['summary = ', /at the end/],
    ['nosuchfield = 1', /unknown field "nosuchfield"/],
    ['(closedFlag = False', /expected "\)"/],
    ['summary like 3', /like needs a quoted string/],
    ['lastUpdated > [2026-13-01T00:00:00Z]', /not a date-time/],
  ])('%s is refused with a 400 naming the problem', async (conditions, message) => {
    const url = new URL('service/tickets', base)
    url.searchParams.set('conditions', conditions)
    const response = await fetch(url, { headers })
    const body = await response.json()
    expect(response.status).toBe(400)
    expect(body.code).toBe('InvalidObject')
    expect(body.message).toMatch(message)
    expect(body.errors[0]).toMatchObject({ code: 'InvalidField', field: 'conditions' })
  })
})
