import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb, listRows } from './fixture.js'

const NOW = '2026-03-18T10:00:00.000Z'

const fixture = {
  companies: [
    { id: 10, name: 'Bakker' },
    { id: 11, name: 'Visser' },
  ],
  resources: [
    { id: 7, first_name: 'Eva', last_name: 'de Jong' },
    { id: 8, first_name: 'Jan', last_name: 'Smit' },
  ],
  projects: [
    { id: 1, name: 'Migratie M365', company_id: 10, lead_resource_id: 7, estimated_hours: 40, end_date: '2026-04-30' },
    { id: 2, name: 'Vervanging server', company_id: 11, lead_resource_id: 8, estimated_hours: null }, // budget from its tasks
    { id: 3, name: 'Netwerk', company_id: 10, lead_resource_id: 7, estimated_hours: 100 },
    {
      id: 4,
      name: 'Klaar',
      company_id: 11,
      lead_resource_id: 8,
      estimated_hours: 10,
      completed_at: '2026-03-01T12:00:00.000Z',
    },
    { id: 5, name: 'Zonder budget', company_id: 11, lead_resource_id: 8, estimated_hours: 0 },
  ],
  tasks: [
    { id: 11, project_id: 1, estimated_hours: 20, remaining_hours: 0, completed_at: '2026-03-01T12:00:00.000Z' },
    { id: 12, project_id: 1, estimated_hours: 20, remaining_hours: 8 },
    { id: 21, project_id: 2, estimated_hours: 10, remaining_hours: 5, completed_at: '2026-03-05T12:00:00.000Z' }, // done: its remaining hours do not count
    { id: 22, project_id: 2, estimated_hours: 10, remaining_hours: 4 },
    { id: 31, project_id: 3, estimated_hours: 100, remaining_hours: 50 },
    { id: 41, project_id: 4, estimated_hours: 10, completed_at: '2026-03-01T12:00:00.000Z' },
    { id: 51, project_id: 5 },
  ],
  entries: [
    { id: 1, task_id: 11, hours_worked: 12 },
    { id: 2, task_id: 11, hours_worked: 8 },
    { id: 3, task_id: 12, hours_worked: 18.5 },
    { id: 4, task_id: 21, hours_worked: 15 },
    { id: 5, task_id: 22, hours_worked: 7.25 },
    { id: 6, task_id: 31, hours_worked: 50 },
    { id: 7, task_id: 41, hours_worked: 20 },
    { id: 8, ticket_id: 99, hours_worked: 100 }, // ticket time: no project
  ],
}

describe('projects_over_budget', () => {
  test('open projects at 90% of their budget or more, worst first', async () => {
    // Open: 1, 2, 3, 5. Project 2: budget from its tasks 10 + 10 = 20; worked 15 + 7.25 = 22.25 -> 111.25%
    //   -> 111, 2.25 h over; still planned 4 (task 22; the done task 21 left out) -> (22.25 + 4) / 20 = 131.25% -> 131.
    // Project 1: worked 12 + 8 + 18.5 = 38.5 of 40 -> 96.25% -> 96; planned 8 -> 46.5 / 40 = 116.25% -> 116.
    // Project 3: 50 of 100 = 50%, not listed. 4 is completed; 5 has no budget.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'projects_over_budget', NOW)
    expect(result).toMatchObject({ kind: 'list', count: 2 })
    expect(
      listRows(result).map((r) => [
        r.projectName,
        r.budgetHours,
        r.actualHours,
        r.usedPct,
        r.remainingHours,
        r.projectedPct,
        r.companyName,
        r.leadName,
      ]),
    ).toEqual([
      ['Vervanging server', 20, 22.25, 111, 4, 131, 'Visser', 'Jan Smit'],
      ['Migratie M365', 40, 38.5, 96, 8, 116, 'Bakker', 'Eva de Jong'],
    ])
    // 2.25 h over is written to one decimal: 2.3.
    expect(result.context).toBe(
      '2 of 4 open projects have used 90% or more of their hour budget; 1 is over it, by 2.3 h together.',
    )
    expect((await evaluateAt(db, 'projects_over_budget', NOW, { lang: 'nl' })).context).toBe(
      '2 van de 4 open projecten hebben 90% of meer van het urenbudget gebruikt; 1 zit erboven, samen 2,3 u.',
    )
  })

  test('a project lead sees their own projects; the threshold is a parameter', async () => {
    const db = await kpiDb(fixture)
    // Eva leads 1 and 3 (open): only 1 is listed, and it is not over.
    const eva = await evaluateAt(db, 'projects_over_budget', NOW, { me: 7 })
    expect(listRows(eva).map((r) => r.projectName)).toEqual(['Migratie M365'])
    expect(eva.context).toBe('1 of 2 open projects has used 90% or more of its hour budget; none is over it yet.')
    // From 100%: project 2 only.
    expect(
      listRows(await evaluateAt(db, 'projects_over_budget', NOW, { params: { nearPercent: 100 } })).map(
        (r) => r.projectName,
      ),
    ).toEqual(['Vervanging server'])
  })
})
