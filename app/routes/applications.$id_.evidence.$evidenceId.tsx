import type { LoaderFunctionArgs } from '@remix-run/node'
import { evidenceDownload } from '~/domain/evidence.server'
import { contentDisposition } from '~/model/inputs/application'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// A stored evidence file, only for those who may read the application
// (staff reads are audited). Always a download, never rendered inline.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const file = await orErrorPage(evidenceDownload(actor, idParam(params.id), idParam(params.evidenceId)))
  const body = new Uint8Array(file.content)
  return new Response(body, {
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(body.byteLength),
      'Content-Disposition': contentDisposition(file.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
