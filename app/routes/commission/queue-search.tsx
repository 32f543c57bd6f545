import { Form, Link } from '@remix-run/react'
import { text } from './text'

// The queue's search by name: a GET form, so the result is a link like any
// other page of the queue, and the search runs in the database, not over a cut list.
export function QueueSearch({ commissionId, q }: { commissionId: number; q: string | null }) {
  return (
    <Form method="get" role="search" aria-label={text.queueSearch} className="inline-form">
      <input type="hidden" name="commission" value={commissionId} />
      <label htmlFor="queue-q">{text.queueQ}</label> <input id="queue-q" name="q" type="search" defaultValue={q ?? ''} maxLength={100} />{' '}
      <button type="submit">{text.queueFind}</button>
      {q ? (
        <>
          {' '}
          <Link to={`/commission?commission=${commissionId}`}>{text.queueReset}</Link>
        </>
      ) : null}
    </Form>
  )
}
