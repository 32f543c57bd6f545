import type { LoaderFunctionArgs } from '@remix-run/node'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { ruleSetFile } from '~/domain/rule-set-admin.server'

// A rule-set version's document for download: the editor is the form, this
// is the exact stored JSON for those who need it (staff of the region only).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const file = await orErrorPage(ruleSetFile(actor, idParam(params.id)))
  return new Response(file.body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
