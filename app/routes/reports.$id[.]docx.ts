import type { LoaderFunctionArgs } from '@remix-run/node'
import { indicatorReportDocument } from '~/exports/indicator-report.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /reports/<id>.docx — the yearly indicator report as a Word document.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(indicatorReportDocument(actor, idParam(params.id))), DOCX_TYPE)
}
