import { Form, Link } from '@remix-run/react'
import type { Reply } from '~/ui/action-button'
import { ListPager } from '~/ui/list-pager'
import { AddItem } from './attendance'
import { text } from './text'

// The candidates that can still be put on the agenda: one page of them in the
// choice, a search by name run in the database, and «N–M из T» under it, so a
// commission with a thousand candidates in review finds each of them.

type Candidate = { id: number; fullName: string; organisationName: string | null }
type Pager = { q: string | null; from: number; total: number; next: string | null; first: string }

export function CandidateChoice({ meetingId, candidates, pager, reply }: { meetingId: number; candidates: Candidate[]; pager: Pager; reply: Reply }) {
  if (pager.total === 0 && !pager.q) return <p className="muted">{text.noCandidates}</p>
  return (
    <>
      <Form method="get" role="search" aria-label={text.candidateSearch} className="inline-form">
        <label htmlFor="candidate-q">{text.candidateQ}</label> <input id="candidate-q" name="q" type="search" defaultValue={pager.q ?? ''} maxLength={100} />{' '}
        <button type="submit">{text.candidateFind}</button>
        {pager.q ? (
          <>
            {' '}
            <Link to={`/meetings/${meetingId}`}>{text.candidateReset}</Link>
          </>
        ) : null}
      </Form>
      {candidates.length === 0 ? <p className="muted">{text.candidatesNotFound}</p> : <AddItem candidates={candidates} reply={reply} />}
      <ListPager from={pager.from} count={candidates.length} total={pager.total} next={pager.next} first={pager.first} label={text.candidatePages} />
    </>
  )
}
