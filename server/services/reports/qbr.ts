import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { billedEntries, prepaidHoursUsed } from '../../../kpi-library/billing.js'
import { CONTRACT_KIND } from '../../../db/psa-model.js'
import { MSP_COMPANY } from '../../../kpi-library/clients.js'
import { ENTRY_COMPANY } from '../../../kpi-library/contracts.js'
import {
  commentFor,
  commentTypesParam,
  positiveShare,
  surveyComments,
  surveyRows,
} from '../../../kpi-library/kpis/csat/shared.js'
import {
  currentRatings,
  ratingQueries,
  ratingSource,
  reviewListRow,
  reviewRows,
} from '../../../kpi-library/kpis/csat/smileback.js'
import { slaPercent } from '../../../kpi-library/kpis/sla/shared.js'
import { historyStart } from '../../../kpi-library/history.js'
import { labelOr, priorityName } from '../../../kpi-library/lists.js'
import { loadSettings } from '../../../kpi-library/settings.js'
import {
  completedIn,
  createdIn,
  percent,
  labelOf,
  PRIORITY_COLUMNS,
  udfNumber,
  urgencyRank,
} from '../../../kpi-library/sql.js'
import { addDays, firstOfMonth, localDate, localDatesWindow, mondayOf, type Window } from '../../../kpi-library/time.js'
import type { Lang, Text } from '../../../kpi-library/wire-types.js'
import { lastFullQuarter, parseQuarter, type Quarter, shiftQuarter } from './quarter.js'

// The client review (QBR) of one client company for one quarter, with the quarter before it to compare: what the
// account manager hands the client. Every figure the KPI library also counts is counted by its rule here (created
// and completed tickets, SLA met, CSAT positive share and SmileBack's reviews once connected, an entry's client,
// prepaid hours used), so the QBR and the walls never tell the client two numbers for one thing.
// The HTML is qbr-html.ts's.

export class QbrError extends Error {
  override name = 'QbrError'
  constructor(
    readonly code: 'unknown_company' | 'bad_quarter',
    message: string,
  ) {
    super(message)
  }
}

/** A count under a label (a picklist's own label, else our word in both languages). */
export interface LabelCount {
  key: string
  label: string | Text
  count: number
}

/** Met among those with a verdict (`total`), and its share: the shape of the SLA tiles' slaPercent. */
export type MetShare = ReturnType<typeof slaPercent>

export interface QuarterFigures {
  quarter: Quarter
  /** The last local date counted: the quarter's end, or today while the quarter runs. */
  through: string
  tickets: {
    created: number
    /** Completed in the quarter (status Complete, completed then), as every "completed" tile counts. */
    completed: number
    /** Open when the quarter ended (or now, while it runs). */
    openAtEnd: number
    /** Of the tickets created, by priority, most urgent first. */
    byPriority: LabelCount[]
    /** Of the tickets created, by issue type, most first. */
    byIssueType: LabelCount[]
  }
  sla: {
    /** The ticket's SLA verdict on tickets completed in the quarter (as SLA compliance by client counts it). */
    overall: MetShare
    /** Per SLA event, from Autotask's SLA results on those tickets. */
    firstResponse: MetShare
    resolution: MetShare
  }
  csat: {
    /** Rated responses (SmileBack's reviews once connected, else Autotask's survey results). */
    responses: number
    positive: number
    negative: number
    /** Positive share (4 or 5 on 1-5; a positive SmileBack face), as the CSAT tiles count it. */
    pct: number | null
  }
  hours: {
    worked: number
    /** Worked on entries not marked non-billable (as the billable-hours tiles count them). */
    billable: number
    /** Per contract the hours were billed under (none: per hour, without a contract), most hours first. */
    byContract: Array<{
      contractId: number | null
      name: string | null
      type: string | null
      worked: number
      billable: number
    }>
  }
}

export interface QbrComment {
  at: string
  /** On the survey scale 1-5 (a SmileBack face as 5, 3 or 1). */
  rating: number
  /** SmileBack's face (1, 0, -1) when the comment came from SmileBack. */
  face: number | null
  comment: string
  ticketNumber: string | null
  contactName: string | null
}

export interface AgreementUse {
  contractId: number
  name: string | null
  type: string | null
  startDate: string | null
  endDate: string | null
  /** The contract's "Hours Purchased"; null when it names none. */
  purchased: number | null
  /** Prepaid hours used in the quarter, and in the contract's term up to the quarter's end. */
  usedInQuarter: number
  usedToDate: number
  /** Purchased minus used to date; null without a purchase. */
  left: number | null
  usedPct: number | null
}

