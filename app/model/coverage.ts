// The coverage indicator (PRODUCT §1.6; Khabarovsk: no more than N teachers
// per active member, per municipality): one reading for the public coverage
// page, the staff statistics and their downloads.

export type CoverageCounts = { teachers: number; members: number }

/** Teachers per member, rounded; null when the municipality has no member. */
export function perMember(c: CoverageCounts): number | null {
  return c.members ? Math.round(c.teachers / c.members) : null
}

/** The region's total: every municipality's teachers and members summed. */
export function coverageTotal(rows: readonly CoverageCounts[]): CoverageCounts & { perMember: number | null } {
  const teachers = rows.reduce((s, r) => s + r.teachers, 0)
  const members = rows.reduce((s, r) => s + r.members, 0)
  return { teachers, members, perMember: perMember({ teachers, members }) }
}

export const coverageStatusLabels = { ok: 'соответствует', over: 'превышает', none: 'нет членов актива' } as const

/** Whether a figure meets the region's indicator; null when the region set none. */
export function coverageStatus(perMemberValue: number | null, limit: number | null): keyof typeof coverageStatusLabels | null {
  if (!limit) return null
  if (perMemberValue === null) return 'none'
  return perMemberValue <= limit ? 'ok' : 'over'
}
