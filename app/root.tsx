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
import { errorMessage } from '~/model/error-messages'
import { getSignedIn } from '~/http/session.server'
import { takeFlash } from '~/http/flash.server'
import { FormStatus } from '~/ui/form-status'
import styles from './styles.css?url'

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: styles },
]

// Child routes set their own titles; this one is for error pages.
export const meta: MetaFunction = ({ error }) => {
  const status = isRouteErrorResponse(error) ? error.status : error ? 500 : 200
  if (!error) return [{ title: text.site }]
  return [{ title: `${errorHeading(status)} — ${text.site}` }]
}

const text = {
  site: 'Реестр методического актива',
  skip: 'Перейти к содержанию',
  home: 'Главная',
  toHome: 'На главную',
  backToForm: 'Вернуться к форме',
  dashboard: 'Мои задачи',
  myWork: 'Мои заявления и задачи',
  selections: 'Открытые отборы',
  campaigns: 'Открытые отборы',
  outbox: 'Почта',
  signIn: 'Войти',
  signOut: 'Выйти',
  sessions: 'Мои сеансы входа: где открыт вход, выйти на всех устройствах',
  roster: 'Реестр актива',
  a11yOn: 'Версия для слабовидящих',
  a11yOff: 'Обычная версия сайта',
  footer: 'Региональная система научно-методического сопровождения педагогических работников и управленческих кадров',
  errorTitle: 'Ошибка',
  notFound: 'Страница не найдена',
  forbidden: 'Нет доступа',
  forbiddenHint: 'Если доступ нужен вам по работе, обратитесь к региональному координатору.',
  notAllowedTitle: 'Действие недоступно',
  unexpectedTitle: 'Сбой на сервере',
  code: (status: number) => `Код ошибки: ${status}`,
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

/**
 * Routes with `handle: { hydrate: false }` ship no React; `scripts` names
 * small same-origin files of progressive enhancement (from public/) such a
 * page may still load — the public CSP allows 'self' scripts, never inline ones.
 */
export type RouteHandle = { hydrate?: boolean; scripts?: string[] }

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<RootData>('root')
  const matches = useMatches()
  const hydrate = !matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === false)
  const scripts = [...new Set(matches.flatMap((m) => (m.handle as RouteHandle | undefined)?.scripts ?? []))]
  return (
    <html lang="ru" className={data?.a11y ? 'a11y' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {scripts.map((src) => (
          <script key={src} src={src} defer />
        ))}
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
          {user ? null : (
            <li>
              <Link to="/selections">{text.selections}</Link>
            </li>
          )}
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
              <li className="who">
                <Link to="/my/sessions" title={text.sessions}>
                  {user.name}
                </Link>
              </li>
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

function errorHeading(status: number): string {
  if (status === 404) return text.notFound
  if (status === 401 || status === 403) return text.forbidden
  if (status === 405) return text.notAllowedTitle
  if (status >= 500) return text.unexpectedTitle
  return text.errorTitle
}

export function ErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  // The root loader has run unless it failed itself: the page knows who is
  // signed in and offers what fits them, never «Войти» to someone already in.
  const user = useRouteLoaderData<RootData>('root')?.user ?? null
  const status = isRouteErrorResponse(error) ? error.status : 500
  // Our own refusals carry a Russian message; the router's internal ones
  // (405, 400 on a malformed request) carry English text naming route files.
  const own = isRouteErrorResponse(error) && !(error as { internal?: boolean }).internal && typeof error.data === 'string' && error.data !== ''
  const denied = status === 401 || status === 403
  const message = errorMessage(status, own ? (error.data as string) : null, user !== null)
  const back = encodeURIComponent(location.pathname + location.search)
  return (
    <>
      <Header user={user} />
      <main id="main" tabIndex={-1}>
        <h1>{errorHeading(status)}</h1>
        <p>{message}</p>
        {denied && user ? <p>{text.forbiddenHint}</p> : null}
        <p className="muted">{text.code(status)}</p>
        <ul className="error-actions">
          {/* a sent form refused (too large, malformed): the page again, to send it once more */}
          {own && (status === 400 || status === 413) ? (
            <li>
              <Link to={location.pathname + location.search}>{text.backToForm}</Link>
            </li>
          ) : null}
          {user ? (
            <li>
              <Link to="/dashboard">{text.myWork}</Link>
            </li>
          ) : denied ? (
            <li>
              <a href={`/login?redirectTo=${back}`}>{text.signIn}</a>
            </li>
          ) : null}
          <li>
            <Link to="/">{text.toHome}</Link>
          </li>
          {user ? null : (
            <li>
              <Link to="/selections">{text.selections}</Link>
            </li>
          )}
        </ul>
      </main>
      <footer className="site-footer">{text.footer}</footer>
    </>
  )
}