export interface RecurringIssue {
  label: string | Text
  count: number
  previous: number
}

export interface QbrReport {
  company: { id: number; name: string }
  lang: Lang
  tz: string
  generatedAt: string
  current: QuarterFigures
  previous: QuarterFigures
  /** Where the CSAT figures come from. */
  csatSource: 'psa' | 'smileback'
  /** The client's comments of the quarter, negative first, then oldest first. */
  comments: QbrComment[]
  /** Block-hour and retainer contracts that ran in the quarter. */
  agreements: AgreementUse[]
  /** Issue types (and sub-issue types) raised at least twice in the quarter, most first. */
  recurring: RecurringIssue[]
  /** Per week of the quarter (its first week may start before the quarter; counts are the quarter's days only). */
  weeks: Array<{ start: string; created: number; completed: number; hours: number }>
  /** Per month of the quarter. */
  months: Array<{ month: string; slaPct: number | null; csatPct: number | null }>
  /** The local date the synced tickets start on (null: none): a quarter before it is counted only in part. */
  dataFrom: string | null
  brand: { color: string; logo: string | null }
}

export interface QbrOptions {
  companyId: number
  /** `2026-Q3`; the last full quarter when left out. */
  quarter?: string
  lang: Lang
  now: Date
  tz: string
}

/** Prepaid contract types (Block Hours, Retainer), as Prepaid hours low reads them. */
const PREPAID_TYPES = [CONTRACT_KIND.blockHours, CONTRACT_KIND.retainer]
/** Positive from this rating up (1-5), the CSAT tiles' default. */
const MIN_POSITIVE = 4
const MAX_NEGATIVE = 2
const TOP_RECURRING = 8

export async function buildQbr(db: Kysely<Database>, options: QbrOptions): Promise<QbrReport> {
  const { companyId, now, tz } = options
  let quarter: Quarter
  try {
    quarter = options.quarter ? parseQuarter(options.quarter, now, tz) : lastFullQuarter(now, tz)
  } catch (error) {
    throw new QbrError('bad_quarter', (error as Error).message)
  }
  const company = await db.selectFrom('company').select(['id', 'name']).where('id', '=', companyId).executeTakeFirst()
  if (!company || company.id === MSP_COMPANY)
    throw new QbrError('unknown_company', `no client company with id ${companyId}`)
  const client = { db, companyId, now, tz }
  const current = await quarterFigures(client, quarter)
  const previous = await quarterFigures(client, shiftQuarter(quarter, -1))
  const window = quarterWindow(quarter, now, tz)
  const { settings } = await loadSettings(db)
  const first = (await historyStart(db, 'tickets').executeTakeFirst())?.first
  const created = await createdTickets(client, window)
  const previousCreated = await createdTickets(client, quarterWindow(previous.quarter, now, tz))
  return {
    company: { id: company.id, name: company.name },
    lang: options.lang,
    tz,
    generatedAt: now.toISOString(),
    current,
    previous,
    csatSource: ratingSource(await ratingsIn(client, window).then((r) => r.smileBack)),
    comments: await comments(client, window),
    agreements: await agreementUse(client, quarter, current.through),
    recurring: recurring(created, previousCreated),
    weeks: await weeks(client, quarter, current.through, window, created),
    months: await months(client, quarter, current.through),
    brand: { color: settings.brandColor, logo: settings.brandLogo },
    dataFrom: first ? localDate(new Date(first), tz) : null,
  }
}

type Client = { db: Kysely<Database>; companyId: number; now: Date; tz: string }

/** The quarter's local days as instants, up to now while it runs. */
function quarterWindow(q: Quarter, now: Date, tz: string): Window {
  return datesWindow(q.from, q.to, now, tz)
}

function datesWindow(from: string, to: string, now: Date, tz: string): Window {
  const window = localDatesWindow(from, addDays(to, 1), tz)
  return window.until > now.toISOString() ? { after: window.after, until: now.toISOString() } : window
}

