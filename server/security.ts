import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'
import { refuse, refusals } from './edge'

type WithLocals = ServerResponse & { locals?: Record<string, unknown> }

const nonceOf = (res: ServerResponse) => String((res as WithLocals).locals?.cspNonce ?? '')

/**
 * Security headers on every response, the public cache's included (it runs
 * before Express, so this works on plain Node requests). A fresh nonce per
 * response; the CSP allows inline scripts only with it. Public pages replace
 * the CSP with their own, which allows no script at all.
 */
export function securityHeaders(opts: { dev: boolean; https: boolean }) {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${nonceOf(res)}'`, ...(opts.dev ? ["'unsafe-inline'"] : [])],
        styleSrc: ["'self'", ...(opts.dev ? ["'unsafe-inline'"] : [])],
        imgSrc: ["'self'", 'data:'],
        connectSrc: opts.dev ? ["'self'", 'ws:'] : ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // HSTS only where the site really is served over HTTPS (PUBLIC_URL says so).
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  })
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const withLocals = res as WithLocals
    withLocals.locals ??= {}
    withLocals.locals.cspNonce = randomBytes(16).toString('base64')
    // helmet leaves Permissions-Policy out.
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    headers(req, res, next)
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The host of a well-formed Origin header; null for anything else ("foo", "http://", "http://host:1.evil"). */
export function originHost(origin: string): string | null {
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin ? url.host : null
  } catch {
    return null
  }
}

/**
 * CSRF: besides sameSite=lax cookies, a state-changing request must come
 * from this site. Browsers send Origin (and Sec-Fetch-Site) on every POST;
 * scripts without them (the CLI, curl) carry no session cookie anyway. An
 * Origin that is not a well-formed origin is refused like a foreign one.
 */
export function sameOriginMutations() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next()
    const site = req.get('sec-fetch-site')
    const origin = req.get('origin')
    const crossSite = site === 'cross-site' || (origin !== undefined && originHost(origin) !== req.get('host'))
    if (crossSite) return refuse(req, res, refusals.crossSite)
    next()
  }
}
