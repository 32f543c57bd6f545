import type { LoaderFunctionArgs } from '@remix-run/node'
import { statisticsDocument } from '~/exports/statistics.server'
import { download, DOCX_TYPE } from '~/http/download.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// GET /statistics.docx[?region=…][&campaign=ID] — the statistics page as a Word document.

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const params = new URL(request.url).searchParams
  const campaign = params.get('campaign')
  return download(await orErrorPage(statisticsDocument(actor, params.get('region'), campaign ? idParam(campaign) : null)), DOCX_TYPE)
}
