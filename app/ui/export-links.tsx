// The spreadsheets a staff member may download, each with its private-data
// variant where their grants allow it. The screen passes its own wording.

export type ExportLink = { kind: string; label: string; withPrivate: boolean }

export function ExportLinks({ exports, title, privateLabel }: { exports: ExportLink[]; title: string; privateLabel: string }) {
  if (exports.length === 0) return null
  return (
    <section aria-labelledby="exports" className="card">
      <h2 id="exports">{title}</h2>
      <ul>
        {exports.map((e) => (
          <li key={e.kind}>
            <a href={`/exports/${e.kind}.csv`}>{e.label}</a>
            {e.withPrivate ? (
              <>
                {' · '}
                <a href={`/exports/${e.kind}.csv?private=1`}>{privateLabel}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
