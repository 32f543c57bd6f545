import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportCsv } from '~/exports/exports.server'
import { exportRequest } from '~/http/export-request.server'
import { requireSignedIn } from '~/http/session.server'
import { orErrorPage } from '~/http/errors.server'

// GET /exports/{applications|members|decisions}.csv[?campaign=ID][&private=1]
// Staff lists for Excel (CSV for Excel in a Russian locale; .xlsx beside it).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  // Streamed in batches; a client that leaves stops the reads (request.signal).
  const file = await orErrorPage(exportCsv(actor, exportRequest(request, params.kind), { signal: request.signal }))
  return new Response(file.body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      // Staff data, possibly personal: never in a shared cache.
      'Cache-Control': 'private, no-store',
    },
  })
}
