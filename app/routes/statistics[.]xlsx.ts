import type { LoaderFunctionArgs } from '@remix-run/node'
import { statisticsXlsx } from '~/exports/statistics.server'
import { download, XLSX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /statistics.xlsx[?region=…][&campaign=ID] — the statistics page as a workbook, one sheet per table.

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const params = new URL(request.url).searchParams
  const campaign = params.get('campaign')
  return download(await orErrorPage(statisticsXlsx(actor, params.get('region'), campaign ? idParam(campaign) : null)), XLSX_TYPE)
}
