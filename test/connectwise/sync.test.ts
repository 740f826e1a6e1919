import { describe, expect, test } from 'vitest'
import type { ApiRecord, SimEntity, SimWorld } from '../../connectors/autotask/simulator/store.js'
import { API_MEMBER } from '../../connectors/connectwise/simulator/translate.js'
import { restateOpenTickets } from '../../connectors/ticket-meanings.js'
import { CONTRACT_KIND } from '../../db/psa-model.js'
import type { DbHandle } from '../../db/index.js'
import { openTempDb } from '../helpers/sync-env.js'
import { connectorFor, requestPaths, startDesk } from './sync-env.js'

// The ConnectWise sync against the ConnectWise simulator over real HTTP: the simulator serves the same seeded world
// as the Autotask simulator, so what the sync stores is checked against that world's own facts, in the neutral
// model's meanings (db/psa-model.ts). Tiny world, seed 3.

/** A world instant as ConnectWise writes it (whole seconds) and the store keeps it. */
function instant(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return new Date(Math.floor(Date.parse(String(value)) / 1000) * 1000).toISOString()
}

type Expect = (record: ApiRecord) => unknown

/** The table holds exactly the world's records (`keep` of them), each column as `columns` derives it from the world. */
async function expectTable(
  handle: DbHandle,
  world: SimWorld,
  entity: SimEntity,
  table:
    | 'ticket'
    | 'ticket_note'
    | 'time_entry'
    | 'company'
    | 'contact'
    | 'resource'
    | 'contract'
    | 'survey'
    | 'survey_result',
  columns: Record<string, Expect>,
): Promise<void> {
  const records = world.records(entity)
  const rows = (await handle.db.selectFrom(table).selectAll().orderBy('id').execute()) as Array<Record<string, unknown>>
  expect(
    rows.map((row) => row.id),
    `${table} ids`,
  ).toEqual(records.map((record) => record.id))
  rows.forEach((row, index) => {
    const record = records[index]!
    expect(row.psa).toBe('connectwise')
    for (const [column, derive] of Object.entries(columns)) {
      expect(row[column], `${table} ${record.id} ${column}`).toEqual(derive(record))
    }
  })
}

const field =
  (name: string): Expect =>
  (record) =>
    record[name] ?? null
const at =
  (name: string): Expect =>
  (record) =>
    instant(record[name])
const flag =
  (name: string): Expect =>
  (record) =>
    record[name] === true || record[name] === 1 ? 1 : 0

