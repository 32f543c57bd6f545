import { db, type Db } from '../../db/client.server'
import { catalogueInForce } from '../../db/queries/evaluation-catalogues.server'
import { activeMemberOf, countScored, scoreFilterChoices, scorePage, scoresOf, type ScoreFilter, type ScoreRow } from '../../db/queries/evaluation-scores.server'
import { memberById } from '../../db/queries/members.server'
import { municipalitiesOf } from '../../db/queries/regions.server'
import { membersOfUser } from '../../db/queries/activity-records.server'
import { Forbidden, NotFound } from '../../workflows/errors'
import { schoolYearBounds, schoolYearOf, thresholdOf, type CatalogueDocument, type Score } from '~/model/evaluation'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { can, type Actor, type Grant } from '~/model/permissions'
import { regionDay, startOfRegionDay } from '~/utils/dates'
import { regionCatalogue, yearStartOf } from './evaluation-catalogue.server'
import { zoneOfRegion } from './time-zone.server'

// Members' scores (issue 10 §2.3–2.4) and the renewal fact (§3.4). A school
// year is scored with the catalogue version in force at its end (the current
// one for the year under way); the day that decides "this year" is the
// region's own. A score below the threshold only flags the member.

export type YearContext = { year: number; current: number; from: string; until: string; last: string; timeZone: string; document: CatalogueDocument; version: number; threshold: number }

/** The school year `year` of a region (default: the current one), with its catalogue and threshold. */
export async function yearContext(regionId: number, year: number | null, now = new Date(), tx: Db = db()): Promise<YearContext> {
  const [start, timeZone] = await Promise.all([yearStartOf(regionId, tx), zoneOfRegion(regionId, tx)])
  const current = schoolYearOf(regionDay(now, timeZone), start)
  const y = year ?? current
  const bounds = schoolYearBounds(y, start)
  const end = startOfRegionDay(bounds.until, timeZone)
  const stored = end > now ? null : await catalogueInForce(regionId, end, tx)
  const catalogue = stored ?? (await regionCatalogue(regionId, tx))
  return { year: y, current, ...bounds, timeZone, document: catalogue.document, version: catalogue.version, threshold: thresholdOf(catalogue.document, y) }
}

const scoreOf = (row: ScoreRow | undefined, y: YearContext): Score => {
  const points = row?.points ?? 0
  return { year: y.year, confirmed: row?.confirmed ?? 0, points, threshold: y.threshold, low: points < y.threshold }
}

/** Whose scores the actor sees in a region: all (null), or their municipalities'. */
function readScope(actor: Actor, regionId: number): number[] | null {
  if (can(actor, 'evaluation:read', { regionId })) return null
  const mine = actor.grants
    .filter((g: Grant) => g.regionId === regionId && g.municipalityId != null && can(actor, 'evaluation:read', { municipalityId: g.municipalityId }))
    .map((g) => g.municipalityId as number)
  if (mine.length === 0) throw new Forbidden('evaluation.read')
  return mine
}

export type RankingFilter = { year: number | null; municipalityId: number | null; groupId: number | null; subject: string | null }
export type RankingRow = ScoreRow & { low: boolean }

export async function evaluationRanking(actor: Actor, regionId: number, f: RankingFilter, page: { after: Cursor | null; from: number }, now = new Date()) {
  const municipalityIds = readScope(actor, regionId)
  const y = await yearContext(regionId, f.year, now)
  const filter: ScoreFilter = { regionId, period: { from: y.from, until: y.until }, catalogue: y.document, municipalityIds, municipalityId: f.municipalityId, groupId: f.groupId, subject: f.subject }
  const [rows, total, choices, municipalities] = await Promise.all([
    scorePage(filter, page.after, PAGE_SIZE + 1),
    countScored(filter),
    scoreFilterChoices(regionId),
    municipalitiesOf(regionId),
  ])
  const shown: Page<RankingRow> = toPage(
    rows.map((r) => ({ ...r, low: r.points < y.threshold })),
    PAGE_SIZE,
    page.from,
    total,
    (r) => r.points,
  )
  return {
    page: shown,
    year: y,
    choices: { ...choices, municipalities: municipalities.filter((m) => !municipalityIds || municipalityIds.includes(m.id)).map((m) => ({ id: m.id, name: m.name })) },
  }
}

/** The signed-in member's score this school year (and last year's), or null for someone who is not a member. */
export async function myScore(actor: Actor, now = new Date()): Promise<{ current: Score; previous: Score; timeZone: string; from: string; last: string } | null> {
  const member = (await membersOfUser(actor.userId)).find((m) => m.state === 'active')
  if (!member) return null
  const y = await yearContext(member.regionId, null, now)
  const p = await yearContext(member.regionId, y.year - 1, now)
  const one = async (c: YearContext) =>
    scoreOf((await scoresOf({ regionId: member.regionId, period: c, catalogue: c.document, municipalityIds: null, memberIds: [member.id] }))[0], c)
  const [current, previous] = await Promise.all([one(y), one(p)])
  return { current, previous, timeZone: y.timeZone, from: y.from, last: y.last }
}

/** A member's score this school year, for staff who see the member's municipality or region. */
export async function memberScore(actor: Actor, memberId: number, now = new Date()): Promise<Score | null> {
  const member = await memberById(memberId)
  if (!member) throw new NotFound('member', memberId)
  if (!can(actor, 'evaluation:read', { regionId: member.regionId, municipalityId: member.municipalityId })) return null
  const y = await yearContext(member.regionId, null, now)
  return scoreOf((await scoresOf({ regionId: member.regionId, period: y, catalogue: y.document, municipalityIds: null, memberIds: [memberId] }))[0], y)
}

/**
 * The renewal fact (issue 10 §3.4): the person is an active member of the
 * region and their score for the last completed school year meets that
 * year's threshold. Read from the registry, never claimed.
 */
export async function evaluationMeetsThreshold(regionId: number, who: { personId: number | null; userId: number | null }, tx: Db = db(), now = new Date()): Promise<boolean> {
  const memberId = await activeMemberOf(regionId, who, tx)
  if (memberId === undefined) return false
  const current = await yearContext(regionId, null, now, tx)
  const y = await yearContext(regionId, current.year - 1, now, tx)
  const [row] = await scoresOf({ regionId, period: y, catalogue: y.document, municipalityIds: null, memberIds: [memberId] }, tx)
  return !scoreOf(row, y).low
}
