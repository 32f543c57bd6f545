import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { editionOf, publicFieldLabels } from '~/model/consent'
import { consentHistoryForStaff } from '~/domain/consent.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { formatDateTime } from '~/model/labels'
import { timeZoneOfRegion } from '~/domain/regions.server'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

const text = {
  title: (name: string) => `История согласий: ${name}`,
  purpose: 'Вид',
  processing: 'на обработку',
  dissemination: 'на распространение',
  version: 'Редакция текста',
  edition: (version: string) => editionOf(version) || '—',
  given: 'Дано',
  fields: 'Сведения',
  end: 'Прекращено',
  withdrawn: 'отозвано',
  superseded: 'заменено новым',
  audited: 'Просмотр этой страницы записан в журнал аудита.',
  none: 'Согласий пока не было.',
}

export const meta: MetaFunction = () => [{ title: 'История согласий — Реестр методического актива' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const { person, history } = await orErrorPage(consentHistoryForStaff(actor, idParam(params.id)))
  const timeZone = await timeZoneOfRegion(person.regionId)
  return { name: `${person.lastName} ${person.firstName} ${person.middleName}`.trim(), history, timeZone }
}

export default function ConsentHistory() {
  const { name, history, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title(name)}</h1>
      <p className="muted">{text.audited}</p>
      {history.length === 0 ? <p className="muted">{text.none}</p> : null}
      <div {...scrollRegion(text.title(name))}>
        <table className="staff-table">
          <ColumnHeads labels={[text.purpose, text.version, text.given, text.fields, text.end]} />
          <tbody>
            {history.map((c) => (
              <tr key={c.id}>
                <td>{c.purpose === 'processing' ? text.processing : text.dissemination}</td>
                <td>{text.edition(c.textVersion)}</td>
                <td>{formatDateTime(c.givenAt, timeZone)}</td>
                <td>{c.fields.map((f) => publicFieldLabels[f as keyof typeof publicFieldLabels]).filter(Boolean).join(', ') || '—'}</td>
                <td>
                  {c.withdrawnAt ? `${text.withdrawn} ${formatDateTime(c.withdrawnAt, timeZone)}` : c.supersededAt ? `${text.superseded} ${formatDateTime(c.supersededAt, timeZone)}` : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
