import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { publicStatistics } from '~/domain/statistics.server'
import { ReportFigure } from '~/ui/report-figure'

// GET /regions/<code>/statistics — the region's public figures: counts of its
// active members and the coverage, never a person (public, cached by roster
// version like every /regions/ page: decision 0005).

const text = {
  title: (name: string) => `Статистика методического актива: ${name}`,
  lead: 'Сколько действующих членов методического актива в регионе — по муниципалитетам, предметным областям, направлениям и группам, уровню актива и году окончания полномочий. Только числа: сведения о людях здесь не публикуются.',
  members: 'Состав актива',
  coverage: 'Обеспеченность методической поддержкой',
  back: 'К странице региона',
  notFound: 'Регион не найден',
  empty: 'Нет данных',
}

export const handle = { hydrate: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? text.title(data.name) : text.notFound }]

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await publicStatistics(params.code ?? '')
  if (!found) throw new Response(text.notFound, { status: 404 })
  return found
}

export default function PublicStatistics() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title(d.name)}</h1>
      <p>{text.lead}</p>
      <h2>{text.members}</h2>
      {d.members.map((t) => (
        <ReportFigure key={t.id} table={t} empty={text.empty} />
      ))}
      <h2>{text.coverage}</h2>
      <ReportFigure table={d.coverage} empty={text.empty} />
      <p>
        <Link to={`/regions/${d.code}`}>{text.back}</Link>
      </p>
    </>
  )
}
