import { applicationById, type ApplicationRow } from '../../db/queries/applications.server'
import type { Db } from '../../db/client.server'
import { NotFound } from '../../workflows/errors'
import { canReadApplication } from '~/model/application-access'
import type { Actor } from '~/model/permissions'

/**
 * A record named by id (in a URL or a row's form): a member, a meeting, a
 * protocol, an order, an appeal, an activity record, a campaign, a rule set…
 * One the actor may not read is answered exactly as one that does not exist —
 * 404, «Запись не найдена.» — so no answer tells which ids exist. A refusal
 * past this point (403 for a step the reader may not take, 409 for a real
 * conflict) is about a row the actor may read anyway.
 */
export function recordInScope<T>(entity: string, id: number, row: T | null | undefined, mayRead: (row: T) => boolean): T {
  if (!row || !mayRead(row)) throw new NotFound(entity, id)
  return row
}

/**
 * The application an action names by id (a list row's form, the application
 * page's buttons), as `recordInScope`: one the actor may not read is answered
 * as missing, so no answer tells what state another's application is in.
 */
export async function applicationInScope(actor: Actor, id: number, tx?: Db): Promise<ApplicationRow> {
  return recordInScope('application', id, await applicationById(id, tx), (app) => canReadApplication(actor, app))
}
