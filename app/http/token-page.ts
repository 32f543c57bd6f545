import type { HeadersFunction } from '@remix-run/node'
import { passRetryAfter } from '~/http/retry-after'

// Pages whose address holds a one-time secret (/reset/<token>, /confirm/<token>).

/**
 * The token never leaves in a Referer header to another site: 'same-origin',
 * not 'no-referrer', which would make the browser send "Origin: null" with
 * the page's form (refused as forged).
 */
export const tokenPageMeta = (title: string) => [{ title: `${title} — Реестр методического актива` }, { name: 'referrer', content: 'same-origin' }]

/** No cache or proxy keeps the page; a throttled request still says when to retry. */
export const tokenPageHeaders: HeadersFunction = (args) => {
  const out = new Headers(passRetryAfter(args))
  out.set('Cache-Control', 'no-store')
  return out
}
