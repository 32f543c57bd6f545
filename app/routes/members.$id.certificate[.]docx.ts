import type { LoaderFunctionArgs } from '@remix-run/node'
import { certificateDocument } from '~/exports/docx/documents.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /members/:id/certificate.docx — the certificate of membership (the member, or staff of the region).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(certificateDocument(actor, idParam(params.id))), DOCX_TYPE)
}
