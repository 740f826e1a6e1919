import type { CwRecord } from './conditions.js'
import { cwTime, RATING_QUESTION_ID, reference } from './translate.js'
import type { WorldView } from './translate.js'
import { publicHolidays } from '../../../kpi-library/holidays.js'
import { DAY, isHoliday } from '../../autotask/simulator/world/clock.js'
import { PRIORITY, SLA_FACTOR, SLA_TARGET_HOURS } from '../../autotask/simulator/world/picklists.js'

/**
 * The setup lists a connector reads labels from (boards, statuses, priorities, sources, types, work types ...), made
 * from the world's picklists. ConnectWise keeps statuses, types, subtypes and items per board; the world has one set
 * for every queue, so each board lists the same values under the same ids.
 */

const COMPLETE = 5

function entry(view: WorldView, choice: { id: number; name: string }, extra: CwRecord = {}): CwRecord {
  return { id: choice.id, name: choice.name, ...extra, inactiveFlag: false, _info: lookupInfo(view) }
}

/** Setup records have no history in the world; they count as entered and updated when the world began. */
function lookupInfo(view: WorldView): CwRecord {
  const start = cwTime(view.world.options.now)
  return { dateEntered: start, lastUpdated: start }
}

export function boards(view: WorldView): CwRecord[] {
  return view.choices('Tickets', 'queueID').map((choice) => entry(view, choice, { projectFlag: false }))
}

/** A board's reference, or undefined when there is no such board. */
export function boardRef(view: WorldView, boardId: number): CwRecord | undefined {
  const label = view.label('Tickets', 'queueID', boardId)
  return label === null ? undefined : reference(boardId, label)!
}

export function boardStatuses(view: WorldView, board: CwRecord): CwRecord[] {
  return view.choices('Tickets', 'status').map((choice) =>
    entry(view, choice, {
      board,
      sortOrder: choice.sortOrder,
      defaultFlag: choice.sortOrder === 1,
      closedStatus: choice.id === COMPLETE,
      displayOnBoard: true,
      timeEntryNotAllowed: choice.id === COMPLETE,
    }),
  )
}

export function boardTypes(view: WorldView, board: CwRecord): CwRecord[] {
  return view.choices('Tickets', 'ticketType').map((choice) => entry(view, choice, { board, category: 'Reactive' }))
}

export function boardSubTypes(view: WorldView, board: CwRecord): CwRecord[] {
  return view.choices('Tickets', 'issueType').map((choice) => entry(view, choice, { board }))
}

/** Items carry the subtype they belong under (ConnectWise links them through type/subtype/item associations). */
export function boardItems(view: WorldView, board: CwRecord): CwRecord[] {
  const field = view.world.fields('Tickets').find((candidate) => candidate.name === 'subIssueType')
  const parents = new Map((field?.picklistValues ?? []).map((value) => [Number(value.value), value.parentValue]))
  return view.choices('Tickets', 'subIssueType').map((choice) => {
    const parent = parents.get(choice.id)
    const subType = parent == null ? null : view.picklistRef('Tickets', 'issueType', Number(parent))
    return entry(view, choice, { board, subType })
  })
}

export function priorities(view: WorldView): CwRecord[] {
  return view
    .choices('Tickets', 'priority')
    .map((choice) => entry(view, choice, { sort: choice.sortOrder, defaultFlag: choice.name === 'Medium' }))
}

export function sources(view: WorldView): CwRecord[] {
  return view.choices('Tickets', 'source').map((choice) => entry(view, choice, { defaultFlag: choice.id === 1 }))
}

/**
 * The world's SLAs as ConnectWise's: each priority's respond, plan-within and resolution hours are the world's
 * targets for it (SLA_TARGET_HOURS) scaled by the SLA (SLA_FACTOR), on the world's business calendar. The SLA's own
 * hours are those of its default priority, Medium.
 */
export function serviceLevelAgreements(view: WorldView): CwRecord[] {
  const [calendar] = calendars(view)
  return view.choices('Tickets', 'serviceLevelAgreementID').map((choice) =>
    entry(view, choice, {
      basedOn: 'Custom',
      customCalendar: reference(calendar!.id, calendar!.name as string),
      defaultFlag: false,
      ...slaHours(choice.id, PRIORITY.medium),
    }),
  )
}

