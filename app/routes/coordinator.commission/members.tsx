import { getFormProps, getSelectProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form, useNavigation } from '@remix-run/react'
import { commissionMemberRoleSchema, commissionRoles } from '~/model/inputs/coordinator'
import { commissionRoleLabels } from '~/model/labels'
import { ActionButton, allErrors, replyFor, strayOf, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import type { loader } from './route'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

// The composition table: each active member's role can be changed, or the member taken off the commission.

type Member = SerializeFrom<typeof loader>['members'][number]
type Hidden = { region: number; commissionId: number; municipality?: number }

function RoleForm({ m, hidden, reply }: { m: Member; hidden: Hidden; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(commissionMemberRoleSchema, {
    id: `role-${m.id}`,
    lastResult: replyFor(reply, 'role', { memberId: m.id }),
    intent: 'role',
    defaultValue: { role: m.role },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="region" value={hidden.region} />
      <input type="hidden" name="commissionId" value={hidden.commissionId} />
      {hidden.municipality ? <input type="hidden" name="municipality" value={hidden.municipality} /> : null}
      <input type="hidden" name="intent" value="role" />
      <input type="hidden" name="memberId" value={m.id} />
      <label htmlFor={fields.role.id} className="visually-hidden">
        {text.roleOf(m.name)}
      </label>
      <select {...getSelectProps(fields.role)}>
        {commissionRoles.map((r) => (
          <option key={r} value={r}>
            {commissionRoleLabels[r]}
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={busy}>
        {text.changeRole}
      </button>
      <ErrorList id={form.errorId} errors={allErrors(form.allErrors)} all />
    </Form>
  )
}

function deactivateFields(m: Member, hidden: Hidden) {
  return { region: hidden.region, commissionId: hidden.commissionId, memberId: m.id, ...(hidden.municipality ? { municipality: hidden.municipality } : {}) }
}

export function Members({ members, hidden, reply }: { members: Member[]; hidden: Hidden; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  // A refusal for a member no longer active here (taken off in another tab) is said above the table.
  const active = members.filter((m) => m.active)
  const stray = strayOf(reply, { role: active.map((m) => ({ memberId: m.id })), deactivate: active.map((m) => deactivateFields(m, hidden)) })
  return (
    <>
      <h3>{text.members}</h3>
      <FormErrors errors={stray} />
      {members.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div {...scrollRegion(text.members)}>
          <table className="staff-table">
            <ColumnHeads labels={[text.name, text.login, text.role, text.organisation, text.status, text.actions]} />
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{m.login}</td>
                  <td>{commissionRoleLabels[m.role] ?? ''}</td>
                  <td>
                    <span className="clamp" title={m.organisationName ?? undefined}>
                      {m.organisationName ?? '—'}
                    </span>
                  </td>
                  <td>{m.active ? text.active : text.inactive}</td>
                  <td>
                    {m.active ? (
                      <>
                        <RoleForm m={m} hidden={hidden} reply={reply} />
                        <ActionButton
                          intent="deactivate"
                          fields={deactivateFields(m, hidden)}
                          reply={reply}
                          label={text.deactivate}
                          accessibleLabel={`${text.deactivate}: ${m.name}`}
                          className="danger"
                          disabled={busy}
                        />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
