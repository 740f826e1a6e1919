import { sql } from 'kysely'
import { bothLanguages, exact, formatNumber, pluralWord } from '../../format.js'
import { forMe, resourceName } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { FIELD } from '../../lists.js'

// A project's budget is its estimated time (the project's estimate in the PSA), or where that is empty the
// sum of its tasks' estimates. Its actual is the hours worked in time entries on its tasks: a time
// entry names its task, never its project (`time_entry.task_id`), and time on tickets linked to
// a project is not counted. Open means not completed (no completed_at), whatever the tenant's
// status labels. The projection adds the remaining hours of the open tasks.

export const projectsOverBudget = defineKpi({
  id: 'projects_over_budget',
  title: { en: 'Projects over or near their hour budget', nl: 'Projecten over of bijna over hun urenbudget' },
  description: {
    en: 'Open projects that have used 90% or more of their hour budget, worst first, with the hours still planned on their open tasks. Talk to the project lead now: re-plan, agree extra work with the client (change order), or accept the loss knowingly before the project is done.',
    nl: 'Open projecten die 90% of meer van hun urenbudget hebben gebruikt, de ergste bovenaan, met de uren die nog op hun open taken gepland staan. Spreek de projectleider nu: plan opnieuw, spreek meerwerk af met de klant, of neem het verlies bewust voordat het project klaar is.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['integrator', 'finance', 'owner', 'service-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now (all hours since each project started)', nl: 'nu (alle uren sinds de start van elk project)' },
  params: {
    nearPercent: {
      type: 'number',
      default: 90,
      min: 1,
      max: 1000,
      description: {
        en: 'List a project from this share of its budget used (percent).',
        nl: 'Toon een project vanaf dit deel van het budget gebruikt (procent).',
      },
    },
  },
  band: null,
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Re-plan or agree extra work', nl: 'Opnieuw plannen of meerwerk afspreken' },
    leavesWhen: {
      en: 'the project is completed, or its budget is raised above what it has used',
      nl: 'het project is afgerond, of het budget is verhoogd tot boven wat het gebruikt heeft',
    },
    owner: { en: 'the project lead', nl: 'de projectleider' },
    fields: [
      { key: 'projectName', label: { en: 'Project', nl: 'Project' }, type: 'text' },
      FIELD.companyName,
      { key: 'budgetHours', label: { en: 'Budget (h)', nl: 'Budget (u)' }, type: 'hours' },
      { key: 'actualHours', label: { en: 'Worked (h)', nl: 'Gewerkt (u)' }, type: 'hours' },
      { key: 'usedPct', label: { en: 'Used', nl: 'Gebruikt' }, type: 'percent' },
      { key: 'remainingHours', label: { en: 'Still planned (h)', nl: 'Nog gepland (u)' }, type: 'hours' },
      { key: 'projectedPct', label: { en: 'Projected', nl: 'Prognose' }, type: 'percent' },
      { key: 'endDate', label: { en: 'Ends', nl: 'Einddatum' }, type: 'date' },
      { key: 'leadName', label: { en: 'Project lead', nl: 'Projectleider' }, type: 'text' },
    ],
    sort: { en: 'share of the budget used, highest first', nl: 'deel van het budget gebruikt, hoogste eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Projects without a completed date whose hours worked on their tasks reach the set share of their budget (estimated time, else the sum of task estimates); for one person, the projects they lead.',
      nl: 'Projecten zonder afrondingsdatum waarvan de gewerkte uren op hun taken het ingestelde deel van hun budget halen (geschatte tijd, anders de som van de taakschattingen); voor één persoon, de projecten die hij of zij leidt.',
    },
    sources: [
      'project.estimated_hours',
      'project.completed_at',
      'project.lead_resource_id',
      'task.project_id',
      'task.estimated_hours',
      'task.remaining_hours',
      'task.completed_at',
      'time_entry.task_id',
      'time_entry.hours_worked',
    ],
    industry: {
      en: 'Not in the catalog; budget against actual hours per project, the project counterpart of G9 (agreements over budget).',
      nl: 'Niet in de catalogus; budget tegenover werkelijke uren per project, de projecttegenhanger van G9 (contracten boven budget).',
    },
  },
  queries: ({ db, me }) => {
    const open = forMe(
      db.selectFrom('project').select('project.id').where('project.completed_at', 'is', null),
      'project.lead_resource_id',
      me,
    )
    return {
      projects: db
        .selectFrom('project')
        .leftJoin('company', 'company.id', 'project.company_id')
        .leftJoin('resource', 'resource.id', 'project.lead_resource_id')
        .select([
          'project.id as projectId',
          'project.name as projectName',
          'project.number as projectNumber',
          'project.estimated_hours as estimated',
          'project.end_date as endDate',
          'company.name as companyName',
          resourceName().as('leadName'),
        ])
        .where('project.id', 'in', open),
      tasks: db
        .selectFrom('task')
        .select([
          'task.project_id as projectId',
          sql<number | null>`sum(task.estimated_hours)`.as('estimated'),
          sql<number>`sum(case when task.completed_at is null then coalesce(task.remaining_hours, 0) else 0 end)`.as(
            'remaining',
          ),
        ])
        .where('task.project_id', 'in', open)
        .groupBy('task.project_id'),
      hours: db
        .selectFrom('time_entry')
        .innerJoin('task', 'task.id', 'time_entry.task_id')
        .select(['task.project_id as projectId', sql<number>`sum(time_entry.hours_worked)`.as('hours')])
        .where('task.project_id', 'in', open)
        .groupBy('task.project_id'),
    }
  },
  compute: ({ projects, tasks, hours }, { params }) => {
    const taskBy = new Map(tasks.map((row) => [Number(row.projectId), row]))
    const hoursBy = new Map(hours.map((row) => [Number(row.projectId), Number(row.hours ?? 0)]))
    const rows = []
    for (const project of projects) {
      const id = Number(project.projectId)
      const own = Number(project.estimated ?? 0)
      const budget = own > 0 ? own : Number(taskBy.get(id)?.estimated ?? 0)
      if (!(budget > 0)) continue
      const actual = hoursBy.get(id) ?? 0
      const remaining = Number(taskBy.get(id)?.remaining ?? 0)
      const used = (100 * actual) / budget
      if (used < params.nearPercent) continue
      rows.push({
        projectId: id,
        projectName: project.projectName,
        projectNumber: project.projectNumber,
        companyName: project.companyName,
        budgetHours: exact(budget),
        actualHours: exact(actual),
        usedPct: Math.round(used),
        remainingHours: exact(remaining),
        projectedPct: Math.round((100 * (actual + remaining)) / budget),
        endDate: project.endDate,
        leadName: project.leadName,
        ratio: actual / budget,
        overHours: Math.max(0, actual - budget),
      })
    }
    rows.sort((a, b) => b.ratio - a.ratio || a.projectId - b.projectId)
    const over = rows.filter((row) => row.overHours > 0)
    return {
      rows: rows.map(({ ratio: _, overHours: __, ...row }) => row),
      facts: {
        count: rows.length,
        over: over.length,
        overHours: over.reduce((sum, row) => sum + row.overHours, 0),
        open: projects.length,
      },
    }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const count = Number(facts?.count ?? 0)
      const open = Number(facts?.open ?? 0)
      const over = Number(facts?.over ?? 0)
      const near = formatNumber(params.nearPercent, lang, 0)
      if (count === 0) {
        return lang === 'en'
          ? `None of the ${open} open projects has used ${near}% of its hour budget yet.`
          : `Geen van de ${open} open projecten heeft al ${near}% van zijn urenbudget gebruikt.`
      }
      const hours = formatNumber(Number(facts?.overHours ?? 0), lang, 1)
      const overText =
        over === 0
          ? lang === 'en'
            ? 'none is over it yet'
            : 'nog geen enkel project zit erboven'
          : lang === 'en'
            ? `${over} ${pluralWord(over, 'is', 'are')} over it, by ${hours} h together`
            : `${over} ${pluralWord(over, 'zit', 'zitten')} erboven, samen ${hours} u`
      return lang === 'en'
        ? `${count} of ${open} open projects ${pluralWord(count, 'has', 'have')} used ${near}% or more of ${pluralWord(count, 'its', 'their')} hour budget; ${overText}.`
        : `${count} van de ${open} open projecten ${pluralWord(count, 'heeft', 'hebben')} ${near}% of meer van het urenbudget gebruikt; ${overText}.`
    }),
})
