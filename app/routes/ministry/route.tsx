import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { orErrorPage } from '~/http/errors.server'
import { decideApplications, ministryQueue, ORDERS_SHOWN } from '~/domain/ministry.server'
import { newOrderRefusal } from '~/domain/orders.server'
import { ministryChoiceSchema, ministryDecisionSchema } from '~/model/inputs/ministry'
import { formatOrder } from '~/model/inputs/orders'
import { handleForm, parseSubmission, refusalReply, type FormReply } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSelection } from '~/http/staff-selection.server'
import { RegionPicker } from '~/ui/region-picker'
import { parseId } from '~/utils/parse-id'
import { firstHref, nextHref, pageOf, type Page } from '~/model/paging'
import { ListPager } from '~/ui/list-pager'
import { ChoiceForm } from './choice-form'
import { ConfirmDecision, type Asking } from './confirm-decision'
import { municipalText, text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

/** The query string as form data, so the first step is read by the same schema as a form. */
function formDataOf(params: URLSearchParams): FormData {
  const f = new FormData()
  for (const [k, v] of params) f.append(k, v)
  return f
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices, municipality } = await requireSelection(request, 'approval:decide')
  const url = new URL(request.url)
  const queue = await orErrorPage(ministryQueue(actor, { regionId: region.id, municipalityId: municipality?.id ?? null }, pageOf(url, 'after', 'text')))
  const params = url.searchParams
  // The first step (a GET with `confirm`) is checked here, so the page asks
  // only about a complete choice, with JavaScript or without.
  let check: FormReply | null = null
  let asking: Asking | null = null
  if (params.has('confirm')) {
    const submission = await parseSubmission(formDataOf(params), ministryChoiceSchema)
    // An order that cannot be registered (dated after today, a number and
    // date already used) is refused here, not after «Да, согласовать».
    const refusal =
      submission.status === 'success' && submission.value.confirm === 'approve'
        ? await newOrderRefusal(region.id, { number: submission.value.orderNumber, date: submission.value.orderDate })
        : null
    if (refusal) check = refusalReply(submission, refusal)
    else if (submission.status === 'success') {
      const v = submission.value
      const names = queue.groups.flatMap((g) => g.applications).filter((a) => v.ids.includes(a.id)).map((a) => a.fullName)
      asking =
        v.confirm === 'approve'
          ? { intent: 'approve', ids: v.ids, names, orderNumber: v.orderNumber, orderDate: v.orderDate, orderTitle: v.orderTitle }
          : { intent: 'return', ids: v.ids, names, reason: v.reason }
    } else check = submission.reply()
  }
  const orderId = parseId(params.get('order'))
  const registered = orderId === null ? undefined : queue.orders.find((o) => o.id === orderId)
  return {
    ordersShown: ORDERS_SHOWN,
    municipality,
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    groups: queue.groups,
    orders: queue.orders,
    pager: pagerOf(region.id, municipality?.id ?? null, queue.page),
    asking,
    check,
    registered: registered ? { id: registered.id, order: formatOrder(registered), title: registered.title } : null,
  }
}

/** The way through the list keeps only the region: a choice typed on one page is not carried to the next. */
function pagerOf(regionId: number, municipalityId: number | null, page: Page<unknown>) {
  const base = hereOf(regionId, municipalityId)
  return { from: page.from, count: page.rows.length, total: page.total, next: nextHref(base, page), first: firstHref(base) }
}

/** The list's address: the region's ministry, or a municipality's authority (issue 10 §6). */
const hereOf = (regionId: number, municipalityId: number | null) =>
  `/ministry?region=${regionId}${municipalityId === null ? '' : `&municipality=${municipalityId}`}`

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const { actor, region, municipality } = await requireSelection(request, 'approval:decide', form)
  const here = hereOf(region.id, municipality?.id ?? null)
  return handleForm(form, ministryDecisionSchema, async (decision) => {
    const r = await decideApplications(actor, { regionId: region.id, municipalityId: municipality?.id ?? null }, decision)
    if (decision.intent === 'return') return redirectWithFlash(here, text.returned(r.decided.length))
    // The page after an order names it and links its appendix (a flash is plain text).
    const order = formatOrder({ number: decision.orderNumber, date: decision.orderDate })
    return redirectWithFlash(`${here}&order=${r.orderId}`, text.approved(r.decided.length, order))
  })
}

export default function Ministry() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const words = d.municipality ? municipalText(d.municipality.name) : text
  const hidden = { region: d.region.id, ...(d.municipality ? { municipality: d.municipality.id } : {}) }
  return (
    <>
      <h1>{words.title}</h1>
      {d.municipality ? null : <RegionPicker region={d.region} choices={d.choices} />}
      {d.registered ? (
        <p className="card" role="status">
          {text.registered(d.registered.order, d.registered.title)} <Link to={`/orders/${d.registered.id}/appendix`}>{text.openAppendix}</Link>
        </p>
      ) : null}
      <p>{words.lead}</p>
      {/* A refused decision is shown on the choice below; the question is not asked again. */}
      {d.asking && !reply ? <ConfirmDecision hidden={hidden} asking={d.asking} /> : null}
      {d.groups.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <>
          <ListPager {...d.pager} label={text.pagerTop} />
          <ChoiceForm hidden={hidden} orderTitleDefault={words.orderTitleDefault} groups={d.groups} lastResult={reply ?? d.check} />
          <ListPager {...d.pager} label={text.pager} />
        </>
      )}

      <h2>{words.orders}</h2>
      {d.orders.length >= d.ordersShown ? <p className="muted">{text.ordersShown(d.ordersShown)}</p> : null}
      {d.orders.length === 0 ? (
        <p className="muted">{text.noOrders}</p>
      ) : (
        <ul>
          {d.orders.map((o) => (
            <li key={o.id}>
              {formatOrder(o)} «{o.title}» — <Link to={`/orders/${o.id}/appendix`}>{text.appendix}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
