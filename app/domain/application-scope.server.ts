import { applicationById, type ApplicationRow } from '../../db/queries/applications.server'
import type { Db } from '../../db/client.server'
import { NotFound } from '../../workflows/errors'
import { canReadApplication } from '~/model/application-access'
import type { Actor } from '~/model/permissions'

/**
 * The application an action names by id (a list row's form, the application
 * page's buttons): one the actor may not read is answered exactly as one that
 * does not exist — 404, «Запись не найдена.» — so no answer tells which ids
 * exist or what state another's application is in. A refusal past this point
 * (403 for a step the reader may not take, 409 for a real conflict) is about
 * a row the actor may read anyway.
 */
export async function applicationInScope(actor: Actor, id: number, tx?: Db): Promise<ApplicationRow> {
  const app = await applicationById(id, tx)
  if (!app || !canReadApplication(actor, app)) throw new NotFound('application', id)
  return app
}