/** The world's Autotask facts each ConnectWise-synced table must hold, column by column. */
async function expectWorld(handle: DbHandle, world: SimWorld): Promise<void> {
  await expectTable(handle, world, 'Tickets', 'ticket', {
    number: (t) => String(t.id),
    title: field('title'),
    status: field('status'),
    priority: field('priority'),
    queue_id: field('queueID'),
    issue_type: field('issueType'),
    sub_issue_type: field('subIssueType'),
    source: field('source'),
    ticket_type: field('ticketType'),
    company_id: field('companyID'),
    contact_id: field('contactID'),
    contract_id: field('contractID'),
    assigned_resource_id: field('assignedResourceID'),
    creator_resource_id: field('creatorResourceID'),
    completed_by_resource_id: field('completedByResourceID'),
    created_at: at('createDate'),
    completed_at: at('completedDate'),
    due_at: at('dueDateTime'),
    first_response_at: at('firstResponseDateTime'),
    resolution_plan_at: at('resolutionPlanDateTime'),
    resolved_at: at('resolvedDateTime'),
    sla_id: field('serviceLevelAgreementID'),
    // A verdict only on a closed ticket under an SLA.
    sla_met: (t) =>
      t.status === 5 && t.serviceLevelAgreementID != null ? (t.serviceLevelAgreementHasBeenMet ? 1 : 0) : null,
    // Worked out from the ticket's SLA, priority and creation on the SLA's calendar (connectors/connectwise/sla.ts).
    first_response_due_at: at('firstResponseDueDateTime'),
    resolution_plan_due_at: at('resolutionPlanDueDateTime'),
  })
  await expectTable(handle, world, 'TicketNotes', 'ticket_note', {
    ticket_id: field('ticketID'),
    description: field('description'),
    creator_resource_id: field('creatorResourceID'),
    // A resource's note has a member, so its contact is not shown.
    creator_contact_id: (n) => (n.creatorResourceID == null ? (n.createdByContactID ?? null) : null),
    created_at: at('createDateTime'),
    publish: field('publish'),
  })
  await expectTable(handle, world, 'TimeEntries', 'time_entry', {
    resource_id: field('resourceID'),
    ticket_id: field('ticketID'),
    task_id: field('taskID'),
    contract_id: field('contractID'),
    date_worked: (e) => String(e.dateWorked).slice(0, 10),
    hours_worked: field('hoursWorked'),
    hours_to_bill: field('hoursToBill'),
    non_billable: flag('isNonBillable'),
    billing_code_id: field('billingCodeID'),
    role_id: field('roleID'),
    summary: field('summaryNotes'),
    created_at: at('createDateTime'),
    // ConnectWise keeps no approval time: an approved entry's last update stands for it.
    approved_at: (e) => (e.billingApprovalDateTime == null ? null : expect.stringMatching(/^\d{4}-.*Z$/)),
  })
  await expectTable(handle, world, 'Companies', 'company', {
    name: field('companyName'),
    number: field('companyNumber'),
    phone: field('phone'),
    is_active: (c) => (c.isActive === false ? 0 : 1),
    created_at: at('createDate'),
  })
  await expectTable(handle, world, 'Contacts', 'contact', {
    company_id: field('companyID'),
    first_name: field('firstName'),
    last_name: field('lastName'),
    email: field('emailAddress'),
    phone: (c) => c.phone ?? c.mobilePhone ?? null,
    mobile_phone: field('mobilePhone'),
    is_active: flag('isActive'),
  })
  // The API member every ConnectWise tenant has is no person: it is left out.
  await expectTable(handle, world, 'Resources', 'resource', {
    user_name: field('userName'),
    email: field('email'),
    is_active: (r) => (r.isActive === false ? 0 : 1),
    internal_cost: field('internalCost'),
  })
  await expectTable(handle, world, 'Contracts', 'contract', {
    company_id: field('companyID'),
    name: field('contractName'),
    start_date: (k) => String(k.startDate).slice(0, 10),
    end_date: (k) => String(k.endDate).slice(0, 10),
    sla_id: field('serviceLevelAgreementID'),
  })
  await expectTable(handle, world, 'Surveys', 'survey', { name: field('name') })
  await expectTable(handle, world, 'SurveyResults', 'survey_result', {
    survey_id: field('surveyID'),
    ticket_id: field('ticketID'),
    company_id: field('companyID'),
    contact_id: field('contactID'),
    rating: field('surveyRating'),
    sent_at: at('sendDate'),
    // No completion time in ConnectWise: an answered result's last update, its completion in this world.
    completed_at: (s) => (s.surveyRating == null ? null : instant(s.completeDate)),
  })
}

