import { z } from 'zod'

// The public roster's filters, shared by the page form, the page loader and
// the open-data exports: one schema, so /roster, /roster.csv and /roster.json
// always agree.

// Each filter stands alone: a malformed value is dropped by itself, never
// taking the others with it (`?region=tomsk&group=Математика` stays Tomsk's).
const slug = z
  .string()
  .trim()
  .max(80)
  .regex(/^[a-z0-9-]*$/, 'Недопустимый код')
  .optional()
  .transform((v) => v || undefined)
  .catch(undefined)

export const rosterFilterSchema = z.object({
  region: slug,
  municipality: slug,
  group: slug,
  subject: z.string().trim().max(100).optional().transform((v) => v || undefined).catch(undefined),
  level: z.enum(['regional', 'municipal', '']).optional().transform((v) => v || undefined).catch(undefined),
  /** The admitting order's id: the members an order of the region page included (issue 9, item 7). */
  order: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  q: z.string().max(200).optional().transform((v) => normalizeQuery(v ?? '') || undefined).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})
export type RosterFilter = z.infer<typeof rosterFilterSchema>

export const PAGE_SIZE = 50

/** Case, ё/е and extra spaces do not matter (the same folding as people.sort_key). */
export function normalizeQuery(q: string): string {
  return q.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim()
}

export function parseRosterFilter(params: URLSearchParams): RosterFilter {
  const parsed = rosterFilterSchema.safeParse(Object.fromEntries(params))
  // Bad filter values are ignored rather than failing a public page.
  return parsed.success ? parsed.data : rosterFilterSchema.parse({})
}

/** A stable URL for a filter (and page): empty values dropped, fixed key order. */
export function rosterHref(f: Partial<RosterFilter>, base = '/roster'): string {
  const params = new URLSearchParams()
  for (const key of ['region', 'municipality', 'subject', 'group', 'level', 'order', 'q'] as const) {
    const v = f[key]
    if (v) params.set(key, String(v))
  }
  if (f.page && f.page > 1) params.set('page', String(f.page))
  const s = params.toString()
  return s ? `${base}?${s}` : base
}
