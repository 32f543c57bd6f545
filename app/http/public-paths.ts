/**
 * Public, cacheable pages: the same HTML for every visitor (no session is
 * read, nothing personal to the viewer is rendered), so the server may cache
 * them by roster version (server/public-cache.ts).
 */
export function isPublicPath(pathname: string): boolean {
  return pathname === '/roster' || pathname === '/roster.csv' || pathname === '/roster.json' || pathname.startsWith('/regions/')
}

export const A11Y_COOKIE = 'rma_a11y'

/** The sign-in cookie (app/session.server.ts); the server marks every response to its holder "no-store". */
export const SESSION_COOKIE = '__rma_session'

/**
 * A random id the server gives each request it hands to Remix (whatever the
 * client sent under this name is replaced). Remix gives each loader its own
 * copy of the Request, so a per-request memo keys by this id, not by the object.
 */
export const REQUEST_ID_HEADER = 'x-rma-request'

export function a11yFromCookie(cookieHeader: string | null | undefined): boolean {
  return /(?:^|;\s*)rma_a11y=1(?:;|$)/.test(cookieHeader ?? '')
}

/** Whether a request's Accept asks for JSON rather than a page: the edge's refusals and the pages' (app/http/script-errors.server.ts) answer it in JSON. */
export function prefersJson(accept: string | null | undefined): boolean {
  return /\bjson\b/i.test(accept ?? '') && !/text\/html/i.test(accept ?? '')
}
