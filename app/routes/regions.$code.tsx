import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { regionPublicPage } from '~/domain/public-change-log.server'
import { formatDate } from '~/model/labels'
import { rosterHref } from '~/model/roster-filter'

const text = {
  title: (name: string) => `Методический актив: ${name}`,
  members: 'Членов актива в открытом реестре',
  lastChange: 'Последнее изменение состава',
  never: 'изменений не было',
  orders: 'Приказы о составе актива',
  noOrders: 'Приказы ещё не опубликованы.',
  order: (n: string, d: string) => `Приказ № ${n} от ${formatDate(d)}`,
  orderMembers: 'члены актива, включённые этим приказом',
  changeOrder: 'изменение состава',
  changes: 'Изменения состава актива',
  changesLead: 'Последние изменения состава по приказам, с датой изменения. Фамилия, имя и отчество показываются только при возобновлении членства у действующих членов актива, давших согласие на их публикацию; рядом с основанием приостановления или исключения — никогда.',
  noChanges: 'Изменений состава по приказам пока не было.',
  unnamed: 'Член актива (ФИО не публикуется)',
  changeOrderOf: (n: string, d: string) => `приказ № ${n} от ${formatDate(d)}`,
  ground: 'основание',
  selections: 'Открытые отборы в актив региона',
  roster: 'Список членов актива',
  coverage: 'Обеспеченность методической поддержкой по муниципалитетам',
  statistics: 'Статистика актива: состав по муниципалитетам, предметам, направлениям и срокам',
  operator: 'Оператор персональных данных',
  notFound: 'Регион не найден',
}

export const handle = { hydrate: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? text.title(data.name) : text.notFound }]

export async function loader({ params }: LoaderFunctionArgs) {
  const info = await regionPublicPage(params.code ?? '')
  if (!info) throw new Response(text.notFound, { status: 404 })
  return info
}

export default function RegionPage() {
  const r = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title(r.name)}</h1>
      <dl className="facts">
        <dt>{text.members}</dt>
        <dd className="stat">{r.members.toLocaleString('ru-RU')}</dd>
        <dt>{text.lastChange}</dt>
        <dd>{r.lastChange ? formatDate(r.lastChange, r.timeZone) : text.never}</dd>
      </dl>
      <ul className="link-list">
        <li>
          <Link to={`/roster?region=${r.code}`}>{text.roster}</Link>
        </li>
        <li>
          <Link to={`/regions/${r.code}/coverage`}>{text.coverage}</Link>
        </li>
        <li>
          <Link to={`/regions/${r.code}/statistics`}>{text.statistics}</Link>
        </li>
        <li>
          <Link to={`/selections?region=${r.code}`}>{text.selections}</Link>
        </li>
      </ul>
      <h2>{text.orders}</h2>
      {r.orders.length === 0 ? (
        <p>{text.noOrders}</p>
      ) : (
        <ul>
          {r.orders.map((o) => (
            <li key={o.id}>
              {text.order(o.number, o.date)} «{o.title}»
              {o.kind === 'composition' ? (
                <>
                  {' — '}
                  <a href={rosterHref({ region: r.code, order: o.id })}>{text.orderMembers}</a>
                </>
              ) : (
                <span className="muted"> ({text.changeOrder})</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{text.changes}</h2>
      {r.changes.length === 0 ? (
        <p>{text.noChanges}</p>
      ) : (
        <>
          <p>{text.changesLead}</p>
          <ul className="change-log">
            {r.changes.map((c) => (
              <li key={c.id}>
                {[
                  `${formatDate(c.day)}: ${c.fullName ?? text.unnamed} — ${c.change.toLowerCase()}`,
                  c.ground ? `; ${text.ground}: «${c.ground}»` : '',
                  c.orderNumber && c.orderDate ? ` (${text.changeOrderOf(c.orderNumber, c.orderDate)})` : '',
                ].join('')}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{text.operator}</h2>
      <p>
        {String(r.operator.name ?? '')}
        {r.operator.address ? `, ${String(r.operator.address)}` : ''}
      </p>
    </>
  )
}