async function quarterFigures(client: Client, quarter: Quarter): Promise<QuarterFigures> {
  const { db, companyId, now, tz } = client
  const today = localDate(now, tz)
  const through = quarter.to < today ? quarter.to : today
  const window = quarterWindow(quarter, now, tz)
  const created = await createdTickets(client, window)
  const completed = await completedTickets(client, window)
  const open = await db
    .selectFrom('ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket.company_id', '=', companyId)
    .where('ticket.created_at', '<=', window.until)
    .where((eb) =>
      eb.or([
        eb.and([eb('ticket.completed_at', 'is', null), eb('ticket.state', '!=', 'complete')]),
        eb('ticket.completed_at', '>', window.until),
      ]),
    )
    .executeTakeFirstOrThrow()
  const events = await db
    .selectFrom('sla_result')
    .select(['first_response_met', 'resolution_met'])
    .where(
      'ticket_id',
      'in',
      completed.map((t) => t.id),
    )
    .execute()
  const ratings = currentRatings(await ratingsIn(client, window))
  const hours = await hoursByContract(client, quarter.from, through)
  // Each priority has one urgency; the most urgent first.
  const urgencyOf = new Map(created.map((t) => [String(t.priority), t.urgency]))
  return {
    quarter,
    through,
    tickets: {
      created: created.length,
      completed: completed.length,
      openAtEnd: Number(open.n),
      byPriority: counted(
        created,
        (t) => String(t.priority),
        (t) => priorityName({ ...t, label: t.priorityLabel }),
      ).sort((a, b) => urgencyRank(urgencyOf.get(a.key) ?? null) - urgencyRank(urgencyOf.get(b.key) ?? null)),
      byIssueType: counted(
        created,
        (t) => String(t.issueType),
        (t) => labelOr(t.issueTypeLabel, t.issueType, { en: 'No issue type', nl: 'Geen probleemtype' }),
      ).sort((a, b) => b.count - a.count),
    },
    sla: {
      overall: slaPercent(completed),
      firstResponse: metShare(events.map((e) => e.first_response_met)),
      resolution: metShare(events.map((e) => e.resolution_met)),
    },
    csat: {
      responses: ratings.length,
      positive: ratings.filter((r) => r.rating >= MIN_POSITIVE).length,
      negative: ratings.filter((r) => r.rating <= MAX_NEGATIVE).length,
      pct: positiveShare(ratings, MIN_POSITIVE),
    },
    hours: {
      worked: sumOf(hours, (h) => h.worked),
      billable: sumOf(hours, (h) => h.billable),
      byContract: hours,
    },
  }
}

const sumOf = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((sum, row) => sum + value(row), 0)

function metShare(verdicts: Array<0 | 1 | null>): MetShare {
  const judged = verdicts.filter((v) => v !== null)
  const met = judged.filter((v) => v === 1).length
  return { met, total: judged.length, pct: percent(met, judged.length) }
}

function counted<R>(rows: readonly R[], key: (row: R) => string, label: (row: R) => string | Text): LabelCount[] {
  const out = new Map<string, LabelCount>()
  for (const row of rows) {
    const k = key(row)
    const entry = out.get(k) ?? { key: k, label: label(row), count: 0 }
    entry.count++
    out.set(k, entry)
  }
  return [...out.values()]
}

function createdTickets({ db, companyId }: Client, window: Window) {
  return db
    .selectFrom('ticket')
    .select([
      'ticket.id as id',
      'ticket.created_at as createdAt',
      ...PRIORITY_COLUMNS,
      'ticket.issue_type as issueType',
      labelOf('ticketCategory', 'ticket.issue_type').as('issueTypeLabel'),
      'ticket.sub_issue_type as subIssueType',
      labelOf('ticketSubcategory', 'ticket.sub_issue_type').as('subIssueTypeLabel'),
    ])
    .where('ticket.company_id', '=', companyId)
    .where(createdIn(window))
    .execute()
}

type CreatedTicket = Awaited<ReturnType<typeof createdTickets>>[number]

function completedTickets({ db, companyId }: Client, window: Window) {
  return db
    .selectFrom('ticket')
    .select(['ticket.id as id', 'ticket.completed_at as completedAt', 'ticket.sla_met'])
    .where('ticket.company_id', '=', companyId)
    .where(completedIn(window))
    .execute()
}

/** The client's rated surveys and SmileBack reviews in the window, and whether SmileBack is connected. */
async function ratingsIn({ db, companyId }: Client, window: Window) {
  const queries = ratingQueries(db, window)
  return {
    surveys: await queries.surveys.where('survey_result.company_id', '=', companyId).execute(),
    reviews: await queries.reviews.where('smileback_review.company_id', '=', companyId).execute(),
    smileBack: await queries.smileBack.execute(),
  }
}

