import type { LoaderFunctionArgs } from '@remix-run/node'
import { readEml } from '~/mail/eml.server'
import { env } from '~/utils/env.server'
import { holds } from '~/model/permissions'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { attachment } from '~/utils/content-disposition'
import { readableOutboxRow } from '~/domain/outbox.server'
import { text } from './outbox/text'

// A letter the file mailer wrote (no SMTP server configured), as the file
// itself: for a mail program, never shown as a page.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  if (!holds(actor, 'outbox:read')) throw new Response(text.forbidden, { status: 403 })
  const id = idParam(params.id)
  await orErrorPage(readableOutboxRow(actor, id))
  const eml = env().SMTP_URL ? null : await readEml(env().DATA_DIR, id)
  if (!eml) throw new Response(text.noFile, { status: 404 })
  const body = Buffer.from(eml.raw, 'utf8')
  return new Response(body, {
    headers: {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': attachment(text.fileName(id)),
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
    },
  })
}
