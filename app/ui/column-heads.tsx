// The header row of a staff or public table: one column heading per label,
// each `scope="col"` for screen readers. A null or false label leaves its
// column out (a column only some readers see).
export function ColumnHeads({ labels }: { labels: (string | null | false | undefined)[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, i) =>
          label ? (
            <th scope="col" key={i}>
              {label}
            </th>
          ) : null,
        )}
      </tr>
    </thead>
  )
}
