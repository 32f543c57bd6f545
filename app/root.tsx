import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useNonce } from '~/ui/nonce-context'
import { a11yFromCookie, isPublicPath } from '~/http/public-paths'
import { holds } from '~/model/permissions'
import { getSignedIn } from '~/http/session.server'
import { takeFlash } from '~/http/flash.server'
import { FormStatus } from '~/ui/form-status'
import styles from './styles.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Child routes set their own titles; this one is for error pages.
export const meta: MetaFunction = ({ error }) => {
  const status = isRouteErrorResponse(error) ? error.status : error ? 500 : 200
  if (!error) return [{ title: text.site }]
  return [{ title: `${status === 404 ? text.notFound : text.errorTitle} — ${text.site}` }]
}

const text = {
  site: 'Реестр методического актива',
  skip: 'Перейти к содержанию',
  home: 'Главная',
  dashboard: 'Мои задачи',
  campaigns: 'Открытые отборы',
  outbox: 'Почта',
  signIn: 'Войти',
  signOut: 'Выйти',
  roster: 'Реестр актива',
  a11yOn: 'Версия для слабовидящих',
  a11yOff: 'Обычная версия сайта',
  footer: 'Региональная система научно-методического сопровождения педагогических работников и управленческих кадров',
  errorTitle: 'Ошибка',
  notFound: 'Страница не найдена',
  forbidden: 'Недостаточно прав',
  notAllowed: 'Здесь нельзя выполнить это действие.',
  unexpected: 'Что-то пошло не так. Попробуйте обновить страницу позже.',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  // Public pages are shared by every visitor (and cached): never personalised.
  const isPublic = isPublicPath(url.pathname)
  const signedIn = isPublic ? null : await getSignedIn(request)
  // The confirmation of the last form (redirectWithFlash), shown once: read
  // and cleared here. A public page is the same for everyone and never sets a
  // cookie, so a message waits for the next page that is not public.
  const { flash, setCookie } = isPublic ? { flash: null, setCookie: null } : await takeFlash(request)
  return data(
    {
      user: signedIn ? { name: signedIn.user.displayName, outbox: holds(signedIn, 'outbox:read') } : null,
      a11y: a11yFromCookie(request.headers.get('Cookie')),
      flash,
    },
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  )
}

type RootData = Awaited<ReturnType<typeof loader>>['data']

/** Routes with `handle: { hydrate: false }` ship no JavaScript at all. */
export type RouteHandle = { hydrate?: boolean }

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<RootData>('root')
  const hydrate = !useMatches().some((m) => (m.handle as RouteHandle | undefined)?.hydrate === false)
  return (
    <html lang="ru" className={data?.a11y ? 'a11y' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip" href="#main">
          {text.skip}
        </a>
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

function Header({ user }: { user: { name: string; outbox?: boolean } | null }) {
  const data = useRouteLoaderData<RootData>('root')
  const location = useLocation()
  const back = encodeURIComponent(location.pathname + location.search)
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        {text.site}
      </Link>
      <nav aria-label="Основное меню">
        <ul>
          <li>
            <Link to="/">{text.home}</Link>
          </li>
          <li>
            <Link to="/roster">{text.roster}</Link>
          </li>
          <li>
            <a href={`/a11y?on=${data?.a11y ? '0' : '1'}&back=${back}`}>{data?.a11y ? text.a11yOff : text.a11yOn}</a>
          </li>
          {user ? (
            <>
              <li>
                <Link to="/dashboard">{text.dashboard}</Link>
              </li>
              <li>
                <Link to="/campaigns">{text.campaigns}</Link>
              </li>
              {user.outbox ? (
                <li>
                  <Link to="/outbox">{text.outbox}</Link>
                </li>
              ) : null}
              <li className="who">{user.name}</li>
              <li>
                <Form method="post" action="/logout">
                  <button type="submit" className="link">
                    {text.signOut}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <li>
              <Link to="/login">{text.signIn}</Link>
            </li>
          )}
        </ul>
      </nav>
    </header>
  )
}

export default function App() {
  const { user, flash } = useRouteLoaderData<RootData>('root') ?? { user: null, flash: null }
  return (
    <>
      <Header user={user} />
      <main id="main" tabIndex={-1}>
        {flash ? <FormStatus status={flash.kind === 'success' ? flash.text : null} error={flash.kind === 'error' ? flash.text : null} /> : null}
        <Outlet />
      </main>
      <footer className="site-footer">{text.footer}</footer>
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  // Our own refusals carry a Russian message; the router's internal ones
  // (405, 400 on a malformed request) carry English text naming route files.
  const own = isRouteErrorResponse(error) && !(error as { internal?: boolean }).internal && typeof error.data === 'string'
  const message =
    status === 404 ? text.notFound : status === 403 ? text.forbidden : status === 405 ? text.notAllowed : own ? error.data : text.unexpected
  return (
    <>
      <Header user={null} />
      <main id="main" tabIndex={-1}>
        <h1>
          {text.errorTitle} {status}
        </h1>
        <p>{message}</p>
        <p>
          <Link to="/">{text.home}</Link>
        </p>
      </main>
    </>
  )
}
