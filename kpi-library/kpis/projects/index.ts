import { projectsOverBudget } from './projects-over-budget.js'

/** Projects and their tasks (the `project` and `task` tables), against the time logged on them: docs/psa-model.md. */
export const PROJECT_KPIS = [projectsOverBudget]
