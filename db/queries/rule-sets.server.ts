import { ruleSetSchema, type RuleSet } from '../../app/domain/eligibility'
import { db, type Db } from '../client.server'

/** Inserts a version; an existing (region, code, version) is returned as is: versions never change. */
export async function insertRuleSet(regionId: number, rs: RuleSet, createdBy: number | null, tx: Db = db()): Promise<number> {
  const doc = ruleSetSchema.parse(rs)
  const [row] = await tx<{ id: number }[]>`
    insert into rule_sets (region_id, code, version, title, document, created_by)
    values (${regionId}, ${doc.code}, ${doc.version}, ${doc.title}, ${tx.json(doc as never)}, ${createdBy})
    on conflict (region_id, code, version) do update set code = excluded.code
    returning id::int`
  return row.id
}

export type StoredRuleSet = { id: number; regionId: number; document: RuleSet }

export async function ruleSetById(id: number, tx: Db = db()): Promise<StoredRuleSet | undefined> {
  const [row] = await tx<{ id: number; regionId: number; document: unknown }[]>`
    select id::int, region_id::int as "regionId", document from rule_sets where id = ${id}`
  return row && { id: row.id, regionId: row.regionId, document: ruleSetSchema.parse(row.document) }
}
