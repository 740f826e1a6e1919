import type { ApiRecord } from '../store.js'
import { DAY, HOUR, MINUTE, iso, isBusinessDay, isoDate, localDay, localToUtc, quantize, weekday } from './clock.js'
import type { BusinessContext, BusinessPart, Planner } from './business.js'
import { FIRST_ID, atHours } from './business.js'
import { ODDS } from './odds.js'
import { BILLING_CODE, CONTRACT_TYPE, PROJECT_STATUS, PROJECT_TYPE, TASK_STATUS } from './picklists.js'
import { Rng, mix } from './random.js'
import { NO_UDFS } from './roster.js'
import type { ContractInfo, Staff } from './types.js'

// Projects: every fixed-price project contract becomes a project for its client (starting with the
// contract, or with the history if the contract is older), and the MSP runs an internal project each
// quarter. A project's tasks split its hour budget; how much work they really take is drawn up front,
// so some projects finish under budget and some run over. A project consultant (the least busy one
// leads a new project) works on the current task of each of their projects on most business days,
// oldest project first, helped on bigger projects by a systems engineer who fits blocks into the
// gaps the service desk left in their diary (project work is booked after the desk's own work of the
// day), each logging task time against it.

/** Time entry type of task time (picklists.ts TIME_ENTRY_TYPE_CHOICES). */
const TASK_TIME = 6
const CHUNKS = [1, 1.5, 2, 2, 2.5, 3, 4]
const INTERNAL_EVERY_DAYS = 91

const TASKS_SHORT = ['Inventarisatie en plan van aanpak', 'Uitvoering', 'Overdracht en nazorg']
const TASKS_LONG = [
  'Inventarisatie en plan van aanpak',
  'Ontwerp en voorbereiding',
  'Uitvoering',
  'Test en acceptatie',
  'Overdracht en nazorg',
]
const INTERNAL_NAMES = [
  'Intern: documentatie en kennisbank',
  'Intern: standaardisatie werkplekken',
  'Intern: vervanging eigen telefonie',
  'Intern: monitoring opschonen',
]

interface TaskPlan {
  record: ApiRecord
  /** The hours the task really takes (its estimate times the project's luck). */
  work: number
  done: number
}

interface ProjectPlan {
  record: ApiRecord
  tasks: TaskPlan[]
  current: number
  engineers: Staff[]
  billable: boolean
  contractId: number | null
  started: boolean
}

