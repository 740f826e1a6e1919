import { projectsOverBudget } from './projects-over-budget.js'

/** Projects and their tasks, against the time logged on them: docs/autotask-entities.md. */
export const PROJECT_KPIS = [projectsOverBudget]
