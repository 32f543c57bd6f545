import { Form, useNavigation } from '@remix-run/react'
import type { ImportReport } from '~/imports/import.server'
import { delimiterLabels, encodingLabels } from '~/imports/labels'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

// The result of checking a file: counts, every error with its row and
// column, the remarks, and the buttons that load or drop the checked file.

export type PreviewData = { uploadId: number | null; sha256: string; report: ImportReport; errorsTotal: number; warningsTotal: number }

export function Preview({ p }: { p: PreviewData }) {
  const r = p.report
  const changes = r.counts.created + r.counts.updated
  return (
    <section aria-labelledby="preview" className="card">
      <h2 id="preview">{text.preview}</h2>
      {r.format === 'xlsx' ? <p>{text.workbookLine(r.fileName, r.sheet)}</p> : null}
      {r.format !== 'xlsx' && r.encoding && r.delimiter ? <p>{text.fileLine(r.fileName, encodingLabels[r.encoding], delimiterLabels[r.delimiter])}</p> : null}
      {r.municipality ? <p>{text.forMunicipality(r.municipality)}</p> : null}
      <dl className="grid">
        <div>
          <dt>{text.rows}</dt>
          <dd className="stat">{r.rows}</dd>
        </div>
        <div>
          <dt>{text.valid}</dt>
          <dd className="stat">{r.valid}</dd>
        </div>
        <div>
          <dt>{text.errorsCount}</dt>
          <dd className="stat">{p.errorsTotal}</dd>
        </div>
        <div>
          <dt>{text.willCreate}</dt>
          <dd className="stat">{r.counts.created}</dd>
        </div>
        <div>
          <dt>{text.willUpdate}</dt>
          <dd className="stat">{r.counts.updated}</dd>
        </div>
        <div>
          <dt>{text.unchanged}</dt>
          <dd className="stat">{r.counts.unchanged}</dd>
        </div>
        <div>
          <dt>{text.skipped}</dt>
          <dd className="stat">{r.counts.skipped}</dd>
        </div>
      </dl>
      {r.unusedColumns.length ? <p className="muted">{text.unused(r.unusedColumns.map((c) => `«${c}»`).join(', '))}</p> : null}
      {r.eligibility && r.valid > 0 ? <p>{text.eligibility(r.eligibility)}</p> : null}
      {p.errorsTotal > 0 ? (
        <>
          <h3>{text.errors}</h3>
          <p className="alert" role="alert">
            {text.errorsLead}
          </p>
          {p.errorsTotal > r.errors.length ? <p>{text.errorsCut(r.errors.length, p.errorsTotal)}</p> : null}
          <div {...scrollRegion(text.errors)}>
            <table>
              <ColumnHeads labels={[text.row, text.column, text.message]} />
              <tbody>
                {r.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row || text.wholeFile}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {p.warningsTotal > 0 ? (
        <>
          <h3>{text.warnings}</h3>
          <p>{text.warningsLead}</p>
          {p.warningsTotal > r.warnings.length ? <p>{text.warningsCut(r.warnings.length, p.warningsTotal)}</p> : null}
          <div {...scrollRegion(text.warnings)}>
            <RowMessages rows={r.warnings} messageHeader={text.remark} />
          </div>
        </>
      ) : null}
      {r.notices.length ? (
        <details>
          <summary>
            {text.notices} ({r.noticesTotal})
          </summary>
          <RowMessages rows={r.notices} messageHeader={text.message} />
          {r.noticesTotal > r.notices.length ? <p>{text.noticesCut(r.noticesTotal)}</p> : null}
        </details>
      ) : null}
      {p.errorsTotal === 0 && changes === 0 ? <p>{text.noRows}</p> : null}
      {p.uploadId != null && p.errorsTotal === 0 && changes > 0 ? <ConfirmForms uploadId={p.uploadId} sha256={p.sha256} changes={changes} /> : null}
    </section>
  )
}

/** Load the checked file, or drop it: the same upload and checksum, two intents. */
function ConfirmForms({ uploadId, sha256, changes }: { uploadId: number; sha256: string; changes: number }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="grid">
      {(['confirm', 'cancel'] as const).map((intent) => (
        <Form method="post" key={intent}>
          <input type="hidden" name="uploadId" value={uploadId} />
          <input type="hidden" name="sha256" value={sha256} />
          <input type="hidden" name="intent" value={intent} />
          {intent === 'confirm' ? (
            <button type="submit" disabled={busy}>
              {busy ? text.confirming : text.confirm(changes)}
            </button>
          ) : (
            <button type="submit" className="link">
              {text.cancel}
            </button>
          )}
        </Form>
      ))}
    </div>
  )
}

/** A table of per-row remarks of the preview: the row's number and what was noticed. */
function RowMessages({ rows, messageHeader }: { rows: readonly { row: number; message: string }[]; messageHeader: string }) {
  return (
    <table>
      <ColumnHeads labels={[text.row, messageHeader]} />
      <tbody>
        {rows.map((m, i) => (
          <tr key={i}>
            <td>{m.row}</td>
            <td>{m.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
