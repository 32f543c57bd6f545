import { getFormProps, getSelectProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { inviteSchema } from '~/model/inputs/invitations'
import { roleTable, type Role } from '~/model/permissions'
import type { Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import type { loader } from './route'
import { text } from './text'

// The invitation form. Which scope a role needs (a municipality, a
// commission, none) follows the role: with JavaScript only that select is
// shown; without it both are, and the server checks the right one is filled.

type Data = SerializeFrom<typeof loader>

function ScopeSelect({ meta, label, hint, options }: { meta: Parameters<typeof getSelectProps>[0]; label: string; hint: string; options: { id: number; name: string }[] }) {
  const hintId = `${meta.id}-hint`
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta, { ariaDescribedBy: hintId })}>
        <option value="">{text.choose}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <span id={hintId} className="muted">
        {hint}
      </span>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function InviteForm({ d, reply }: { d: Data; reply: Reply }) {
  const [form, fields] = useSchemaForm(inviteSchema, { id: 'invite', lastResult: reply, intent: 'invite' })
  // why: before hydration (or without JavaScript) the role's value cannot follow the select, so both scopes show
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const role = fields.role.value as Role | undefined
  const scope = role && roleTable[role] ? roleTable[role].scope : null
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{text.formTitle}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="region" value={d.region.id} />
        <input type="hidden" name="intent" value="invite" />
        <InputField meta={fields.email} label={text.email} type="email" autoComplete="off" />
        <InputField meta={fields.displayName} label={text.displayName} type="text" hint={text.displayNameHint} autoComplete="off" />
        <div className="field">
          <label htmlFor={fields.role.id}>{text.role}</label>
          <select {...getSelectProps(fields.role)}>
            <option value="">{text.chooseRole}</option>
            {d.roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        {!hydrated || scope === 'municipality' ? (
          <ScopeSelect meta={fields.municipalityId} label={text.municipality} hint={text.municipalityHint} options={d.municipalities} />
        ) : null}
        {!hydrated || scope === 'commission' ? (
          <ScopeSelect meta={fields.commissionId} label={text.commission} hint={text.commissionHint} options={d.commissions} />
        ) : null}
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
    </section>
  )
}
