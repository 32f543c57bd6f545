import { getFormProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form, useNavigation } from '@remix-run/react'
import { addGrantSchema } from '~/model/inputs/people'
import { roleLabels, type Role } from '~/model/permissions'
import type { Reply } from '~/ui/action-button'
import { ColumnHeads } from '~/ui/column-heads'
import { Confirmable } from '~/ui/confirm'
import { FormErrors, SelectField, useSchemaForm } from '~/ui/form'
import { errorsOf } from './account'
import type { loader } from './route'
import { text } from './text'

// The account's roles, each with «Снять роль» where the viewer may take it
// away, and the form that gives it one more. The form works without
// JavaScript: every select is always there and the server says which place
// the chosen role needs.

type Data = SerializeFrom<typeof loader>

export function Grants({ d, reply }: { d: Data; reply: Reply }) {
  return (
    <section aria-labelledby="grants-title">
      <h2 id="grants-title">{text.grants}</h2>
      <FormErrors id="revoke-errors" errors={errorsOf(reply, ['revoke'])} />
      {d.grants.length === 0 ? (
        <p className="muted">{text.noGrants}</p>
      ) : (
        <div className="table-wrap">
          <table className="staff-table stack">
            <ColumnHeads labels={[text.role, text.scope, text.actions]} />
            <tbody>
              {d.grants.map((g) => {
                const role = roleLabels[g.role as Role]
                const where = [g.regionId === null ? text.everywhere : g.regionName, g.scope].filter(Boolean).join(', ')
                return (
                  <tr key={g.id}>
                    <th scope="row">{role}</th>
                    <td data-label={text.scope}>{where}</td>
                    <td data-label={text.actions}>
                      {g.mayRemove ? (
                        <Confirmable
                          confirmKey={`revoke-${g.id}`}
                          label={text.remove}
                          question={text.removeQuestion(role, d.user.displayName)}
                          confirmLabel={text.removeConfirm}
                          fields={{ region: d.region.id, intent: 'revoke', grantId: g.id }}
                          danger
                        />
                      ) : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function AddGrant({ d, reply }: { d: Data; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(addGrantSchema, { id: 'grant', lastResult: reply, intent: 'grant' })
  return (
    <section className="card" aria-labelledby="add-title">
      <h2 id="add-title">{text.add}</h2>
      <p className="muted">{text.addHint}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="region" value={d.region.id} />
        <input type="hidden" name="intent" value="grant" />
        <SelectField meta={fields.role} label={text.role} placeholder={text.choose} options={d.grantable.map((r) => ({ value: r, label: roleLabels[r as Role] }))} />
        <SelectField meta={fields.municipalityId} label={text.municipality} placeholder={text.none} options={d.municipalities.map((m) => ({ value: m.id, label: m.name }))} />
        <SelectField meta={fields.commissionId} label={text.commission} placeholder={text.noneCommission} options={d.commissions.map((c) => ({ value: c.id, label: c.name }))} />
        <button type="submit" disabled={busy}>
          {text.addSubmit}
        </button>
      </Form>
    </section>
  )
}
