import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { commissionsOfRegion, setRegionQuorum } from '../../db/queries/commissions.server'
import { directionsOf, groupsOfDirections } from '../../db/queries/directions.server'
import { municipalitiesOf, regionById, updateRegionGeneral, updateRegionOperator, updateRegionTimeZone, type Region } from '../../db/queries/regions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { timeZoneSchema } from '~/model/inputs/region'
import type { GeneralSettings, OperatorInput } from '~/model/inputs/region-settings'
import { can, type Actor } from '~/model/permissions'

// A region's own settings that are not data of its roster (issue 11 §2.3–2.4):
// the time zone (PRODUCT §12: it moves every deadline, consent expiry and shown
// time of the region), the term of membership, the quorum rule of its
// commissions, the ministry and site, and the personal-data operator named in
// the consent texts. The regional coordinator of the region and the
// administrator change them; every change is audited.

const mayManage = (actor: Actor, regionId: number, what: string) => {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden(what)
}

export async function changeRegionTimeZone(actor: Actor, regionId: number, timeZone: string, tx?: Db): Promise<void> {
  mayManage(actor, regionId, 'region.timeZone')
  const parsed = timeZoneSchema.safeParse(timeZone)
  if (!parsed.success) throw new AppError('INVALID_TIME_ZONE', 422, parsed.error.issues[0].message, { timeZone, fields: { timeZone: parsed.error.issues[0].message } })
  await inTransaction(async (t) => {
    const previous = await updateRegionTimeZone(regionId, parsed.data, t)
    if (previous === undefined) throw new AppError('REGION_NOT_FOUND', 404, 'Регион не найден.', { regionId })
    await appendAudit(
      { actorUserId: actor.userId, regionId, entity: 'region', entityId: regionId, action: 'TIME_ZONE', data: { from: previous, to: parsed.data } },
      t,
    )
  }, tx)
}

export type Operator = { name: string; inn: string; ogrn: string; address: string; demo: boolean }

/** The operator as stored; `demo` while it is still the preset's sample (the consent texts would name it). */
export function operatorOf(region: Pick<Region, 'operator'>): Operator {
  const o = region.operator as Record<string, unknown>
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '')
  return { name: str('name'), inn: str('inn'), ogrn: str('ogrn'), address: str('address'), demo: o.demo === true }
}

/** The quorum fraction of the region's commissions: one value, or 'mixed' when they differ; null is more than half. */
export type RegionQuorum = number | null | 'mixed'

export type SettingsOverview = {
  region: Region
  operator: Operator
  quorum: RegionQuorum
  commissions: number
  municipalities: { count: number; teachers: number; estimated: number }
  directions: { count: number; groups: number }
}

/** The settings hub: everything the region's settings say, in one read. */
export async function settingsOverview(actor: Actor, regionId: number): Promise<SettingsOverview> {
  mayManage(actor, regionId, 'region.settings')
  const region = await regionById(regionId)
  if (!region) throw new NotFound('region', regionId)
  const [commissions, municipalities, directions] = await Promise.all([commissionsOfRegion(regionId), municipalitiesOf(regionId), directionsOf(regionId)])
  const groups = await groupsOfDirections(directions.map((d) => d.id))
  return {
    region,
    operator: operatorOf(region),
    quorum: quorumOf(commissions.map((c) => c.quorumFraction)),
    commissions: commissions.length,
    municipalities: {
      count: municipalities.length,
      teachers: municipalities.reduce((s, m) => s + m.teachersCount, 0),
      estimated: municipalities.filter((m) => m.teachersEstimated).length,
    },
    directions: { count: directions.length, groups: groups.length },
  }
}

function quorumOf(fractions: (number | null)[]): RegionQuorum {
  if (fractions.length === 0) return null
  return fractions.every((f) => f === fractions[0]) ? fractions[0] : 'mixed'
}

/**
 * Time zone, term, quorum, ministry and site. The quorum is written to every
 * commission of the region (meetings read commissions.quorum_fraction: one
 * source of truth); a region without a commission has nothing to set it on.
 */
export async function changeGeneralSettings(actor: Actor, regionId: number, g: GeneralSettings): Promise<void> {
  mayManage(actor, regionId, 'region.general')
  await inTransaction(async (t) => {
    const before = await regionById(regionId, t)
    if (!before) throw new NotFound('region', regionId)
    if (before.timeZone !== g.timeZone) await changeRegionTimeZone(actor, regionId, g.timeZone, t)
    const next = { name: before.name, termYears: g.termYears, ministryName: g.ministryName, siteUrl: g.siteUrl ?? '' }
    await updateRegionGeneral(regionId, next, t)
    const commissions = await commissionsOfRegion(regionId, t)
    if (commissions.length === 0 && g.quorum !== null) {
      throw new AppError('NO_COMMISSION', 409, 'У региона нет комиссии: правило кворума задаётся комиссии.', { fields: { quorum: 'У региона нет комиссии' } })
    }
    const quorumBefore = await setRegionQuorum(regionId, g.quorum, t)
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId,
        entity: 'region',
        entityId: regionId,
        action: 'SETTINGS',
        data: {
          from: { termYears: before.termYears, ministryName: before.ministryName, siteUrl: before.siteUrl, quorum: quorumOf(quorumBefore) },
          to: { termYears: next.termYears, ministryName: next.ministryName, siteUrl: next.siteUrl, quorum: g.quorum },
        },
      },
      t,
    )
  })
}

/** The personal-data operator of the consent texts; the texts read it from the region, so the next one shown names the new operator. */
export async function changeOperator(actor: Actor, regionId: number, o: OperatorInput): Promise<void> {
  mayManage(actor, regionId, 'region.operator')
  await inTransaction(async (t) => {
    const before = await regionById(regionId, t)
    if (!before) throw new NotFound('region', regionId)
    const was = operatorOf(before)
    // Saving the preset's sample unchanged does not make it real: the warning stays until another operator is named.
    const stillDemo = was.demo && was.name === o.name && was.inn === o.inn && was.ogrn === o.ogrn
    const next = { name: o.name, inn: o.inn, ogrn: o.ogrn, address: o.address, ...(stillDemo ? { demo: true } : {}) }
    await updateRegionOperator(regionId, next, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId, entity: 'region', entityId: regionId, action: 'OPERATOR', data: { from: before.operator, to: next } },
      t,
    )
  })
}
