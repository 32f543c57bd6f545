import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { invitationsPage, inviteStaff, resendInvitation, revokeInvitation, type InvitationListRow } from '~/domain/invitations.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { passRetryAfter } from '~/http/retry-after'
import { requireRegion } from '~/http/staff-region.server'
import { invitationActionSchema, invitationStates } from '~/model/inputs/invitations'
import { formatDateTime, invitationStateLabels } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { roleLabels } from '~/model/permissions'
import { revalidateAfterStaleRow, strayOf } from '~/ui/action-button'
import { FormErrors } from '~/ui/form'
import { ListPager } from '~/ui/list-pager'
import { RegionPicker } from '~/ui/region-picker'
import { InviteForm } from './form'
import { InvitationTable, invitationRows } from './table'
import { text } from './text'

// Staff invitations of one region (issue 11 §1.3): the invitation form, and
// the region's invitations with their state, a page at a time.

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

const plain = (timeZone: string) => (r: InvitationListRow) => ({
  id: r.id,
  email: r.email,
  displayName: r.displayName,
  role: roleLabels[r.role],
  scopeName: r.scopeName,
  state: r.state,
  stateLabel: invitationStateLabels[r.state],
  sentAt: formatDateTime(r.lastSentAt, timeZone),
  expiresAt: formatDateTime(r.expiresAt, timeZone),
  resentCount: r.resentCount,
  invitedByName: r.invitedByName,
})
export type Row = ReturnType<ReturnType<typeof plain>>

// A 404/409 means an invitation changed in another tab: read the list again.
export const shouldRevalidate = revalidateAfterStaleRow

// A throttled invitation or resend says when to try again (Retry-After), as sign-in does.
export const headers = passRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'user:manage')
  const url = new URL(request.url)
  const wanted = url.searchParams.get('state')
  const state = invitationStates.find((s) => s === wanted) ?? null
  const page = await orErrorPage(invitationsPage(actor, region.id, { state, ...pageOf(url, 'after', 'int') }))
  const p = page.invitations
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    roles: page.roles.map((r) => ({ value: r, label: roleLabels[r] })),
    municipalities: page.municipalities,
    commissions: page.commissions,
    state,
    rows: p.rows.map(plain(region.timeZone)),
    pager: { from: p.from, count: p.rows.length, total: p.total, next: nextHref(url, p), first: firstHref(url) },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  // The region the form was sent from decides whose coordinator may act; read before the form is parsed.
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireRegion(request, 'user:manage', typeof requested === 'string' ? requested : '')
  const back = `/people/invitations?region=${region.id}`
  return handleForm(form, invitationActionSchema, async (a) => {
    switch (a.intent) {
      case 'invite':
        await inviteStaff(actor, { ...a, regionId: region.id })
        return redirectWithFlash(back, text.invited(a.email))
      case 'resend':
        await resendInvitation(actor, a.id)
        return redirectWithFlash(back, text.resent)
      case 'revoke':
        await revokeInvitation(actor, a.id)
        return redirectWithFlash(back, text.revoked)
    }
  })
}

export default function Invitations() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <InviteForm d={d} reply={reply} />
      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{text.listTitle}</h2>
        <FormErrors errors={strayOf(reply, invitationRows(d.rows, d.region.id))} />
        <Form method="get" className="inline-form">
          <input type="hidden" name="region" value={d.region.id} />
          <label htmlFor="state-filter">{text.filter}</label>{' '}
          <select id="state-filter" name="state" defaultValue={d.state ?? ''}>
            <option value="">{text.all}</option>
            {invitationStates.map((s) => (
              <option key={s} value={s}>
                {invitationStateLabels[s]}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{text.show}</button>
        </Form>
        {d.rows.length === 0 ? <p className="muted">{text.empty}</p> : <InvitationTable rows={d.rows} region={d.region.id} reply={reply} />}
        <ListPager {...d.pager} label={text.pager} />
      </section>
    </>
  )
}
