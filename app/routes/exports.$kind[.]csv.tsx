import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportCsv, exportKinds, type ExportKind } from '~/exports/exports.server'
import { requireSignedIn } from '~/http/session.server'
import { orErrorPage } from '~/http/errors.server'
import { parseId } from '~/utils/parse-id'

// GET /exports/{applications|members|decisions}.csv[?campaign=ID][&private=1]
// Staff lists for Excel; scope and private columns are decided by the grants
// (app/exports/exports.server.ts), never by the query string alone.

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
  const file = await orErrorPage(exportCsv(actor, { kind, campaignId, withPrivate: url.searchParams.get('private') === '1' }))
  return new Response(file.body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      // Staff data, possibly personal: never in a shared cache.
      'Cache-Control': 'private, no-store',
    },
  })
}
