import { Link } from '@remix-run/react'
import type { RuleSetPreview } from '~/domain/rule-set-editor.server'
import { ColumnHeads } from '~/ui/column-heads'
import { outcomeWords, text } from './text'

/** What the edited version would decide on the current campaign's applications; nothing is saved yet. */
export function Preview({ preview }: { preview: RuleSetPreview }) {
  return (
    <section className="card" aria-labelledby="rule-set-preview" aria-live="polite">
      <h2 id="rule-set-preview">{text.previewHeading}</h2>
      {preview.campaign ? (
        <>
          <p>{text.campaign(preview.campaign.title, preview.applications)}</p>
          <p>
            <strong>{text.changed(preview.changes.length)}</strong>
          </p>
          {preview.changes.length > 0 ? (
            <div className="table-wrap">
              <table className="stack">
                <ColumnHeads labels={[text.applicant, text.before, text.after]} />
                <tbody>
                  {preview.changes.map((c) => (
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
      ) : (
        <p>{text.noCampaign}</p>
      )}
      <p className="muted">{text.nothingSaved}</p>
    </section>
  )
}
