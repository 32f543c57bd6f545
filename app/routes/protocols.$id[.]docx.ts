import type { LoaderFunctionArgs } from '@remix-run/node'
import { protocolDocument } from '~/exports/docx/documents.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /protocols/:id.docx — the issued protocol as a Word document (who may read the protocol page).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(protocolDocument(actor, idParam(params.id))), DOCX_TYPE)
}
