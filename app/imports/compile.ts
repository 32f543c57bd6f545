import { z } from 'zod'
import type { Cells } from './schemas'

// A row schema (schemas.ts, activity-schema.ts) run column by column instead
// of as one object per row (issue 14). zod's object parse cost ≈ 50 µs a row
// at 100,000 rows, most of the import's time in JavaScript; but a column of a
// big file repeats a few values (municipalities, categories, да/нет,
// subjects), and a cell's result depends on its text alone (a schema is built
// per import, with the region's reference data in it). So each column's
// schema is run once per distinct cell text and remembered, and the row's
// transform runs on the remembered values. The schemas stay the one source of
// the rules and the Russian messages: this only decides how often they run.

export type RowIssue = { key: string; message: string }
export type RowResult<R> = { ok: true; value: R } | { ok: false; issues: RowIssue[] }
export type RowParser<R> = (cells: Cells) => RowResult<R>

type Def = { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType; out?: z.ZodType; checks?: unknown[]; catchall?: unknown }
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def

/** The whole-row parse, as zod does it (a schema of another shape, and the fallback). */
function wholeRow<R>(schema: z.ZodType<R, Cells>): RowParser<R> {
  return (cells) => {
    const r = schema.safeParse(cells)
    if (r.success) return { ok: true, value: r.data }
    return { ok: false, issues: r.error.issues.map((i) => ({ key: String(i.path[0] ?? ''), message: i.message })) }
  }
}

const ABSENT = Symbol('absent')
/** Distinct cell texts remembered per column; a column of unique values (e-mail) stops being remembered there. */
const COLUMN_MEMO = 4096

/**
 * `z.object(shape).transform(fn)`, without checks of its own, is run column by
 * column with each column's results remembered; any other schema is parsed
 * whole. The result is the one zod gives: the same value, the same issues in
 * the same order (the object's keys), the transform only when no column failed.
 */
export function compileRow<R>(schema: z.ZodType<R, Cells>): RowParser<R> {
  const pipe = defOf(schema)
  if (pipe.type !== 'pipe' || pipe.checks?.length || !pipe.in || !pipe.out) return wholeRow(schema)
  const object = defOf(pipe.in)
  const transform = pipe.out
  if (object.type !== 'object' || object.checks?.length || object.catchall || defOf(transform).type !== 'transform' || !object.shape) return wholeRow(schema)

  const columns = Object.entries(object.shape).map(([key, field]) => {
    // The column alone in an object: absent and undefined cells behave as in the whole row.
    const single = z.object({ [key]: field })
    const cache = new Map<string | undefined | typeof ABSENT, RowResult<Record<string, unknown>>>()
    const run = (cell: string | undefined | typeof ABSENT): RowResult<Record<string, unknown>> => {
      const r = single.safeParse(cell === ABSENT ? {} : { [key]: cell })
      return r.success ? { ok: true, value: r.data } : { ok: false, issues: r.error.issues.map((i) => ({ key, message: i.message })) }
    }
    return { key, cache, run }
  })

  return (cells) => {
    const v: Record<string, unknown> = {}
    let issues: RowIssue[] | undefined
    for (const c of columns) {
      const cell = c.key in cells ? cells[c.key] : ABSENT
      let r = c.cache.get(cell)
      if (r === undefined) {
        r = c.run(cell)
        if (c.cache.size < COLUMN_MEMO) c.cache.set(cell, r)
      }
      if (!r.ok) (issues ??= []).push(...r.issues)
      else if (c.key in r.value) v[c.key] = r.value[c.key]
    }
    if (issues) return { ok: false, issues }
    const out = transform.safeParse(v)
    if (out.success) return { ok: true, value: out.data as R }
    return { ok: false, issues: out.error.issues.map((i) => ({ key: String(i.path[0] ?? ''), message: i.message })) }
  }
}
