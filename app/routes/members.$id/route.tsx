import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { idParam, orErrorPage } from '~/http/errors.server'
import { changeMember, memberView } from '~/domain/roster-admin.server'
import { memberScore } from '~/domain/evaluation.server'
import { schoolYearLabel } from '~/model/evaluation'
import { evaluationText } from '~/model/evaluation-text'
import { memberChangeSchema } from '~/model/inputs/coordinator'
import { formatOrder } from '~/model/inputs/orders'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { redirectWithFlash } from '~/http/flash.server'
import { formatDate, formatDateTime, memberAuditLabels, memberStateLabels } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ListPager } from '~/ui/list-pager'
import { allErrors, revalidateAfterStaleRow, type Reply } from '~/ui/action-button'
import { FormStatus } from '~/ui/form-status'
import { EventForm } from './event-form'
import { text } from './text'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.member.fullName ?? 'Член актива'} — Реестр методического актива` }]

// A change refused because the membership changed in another tab (409)
// reads the page again, so it shows the membership as it is now.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const url = new URL(request.url)
  const view = await orErrorPage(memberView(actor, id, pageOf(url, 'historyAfter', 'int')))
  const historyPager = { ...view.historyPage, next: nextHref(url, { ...view.historyPage, rows: view.history }, 'historyAfter'), first: firstHref(url, 'historyAfter') }
  return { ...view, historyPager, score: await memberScore(actor, id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  return handleForm(request, memberChangeSchema, (change) => changeMember(actor, id, change).then(() => redirectWithFlash(`/members/${id}`, text.done)))
}

export default function MemberPage() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const m = d.member
  // A refusal whose form is no longer offered (the member was resumed,
  // suspended or excluded in another tab) is said above the actions, not nowhere.
  const sent = (reply as Reply)?.form
  const stray = sent && !d.events.includes(sent as never) ? allErrors((reply as Reply)?.error ?? undefined) : []
  return (
    <>
      <p>
        <Link to={`/members?region=${m.regionId}`}>{text.back}</Link>
        {' · '}
        <Link to={`/people/${m.personId}/consents`}>{text.consents}</Link>
        {' · '}
        <a href={`/members/${m.id}/certificate.docx`} download>
          {text.certificate}
        </a>
      </p>
      <h1>{m.fullName}</h1>
      <p>
        {text.state}:{' '}
        <strong className="badge" data-state={m.state}>
          {memberStateLabels[m.state] ?? ''}
        </strong>
      </p>
      <dl className="facts">
        <dt>{text.workplace}</dt>
        <dd>{m.organisationName ?? '—'}</dd>
        <dt>{text.position}</dt>
        <dd>{m.position || '—'}</dd>
        <dt>{text.subjects}</dt>
        <dd>{m.subjects.join(', ') || '—'}</dd>
        <dt>{text.municipality}</dt>
        <dd>{m.municipalityName ?? '—'}</dd>
        <dt>{text.public}</dt>
        <dd>{m.listed ? text.listed : text.notListed(m.state, m.public)}</dd>
        <dt>{text.admitted}</dt>
        <dd>{m.admittedOrder ? formatOrder(m.admittedOrder) : '—'}</dd>
        <dt>{text.term}</dt>
        <dd>{m.termEndsOn ? formatDate(m.termEndsOn) : '—'}</dd>
        {d.score ? (
          <>
            <dt>{text.score(schoolYearLabel(d.score.year))}</dt>
            <dd>
              {evaluationText.scoreLine(d.score.points, d.score.threshold)}
              {d.score.low ? <strong>{evaluationText.verdict(true)}</strong> : null}
            </dd>
          </>
        ) : null}
        {m.changedOrder ? (
          <>
            <dt>{text.lastChange}</dt>
            <dd>
              {formatOrder(m.changedOrder)}
              {m.changeReason ? `: ${m.changeReason}` : ''}
            </dd>
          </>
        ) : null}
        {m.changeGroundLabel ? (
          <>
            <dt>{text.lastGround}</dt>
            <dd>{m.changeGroundLabel}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="actions">
        <h2 id="actions">{text.actions}</h2>
        {stray.length > 0 ? <FormStatus error={stray.join(' ')} /> : null}
        {d.events.length === 0 ? <p className="muted">{text.noActions}</p> : <p>{text.actionsHint}</p>}
        {d.events.map((e) => (
          <EventForm key={e} event={e} name={m.fullName} orders={d.orders} grounds={d.grounds} rowVersion={m.rowVersion} reply={reply} />
        ))}
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{text.history}</h2>
        {d.historyPager.total === 0 ? <p className="muted">{text.noHistory}</p> : null}
        <ol className="timeline">
          {d.history.map((h) => (
            <li key={h.id}>
              <span className="muted">{formatDateTime(h.at, d.timeZone)}</span> — {memberAuditLabels[h.action] ?? text.historyChange}
              {h.toState && h.toState !== h.fromState && memberStateLabels[h.toState] ? ` → ${memberStateLabels[h.toState]}` : ''}
              {h.order ? text.historyOrder(formatOrder(h.order), h.order.title) : ''}
              {h.actorName ? <span className="muted"> — {h.actorName}</span> : null}
              {h.groundLabel ? <div>{text.historyGround(h.groundLabel)}</div> : null}
              {h.reason ? <div>«{h.reason}»</div> : null}
            </li>
          ))}
        </ol>
        <ListPager from={d.historyPager.from} count={d.history.length} total={d.historyPager.total} next={d.historyPager.next} first={d.historyPager.first} label={text.historyPages} />
      </section>
    </>
  )
}
