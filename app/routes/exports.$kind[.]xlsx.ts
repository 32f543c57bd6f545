import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportXlsx } from '~/exports/exports.server'
import { download, XLSX_TYPE } from '~/http/download.server'
import { exportRequest } from '~/http/export-request.server'
import { requireSignedIn } from '~/http/session.server'
import { orErrorPage } from '~/http/errors.server'

// GET /exports/{applications|members|decisions}.xlsx[?campaign=ID][&private=1]
// The staff lists of exports.$kind[.]csv.tsx as Excel workbooks: the same
// scope, the same private columns rule, the same audit.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  // Streamed in batches; a client that leaves stops the reads (request.signal).
  return download(await orErrorPage(exportXlsx(actor, exportRequest(request, params.kind), { signal: request.signal })), XLSX_TYPE)
}
