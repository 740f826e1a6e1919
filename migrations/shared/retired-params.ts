import type { Kysely } from 'kysely'

// KPI parameters a library version dropped: the stored tiles and company goals lose them, so they are not refused
// at evaluation. Kept beside the migrations, which pass the names they retired as written then.

/** Parameter names retired per KPI id. */
export type RetiredParams = Readonly<Record<string, readonly string[]>>

/** The parameters without the retired ones of `kpi`, or null when none was there. */
export function withoutRetired(
  retired: RetiredParams,
  kpi: string,
  params: Record<string, unknown>,
): Record<string, unknown> | null {
  const gone = (retired[kpi] ?? []).filter((name) => Object.hasOwn(params, name))
  if (gone.length === 0) return null
  const out = { ...params }
  for (const name of gone) delete out[name]
  return out
}

/** Drops the retired parameters from every stored tile and company goal. */
export async function dropRetiredParams(db: Kysely<any>, retired: RetiredParams): Promise<void> {
  for (const table of ['dashboard_tile', 'company_goal']) {
    const rows: Array<{ id: number; kpi_id: string; params: string }> = await db
      .selectFrom(table)
      .select(['id', 'kpi_id', 'params'])
      .execute()
    for (const row of rows) {
      const kept = withoutRetired(retired, row.kpi_id, JSON.parse(row.params) as Record<string, unknown>)
      if (kept)
        await db
          .updateTable(table)
          .set({ params: JSON.stringify(kept) })
          .where('id', '=', row.id)
          .execute()
    }
  }
}
