import type { LoaderFunctionArgs } from '@remix-run/node'
import { orderDocument } from '~/exports/docx/documents.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /orders/:id.docx — the draft order with its appendix (staff who may see the appendix).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(orderDocument(actor, idParam(params.id))), DOCX_TYPE)
}
