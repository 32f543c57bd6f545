import { Link } from '@remix-run/react'
import type { MessageFields } from './route'
import { text } from './text'

/** One message written to a file (no SMTP server configured): its headers and text, and the file itself as a download. */
export function MessageView({ message }: { message: { id: number; view: MessageFields | null } }) {
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
          <p>
            <a href={`/outbox/${message.id}.eml`} download>
              {text.source}
            </a>{' '}
            <span className="muted">{text.sourceHint}</span>
          </p>
        </>
      ) : (
        <p className="alert">{text.noFile}</p>
      )}
    </>
  )
}
