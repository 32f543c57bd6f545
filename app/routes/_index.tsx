import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { listRegions } from '~/domain/regions.server'

const text = {
  title: 'Реестр методического актива',
  lead: 'Отбор педагогов в региональный и муниципальные методические активы: заявление, проверка соответствия требованиям положения, рассмотрение комиссией, согласование с министерством и публикация состава с соблюдением законодательства о персональных данных.',
  how: 'Как проходит отбор',
  steps: ['Заявление педагога или представление МОУО', 'Проверка соответствия требованиям', 'Рассмотрение комиссией и голосование', 'Согласование и приказ', 'Публикация состава актива'],
  forTeachers: 'Педагогам',
  selections: 'Открытые отборы: требования и сроки',
  selectionsNote: 'Посмотреть требования и сроки можно без регистрации; чтобы подать заявление, войдите или зарегистрируйтесь.',
  roster: 'Реестр актива',
  openRoster: 'Открыть реестр',
  rosterNote: 'Открытый список членов методических активов всех регионов с поиском и выгрузкой в открытых форматах.',
  signIn: 'Войти в личный кабинет',
  dashboard: 'Мои заявления и задачи',
  regions: 'Регионы',
  regionLabel: (name: string) => `Методический актив: ${name}`,
}

export const meta: MetaFunction = () => [{ title: text.title }]

export async function loader() {
  const regions = await listRegions()
  return { regions: regions.map((r) => ({ code: r.code, name: r.name })) }
}

export default function Index() {
  const { regions } = useLoaderData<typeof loader>()
  const signedIn = Boolean(useRouteLoaderData<{ user: unknown }>('root')?.user)
  return (
    <>
      <h1>{text.title}</h1>
      <p className="lead">{text.lead}</p>
      <div className="grid home-grid">
        <section className="card" aria-labelledby="home-selections">
          <h2 id="home-selections">{text.forTeachers}</h2>
          <p>{text.selectionsNote}</p>
          <p>
            <Link to="/selections" className="button">
              {text.selections}
            </Link>
          </p>
        </section>
        <section className="card" aria-labelledby="home-roster">
          <h2 id="home-roster">{text.roster}</h2>
          <p>{text.rosterNote}</p>
          <p>
            <Link to="/roster">{text.openRoster}</Link>
          </p>
        </section>
      </div>
      <h2>{text.how}</h2>
      <ol>
        {text.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <h2>{text.regions}</h2>
      <ul className="regions">
        {regions.map((r) => (
          <li key={r.code}>
            <Link to={`/regions/${r.code}`} aria-label={text.regionLabel(r.name)}>
              {r.name}
            </Link>
          </li>
        ))}
      </ul>
      <p>{signedIn ? <Link to="/dashboard">{text.dashboard}</Link> : <Link to="/login">{text.signIn}</Link>}</p>
    </>
  )
}
