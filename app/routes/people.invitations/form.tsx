import { getFormProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { inviteSchema } from '~/model/inputs/invitations'
import { roleTable, type Role } from '~/model/permissions'
import type { Reply } from '~/ui/action-button'
import { FormErrors, InputField, SelectField, SubmitButton, useSchemaForm } from '~/ui/form'
import type { loader } from './route'
import { text } from './text'

// The invitation form. Which scope a role needs (a municipality, a
// commission, none) follows the role: with JavaScript only that select is
// shown; without it both are, and the server checks the right one is filled.

type Data = SerializeFrom<typeof loader>

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
        <SelectField meta={fields.role} label={text.role} placeholder={text.chooseRole} options={d.roles} />
        {!hydrated || scope === 'municipality' ? (
          <SelectField meta={fields.municipalityId} label={text.municipality} hint={text.municipalityHint} placeholder={text.choose} options={d.municipalities.map((m) => ({ value: m.id, label: m.name }))} />
        ) : null}
        {!hydrated || scope === 'commission' ? (
          <SelectField meta={fields.commissionId} label={text.commission} hint={text.commissionHint} placeholder={text.choose} options={d.commissions.map((c) => ({ value: c.id, label: c.name }))} />
        ) : null}
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
    </section>
  )
}
