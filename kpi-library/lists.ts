import type { ListField, Text } from './types.js'

// What action lists and breakdowns show, declared once for every KPI group: the list fields of the row
// names the row queries select (sql.ts ticketRows and the queries built on it), our names of the
// urgencies, the word for a value a picklist leaves unlabelled, and a sort on several keys.

/** List fields by the row key they show; a KPI's `action.fields` picks from these before its own. */
export const FIELD = {
  ticketNumber: { key: 'ticketNumber', label: { en: 'Ticket', nl: 'Ticket' }, type: 'text' },
  ticketTitle: { key: 'ticketTitle', label: { en: 'Subject', nl: 'Onderwerp' }, type: 'text' },
  companyName: { key: 'companyName', label: { en: 'Company', nl: 'Bedrijf' }, type: 'text' },
  contactName: { key: 'contactName', label: { en: 'Contact', nl: 'Contactpersoon' }, type: 'text' },
  contactPhone: { key: 'contactPhone', label: { en: 'Phone', nl: 'Telefoon' }, type: 'phone' },
  priority: { key: 'priorityLabel', label: { en: 'Priority', nl: 'Prioriteit' }, type: 'text' },
  status: { key: 'statusLabel', label: { en: 'Status', nl: 'Status' }, type: 'text' },
  queue: { key: 'queueLabel', label: { en: 'Queue', nl: 'Wachtrij' }, type: 'text' },
  assignee: { key: 'resourceName', label: { en: 'Assigned to', nl: 'Behandelaar' }, type: 'text' },
  engineer: { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
  accountManager: { key: 'accountManagerName', label: { en: 'Account manager', nl: 'Accountmanager' }, type: 'text' },
  createdAt: { key: 'createdAt', label: { en: 'Created', nl: 'Aangemaakt' }, type: 'datetime' },
  dueAt: { key: 'dueAt', label: { en: 'Due', nl: 'Deadline' }, type: 'datetime' },
  lastActivityAt: { key: 'lastActivityAt', label: { en: 'Last activity', nl: 'Laatste activiteit' }, type: 'datetime' },
  mrr: { key: 'mrr', label: { en: 'MRR', nl: 'MRR' }, type: 'euro' },
} as const satisfies Record<string, ListField>

// The urgencies (db/psa-model.ts URGENCY), named by us only when the tenant has no label for a priority.
const URGENCY_NAMES: Record<number, Text> = {
  1: { en: 'Critical', nl: 'Kritiek' },
  2: { en: 'High', nl: 'Hoog' },
  3: { en: 'Medium', nl: 'Gemiddeld' },
  4: { en: 'Low', nl: 'Laag' },
}

/** A ticket's priority as the tenant labelled it, else our name for its urgency, in both languages. */
export function priorityName(t: {
  priority: number | null
  urgency: number | null
  label: string | null
}): string | Text {
  if (t.label !== null) return t.label
  if (t.urgency !== null && URGENCY_NAMES[t.urgency]) return URGENCY_NAMES[t.urgency]!
  return t.priority === null ? { en: 'No priority', nl: 'Geen prioriteit' } : String(t.priority)
}

/** A picklist label, else the raw value, else our word for none (in both languages). */
export function labelOr(label: string | null, value: number | null, none: Text): string | Text {
  return label ?? (value === null ? none : String(value))
}

/** Rows by a key, in the order the keys first appear; rows whose key is null are left out. */
export function groupBy<R, K>(rows: Iterable<R>, key: (row: R) => K | null): Map<K, R[]> {
  const groups = new Map<K, R[]>()
  for (const row of rows) {
    const k = key(row)
    if (k === null) continue
    const list = groups.get(k)
    if (list) list.push(row)
    else groups.set(k, [row])
  }
  return groups
}

/** How many rows of a list have nobody assigned (no `resourceId`). */
export function unassigned(rows: ReadonlyArray<{ resourceId: number | null }>): number {
  return rows.filter((row) => row.resourceId === null).length
}

/** Sorts on several keys, nulls last; every list ends with an id so ties stay deterministic. */
export function byKeys<T>(...keys: Array<(row: T) => number | string | null>) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const x = key(a)
      const y = key(b)
      if (x === y) continue
      if (x === null) return 1
      if (y === null) return -1
      return x < y ? -1 : 1
    }
    return 0
  }
}
