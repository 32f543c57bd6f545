import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { scrollRegion } from '~/ui/table-scroll'
import { Link, useLoaderData } from '@remix-run/react'
import { orErrorPage } from '~/http/errors.server'
import { orderAppendix } from '~/domain/ministry.server'
import { formatOrder } from '~/model/inputs/orders'
import { idParam } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { ColumnHeads } from '~/ui/column-heads'

// Names people whatever their dissemination consent: staff of the order's
// region only, never a public page (not in app/public-paths.ts).

const text = {
  title: (order: string) => `Приложение к приказу ${order}`,
  heading: 'Приложение',
  toOrder: (order: string) => `к приказу ${order}`,
  listTitle: (municipal: boolean) => `Состав ${municipal ? 'муниципального' : 'регионального'} методического актива`,
  n: '№ п/п',
  name: 'ФИО',
  workplace: 'Место работы',
  position: 'Должность',
  subjects: 'Предметная область',
  municipality: 'Муниципалитет',
  empty: 'По этому приказу нет согласованных кандидатов.',
  print: 'Для печати используйте команду браузера «Печать» (Ctrl+P): меню сайта и кнопки на бумагу не попадут.',
  back: 'К согласованию',
  docx: 'Приложение в Word (.docx)',
  draftDocx: 'Проект приказа с приложением в Word (.docx)',
  total: (n: number) => `Всего: ${n}`,
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${text.title(formatOrder(data.order))} — Реестр методического актива` : text.heading },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(orderAppendix(actor, idParam(params.id)))
}

export default function OrderAppendix() {
  const d = useLoaderData<typeof loader>()
  const order = formatOrder(d.order)
  return (
    <article className="appendix">
      <p className="no-print">
        <Link to="/ministry">{text.back}</Link> · <a href={`/orders/${d.order.id}/appendix.docx`}>{text.docx}</a> ·{' '}
        <a href={`/orders/${d.order.id}.docx`}>{text.draftDocx}</a>
      </p>
      <p className="no-print muted">{text.print}</p>
      <p className="appendix-corner">
        {text.heading}
        <br />
        {text.toOrder(order)}
      </p>
      {d.ministryName ? <p className="appendix-issuer">{d.ministryName}</p> : null}
      <h1>{text.title(order)}</h1>
      <p className="appendix-title">
        «{d.order.title}»
        <br />
        {text.listTitle(d.municipalityName !== null)} — {d.municipalityName ?? d.regionName}
      </p>
      {d.rows.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <>
          <div {...scrollRegion(text.listTitle(d.municipalityName !== null))}>
            <table className="appendix-table">
              <ColumnHeads labels={[text.n, text.name, text.workplace, text.position, text.subjects, text.municipality]} />
              <tbody>
                {d.rows.map((r, i) => (
                  <tr key={r.personId}>
                    <td>{i + 1}</td>
                    <th scope="row">{r.fullName}</th>
                    <td>{r.workplace ?? '—'}</td>
                    <td>{r.position || '—'}</td>
                    <td>{r.subjects.join(', ') || '—'}</td>
                    <td>{r.municipality ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{text.total(d.rows.length)}</p>
        </>
      )}
    </article>
  )
}
