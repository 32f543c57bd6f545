import { Link } from '@remix-run/react'
import type { PublicSelection } from '~/domain/public-selections.server'
import type { Requirements } from '~/model/requirements'
import { formatDay } from '~/utils/dates'
import { applyHref, hostOf, registerHref, signInHref, text } from './selection-text'

// One open selection as the public selections pages show it: its region,
// deadline in the region's zone, requirements with their clauses, the
// regulation and the way to apply for this viewer.

type Serialized<T> = { [K in keyof T]: T[K] extends Date | null ? string | Date | null : T[K] }
export type SelectionView = Serialized<PublicSelection>

export function RequirementList({ requirements, headingLevel = 3 }: { requirements: Requirements; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <div className="requirements">
      {requirements.title ? <p className="muted">{requirements.title}</p> : null}
      {requirements.blocks.map((b) => (
        <section key={`${b.kind}-${b.heading}`} className={`req req-${b.kind}`}>
          <H>{b.heading}</H>
          <ul>
            {b.items.map((i) => (
              <li key={i.label}>
                {i.label}
                {i.clause ? <span className="muted"> ({i.clause})</span> : null}
              </li>
            ))}
          </ul>
          {b.clause ? (
            <p className="muted small">
              {text.clause}: {b.clause}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  )
}

export function Deadline({ s }: { s: SelectionView }) {
  return (
    <dl className="facts selection-facts">
      {s.opensOn ? (
        <>
          <dt>{text.opens}</dt>
          <dd>{formatDay(s.opensOn)}</dd>
        </>
      ) : null}
      <dt>{text.deadline}</dt>
      <dd>
        {s.closesOn && s.closesAt ? (
          <>
            {text.until(s.closesOn, new Date(s.closesAt), s.timeZone)}
            {s.daysLeft !== null ? <strong> — {s.daysLeft <= 1 ? text.lastDay : text.daysLeft(s.daysLeft)}</strong> : null}
          </>
        ) : (
          text.noDeadline
        )}
      </dd>
      <dt>{text.regulation}</dt>
      <dd>
        <a href={s.siteUrl} rel="noopener">
          {text.regulationAt(hostOf(s.siteUrl))}
        </a>
      </dd>
    </dl>
  )
}

export function ApplyActions({ s }: { s: SelectionView }) {
  if (s.apply === 'form') {
    return (
      <p className="actions">
        <Link to={applyHref(s.id)} className="button" aria-label={text.applyLabel(s.title)}>
          {text.apply}
        </Link>
      </p>
    )
  }
  if (s.apply === 'signIn') {
    return (
      <p className="actions">
        <a href={signInHref(s.id)} className="button apply" aria-label={text.applyLabel(s.title)}>
          {text.apply}
        </a>{' '}
        <a href={registerHref(s.id)} className="register" aria-label={text.registerLabel(s.title)}>
          {text.register}
        </a>
      </p>
    )
  }
  return (
    <p className="muted">
      {text.staffNote} <Link to="/campaigns">{text.campaigns}</Link>
    </p>
  )
}
