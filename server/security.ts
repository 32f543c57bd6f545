import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

/** A fresh nonce per response; the CSP allows inline scripts only with it. */
export function securityHeaders(opts: { dev: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    const connect = opts.dev ? "'self' ws:" : "'self'"
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'${opts.dev ? " 'unsafe-inline'" : ''}`,
        `style-src 'self'${opts.dev ? " 'unsafe-inline'" : ''}`,
        "img-src 'self' data:",
        `connect-src ${connect}`,
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    next()
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF: besides sameSite=lax cookies, a state-changing request must come
 * from this site. Browsers send Origin (and Sec-Fetch-Site) on every POST;
 * scripts without them (the CLI, curl) carry no session cookie anyway.
 */
export function sameOriginMutations() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next()
    const site = req.get('sec-fetch-site')
    const origin = req.get('origin')
    const host = req.get('host')
    const crossSite = site === 'cross-site' || (origin !== undefined && origin !== 'null' && new URL(origin).host !== host) || origin === 'null'
    if (crossSite) {
      res.status(403).type('text/plain; charset=utf-8').send('Запрос с другого сайта отклонён (CSRF).')
      return
    }
    next()
  }
}
