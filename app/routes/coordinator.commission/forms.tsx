import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form, useNavigation } from '@remix-run/react'
import { addCommissionMemberSchema, commissionMemberOrganisationSchema, commissionRoles } from '~/model/inputs/coordinator'
import { commissionRoleLabels } from '~/model/labels'
import { allErrors, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, InputField, useSchemaForm } from '~/ui/form'
import type { loader } from './route'
import { text } from './text'

// A member's organisation (automatic recusal uses it), and adding a member by login.

type Data = SerializeFrom<typeof loader>
type Hidden = { region: number; commissionId: number; municipality?: number }

function OrganisationOptions({ organisations }: { organisations: Data['organisations'] }) {
  return (
    <>
      {organisations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
          {o.municipality ? ` (${o.municipality})` : ''}
        </option>
      ))}
    </>
  )
}

function HiddenFields({ hidden, intent }: { hidden: Hidden; intent: string }) {
  return (
    <>
      <input type="hidden" name="region" value={hidden.region} />
      <input type="hidden" name="commissionId" value={hidden.commissionId} />
      {hidden.municipality ? <input type="hidden" name="municipality" value={hidden.municipality} /> : null}
      <input type="hidden" name="intent" value={intent} />
    </>
  )
}

export function MemberOrganisation({ members, organisations, hidden, reply }: { members: Data['members']; organisations: Data['organisations']; hidden: Hidden; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(commissionMemberOrganisationSchema, { id: 'org', lastResult: reply, intent: 'organisation' })
  return (
    <section className="card" aria-labelledby="org-title">
      <h3 id="org-title">{text.orgTitle}</h3>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <HiddenFields hidden={hidden} intent="organisation" />
        <div className="field">
          <label htmlFor={fields.memberId.id}>{text.member}</label>
          <select {...getSelectProps(fields.memberId)}>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <ErrorList id={fields.memberId.errorId} errors={fields.memberId.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.organisationId.id}>{text.organisation}</label>
          <select {...getSelectProps(fields.organisationId)}>
            <option value="">{text.noOrganisation}</option>
            <OrganisationOptions organisations={organisations} />
          </select>
          <ErrorList id={fields.organisationId.errorId} errors={fields.organisationId.errors} />
        </div>
        <button type="submit" disabled={busy}>
          {text.saveOrg}
        </button>
      </Form>
    </section>
  )
}

export function AddMember({ organisations, hidden, reply }: { organisations: Data['organisations']; hidden: Hidden; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(addCommissionMemberSchema, { id: 'add', lastResult: reply, intent: 'add', defaultValue: { role: 'member' } })
  return (
    <section className="card" aria-labelledby="add-title">
      <h3 id="add-title">{text.add}</h3>
      <p className="muted">{text.addHint}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <HiddenFields hidden={hidden} intent="add" />
        <div className="field">
          <label htmlFor={fields.login.id}>{text.login}</label>
          <input {...getInputProps(fields.login, { type: 'text' })} autoComplete="off" />
          <ErrorList id={fields.login.errorId} errors={fields.login.errors} />
        </div>
        <InputField meta={fields.displayName} label={text.displayName} type="text" hint={text.displayNameHint} autoComplete="off" />
        <div className="field">
          <label htmlFor={fields.role.id}>{text.role}</label>
          <select {...getSelectProps(fields.role)}>
            {commissionRoles.map((r) => (
              <option key={r} value={r}>
                {commissionRoleLabels[r]}
              </option>
            ))}
          </select>
          <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.organisationId.id}>{text.organisation}</label>
          <select {...getSelectProps(fields.organisationId)}>
            <option value="">{text.fromProfile}</option>
            <OrganisationOptions organisations={organisations} />
          </select>
          <ErrorList id={fields.organisationId.errorId} errors={fields.organisationId.errors} />
        </div>
        <ErrorList errors={allErrors({ commissionId: fields.commissionId.errors })} all />
        <button type="submit" disabled={busy}>
          {text.addSubmit}
        </button>
      </Form>
    </section>
  )
}
