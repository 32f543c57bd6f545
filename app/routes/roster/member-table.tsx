import type { PublicMember } from '~/domain/roster.server'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'

// The roster as a table that fits: at 1280 px the long columns wrap inside
// the page (table-layout: fixed), below 48rem every row becomes a card whose
// cells carry their column's name (data-label, CSS «.stack»). A long group
// name is clamped to a few lines; the whole name stays in the cell (screen
// readers, copying) and in its title.

const Dash = () => <span aria-label={text.notPublished}>—</span>

/** `oneRegion`: the list is of one region, so a row names only its municipality. */
export function MemberTable({ members, caption, oneRegion }: { members: PublicMember[]; caption: string; oneRegion: boolean }) {
  return (
    <table className="roster stack">
      <caption className="visually-hidden">{caption}</caption>
      <colgroup>
        <col className="c-name" />
        <col className="c-work" />
        <col className="c-subjects" />
        <col className="c-email" />
        <col className="c-place" />
        <col className="c-group" />
        <col className="c-order" />
      </colgroup>
      <ColumnHeads labels={[text.name, text.workplace, text.subjects, text.email, text.place, text.groupCol, text.order]} />
      <tbody>
        {members.map((m) => {
          const group = m.group ? `${m.direction}: ${m.group}` : null
          return (
            <tr key={m.id}>
              <th scope="row">{m.fullName}</th>
              <td data-label={text.workplace}>
                {m.workplace ?? <Dash />}
                {m.position ? <div className="muted">{m.position}</div> : null}
              </td>
              <td data-label={text.subjects}>{m.subjects?.join(', ') || <Dash />}</td>
              <td data-label={text.email} className="email">
                {m.workEmail ? <a href={`mailto:${m.workEmail}`}>{m.workEmail}</a> : <Dash />}
              </td>
              <td data-label={text.place}>
                {oneRegion && m.municipality ? (
                  m.municipality
                ) : (
                  <>
                    {m.regionName}
                    {m.municipality ? <div className="muted">{m.municipality}</div> : null}
                  </>
                )}
              </td>
              <td data-label={text.groupCol}>
                {group ? (
                  <>
                    <span className="clamp" title={group}>
                      {m.group}
                    </span>
                    <span className="clamp clamp-1 muted small" title={m.direction ?? undefined}>
                      {m.direction}
                    </span>
                  </>
                ) : (
                  <Dash />
                )}
              </td>
              <td data-label={text.order}>{m.orderNumber && m.orderDate ? text.orderText(m.orderNumber, m.orderDate) : <Dash />}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
