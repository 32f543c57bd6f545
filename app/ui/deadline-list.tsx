import { Link } from '@remix-run/react'
import type { DeadlineItem } from '~/domain/stage-deadlines.server'
import { deadlinePhrase } from '~/model/campaign-stages'
import { stageLabelsOf } from '~/model/municipal-selection'

// What is due and what is overdue on the dashboard (issue 11, §4.1): one line
// per stage of a campaign, «Срок — 16 июня» or «…, просрочено на 3 дня», in
// the campaign's region's calendar (the loader computed `today` there).

const text = {
  campaign: (title: string) => `отбор «${title}»`,
  screening: (n: number) => `ждут проверки: ${n}`,
  review: (n: number) => `ждут вашего отзыва: ${n}`,
}

const waiting = (d: DeadlineItem) => (d.count ? (d.stage === 'review' ? text.review(d.count) : d.stage === 'screening' ? text.screening(d.count) : null) : null)

export function DeadlineList({ items }: { items: DeadlineItem[] }) {
  return (
    <ul className="deadlines">
      {items.map((d) => (
        <li key={`${d.campaignId}-${d.stage}`} data-stage={d.stage} data-overdue={d.daysLeft < 0 ? 'yes' : undefined}>
          <Link to={d.href}>{stageLabelsOf(d.municipal)[d.stage]}</Link> — {text.campaign(d.campaignTitle)}
          {waiting(d) ? `, ${waiting(d)}` : ''}.{' '}
          {d.daysLeft < 0 ? <strong className="overdue">{deadlinePhrase(d.deadline, d.today)}</strong> : <span>{deadlinePhrase(d.deadline, d.today)}</span>}
        </li>
      ))}
    </ul>
  )
}
