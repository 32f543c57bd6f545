import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { orErrorPage } from '~/http/errors.server'
import { ruleSetList } from '~/domain/rule-set-admin.server'
import { requireRegion } from '~/http/staff-region.server'
import { formatDateTime } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

const text = {
  title: 'Наборы требований к кандидатам',
  lead: 'Требования берутся из положения региона. Каждое изменение сохраняется как новая версия: заявления хранят версию, по которой их проверяли, поэтому прежние версии не меняются.',
  empty: 'Наборов требований пока нет.',
  owner: 'Чей набор',
  version: 'Версия',
  name: 'Название',
  created: 'Создана',
  author: 'Автор',
  campaigns: 'Используется в отборах',
  preset: 'из шаблона региона',
  facts: 'Сведения о кандидатах, которые проверяют требования',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'ruleSet:manage')
  const ruleSets = await orErrorPage(ruleSetList(actor, region.id))
  return { region: { id: region.id, name: region.name }, choices: choices.map((r) => ({ id: r.id, name: r.name })), ruleSets, timeZone: region.timeZone }
}

export default function RuleSets() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <p>
        <Link to={`/rule-sets/facts?region=${d.region.id}`}>{text.facts}</Link>
      </p>
      {d.ruleSets.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div {...scrollRegion(text.title)}>
          <table>
            <ColumnHeads labels={[text.owner, text.version, text.name, text.created, text.author, text.campaigns]} />
            <tbody>
              {d.ruleSets.map((r) => (
                <tr key={r.id}>
                  <td>{r.ownerName}</td>
                  <td>{r.version}</td>
                  <th scope="row">
                    <Link to={`/rule-sets/${r.id}`}>{r.title}</Link>
                  </th>
                  <td>{formatDateTime(r.createdAt, d.timeZone)}</td>
                  <td>{r.createdByName ?? text.preset}</td>
                  <td>{r.campaigns}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
