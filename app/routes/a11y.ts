import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { A11Y_COOKIE } from '~/http/public-paths'
import { safeRedirect } from '~/utils/safe-redirect'

// The visually-impaired version is a preference kept in a cookie for a year;
// a plain link toggles it, so it works without JavaScript.
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const on = url.searchParams.get('on') === '1'
  const back = safeRedirect(url.searchParams.get('back'), '/')
  const cookie = on
    ? `${A11Y_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`
    : `${A11Y_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`
  return redirect(back, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } })
}
