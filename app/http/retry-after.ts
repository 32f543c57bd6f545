import type { HeadersFunction } from '@remix-run/node'

/**
 * A throttled form's `Retry-After` (set by `attempt` from the refusal) reaches
 * the HTML document only through the route's `headers` export; routes whose
 * actions can be throttled export this.
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const out = new Headers(parentHeaders)
  const retry = actionHeaders.get('Retry-After')
  if (retry) out.set('Retry-After', retry)
  return out
}
