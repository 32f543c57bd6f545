import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { campaignList } from '~/domain/campaign-list.server'
import { getSignedIn } from '~/http/session.server'
import { formatDate } from '~/model/labels'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

const text = {
  title: 'Открытые отборы',
  lead: 'Отборы в методический актив, в которые сейчас принимаются заявления. Заявления принимаются до конца последнего дня приёма (до 24:00 по местному времени региона).',
  none: 'Сейчас нет отборов, в которые принимаются заявления.',
  campaign: 'Отбор',
  region: 'Регион',
  deadline: 'Последний день приёма',
  noDeadline: 'без срока',
  actions: 'Действия',
  apply: 'Подать заявление',
  nominate: 'Выдвинуть кандидата',
  applyLabel: (title: string) => `Подать заявление: ${title}`,
  nominateLabel: (title: string) => `Выдвинуть кандидата: ${title}`,
  requirements: 'Требования и сроки этапов',
  requirementsLabel: (title: string) => `Требования и сроки этапов: ${title}`,
  dashboard: 'Мои заявления и задачи',
  mine: (id: number) => `Моё заявление № ${id}`,
  mineLabel: (id: number, title: string) => `Моё заявление № ${id}: ${title}`,
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  // A visitor is shown the public list of open selections, not a sign-in form.
  const actor = await getSignedIn(request)
  if (!actor) throw redirect('/selections')
  return { campaigns: await campaignList(actor) }
}

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      {campaigns.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div {...scrollRegion(text.title)}>
          <table>
            <caption className="visually-hidden">{text.title}</caption>
            <ColumnHeads labels={[text.campaign, text.region, text.deadline, text.actions]} />
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.title}
                    <br />
                    <Link to={`/selections/${c.id}`} aria-label={text.requirementsLabel(c.title)}>
                      {text.requirements}
                    </Link>
                  </th>
                  <td>{c.regionName}</td>
                  <td>{c.closesOn ? formatDate(c.closesOn) : text.noDeadline}</td>
                  <td>
                    {c.myApplicationId ? (
                      <Link to={`/applications/${c.myApplicationId}`} aria-label={text.mineLabel(c.myApplicationId, c.title)}>
                        {text.mine(c.myApplicationId)}
                      </Link>
                    ) : null}
                    {c.canApply ? (
                      <Link to={`/apply/${c.id}`} className="button" aria-label={text.applyLabel(c.title)}>
                        {text.apply}
                      </Link>
                    ) : null}{' '}
                    {c.canNominate ? (
                      <Link to={`/nominate/${c.id}`} className="button" aria-label={text.nominateLabel(c.title)}>
                        {text.nominate}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to="/dashboard">{text.dashboard}</Link>
      </p>
    </>
  )
}
