import type { LoaderFunctionArgs } from '@remix-run/node'
import { activityEvidence } from '~/domain/activity.server'
import { download } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// The evidence document of an activity record: its member and the coordinators who decide on it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const file = await orErrorPage(activityEvidence(actor, idParam(params.id)))
  return download({ fileName: file.fileName, body: file.body }, file.mimeType)
}
