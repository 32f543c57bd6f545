import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { addCriterion, editCriterion, moveCriterion, removeCriterion, reviewFormView } from '~/domain/review-forms.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { reviewFormActionSchema } from '~/model/inputs/review-form'
import { revalidateAfterStaleRow, strayOf } from '~/ui/action-button'
import { FormErrors } from '~/ui/form'
import { AddCriterion, CriterionCard, criterionRows } from './criteria'
import { text } from './text'

// /campaigns/manage/<id>/review-form: the regional coordinator's editor of the
// campaign's review form (issue 11 §4.2). Each change is its own small form.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${text.title}${data ? ` — ${data.campaign.title}` : ''} — Реестр методического актива` },
]

// A 404/409 means the form changed in another tab: read it again.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(reviewFormView(actor, idParam(params.id)))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const back = (message: string) => redirectWithFlash(`/campaigns/manage/${id}/review-form`, message)
  return handleForm(request, reviewFormActionSchema, async (f) => {
    switch (f.intent) {
      case 'addCriterion':
        return addCriterion(actor, id, f).then(() => back(text.done.added))
      case 'updateCriterion':
        return editCriterion(actor, id, f.criterionId, f).then(() => back(text.done.saved))
      case 'removeCriterion':
        return removeCriterion(actor, id, f.criterionId).then(() => back(text.done.removed))
      case 'moveCriterion':
        return moveCriterion(actor, id, f.criterionId, f.direction).then(() => back(text.done.moved))
    }
  })
}

export default function ReviewFormPage() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const total = d.criteria.reduce((s, c) => s + c.scaleMax, 0)
  return (
    <>
      <p>
        <Link to={`/campaigns/manage/${d.campaign.id}`}>
          {text.back} «{d.campaign.title}»
        </Link>
      </p>
      <h1>{text.title}</h1>
      <p className="muted">{d.campaign.title}</p>
      <p>{text.intro}</p>
      {d.locked ? (
        <p className="alert" role="status">
          {text.locked}
        </p>
      ) : null}
      {d.criteria.length === 0 ? (
        <p className="muted">{d.rubricMax != null ? text.rubric(d.rubricMax) : text.none}</p>
      ) : (
        <p>{text.total(d.criteria.length, total)}</p>
      )}
      {/* A refusal for a criterion no longer on the page (removed in another tab) is said here. */}
      <FormErrors errors={strayOf(reply, criterionRows(d.criteria, d.locked))} />
      {/* The cards are numbered in their headings, the order the reviewer sees them. */}
      {d.criteria.map((c, i) => (
        <CriterionCard key={c.id} c={c} n={i + 1} first={i === 0} last={i === d.criteria.length - 1} locked={d.locked} reply={reply} />
      ))}
      {d.locked ? null : <AddCriterion reply={reply} />}
    </>
  )
}
