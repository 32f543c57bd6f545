import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportKinds, exportXlsx, type ExportKind } from '~/exports/exports.server'
import { download, XLSX_TYPE } from '~/http/download.server'
import { requireSignedIn } from '~/http/session.server'
import { orErrorPage } from '~/http/errors.server'
import { parseId } from '~/utils/parse-id'

// GET /exports/{applications|members|decisions}.xlsx[?campaign=ID][&private=1]
// The staff lists of exports.$kind[.]csv.tsx as Excel workbooks: the same
// scope, the same private columns rule, the same audit (app/exports/exports.server.ts).

const text = {
  unknown: 'Такой выгрузки нет.',
  badCampaign: 'Номер отбора должен быть целым числом.',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const kind = params.kind as ExportKind
  if (!exportKinds.includes(kind)) throw new Response(text.unknown, { status: 404 })
  const url = new URL(request.url)
  const campaign = url.searchParams.get('campaign')
  const campaignId = campaign ? parseId(campaign) : null
  if (campaign && campaignId === null) throw new Response(text.badCampaign, { status: 400 })
  const file = await orErrorPage(exportXlsx(actor, { kind, campaignId, withPrivate: url.searchParams.get('private') === '1' }))
  return download(file, XLSX_TYPE)
}