export function slaPriorities(view: WorldView, sla: CwRecord): CwRecord[] {
  return view.choices('Tickets', 'priority').map((priority) => ({
    id: (sla.id as number) * 100 + priority.id,
    priority: { id: priority.id, name: priority.name, sort: priority.sortOrder, _info: {} },
    ...slaHours(sla.id as number, priority.id),
    sla: reference(sla.id, sla.name as string),
    _info: lookupInfo(view),
  }))
}

function slaHours(slaId: number, priority: number): CwRecord {
  const [respond, plan, resolve] = SLA_TARGET_HOURS[priority]!.map((hours) => hours * SLA_FACTOR[slaId]!)
  return { respondHours: respond, planWithin: plan, resolutionHours: resolve }
}

const HOLIDAY_LIST = { id: 1, name: 'Nederlandse feestdagen' }

/** The world's business calendar (world/clock.ts addBusinessTime): Monday to Friday 08:30-17:30, Dutch holidays. */
export function calendars(view: WorldView): CwRecord[] {
  const open = { startTime: '08:30:00', endTime: '17:30:00' }
  const week: CwRecord = {}
  for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']) {
    const working = day !== 'saturday' && day !== 'sunday'
    week[`${day}StartTime`] = working ? open.startTime : null
    week[`${day}EndTime`] = working ? open.endTime : null
  }
  return [
    {
      id: 1,
      name: 'Kantooruren',
      holidayList: reference(HOLIDAY_LIST.id, HOLIDAY_LIST.name),
      ...week,
      _info: lookupInfo(view),
    },
  ]
}

export function holidayLists(view: WorldView): CwRecord[] {
  return [{ ...HOLIDAY_LIST, _info: lookupInfo(view) }]
}

/** The world's holidays (world/clock.ts isHoliday), whole days, from the year of its first ticket to next year. */
export function holidays(view: WorldView): CwRecord[] {
  const first = view.world.records('Tickets')[0]?.createDate
  const now = view.world.now().getTime()
  const from = new Date(Math.min(now, first ? Date.parse(String(first)) : now)).getUTCFullYear()
  const to = new Date(now).getUTCFullYear() + 1
  const names = new Map<string, string>()
  for (let year = from; year <= to; year++)
    for (const day of publicHolidays('NL', year)) names.set(day.date, day.name.nl)
  const rows: CwRecord[] = []
  for (let day = Date.UTC(from, 0, 1) / DAY; day < Date.UTC(to + 1, 0, 1) / DAY; day++) {
    if (!isHoliday(day)) continue
    const date = new Date(day * DAY).toISOString().slice(0, 10)
    rows.push({
      id: day,
      name: names.get(date) ?? 'Feestdag',
      allDayFlag: true,
      date,
      timeStart: null,
      timeEnd: null,
      holidayList: reference(HOLIDAY_LIST.id, HOLIDAY_LIST.name),
      _info: lookupInfo(view),
    })
  }
  return rows
}

export function agreementTypes(view: WorldView): CwRecord[] {
  return view.choices('Contracts', 'contractType').map((choice) => entry(view, choice, { defaultFlag: false }))
}

export function workTypes(view: WorldView): CwRecord[] {
  return view
    .choices('TimeEntries', 'billingCodeID')
    .map((choice) => entry(view, choice, { billTime: choice.name === 'Internal' ? 'NoCharge' : 'Billable' }))
}

export function workRoles(view: WorldView): CwRecord[] {
  return view.choices('TimeEntries', 'roleID').map((choice) => entry(view, choice))
}

/** A survey's questions: the world's surveys ask for one rating from 1 to 5. */
export function surveyQuestions(view: WorldView, survey: CwRecord): CwRecord[] {
  return [
    {
      id: RATING_QUESTION_ID,
      surveyId: survey.id,
      sequenceNumber: 1,
      type: 'Rating',
      question: survey.headerText ?? survey.name,
      options: [1, 2, 3, 4, 5].map((points) => ({ id: points, sequenceNumber: points, points, defaultFlag: false })),
      includeFlag: true,
      requiredFlag: true,
      noAnswerPoints: 0,
      _info: lookupInfo(view),
    },
  ]
}
