import type { CwRecord } from './conditions.js'
import { cwTime, RATING_QUESTION_ID, reference } from './translate.js'
import type { WorldView } from './translate.js'

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

export function serviceLevelAgreements(view: WorldView): CwRecord[] {
  return view.choices('Tickets', 'serviceLevelAgreementID').map((choice) => entry(view, choice))
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