/** The client's comments in the window: SmileBack's own once connected, else the survey comments on the tickets. */
async function comments(client: Client, window: Window): Promise<QbrComment[]> {
  const { db, companyId } = client
  const smileBack = (await ratingsIn(client, window)).smileBack.length > 0
  let rows: QbrComment[]
  if (smileBack) {
    const reviews = await reviewRows(db)
      .where('smileback_review.company_id', '=', companyId)
      .where('smileback_review.rating', 'is not', null)
      .where('smileback_review.rated_on', '>', window.after)
      .where('smileback_review.rated_on', '<=', window.until)
      .execute()
    rows = reviews.map((review) => {
      const row = reviewListRow({ ...review, rating: review.rating!, ratedOn: review.ratedOn! })
      return {
        at: row.completedAt,
        rating: row.rating,
        face: row.smileBackRating,
        comment: (review.comment ?? '').trim(),
        ticketNumber: row.ticketNumber,
        contactName: row.contactName,
      }
    })
  } else {
    const surveys = surveyRows(db)
      .where('survey_result.company_id', '=', companyId)
      .where('survey_result.rating', 'is not', null)
      .where('survey_result.completed_at', '>', window.after)
      .where('survey_result.completed_at', '<=', window.until)
    const found = await surveys.execute()
    const notes = await surveyComments(
      db,
      commentTypesParam().default,
      surveys.clearSelect().select('survey_result.ticket_id'),
    ).execute()
    rows = found.map((survey) => ({
      at: survey.completedAt!,
      rating: survey.rating!,
      face: null,
      comment: (commentFor({ ticketId: survey.ticketId, completedAt: survey.completedAt! }, notes) ?? '').trim(),
      ticketNumber: survey.ticketNumber,
      contactName: survey.contactName,
    }))
  }
  return rows.filter((row) => row.comment !== '').sort((a, b) => a.rating - b.rating || a.at.localeCompare(b.at))
}

/** Hours on the client's entries worked on the local dates [from, to], per contract they are billed under. */
async function hoursByContract({ db, companyId }: Client, from: string, to: string) {
  const rows = await billedEntries(db)
    .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
    .select([
      'billing_contract.id as contractId',
      'billing_contract.name as name',
      labelOf('contractKind', 'billing_contract.contract_type').as('type'),
      sql<number>`sum(time_entry.hours_worked)`.as('worked'),
      sql<number>`sum(case when time_entry.non_billable = 0 then time_entry.hours_worked else 0 end)`.as('billable'),
    ])
    .where(ENTRY_COMPANY, '=', companyId)
    .where('time_entry.date_worked', '>=', from)
    .where('time_entry.date_worked', '<=', to)
    .groupBy(['billing_contract.id', 'billing_contract.name', 'billing_contract.contract_type'])
    .execute()
  return rows
    .map((row) => ({ ...row, worked: Number(row.worked), billable: Number(row.billable) }))
    .sort((a, b) => b.worked - a.worked || (a.contractId ?? 0) - (b.contractId ?? 0))
}

/** The client's block-hour and retainer contracts that ran in the quarter, with the prepaid hours used. */
async function agreementUse({ db, companyId }: Client, quarter: Quarter, through: string): Promise<AgreementUse[]> {
  const contracts = await db
    .selectFrom('contract')
    .select([
      'contract.id as contractId',
      'contract.name as name',
      labelOf('contractKind', 'contract.contract_type').as('type'),
      'contract.start_date as startDate',
      'contract.end_date as endDate',
      'contract.udf as udf',
    ])
    .where('contract.company_id', '=', companyId)
    .where('contract.contract_type', 'in', PREPAID_TYPES)
    .where((eb) => eb.or([eb('contract.start_date', 'is', null), eb('contract.start_date', '<=', quarter.to)]))
    .where((eb) => eb.or([eb('contract.end_date', 'is', null), eb('contract.end_date', '>=', quarter.from)]))
    .orderBy('contract.start_date')
    .orderBy('contract.id')
    .execute()
  if (contracts.length === 0) return []
  const used = prepaidHoursUsed()
  const ids = contracts.map((k) => k.contractId)
  // Only the entries that may be billed under them (booked to one, or to a ticket of this client under one), found
  // through the contract and ticket indexes rather than by reading every entry up to the quarter's end.
  const underTickets = db
    .selectFrom('ticket')
    .select('ticket.id')
    .where('ticket.company_id', '=', companyId)
    .where('ticket.contract_id', 'in', ids)
  const usage = await billedEntries(db)
    .select([
      'billing_contract.id as contractId',
      sql<number>`sum(case when time_entry.date_worked >= ${quarter.from} then ${used} else 0 end)`.as('inQuarter'),
      sql<number>`sum(${used})`.as('toDate'),
    ])
    .where((eb) => eb.or([eb('time_entry.contract_id', 'in', ids), eb('time_entry.ticket_id', 'in', underTickets)]))
    .where('billing_contract.id', 'in', ids)
    .where('time_entry.date_worked', '<=', through)
    .groupBy('billing_contract.id')
    .execute()
  const byContract = new Map(usage.map((u) => [u.contractId, u]))
  return contracts.map(({ udf, ...k }) => {
    const purchased = udfNumber(udf, 'Hours Purchased')
    const use = byContract.get(k.contractId)
    const usedToDate = Number(use?.toDate ?? 0)
    return {
      ...k,
      purchased,
      usedInQuarter: Number(use?.inQuarter ?? 0),
      usedToDate,
      left: purchased === null ? null : purchased - usedToDate,
      usedPct: purchased === null ? null : percent(usedToDate, purchased),
    }
  })
}