describe('ConnectWise full sync', () => {
  test('stores every record of the world in the neutral model', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const summary = await connectorFor(handle, desk.credentials).sync()
    expect(summary.error).toBeUndefined()
    expect(summary.ok).toBe(true)
    expect(summary.kind).toBe('initial')
    await expectWorld(handle, desk.world)
    expect(await handle.db.selectFrom('resource').where('id', '=', API_MEMBER.id).selectAll().execute()).toEqual([])
    const run = await handle.db.selectFrom('sync_run').selectAll().executeTakeFirstOrThrow()
    expect([run.psa, run.ok, run.error]).toEqual(['connectwise', 1, null])
  })

  test('tickets get their state, kind and urgency from the names ConnectWise gives, by the MSP meanings', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    await connectorFor(handle, desk.credentials).sync()
    const rows = await handle.db.selectFrom('ticket').select(['id', 'state', 'kind', 'urgency']).execute()
    const row = (id: unknown) => rows.find((candidate) => candidate.id === id)!
    const tickets = desk.world.records('Tickets')
    // Status 7 Waiting Customer; 12 Waiting Vendor and 17 On Hold wait on someone else; 20 RMM Resolved.
    for (const [status, state] of [
      [7, 'waiting_customer'],
      [12, 'on_hold'],
      [17, 'on_hold'],
      [20, 'resolved'],
      [1, 'open'],
      [8, 'open'],
      [5, 'complete'],
    ] as const) {
      const named = tickets.filter((t) => t.status === status)
      expect(named.length, `tickets of status ${status}`).toBeGreaterThan(0)
      for (const t of named) expect(row(t.id).state, `ticket ${t.id}`).toBe(state)
    }
    // Source 4 Monitoring Alert makes an alert whatever the type; otherwise the type's name tells.
    const kinds: Record<number, string> = { 1: 'service_request', 2: 'incident', 3: 'problem', 4: 'change' }
    for (const t of tickets) {
      expect(row(t.id).kind, `ticket ${t.id}`).toBe(t.source === 4 ? 'alert' : kinds[t.ticketType as number])
    }
    // Priorities 4 Critical, 1 High, 2 Medium, 3 Low.
    const urgency: Record<number, number> = { 4: 1, 1: 2, 2: 3, 3: 4 }
    for (const t of tickets) expect(row(t.id).urgency).toBe(urgency[t.priority as number])
    // The status labels came with the tickets, so restating open tickets from them changes nothing.
    const label = await handle.db
      .selectFrom('picklist_value')
      .select('label')
      .where('psa', '=', 'connectwise')
      .where('entity', '=', 'Tickets')
      .where('field', '=', 'status')
      .where('value', '=', '7')
      .executeTakeFirst()
    expect(label?.label).toBe('Waiting Customer')
    expect(await restateOpenTickets(handle.db)).toBe(0)
  })

  test('agreements get roleboard contract kinds by how they bill, with MRR and prepaid hours where the KPIs read them', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    await connectorFor(handle, desk.credentials).sync()
    const contract = (id: number) =>
      handle.db
        .selectFrom('contract')
        .select(['contract_type', 'status', 'estimated_hours', 'estimated_revenue', 'udf'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    // 29684102 "Support op nacalculatie": time billed by the hour.
    expect(await contract(29684102)).toMatchObject({ contract_type: CONTRACT_KIND.timeAndMaterials, status: 1 })
    // 29684119 "Strippenkaart 20 uur": 20 prepaid hours, in force.
    expect(await contract(29684119)).toMatchObject({
      contract_type: CONTRACT_KIND.blockHours,
      status: 1,
      estimated_hours: 20,
    })
    expect(JSON.parse((await contract(29684119)).udf!)['Hours Purchased']).toBe('20')
    // 29684101, the first Strippenkaart, ended in 2020: not active.
    expect(await contract(29684101)).toMatchObject({ contract_type: CONTRACT_KIND.blockHours, status: 0 })
    // 29684111 "Managed Services Werkplek", 369 a month: recurring service.
    const managed = await contract(29684111)
    expect(managed).toMatchObject({ contract_type: CONTRACT_KIND.recurringService, estimated_revenue: 369 })
    expect(Number(JSON.parse(managed.udf!)['Monthly Value'])).toBe(369)
    // 29684116 "Retainer 16 uur per maand": a monthly fee the time draws on (an amount, not unlimited): a retainer,
    // billed every month like a recurring service.
    expect(await contract(29684116)).toMatchObject({ contract_type: CONTRACT_KIND.retainer, estimated_revenue: 1440 })
    // 29684117 "Project migratie Microsoft 365": fee-covered without a monthly amount: fixed price.
    expect(await contract(29684117)).toMatchObject({ contract_type: CONTRACT_KIND.fixedPrice, estimated_revenue: null })
    const kinds = await handle.db
      .selectFrom('picklist_value')
      .select(['value', 'label'])
      .where('psa', '=', 'connectwise')
      .where('entity', '=', 'Contracts')
      .where('field', '=', 'contractType')
      .orderBy('value')
      .execute()
    expect(kinds.find((kind) => kind.value === '4')?.label).toBe('Block Hours')
  })
})

