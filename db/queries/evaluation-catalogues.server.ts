import { catalogueDocumentSchema, type CatalogueDocument } from '~/model/evaluation'
import { db, type Db } from '../client.server'

// evaluation_catalogues (issue 10 §2.1): a region's catalogue of kinds of
// work, points and thresholds, one row per version. A version never changes.

export type StoredCatalogue = { id: number; regionId: number; version: number; document: CatalogueDocument; createdAt: Date; createdByName: string | null }

type Raw = Omit<StoredCatalogue, 'document'> & { document: unknown }
const parsed = (row: Raw | undefined): StoredCatalogue | undefined => row && { ...row, document: catalogueDocumentSchema.parse(row.document) }

const columns = (tx: Db) => tx`
  c.id::int, c.region_id::int as "regionId", c.version, c.document, c.created_at as "createdAt", u.display_name as "createdByName"`

/**
 * Inserts version `version`; undefined when the region already has it (a
 * parallel save won). The document is checked before it is written.
 */
export async function insertCatalogueVersion(regionId: number, version: number, doc: CatalogueDocument, createdBy: number | null, tx: Db = db()): Promise<number | undefined> {
  const document = catalogueDocumentSchema.parse(doc)
  const [row] = await tx<{ id: number }[]>`
    insert into evaluation_catalogues (region_id, version, document, created_by)
    values (${regionId}, ${version}, ${tx.json(document as never)}, ${createdBy})
    on conflict (region_id, version) do nothing
    returning id::int`
  return row?.id
}

export async function latestCatalogueVersion(regionId: number, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ v: number }[]>`select coalesce(max(version), 0)::int as v from evaluation_catalogues where region_id = ${regionId}`
  return row.v
}

/** The region's newest version, the one that new records and the current year use. */
export async function currentCatalogue(regionId: number, tx: Db = db()): Promise<StoredCatalogue | undefined> {
  const [row] = await tx<Raw[]>`
    select ${columns(tx)} from evaluation_catalogues c left join users u on u.id = c.created_by
    where c.region_id = ${regionId} order by c.version desc limit 1`
  return parsed(row)
}

/**
 * The version in force at `at` (a school year's end): the newest saved before
 * it, else the first one (a region whose catalogue came after the year ended).
 */
export async function catalogueInForce(regionId: number, at: Date, tx: Db = db()): Promise<StoredCatalogue | undefined> {
  const [row] = await tx<Raw[]>`
    select ${columns(tx)} from evaluation_catalogues c left join users u on u.id = c.created_by
    where c.region_id = ${regionId}
    order by (c.created_at < ${at}) desc, case when c.created_at < ${at} then c.version else -c.version end desc
    limit 1`
  return parsed(row)
}

/** Every version of the region, newest first (the settings page's history). */
export async function catalogueVersions(regionId: number, tx: Db = db()): Promise<Omit<StoredCatalogue, 'document'>[]> {
  return tx`
    select c.id::int, c.region_id::int as "regionId", c.version, c.created_at as "createdAt", u.display_name as "createdByName"
    from evaluation_catalogues c left join users u on u.id = c.created_by
    where c.region_id = ${regionId} order by c.version desc`
}
