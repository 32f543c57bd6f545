import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { appealPage } from '~/domain/appeals.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// An appeal has no page of its own: it is shown on its application's page
// (notifications about an appeal link here).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return redirect(await orErrorPage(appealPage(actor, idParam(params.id))))
}

// why: a route without a component is a resource route, and Remix sends its
// refusal (an unknown appeal, another person's) as a bare line of text with no
// header and no way back; with one, the site's error page shows it. The
// loader always redirects, so nothing is ever rendered here.
export default function AppealLink() {
  return null
}
