import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { publicSelection } from '~/domain/public-selections.server'
import { idParam } from '~/http/errors.server'
import { getSignedIn } from '~/http/session.server'
import { ApplyActions, Deadline, RequirementList, type SelectionView } from '~/ui/selection'
import { text } from '~/ui/selection-text'
import { formatDay } from '~/utils/dates'

// After the last day of applications an applicant waits through these stages.
const stagesText = {
  title: 'Что будет после приёма заявлений',
  screeningUntil: 'Проверка заявлений на соответствие требованиям — до',
  meetingOn: 'Заседание отборочной комиссии',
  decisionUntil: 'Решение министерства о составе актива — до',
  municipalDecisionUntil: 'Решение муниципального органа управления образованием о составе актива — до',
  note: 'Даты — по местному времени региона; о результате каждого этапа придёт письмо.',
}

function LaterStages({ s }: { s: SelectionView }) {
  const shown = (['screeningUntil', 'meetingOn', 'decisionUntil'] as const).filter((k) => s[k])
  if (shown.length === 0) return null
  return (
    <section aria-labelledby="later-stages">
      <h2 id="later-stages">{stagesText.title}</h2>
      <dl className="facts selection-facts">
        {shown.map((k) => [
          <dt key={`${k}-t`}>{k === 'decisionUntil' && s.municipalityName ? stagesText.municipalDecisionUntil : stagesText[k]}</dt>,
          <dd key={`${k}-d`}>{formatDay(s[k]!)}</dd>,
        ])}
      </dl>
      <p className="muted">{stagesText.note}</p>
    </section>
  )
}

// One open selection in full, public: what the campaign requires, until when,
// under which regulation, and the way to apply.

export const handle = { hydrate: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.title : text.notFound} — ${text.site}` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const selection = await publicSelection(idParam(params.id), await getSignedIn(request))
  if (!selection) throw new Response(text.notFound, { status: 404 })
  return selection
}

export default function Selection() {
  const s = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/selections">{text.back}</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="selection-level">{text.level(s.municipalityName)}</p>
      <p>
        {text.region}: <Link to={`/regions/${s.regionCode}`}>{s.regionName}</Link>
      </p>
      <Deadline s={s} />
      <LaterStages s={s} />
      <h2>{text.requirements}</h2>
      <RequirementList requirements={s.requirements} headingLevel={3} />
      <ApplyActions s={s} />
    </>
  )
}
