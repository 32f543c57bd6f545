import { db, type Db } from '../client.server'
import type { StoredValue } from '~/model/indicator-form'

// indicator_values (issue 10 §2.5): a report's actual values, one per
// indicator (and municipality, for a municipal indicator), with the
// confirmation and its evidence. The evidence bytes are read only by
// valueEvidenceFile.

export type ValueRow = StoredValue & { reportId: number; enteredBy: number | null; enteredAt: Date }

export type ValueFile = { fileName: string; mimeType: string; content: Uint8Array; sha256: string }

const columns = (tx: Db) => tx`
  id::int, report_id::int as "reportId", indicator_id::int as "indicatorId", municipality_id::int as "municipalityId",
  actual::float8 as actual, confirmation, evidence_url as "evidenceUrl", evidence_file_name as "evidenceFileName",
  computed, entered_by::int as "enteredBy", entered_at as "enteredAt"`

export async function valuesOfReport(reportId: number, tx: Db = db()): Promise<ValueRow[]> {
  return tx<ValueRow[]>`select ${columns(tx)} from indicator_values where report_id = ${reportId} order by indicator_id, municipality_id nulls first`
}

export async function valueOf(reportId: number, indicatorId: number, municipalityId: number | null, tx: Db = db()): Promise<ValueRow | undefined> {
  const [row] = await tx<ValueRow[]>`
    select ${columns(tx)} from indicator_values
    where report_id = ${reportId} and indicator_id = ${indicatorId} and coalesce(municipality_id, 0) = ${municipalityId ?? 0}`
  return row
}

/** Enters (or replaces) one value by hand; a new file replaces the old one, no file keeps it. */
export async function upsertEnteredValue(
  v: { reportId: number; indicatorId: number; municipalityId: number | null; actual: number; confirmation: string; evidenceUrl: string | null; file: ValueFile | null; enteredBy: number },
  tx: Db = db(),
): Promise<number> {
  const f = v.file
  const [{ id }] = await tx<{ id: number }[]>`
    insert into indicator_values (report_id, indicator_id, municipality_id, actual, confirmation, evidence_url,
      evidence_file_name, evidence_mime_type, evidence_content, evidence_sha256, computed, entered_by, entered_at)
    values (${v.reportId}, ${v.indicatorId}, ${v.municipalityId}, ${v.actual}, ${v.confirmation}, ${v.evidenceUrl},
      ${f?.fileName ?? null}, ${f?.mimeType ?? null}, ${f ? Buffer.from(f.content) : null}, ${f?.sha256 ?? null}, false, ${v.enteredBy}, now())
    on conflict (report_id, indicator_id, coalesce(municipality_id, 0)) do update set
      actual = excluded.actual, confirmation = excluded.confirmation, evidence_url = excluded.evidence_url,
      ${f ? tx`evidence_file_name = excluded.evidence_file_name, evidence_mime_type = excluded.evidence_mime_type, evidence_content = excluded.evidence_content, evidence_sha256 = excluded.evidence_sha256,` : tx``}
      computed = false, entered_by = excluded.entered_by, entered_at = now()
    returning id::int`
  return id
}

/** Replaces the registry's values of a report in one statement per call (the computed rows only). */
export async function replaceComputedValues(
  reportId: number,
  rows: { indicatorId: number; municipalityId: number | null; actual: number | null; confirmation: string }[],
  tx: Db = db(),
): Promise<void> {
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))]
  await tx`delete from indicator_values where report_id = ${reportId} and computed`
  if (rows.length === 0) return
  // why: a value once entered by hand for an indicator that is now computed is replaced too
  await tx`delete from indicator_values where report_id = ${reportId} and indicator_id = any(${indicatorIds})`
  await tx`
    insert into indicator_values (report_id, indicator_id, municipality_id, actual, confirmation, computed, entered_by, entered_at)
    select ${reportId}, x.indicator_id, x.municipality_id, x.actual, x.confirmation, true, null, now()
    from unnest(${rows.map((r) => r.indicatorId)}::bigint[], ${rows.map((r) => r.municipalityId) as never}::bigint[],
                ${rows.map((r) => r.actual) as never}::numeric[], ${rows.map((r) => r.confirmation)}::text[])
      as x(indicator_id, municipality_id, actual, confirmation)`
}

export async function valueEvidenceFile(valueId: number, tx: Db = db()): Promise<{ reportId: number; municipalityId: number | null; fileName: string; mimeType: string; content: Uint8Array } | undefined> {
  const [row] = await tx<{ reportId: number; municipalityId: number | null; fileName: string; mimeType: string; content: Uint8Array }[]>`
    select report_id::int as "reportId", municipality_id::int as "municipalityId", evidence_file_name as "fileName",
           evidence_mime_type as "mimeType", evidence_content as content
    from indicator_values where id = ${valueId} and evidence_content is not null`
  return row
}
