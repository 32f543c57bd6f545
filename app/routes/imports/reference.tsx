import { kindLabels, type ImportKind } from '~/imports/columns'
import { ListPager } from '~/ui/list-pager'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

// The reference half of the upload page: the templates with their columns,
// and the log of past uploads.

export type KindInfo = { kind: ImportKind; label: string; columns: { header: string; hint: string }[] }
export type LogRow = {
  id: number
  kind: string
  fileName: string
  campaignTitle: string | null
  municipalityName: string | null
  importedAt: string
  importedByName: string | null
  rowsTotal: number
  counts: { created: number; updated: number; unchanged: number; skipped: number }
}

export function Templates({ kinds, region }: { kinds: KindInfo[]; region: string }) {
  return (
  <section aria-labelledby="templates" className="card">
    <h2 id="templates">{text.templates}</h2>
    <p>{text.templatesLead}</p>
    {kinds.map((k) => (
      <details key={k.kind}>
        <summary>{k.label}</summary>
        <p>
          <a href={`/imports/template/${k.kind}.xlsx${region ? `?region=${region}` : ''}`} download>
            {text.templateXlsx}
          </a>{' '}
          ·{' '}
          <a href={`/imports/template/${k.kind}`} download>
            {text.templateUtf8}
          </a>{' '}
          ·{' '}
          <a href={`/imports/template/${k.kind}?encoding=windows-1251`} download>
            {text.template1251}
          </a>
        </p>
        <table>
          <caption className="visually-hidden">{text.columns}</caption>
          <tbody>
            {k.columns.map((c) => (
              <tr key={c.header}>
                <th scope="row">{c.header}</th>
                <td>{c.hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    ))}
  </section>
  )
}

export function ImportLog({ log, pager }: { log: LogRow[]; pager: Parameters<typeof ListPager>[0] }) {
  return (
  <section aria-labelledby="log" className="card">
    <h2 id="log">{text.log}</h2>
    {log.length === 0 ? (
      <p className="muted">{text.logEmpty}</p>
    ) : (
      <div {...scrollRegion(text.log)}>
        <table>
          <ColumnHeads labels={[text.when, text.what, text.who, text.result]} />
          <tbody>
            {log.map((i) => (
              <tr key={i.id}>
                <td>{i.importedAt}</td>
                <td>
                  {kindLabels[i.kind as ImportKind]}: «{i.fileName}»
                  <div className="muted">
                    {i.campaignTitle}
                    {i.municipalityName ? ` · ${i.municipalityName}` : ''}
                  </div>
                </td>
                <td>{i.importedByName ?? '—'}</td>
                <td>
                  {i.rowsTotal}: {text.counts(i.counts)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <ListPager {...pager} label={text.logPager} />
  </section>
  )
}