describe('ConnectWise incremental sync', () => {
  test('straight after a full sync, a sync asks each list once, reads no notes and changes nothing', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const connector = connectorFor(handle, desk.credentials)
    await connector.sync()
    const before = await handle.db.selectFrom('ticket').selectAll().orderBy('id').execute()
    desk.sim.resetCounters()
    const summary = await connector.sync()
    expect(summary.ok).toBe(true)
    expect(summary.kind).toBe('incremental')
    // One request a list: each entity's, and each survey's results.
    const results = desk.world.records('Surveys').map((survey) => `service/surveys/${survey.id}/results`)
    expect(results.length).toBeGreaterThan(0)
    expect(requestPaths(desk).sort()).toEqual(
      [
        'company/companies',
        'company/contacts',
        'finance/agreements',
        'service/tickets',
        'system/members',
        'time/entries',
        'service/surveys',
        'company/configurations',
        'sales/opportunities',
        'finance/invoices',
        'project/projects',
        'project/tickets',
        ...results,
      ].sort(),
    )
    expect(summary.requests).toBe(12 + results.length)
    for (const result of summary.results) {
      expect([result.entity, result.changed, result.deleted]).toEqual([result.entity, 0, 0])
    }
    expect(summary.results.find((result) => result.entity === 'TicketNotes')?.requests).toBe(0)
    expect(await handle.db.selectFrom('ticket').selectAll().orderBy('id').execute()).toEqual(before)
  })

  test('after the world moves on, a sync brings exactly its changes, reading notes of changed tickets only', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const connector = connectorFor(handle, desk.credentials)
    await connector.sync()
    const stamps = new Map(
      (await handle.db.selectFrom('ticket').select(['id', 'last_modified_at']).execute()).map((t) => [
        t.id,
        t.last_modified_at,
      ]),
    )
    let moved = desk.world.advance(2 * 86_400_000)
    for (let day = 0; day < 10 && !moved.deleted.Tickets?.length; day++) {
      // Deletions are rare: walk on until the world has deleted a ticket.
      const more = desk.world.advance(86_400_000)
      moved = {
        ...more,
        from: moved.from,
        deleted: { Tickets: [...(moved.deleted.Tickets ?? []), ...(more.deleted.Tickets ?? [])] },
      }
    }
    expect(moved.deleted.Tickets?.length ?? 0).toBeGreaterThan(0)
    desk.sim.resetCounters()
    const summary = await connector.sync({ reconcileEveryMs: 0 })
    expect(summary.error).toBeUndefined()
    expect(summary.ok).toBe(true)
    await expectWorld(handle, desk.world)
    // Deleted tickets went through the id scan, their notes and time with them.
    const deleted = await handle.db
      .selectFrom('deleted_record')
      .select('record_id')
      .where('psa', '=', 'connectwise')
      .where('entity', '=', 'Tickets')
      .execute()
    expect(deleted.map((row) => row.record_id)).toEqual(expect.arrayContaining(moved.deleted.Tickets!))
    // Notes were read for every ticket that is new or has a new lastUpdated, and for no other.
    const now = await handle.db.selectFrom('ticket').select(['id', 'last_modified_at']).execute()
    const changed = now.filter((t) => stamps.get(t.id) !== t.last_modified_at).map((t) => t.id)
    expect(changed.length).toBeGreaterThan(0)
    const noteReads = requestPaths(desk)
      .filter((path) => /^service\/tickets\/\d+\/notes$/.test(path))
      .map((path) => Number(path.split('/')[2]))
    expect(noteReads.sort((a, b) => a - b)).toEqual(changed.sort((a, b) => a - b))
  })
})

describe('ConnectWise refresh on a callback', () => {
  test('re-reads the named tickets: a changed one with its notes, a deleted one goes with its notes and time', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const connector = connectorFor(handle, desk.credentials)
    await connector.sync()
    let moved = desk.world.advance(86_400_000)
    for (let day = 0; day < 10 && !moved.deleted.Tickets?.length; day++) moved = desk.world.advance(86_400_000)
    const deleted = moved.deleted.Tickets![0]!
    const changed = (moved.updated.Tickets ?? []).find((id) => desk.world.get('Tickets', id))!
    desk.sim.resetCounters()
    const summary = await connector.refresh('Tickets', [changed, deleted])
    expect(summary).toMatchObject({ ok: true })
    const row = await handle.db.selectFrom('ticket').selectAll().where('id', '=', changed).executeTakeFirstOrThrow()
    expect(row.status).toBe(desk.world.get('Tickets', changed)!.status)
    const notes = await handle.db.selectFrom('ticket_note').select('id').where('ticket_id', '=', changed).execute()
    expect(notes.map((n) => n.id).sort()).toEqual(
      desk.world
        .records('TicketNotes')
        .filter((n) => n.ticketID === changed)
        .map((n) => n.id)
        .sort(),
    )
    expect(await handle.db.selectFrom('ticket').select('id').where('id', '=', deleted).execute()).toEqual([])
    for (const table of ['ticket_note', 'time_entry'] as const) {
      expect(await handle.db.selectFrom(table).select('id').where('ticket_id', '=', deleted).execute()).toEqual([])
    }
    // One list of the two ids, and the notes of the one that changed.
    expect(requestPaths(desk)).toEqual(['service/tickets', `service/tickets/${changed}/notes`])
    const run = await handle.db.selectFrom('sync_run').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect([run.kind, run.ok]).toEqual(['webhook', 1])
  })
})
