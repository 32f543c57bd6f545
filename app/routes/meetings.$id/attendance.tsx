import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { addItemSchema, attendanceLabels, attendanceSchema, attendanceStatuses, type AttendanceStatus } from '~/model/inputs/commission'
import { commissionRoleLabels } from '~/model/labels'
import { allErrors, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

// Who is present (one row per member: `entries[i].memberId`, `entries[i].status`), and adding a candidate to the agenda.

type Member = { id: number; name: string; role: string; voter: boolean; status: AttendanceStatus }

export function Attendance({ members, canManage, reply }: { members: Member[]; canManage: boolean; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(attendanceSchema, {
    id: 'attendance',
    lastResult: reply,
    intent: 'attendance',
    defaultValue: { entries: members.map((m) => ({ memberId: String(m.id), status: m.status })) },
  })
  const rows = fields.entries.getFieldList()
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{text.attendance}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={allErrors(form.allErrors)} />
        <input type="hidden" name="intent" value="attendance" />
        <div {...scrollRegion(text.attendance)}>
          <table className="staff-table">
            <ColumnHeads labels={[text.member, text.role, text.mark]} />
            <tbody>
              {members.map((m, i) => {
                const row = rows[i]?.getFieldset()
                return (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>
                      {commissionRoleLabels[m.role] ?? ''}
                      {!m.voter ? <span className="muted"> ({text.noVote})</span> : null}
                    </td>
                    <td>
                      {canManage && row ? (
                        <fieldset className="inline-radios">
                          <legend className="visually-hidden">
                            {text.mark}: {m.name}
                          </legend>
                          <input type="hidden" name={row.memberId.name} value={m.id} />
                          {attendanceStatuses.map((s) => (
                            <span key={s}>
                              <input {...getInputProps(row.status, { type: 'radio', value: s })} id={`${row.status.id}-${s}`} />{' '}
                              <label htmlFor={`${row.status.id}-${s}`}>{attendanceLabels[s]}</label>{' '}
                            </span>
                          ))}
                        </fieldset>
                      ) : (
                        attendanceLabels[m.status]
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {canManage ? (
          <button type="submit" disabled={busy}>
            {text.saveAttendance}
          </button>
        ) : null}
      </Form>
    </section>
  )
}

type Candidate = { id: number; fullName: string; organisationName: string | null }

export function AddItem({ candidates, reply }: { candidates: Candidate[]; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(addItemSchema, { id: 'add-item-form', lastResult: reply, intent: 'addItem' })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="addItem" />
      <div className="field">
        <label htmlFor="add-item">{text.candidate}</label>
        <select {...getSelectProps(fields.applicationId)} id="add-item">
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.fullName}
              {c.organisationName ? ` (${c.organisationName})` : ''}
            </option>
          ))}
        </select>
        <ErrorList id={fields.applicationId.errorId} errors={fields.applicationId.errors} />
      </div>
      <button type="submit" disabled={busy}>
        {text.addItem}
      </button>
    </Form>
  )
}
