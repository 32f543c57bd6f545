import type { LoaderFunctionArgs } from '@remix-run/node'
import { appendixDocument } from '~/exports/docx/documents.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /orders/:id/appendix.docx — the order's appendix on its own.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(appendixDocument(actor, idParam(params.id))), DOCX_TYPE)
}
