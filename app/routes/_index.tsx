import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listRegions } from '~/domain/regions.server'

const text = {
  title: 'Реестр методического актива',
  lead: 'Отбор педагогов в региональный и муниципальные методические активы: заявление, проверка соответствия требованиям положения, рассмотрение комиссией, согласование с министерством и публикация состава с соблюдением законодательства о персональных данных.',
  regions: 'Регионы',
  signIn: 'Войти в личный кабинет',
  steps: ['Заявление или представление МОУО', 'Проверка требований', 'Комиссия и голосование', 'Согласование и приказ', 'Публикация'],
}

export const meta: MetaFunction = () => [{ title: text.title }]

export async function loader() {
  const regions = await listRegions()
  return { regions: regions.map((r) => ({ code: r.code, name: r.name, site: r.siteUrl })) }
}

export default function Index() {
  const { regions } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <ol>
        {text.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p>
        <Link to="/login" className="button">
          {text.signIn}
        </Link>
      </p>
      <h2>{text.regions}</h2>
      <ul>
        {regions.map((r) => (
          <li key={r.code}>{r.name}</li>
        ))}
      </ul>
    </>
  )
}