/** Issue type and sub-issue type raised at least twice in the quarter, with their count the quarter before. */
function recurring(created: CreatedTicket[], before: CreatedTicket[]): RecurringIssue[] {
  const key = (t: CreatedTicket) => (t.issueType === null ? null : `${t.issueType}/${t.subIssueType ?? ''}`)
  const label = (t: CreatedTicket): string | Text => {
    const issue = labelOr(t.issueTypeLabel, t.issueType, { en: '', nl: '' })
    const sub = t.subIssueType === null ? null : labelOr(t.subIssueTypeLabel, t.subIssueType, { en: '', nl: '' })
    return sub === null
      ? issue
      : { en: `${words(issue, 'en')} / ${words(sub, 'en')}`, nl: `${words(issue, 'nl')} / ${words(sub, 'nl')}` }
  }
  const earlier = new Map<string, number>()
  for (const t of before) {
    const k = key(t)
    if (k !== null) earlier.set(k, (earlier.get(k) ?? 0) + 1)
  }
  return counted(
    created.filter((t) => key(t) !== null),
    (t) => key(t)!,
    label,
  )
    .filter((item) => item.count >= 2)
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, TOP_RECURRING)
    .map((item) => ({ label: item.label, count: item.count, previous: earlier.get(item.key) ?? 0 }))
}

const words = (label: string | Text, lang: Lang) => (typeof label === 'string' ? label : label[lang])

/** Per week of the quarter: tickets created and completed, hours worked. */
async function weeks(
  client: Client,
  quarter: Quarter,
  through: string,
  window: Window,
  created: CreatedTicket[],
): Promise<QbrReport['weeks']> {
  const { db, companyId, tz } = client
  const starts: string[] = []
  for (let monday = mondayOf(quarter.from); monday <= quarter.to; monday = addDays(monday, 7)) starts.push(monday)
  const weekOf = (date: string) => Math.floor((Date.parse(date) - Date.parse(starts[0]!)) / (7 * 86_400_000))
  const out = starts.map((start) => ({ start, created: 0, completed: 0, hours: 0 }))
  for (const t of created) out[weekOf(localDate(new Date(t.createdAt), tz))]!.created++
  for (const t of await completedTickets(client, window))
    out[weekOf(localDate(new Date(t.completedAt!), tz))]!.completed++
  const days = await billedEntries(db)
    .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
    .select(['time_entry.date_worked as day', sql<number>`sum(time_entry.hours_worked)`.as('hours')])
    .where(ENTRY_COMPANY, '=', companyId)
    .where('time_entry.date_worked', '>=', quarter.from)
    .where('time_entry.date_worked', '<=', through)
    .groupBy('time_entry.date_worked')
    .execute()
  for (const d of days) out[weekOf(d.day)]!.hours += Number(d.hours)
  return out
}

/** Per month of the quarter: SLA met and CSAT positive share, each counted as the quarter's figures are. */
async function months(client: Client, quarter: Quarter, through: string): Promise<QbrReport['months']> {
  const out: QbrReport['months'] = []
  for (let month = firstOfMonth(quarter.from); month <= quarter.to; month = addDays(lastOfMonth(month), 1)) {
    if (month > through) {
      out.push({ month: month.slice(0, 7), slaPct: null, csatPct: null })
      continue
    }
    const window = datesWindow(month, lastOfMonth(month), client.now, client.tz)
    out.push({
      month: month.slice(0, 7),
      slaPct: slaPercent(await completedTickets(client, window)).pct,
      csatPct: positiveShare(currentRatings(await ratingsIn(client, window)), MIN_POSITIVE),
    })
  }
  return out
}

function lastOfMonth(first: string): string {
  return addDays(firstOfMonth(addDays(first, 31)), -1)
}
