// The spreadsheets a staff member may download, each with its private-data
// variant where their grants allow it. The screen passes its own wording.

const formats = { xlsx: 'Excel (.xlsx)', csv: 'CSV' }

export type ExportLink = { kind: string; label: string; withPrivate: boolean }

export function ExportLinks({ exports, title, privateLabel }: { exports: ExportLink[]; title: string; privateLabel: string }) {
  if (exports.length === 0) return null
  return (
    <section aria-labelledby="exports" className="card">
      <h2 id="exports">{title}</h2>
      <ul>
        {exports.map((e) => (
          <li key={e.kind}>
            {e.label}: <a href={`/exports/${e.kind}.xlsx`}>{formats.xlsx}</a> · <a href={`/exports/${e.kind}.csv`}>{formats.csv}</a>
            {e.withPrivate ? (
              <>
                {' · '}
                {privateLabel}: <a href={`/exports/${e.kind}.xlsx?private=1`}>{formats.xlsx}</a> · <a href={`/exports/${e.kind}.csv?private=1`}>{formats.csv}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
