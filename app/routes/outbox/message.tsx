import { Link } from '@remix-run/react'
import type { readEml } from '~/mail/eml.server'
import { text } from './text'

/** One message written to a file (no SMTP server configured): its headers, text and source. */
export function MessageView({ message }: { message: { id: number; view: Awaited<ReturnType<typeof readEml>> } }) {
  const v = message.view
  return (
    <>
      <h1>{text.messageTitle(message.id)}</h1>
      <p>
        <Link to="/outbox">{text.back}</Link>
      </p>
      {v ? (
        <>
          <dl className="facts">
            <dt>{text.from}</dt>
            <dd>{v.from}</dd>
            <dt>{text.to}</dt>
            <dd>{v.to}</dd>
            <dt>{text.subject}</dt>
            <dd>{v.subject}</dd>
            <dt>{text.date}</dt>
            <dd>{v.date}</dd>
            <dt>{text.messageId}</dt>
            <dd>
              <code>{v.messageId}</code>
            </dd>
          </dl>
          <pre className="document">{v.text}</pre>
          <details>
            <summary>{text.source}</summary>
            <pre className="document">{v.raw}</pre>
          </details>
        </>
      ) : (
        <p className="alert">{text.noFile}</p>
      )}
    </>
  )
}
