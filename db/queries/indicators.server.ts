import { db, type Db } from '../client.server'
import type { PresetIndicator } from '../presets/indicators'
import type { Indicator } from '~/model/indicators'

// indicators (issue 10 §2.5): the region's list for its yearly report,
// installed from the preset and edited by the regional coordinator.

const columns = (tx: Db) => tx`
  id::int, region_id::int as "regionId", code, position, title, level, unit, comparison, minimum::float8 as minimum,
  minimum_text as "minimumText", municipal_target::float8 as "municipalTarget", computation, source, template`

export async function indicatorsOfRegion(regionId: number, tx: Db = db()): Promise<Indicator[]> {
  return tx<Indicator[]>`select ${columns(tx)} from indicators where region_id = ${regionId} and not archived order by position, id`
}

export async function indicatorById(id: number, tx: Db = db()): Promise<Indicator | undefined> {
  const [row] = await tx<Indicator[]>`select ${columns(tx)} from indicators where id = ${id} and not archived`
  return row
}

export async function countIndicators(regionId: number, tx: Db = db()): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from indicators where region_id = ${regionId}`
  return n
}

/** Installs a preset's list; an indicator the region already has (by code) is left as the region edited it. */
export async function insertPresetIndicators(regionId: number, list: readonly PresetIndicator[], tx: Db = db()): Promise<void> {
  for (const [position, i] of list.entries()) {
    await tx`
      insert into indicators (region_id, code, position, title, level, unit, comparison, minimum, minimum_text, municipal_target, computation, source, template)
      values (${regionId}, ${i.code}, ${position + 1}, ${i.title}, ${i.level}, ${i.unit}, ${i.comparison}, ${i.minimum}, ${i.minimumText},
              ${i.municipalTarget}, ${i.computation}, ${i.source}, ${i.template})
      on conflict (region_id, code) do nothing`
  }
}

export type IndicatorEdit = Pick<Indicator, 'title' | 'unit' | 'comparison' | 'minimum' | 'minimumText' | 'municipalTarget' | 'source'>

export async function updateIndicator(id: number, e: IndicatorEdit, tx: Db = db()): Promise<void> {
  await tx`
    update indicators set title = ${e.title}, unit = ${e.unit}, comparison = ${e.comparison}, minimum = ${e.minimum},
      minimum_text = ${e.minimumText}, municipal_target = ${e.municipalTarget}, source = ${e.source}, template = false, updated_at = now()
    where id = ${id}`
}
