import { exportKinds, type ExportKind } from '~/exports/exports.server'
import { parseId } from '~/utils/parse-id'

// GET /exports/<kind>.(csv|xlsx)[?campaign=ID][&private=1]: one reading of the
// request for both formats. Scope and private columns are decided by the
// grants (app/exports/exports.server.ts), never by the query string alone.

const text = {
  unknown: 'Такой выгрузки нет.',
  badCampaign: 'Номер отбора должен быть целым числом.',
}

export function exportRequest(request: Request, kindParam: string | undefined) {
  const kind = kindParam as ExportKind
  if (!exportKinds.includes(kind)) throw new Response(text.unknown, { status: 404 })
  const url = new URL(request.url)
  const campaign = url.searchParams.get('campaign')
  const campaignId = campaign ? parseId(campaign) : null
  if (campaign && campaignId === null) throw new Response(text.badCampaign, { status: 400 })
  return { kind, campaignId, withPrivate: url.searchParams.get('private') === '1' }
}
