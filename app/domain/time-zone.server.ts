import { db } from '../../db/client.server'
import type { SessionActor } from './sessions.server'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'

/**
 * The zone of a signed-in person's own region (PRODUCT §12), for screens that
 * are theirs rather than one record's (the dashboard, the list of campaigns):
 * the region of their first regional grant, else of their person record.
 * An administrator of all regions has neither and gets Moscow time, shown
 * with its offset.
 */
export async function actorTimeZone(actor: SessionActor): Promise<string> {
  const regionId = actor.grants.find((g) => g.regionId !== null)?.regionId ?? null
  const sql = db()
  const [row] =
    regionId !== null
      ? await sql<{ timeZone: string }[]>`select time_zone as "timeZone" from regions where id = ${regionId}`
      : actor.user.personId !== null
        ? await sql<{ timeZone: string }[]>`
            select r.time_zone as "timeZone" from people p join regions r on r.id = p.region_id where p.id = ${actor.user.personId}`
        : []
  return row?.timeZone ?? FALLBACK_TIME_ZONE
}

/** The zone of the region a person record belongs to (their consents, their data). */
export async function personTimeZone(personId: number): Promise<string> {
  const [row] = await db()<{ timeZone: string }[]>`
    select r.time_zone as "timeZone" from people p join regions r on r.id = p.region_id where p.id = ${personId}`
  return row?.timeZone ?? FALLBACK_TIME_ZONE
}
