import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'
import { ALLOWED_METHODS, refuse, refusals } from './edge'

// OPTIONS (RFC 9110 §9.3.7) is answered at the edge: 204, no body, and the
// `Allow` of the resource asked about — GET, HEAD and OPTIONS everywhere, POST
// where the page has an action. Remix would otherwise run a file's loader for
// it (OPTIONS /roster.json answered 200 with the whole roster) and refuse a
// page with its router's 405. No CORS headers: a preflight from another site
// is answered but grants nothing. An unknown path is the usual 404; `OPTIONS *`
// asks about the server and gets every method it answers at all.

type Tree = NonNullable<Parameters<typeof matchRoutes>[0]>[number] & { id: string }

/** Remix's flat route table as the nested routes the router matches. */
function treeOf(build: ServerBuild): Tree[] {
  const nodes = new Map<string, Tree>()
  // An index route has no children (the router's types say so).
  for (const r of Object.values(build.routes))
    nodes.set(r.id, r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: [] })
  const roots: Tree[] = []
  for (const r of Object.values(build.routes)) {
    const node = nodes.get(r.id)!
    const parent = r.parentId ? nodes.get(r.parentId) : undefined
    if (parent?.children) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** Paths the server answers before Remix (server/main.ts), with their methods. */
const OWN_PATHS: Record<string, string> = {
  '/healthz': 'GET, HEAD, OPTIONS',
  '/.well-known/security.txt': 'GET, HEAD, OPTIONS',
}

/**
 * The methods a path answers, or null for a path no route has. Remix's own
 * data requests ("<path>.data") are the page's.
 */
export function allowOf(build: ServerBuild, tree: Tree[], pathname: string): string | null {
  if (pathname in OWN_PATHS) return OWN_PATHS[pathname]
  const page = pathname === '/_root.data' ? '/' : pathname.replace(/\.data$/, '')
  const matches = matchRoutes(tree, page)
  const leaf = matches?.[matches.length - 1]?.route as Tree | undefined
  if (!leaf) return null
  return build.routes[leaf.id]?.module.action ? 'GET, HEAD, POST, OPTIONS' : 'GET, HEAD, OPTIONS'
}

/** Answers an OPTIONS request; the route tree is rebuilt only when the build changes (in development, after an edit). */
export function optionsHandler(build: ServerBuild | (() => Promise<ServerBuild>)) {
  let cached: { build: ServerBuild; tree: Tree[] } | undefined
  const current = async () => {
    const b = typeof build === 'function' ? await build() : build
    if (cached?.build !== b) cached = { build: b, tree: treeOf(b) }
    return cached
  }
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/'
    let allow: string | null
    if (url === '*') allow = ALLOWED_METHODS
    else {
      const { build: b, tree } = await current()
      let pathname: string
      try {
        pathname = new URL(url, 'http://x').pathname
      } catch {
        return refuse(req, res, refusals.badUrl)
      }
      allow = allowOf(b, tree, pathname)
    }
    if (!allow) return refuse(req, res, refusals.notFound)
    res.writeHead(204, { Allow: allow, 'Cache-Control': 'no-store' })
    res.end()
  }
}
