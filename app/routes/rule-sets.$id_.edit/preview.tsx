import { Link } from '@remix-run/react'
import type { RuleSetPreview, SelectionPreview } from '~/domain/rule-set-editor.server'
import { ColumnHeads } from '~/ui/column-heads'
import { outcomeWords, text } from './text'

/** What the edited version would decide on the applications of each current selection using it; nothing is saved yet. */
export function Preview({ preview }: { preview: RuleSetPreview }) {
  return (
    <section className="card" aria-labelledby="rule-set-preview" aria-live="polite">
      <h2 id="rule-set-preview">{text.previewHeading}</h2>
      {preview.selections.length === 0 ? <p>{text.noCampaign}</p> : null}
      {preview.selections.length > 1 ? <p>{text.severalSelections(preview.selections.length)}</p> : null}
      {preview.selections.map((s) => (
        <Selection key={s.campaign.id} selection={s} />
      ))}
      <p className="muted">{text.nothingSaved}</p>
    </section>
  )
}

function Selection({ selection }: { selection: SelectionPreview }) {
  return (
    <>
      <p>{text.campaign(selection.campaign.title, selection.applications)}</p>
      <p>
        <strong>{text.changed(selection.changes.length)}</strong>
      </p>
      {selection.changes.length > 0 ? (
        <div className="table-wrap">
          <table className="stack">
            <ColumnHeads labels={[text.applicant, text.before, text.after]} />
            <tbody>
              {selection.changes.map((c) => (
                <tr key={c.applicationId}>
                  <th scope="row" data-label={text.applicant}>
                    <Link to={`/applications/${c.applicationId}`}>{c.fullName}</Link>
                  </th>
                  <td data-label={text.before}>{outcomeWords[c.before]}</td>
                  <td data-label={text.after}>{outcomeWords[c.after]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  )
}
