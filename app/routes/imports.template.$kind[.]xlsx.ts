import type { LoaderFunctionArgs } from '@remix-run/node'
import { importKinds, type ImportKind } from '~/imports/columns'
import { importTemplateXlsx } from '~/imports/template-xlsx.server'
import { download, XLSX_TYPE } from '~/http/download.server'

// GET /imports/template/{nominations|registry|qualification}.xlsx[?region=CODE]
// The empty template as a workbook, with drop-down lists of the region's
// municipalities and subjects (public reference data), so no sign-in needed.

const text = { unknown: 'Такого шаблона нет.' }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.kind as ImportKind
  if (!importKinds.includes(kind)) throw new Response(text.unknown, { status: 404 })
  const region = new URL(request.url).searchParams.get('region')?.trim().toLowerCase() || null
  const res = download(await importTemplateXlsx(kind, region), XLSX_TYPE)
  // the same for everyone: cacheable like the CSV template
  res.headers.set('Cache-Control', 'public, max-age=3600')
  return res
}
