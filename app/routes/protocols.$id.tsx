import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { protocolView } from '~/domain/meetings.server'
import { agendaLine, peopleCount, protocolWords, recusedLine, type ProtocolPerson } from '~/model/protocol'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'

// The protocol as issued (frozen JSON), laid out like the regions' own
// protocols (PRODUCT §13): number, meeting, date, time, place, chair,
// secretary, present, absent, agenda, heard, decided with the vote, signatures.

const text = {
  ...protocolWords,
  title: (n: number) => `Протокол № ${n}`,
  signatures: 'Подписи',
  signature: 'подпись',
  print: 'Распечатать',
  docx: 'Скачать для подписи (Word, .docx)',
  printHint: '(или Ctrl+P: при печати остаётся только текст протокола)',
  back: 'К заседанию',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${text.title(data.content.number)} — Реестр методического актива` : 'Протокол' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(protocolView(actor, idParam(params.id)))
}

const who = (p: ProtocolPerson | null) => (p ? [p.name, p.position].filter(Boolean).join(', ') : text.notSet)

/** «Иванова Ольга Георгиевна» → «О.Г. Иванова», as signatures are written. */
function initials(name: string): string {
  const [last, ...rest] = name.split(/\s+/).filter(Boolean)
  if (!last || rest.length === 0) return name
  return `${rest.map((r) => `${r[0]}.`).join('')} ${last}`
}

export default function ProtocolPage() {
  const { content: c, meetingId, id: protocolId } = useLoaderData<typeof loader>()
  const remote = c.present.filter((p) => p.remote).length
  return (
    <>
      <p className="no-print">
        <Link to={`/meetings/${meetingId}`}>{text.back}</Link> ·{' '}
        <button type="button" className="link" onClick={() => window.print()}>
          {text.print}
        </button>
        <span className="muted"> {text.printHint}</span> · <a href={`/protocols/${protocolId}.docx`}>{text.docx}</a>
      </p>
      <article className="protocol" aria-labelledby="protocol-title">
        <header>
          <h1 id="protocol-title">{text.heading(c.number)}</h1>
          <p className="center">{text.meetingOf(c.commissionName)}</p>
          {c.regionName ? <p className="center">{c.regionName}</p> : null}
          <p className="protocol-when">
            <span>{c.dateText}</span>
            <span>
              {c.timeText}
              {c.zoneText ? ` (${c.zoneText})` : null}
            </span>
          </p>
          <p>{c.place}</p>
        </header>

        <p>
          <strong>{text.chair}:</strong> {who(c.chair)}.
        </p>
        <p>
          <strong>{text.secretary}:</strong> {who(c.secretary)}.
        </p>
        <p>
          <strong>{text.present}:</strong> {peopleCount(c.present.length)}
          {remote > 0 ? text.presentSplit(remote, c.present.length - remote) : ''}:{' '}
          {c.present.map((p) => p.name).join(', ') || text.notSet}.
        </p>
        <p>
          <strong>{text.absent}:</strong> {c.absent.length === 0 ? text.noneAbsent : `${peopleCount(c.absent.length)}: ${c.absent.map((p) => p.name).join(', ')}`}.
        </p>
        <p>{text.quorum(c.quorum.present, c.quorum.members, c.quorum.required)}</p>

        <h2>{text.agenda}:</h2>
        {c.agendaText ? <p className="pre">{c.agendaText}</p> : null}
        {c.items.length === 0 ? <p>{text.noItems}</p> : null}
        <ol>
          {c.items.map((i) => (
            <li key={i.applicationId}>{agendaLine(i)}</li>
          ))}
          {(c.motions ?? []).map((m) => (
            <li key={`m${m.position}`}>{m.title}</li>
          ))}
        </ol>

        {c.items.map((i) => (
          <section key={i.applicationId} className="protocol-item" aria-labelledby={`heard-${i.position}`}>
            <h2 id={`heard-${i.position}`}>{text.heard}:</h2>
            <p>
              {i.position}. {i.heard}
            </p>
            <h2>{text.decided}:</h2>
            <p>
              {i.position}.1. {i.decided}
            </p>
            {i.recused.length > 0 ? <p>{recusedLine(i.recused)}</p> : null}
            <p>
              {text.votes}: {text.votesLine(i.votes)}
            </p>
          </section>
        ))}

        {(c.motions ?? []).map((m) => (
          <section key={`m${m.position}`} className="protocol-item" aria-labelledby={`heard-${m.position}`}>
            <h2 id={`heard-${m.position}`}>{text.heard}:</h2>
            <p>
              {m.position}. {m.title}. {m.heard}
            </p>
            <h2>{text.decided}:</h2>
            <p>
              {m.position}.1. {m.decided}
            </p>
            <p>
              {text.votes}: {text.votesLine(m.votes)}
            </p>
          </section>
        ))}

        <table className="signatures">
          <caption className="visually-hidden">{text.signatures}</caption>
          <tbody>
            <tr>
              <th scope="row">{text.signChair}</th>
              <td className="sign-line" aria-label={text.signature}></td>
              <td>{c.chair ? initials(c.chair.name) : text.notSet}</td>
            </tr>
            <tr>
              <th scope="row">{text.signSecretary}</th>
              <td className="sign-line" aria-label={text.signature}></td>
              <td>{c.secretary ? initials(c.secretary.name) : text.notSet}</td>
            </tr>
          </tbody>
        </table>
      </article>
    </>
  )
}