export function planProjects(ctx: BusinessContext): BusinessPart {
  let nextProject: number = FIRST_ID.Projects
  let nextTask: number = FIRST_ID.Tasks
  const running: ProjectPlan[] = []
  const finance = ctx.roster.staff.find((s) => s.role === 'finance')!
  const consultants = ctx.roster.staff.filter((s) => s.role === 'consultant')
  // Contract projects by the business day they start on.
  const byStart = new Map<number, Array<{ companyId: number; contract: ContractInfo | null }>>()
  for (const company of ctx.roster.companies) {
    for (const contract of company.contracts) {
      if (contract.type !== CONTRACT_TYPE.fixedPrice || contract.endDay < ctx.startDay + 10) continue
      let day = Math.max(contract.startDay, ctx.startDay)
      while (!isBusinessDay(day)) day++
      const list = byStart.get(day) ?? []
      list.push({ companyId: company.id, contract })
      byStart.set(day, list)
    }
  }

  return {
    day(plan, day) {
      if (day < ctx.startDay || !isBusinessDay(day)) return
      const rng = new Rng(mix(ctx.seed, day, 0x9c7))
      const helpers = ctx.roster.staff.filter(
        (s) =>
          (s.role === 'l2' || s.role === 'lead') && s.hireDay <= day && (s.leftDay === null || s.leftDay > day + 45),
      )
      const starts = [...(byStart.get(day) ?? [])]
      if (isFirstOfPeriod(day, ctx.startDay) && !running.some((p) => p.contractId === null))
        starts.push({ companyId: 0, contract: null })
      // The projects of a day are set up one after another, each with its tasks, so ids follow creation.
      let setUpAt = atHours(rng, day, 8.5, 9.5)
      for (const { companyId, contract } of starts) {
        running.push(start(plan, rng, setUpAt, companyId, contract, helpers))
        setUpAt = quantize(setUpAt + rng.int(10, 25) * MINUTE)
      }
      for (const project of running) work(plan, rng, day, project)
      for (let i = running.length - 1; i >= 0; i--)
        if (running[i]!.current >= running[i]!.tasks.length) running.splice(i, 1)
    },
  }

  /** Creates the project and its tasks at the start of `day` and draws how much work they will take. */
  function start(
    plan: Planner,
    rng: Rng,
    createdAt: number,
    companyId: number,
    contract: ContractInfo | null,
    helpers: Staff[],
  ): ProjectPlan {
    const day = localDay(createdAt)
    const internal = contract === null
    const budget = internal ? rng.int(30, 70) : Math.max(20, Number(contract.rec.estimatedHours ?? 40))
    const endDay = internal ? day + 60 : Math.max(contract.endDay, day + 21)
    const year = new Date(day * DAY).getUTCFullYear()
    const id = nextProject++
    const load = (who: Staff) => running.filter((p) => p.engineers[0] === who).length
    const lead = consultants.reduce((best, who) => (load(who) < load(best) ? who : best))
    const record: ApiRecord = {
      id,
      companyID: companyId,
      completedDateTime: null,
      completedPercentage: 0,
      contractID: contract?.id ?? null,
      createDateTime: iso(createdAt),
      description: null,
      endDateTime: iso(localToUtc(endDay, 17 * HOUR)),
      estimatedTime: budget,
      lastActivityDateTime: iso(createdAt),
      projectLeadResourceID: lead.id,
      projectName: internal
        ? INTERNAL_NAMES[(id - FIRST_ID.Projects) % INTERNAL_NAMES.length]!
        : String(contract.rec.contractName),
      projectNumber: `P${year}-${String(id - FIRST_ID.Projects + 1).padStart(4, '0')}`,
      projectType: internal ? PROJECT_TYPE.internal : PROJECT_TYPE.client,
      startDateTime: iso(localToUtc(day, 9 * HOUR)),
      status: PROJECT_STATUS.new,
      statusDateTime: iso(createdAt),
      userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
    }
    plan.insert('Projects', createdAt, record)
    // Most projects land within budget; about one in three overruns, some badly.
    const roll = rng.next()
    const { withinBudget, overBudget } = ODDS.projectBelow
    const luck =
      roll < withinBudget ? rng.range(0.8, 1.02) : roll < overBudget ? rng.range(1.05, 1.3) : rng.range(1.3, 1.6)
    const titles = budget > 60 ? TASKS_LONG : TASKS_SHORT
    const shares = titles.map(() => rng.range(0.5, 1.5))
    const total = shares.reduce((a, b) => a + b, 0)
    const engineers = budget > 80 && helpers.length > 0 ? [lead, rng.pick(helpers)] : [lead]
    const tasks = titles.map((title, i): TaskPlan => {
      const estimate = Math.max(1, Math.round(((budget * shares[i]!) / total) * 2) / 2)
      const taskAt = quantize(createdAt + (i + 1) * MINUTE)
      const task: ApiRecord = {
        id: nextTask++,
        assignedResourceID: engineers[i % engineers.length]!.id,
        billingCodeID: internal ? BILLING_CODE.internal : BILLING_CODE.project,
        completedDateTime: null,
        createDateTime: iso(taskAt),
        description: null,
        endDateTime: iso(localToUtc(endDay, 17 * HOUR)),
        estimatedHours: estimate,
        isTaskBillable: !internal,
        lastActivityDateTime: iso(taskAt),
        projectID: id,
        remainingHours: estimate,
        startDateTime: iso(localToUtc(day, 9 * HOUR)),
        status: TASK_STATUS.new,
        taskNumber: `${record.projectNumber}.${i + 1}`,
        taskType: 1,
        title,
        userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
      }
      plan.insert('Tasks', taskAt, task)
      return { record: task, work: Math.max(0.5, Math.round(estimate * luck * rng.range(0.85, 1.15) * 4) / 4), done: 0 }
    })
    return {
      record,
      tasks,
      current: 0,
      engineers,
      billable: !internal,
      contractId: contract?.id ?? null,
      started: false,
    }
  }

  /** A day's work on the current task: each engineer, most days, fits a block (the consultant two) into the gaps of their diary. */
  function work(plan: Planner, rng: Rng, day: number, project: ProjectPlan): void {
    const blocks = project.engineers.flatMap((who) => (who.role === 'consultant' ? [who, who] : [who]))
    for (const who of blocks) {
      const task = project.tasks[project.current]
      if (!task || !rng.chance(ODDS.projectWorkToday)) continue
      const left = task.work - task.done
      const wanted = Math.min(left, rng.pick(CHUNKS))
      let begin = -1
      let hours = 0
      for (const h of [wanted, 1, 0.5]) {
        if (h > wanted) continue
        begin = ctx.schedule.findOn(who.id, day, localToUtc(day, 0), Math.round(h * 4) * 15 * MINUTE)
        if (begin >= 0) {
          hours = h
          break
        }
      }
      if (begin < 0) continue
      const ms = Math.round(hours * 4) * 15 * MINUTE
      ctx.schedule.reserve(who.id, begin, ms, rng.int(0, 5) * MINUTE)
      const end = begin + ms
      const entry = timeEntry(rng, project, task, who, begin, end)
      plan.time(entry)
      const createdAt = Date.parse(String(entry.createDateTime))
      if (project.billable) {
        const approved = iso(approvalTime(rng, day, createdAt))
        plan.timeEdit(Date.parse(approved), entry, {
          billingApprovalDateTime: approved,
          billingApprovalLevelMostRecent: 1,
          billingApprovalResourceID: finance.id,
          lastModifiedDateTime: approved,
        })
      }
      if (!project.started) {
        project.started = true
        plan.edit('Projects', createdAt, project.record, {
          status: PROJECT_STATUS.inProgress,
          statusDateTime: iso(createdAt),
          lastActivityDateTime: iso(createdAt),
        })
      }
      task.done += hours
      if (task.done < task.work) {
        // The engineer updates the hours left on the task to what they now expect (to the half hour).
        const left = Math.max(0.5, Math.round((task.work - task.done) * 2) / 2)
        plan.edit('Tasks', createdAt, task.record, {
          status: TASK_STATUS.inProgress,
          remainingHours: left,
          lastActivityDateTime: iso(createdAt),
        })
        continue
      }
      plan.edit('Tasks', createdAt, task.record, {
        status: TASK_STATUS.complete,
        completedDateTime: iso(createdAt),
        remainingHours: 0,
        lastActivityDateTime: iso(createdAt),
      })
      project.current++
      if (project.current < project.tasks.length) continue
      plan.edit('Projects', createdAt, project.record, {
        status: PROJECT_STATUS.complete,
        completedDateTime: iso(createdAt),
        completedPercentage: 100,
        statusDateTime: iso(createdAt),
        lastActivityDateTime: iso(createdAt),
      })
      return
    }
  }

  function timeEntry(
    rng: Rng,
    project: ProjectPlan,
    task: TaskPlan,
    who: Staff,
    begin: number,
    end: number,
  ): ApiRecord {
    const created = iso(quantize(end + rng.int(3, 45) * MINUTE))
    const worked = Math.round(((end - begin) / HOUR) * 100) / 100
    return {
      id: 0,
      billingApprovalDateTime: null,
      billingApprovalLevelMostRecent: null,
      billingApprovalResourceID: null,
      billingCodeID: project.billable ? BILLING_CODE.project : BILLING_CODE.internal,
      contractID: project.contractId,
      createDateTime: created,
      dateWorked: isoDate(localDay(begin)),
      endDateTime: iso(end),
      hoursToBill: project.billable ? worked : 0,
      hoursWorked: worked,
      internalNotes: null,
      isNonBillable: !project.billable,
      lastModifiedDateTime: created,
      offsetHours: 0,
      resourceID: who.id,
      roleID: who.roleID,
      showOnInvoice: project.billable,
      startDateTime: iso(begin),
      summaryNotes: `${task.record.title}: werkzaamheden uitgevoerd.`,
      taskID: task.record.id,
      ticketID: null,
      timeEntryType: TASK_TIME,
      userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
    }
  }
}

/** Finance approves billable project time on the Tuesday after the week it was worked. */
function approvalTime(rng: Rng, day: number, createdAt: number): number {
  let approveDay = day + ((7 - weekday(day)) % 7) + 1
  while (weekday(approveDay) !== 2) approveDay++
  return Math.max(atHours(rng, approveDay, 9.5, 12), quantize(createdAt + HOUR))
}

/** Whether `day` is the first business day of its internal-project period (every INTERNAL_EVERY_DAYS from the history's start). */
function isFirstOfPeriod(day: number, startDay: number): boolean {
  if (!isBusinessDay(day)) return false
  const periodStart = day - ((day - startDay) % INTERNAL_EVERY_DAYS)
  for (let d = periodStart; d < day; d++) if (isBusinessDay(d)) return false
  return true
}
