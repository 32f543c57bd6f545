import type { LoaderFunctionArgs } from '@remix-run/node'
import { indicatorReportXlsx } from '~/exports/indicator-report.server'
import { download, XLSX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /reports/<id>.xlsx — the yearly indicator report as a workbook, a sheet per table.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return download(await orErrorPage(indicatorReportXlsx(actor, idParam(params.id))), XLSX_TYPE)
}
