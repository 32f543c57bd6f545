// why: a stored version may use the region's own facts (region_facts); the
// editor checked them against the region's catalogue before saving.

import { storedRuleSetSchema, type RuleSet } from '~/model/eligibility'
import { db, type Db } from '../client.server'

/** Inserts a version; an existing (region, code, version) is returned as is: versions never change. */
export async function insertRuleSet(regionId: number, rs: RuleSet, createdBy: number | null, tx: Db = db()): Promise<number> {
  const doc = storedRuleSetSchema.parse(rs)
  const [row] = await tx<{ id: number }[]>`
    insert into rule_sets (region_id, code, version, title, document, created_by)
    values (${regionId}, ${doc.code}, ${doc.version}, ${doc.title}, ${tx.json(doc as never)}, ${createdBy})
    on conflict (region_id, code, version) do update set code = excluded.code
    returning id::int`
  return row.id
}

/** `municipalityId`: a municipal selection's own rule set (issue 10 §6); null for the region's. */
export type StoredRuleSet = { id: number; regionId: number; municipalityId: number | null; document: RuleSet }

export async function ruleSetById(id: number, tx: Db = db()): Promise<StoredRuleSet | undefined> {
  const [row] = await tx<{ id: number; regionId: number; municipalityId: number | null; document: unknown }[]>`
    select id::int, region_id::int as "regionId", municipality_id::int as "municipalityId", document from rule_sets where id = ${id}`
  return row && { id: row.id, regionId: row.regionId, municipalityId: row.municipalityId, document: storedRuleSetSchema.parse(row.document) }
}

export type RuleSetListRow = {
  id: number
  code: string
  version: number
  title: string
  createdAt: Date
  createdByName: string | null
  campaigns: number
  /** a municipality's own copy (issue 10 §6); null for the region's */
  municipalityId: number | null
  /** whose set it is, as people name it: the municipality's name for its own copy, else the region's */
  ownerName: string
}

/** Every version of every rule set of the region, newest version first within a code. */
export async function ruleSetsOfRegion(regionId: number, tx: Db = db()): Promise<RuleSetListRow[]> {
  return tx<RuleSetListRow[]>`
    select rs.id::int, rs.code, rs.version, rs.title, rs.created_at as "createdAt", u.display_name as "createdByName",
           rs.municipality_id::int as "municipalityId", coalesce(m.name, r.name) as "ownerName",
           (select count(*)::int from campaigns c where c.rule_set_id = rs.id) as campaigns
    from rule_sets rs join regions r on r.id = rs.region_id
      left join municipalities m on m.id = rs.municipality_id
      left join users u on u.id = rs.created_by
    where rs.region_id = ${regionId}
    order by rs.code, rs.version desc`
}

export async function latestRuleSetVersion(regionId: number, code: string, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ v: number }[]>`
    select coalesce(max(version), 0)::int as v from rule_sets where region_id = ${regionId} and code = ${code}`
  return row.v
}

/**
 * Inserts a new version exactly as given; undefined when (region, code,
 * version) already exists (someone saved the same version first). Unlike
 * insertRuleSet it never returns an existing row.
 */
export async function insertRuleSetVersion(
  regionId: number,
  rs: RuleSet,
  createdBy: number | null,
  tx: Db = db(),
  municipalityId: number | null = null,
): Promise<number | undefined> {
  const doc = storedRuleSetSchema.parse(rs)
  const [row] = await tx<{ id: number }[]>`
    insert into rule_sets (region_id, municipality_id, code, version, title, document, created_by)
    values (${regionId}, ${municipalityId}, ${doc.code}, ${doc.version}, ${doc.title}, ${tx.json(doc as never)}, ${createdBy})
    on conflict (region_id, code, version) do nothing
    returning id::int`
  return row?.id
}
