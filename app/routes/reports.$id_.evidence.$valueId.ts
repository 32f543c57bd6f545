import type { LoaderFunctionArgs } from '@remix-run/node'
import { valueEvidence } from '~/domain/indicator-values.server'
import { download } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /reports/<id>/evidence/<valueId> — the document confirming one value, for those who see its line.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const file = await orErrorPage(valueEvidence(actor, idParam(params.id), idParam(params.valueId)))
  return download({ fileName: file.fileName, body: file.body }, file.mimeType)
}
