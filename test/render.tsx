import type { ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'

// Server-side HTML of one route module for a URL: its loader runs through a
// static data router and its component renders with that data, the way the
// page's markup is produced (without the root layout).

type RouteModule = { loader: (args: never) => unknown; action?: (args: never) => unknown; default: ComponentType }

/** `pattern`: the route's path with its parameters (e.g. '/applications/:id'); the URL's own path by default. */
export async function renderRoute(route: RouteModule, url: string, headers: Record<string, string> = {}, pattern?: string): Promise<string> {
  const routes = [{ id: 'route', path: pattern ?? new URL(url).pathname, loader: route.loader as never, Component: route.default }]
  const handler = createStaticHandler(routes)
  const result = await handler.query(new Request(url, { headers }), { requestContext: { cspNonce: 'n', clientAddress: '127.0.0.1' } })
  if (result instanceof Response) throw new Error(`the loader answered ${result.status}`)
  const router = createStaticRouter(handler.dataRoutes, result)
  return renderToString(<StaticRouterProvider router={router} context={result} hydrate={false} />)
}

/**
 * The page as it comes back from a form sent without JavaScript: the
 * route's action runs on the POST, then its loader, and the component
 * renders with both (a redirect is an error here).
 */
export async function renderAfterPost(
  route: RouteModule,
  url: string,
  fields: Record<string, string | number>,
  headers: Record<string, string> = {},
  pattern?: string,
): Promise<{ status: number; html: string }> {
  const routes = [{ id: 'route', path: pattern ?? new URL(url).pathname, loader: route.loader as never, action: route.action as never, Component: route.default }]
  const handler = createStaticHandler(routes)
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]))
  const result = await handler.query(new Request(url, { method: 'POST', headers, body }), { requestContext: { cspNonce: 'n', clientAddress: '127.0.0.1' } })
  if (result instanceof Response) throw new Error(`the action answered ${result.status}`)
  const router = createStaticRouter(handler.dataRoutes, result)
  return { status: result.statusCode, html: renderToString(<StaticRouterProvider router={router} context={result} hydrate={false} />) }
}
