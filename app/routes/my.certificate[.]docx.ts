import type { LoaderFunctionArgs } from '@remix-run/node'
import { myCertificateDocument } from '~/exports/docx/documents.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /my/certificate.docx — the signed-in member's own certificate of membership.

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(myCertificateDocument(actor)), DOCX_TYPE)
}
