import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { myActivities } from '~/domain/activity.server'
import { myScore } from '~/domain/evaluation.server'
import { schoolYearLabel } from '~/model/evaluation'
import { evaluationText } from '~/model/evaluation-text'
import { activityLevelLabels, activityStateLabels, type ActivityLevel } from '~/model/activity'
import { formatDate } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { requireSignedIn } from '~/http/session.server'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'

export const activityText = {
  title: 'Моя методическая работа',
  lead: 'Записывайте проведённые открытые уроки, семинары, консультации, экспертную работу и публикации. Координатор подтверждает записи, и подтверждённые учитываются при оценке работы актива.',
  notMember: 'Записи о методической работе ведут действующие члены методического актива. Когда вас включат в актив, здесь можно будет вести учёт своей работы.',
  add: 'Добавить запись',
  none: 'Записей пока нет.',
  caption: 'Мои записи, сначала последние',
  date: 'Дата',
  kind: 'Вид работы',
  level: 'Уровень',
  audience: 'Участников',
  state: 'Состояние',
  score: 'Оценка работы',
  scoreNow: (year: string, from: string, last: string) => `${year} (${from} — ${last}): учитываются подтверждённые записи`,
  scorePrevious: (year: string) => `Прошлый, ${year}`,
}
const t = activityText

export const meta: MetaFunction = () => [{ title: `${t.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const [data, score] = await Promise.all([myActivities(actor, pageOf(url, 'after', 'text')), myScore(actor)])
  return { ...data, score, next: nextHref(url, data.page), first: firstHref(url) }
}

export default function MyActivity() {
  const { page, member, timeZone, next, first, score } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{t.title}</h1>
      <p>{member ? t.lead : t.notMember}</p>
      {member ? (
        <p>
          <Link to="/my/activity/new" className="button">
            {t.add}
          </Link>
        </p>
      ) : null}
      {score ? (
        <section aria-labelledby="score" className="card">
          <h2 id="score">{t.score}</h2>
          <dl className="facts">
            <dt>{t.scoreNow(schoolYearLabel(score.current.year), formatDate(score.from, timeZone), formatDate(score.last, timeZone))}</dt>
            <dd id="my-score">
              {evaluationText.scoreLine(score.current.points, score.current.threshold)}
              {score.current.low ? <strong>{evaluationText.verdict(true)}</strong> : evaluationText.verdict(false)}
            </dd>
            <dt>{t.scorePrevious(schoolYearLabel(score.previous.year))}</dt>
            <dd>
              {evaluationText.scoreLine(score.previous.points, score.previous.threshold)}
              {score.previous.low ? <strong>{evaluationText.verdict(true)}</strong> : evaluationText.verdict(false)}
            </dd>
          </dl>
          <p className="muted">{evaluationText.noConsequence}</p>
        </section>
      ) : null}
      {page.rows.length === 0 ? (
        member ? <p className="muted">{t.none}</p> : null
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{t.caption}</caption>
            <ColumnHeads labels={[t.kind, t.date, t.level, t.audience, t.state]} />
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/activity/${r.id}`}>{r.kindLabel}</Link>
                  </th>
                  <td data-label={t.date}>{formatDate(r.heldOn, timeZone)}</td>
                  <td data-label={t.level}>{activityLevelLabels[r.level as ActivityLevel]}</td>
                  <td data-label={t.audience}>{r.audience}</td>
                  <td data-label={t.state}>{activityStateLabels[r.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={page.from} count={page.rows.length} total={page.total} next={next} first={first} />
    </>
  )
}
