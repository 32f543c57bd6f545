import { Form, useNavigation } from '@remix-run/react'
import { scrollRegion } from '~/ui/table-scroll'
import type { FormReply } from '~/http/form.server'
import { factCatalog, valueLabels, type FactKey } from '~/model/eligibility'
import { verifySchema } from '~/model/inputs/application-page'
import { applicationStateLabels, formatDate, formatDateTime } from '~/model/labels'
import { FormErrors, useSchemaForm } from '~/ui/form'
import { auditActionLabels } from '~/ui/timeline'
import { ListPager } from '~/ui/list-pager'
import { municipalApplicationStateLabels, municipalAuditActionLabels } from '~/model/municipal-selection'
import type { PageData } from './route'
import { text } from './text'
import { EligibilityPanel } from '~/ui/eligibility-panel'

// The candidate, the eligibility check, the claimed facts (the secretary
// confirms them one by one), the documents and the history.

type Props = { d: PageData; lastResult: FormReply | undefined }

function showValue(v: unknown) {
  if (typeof v === 'boolean') return v ? text.facts.yes : text.facts.no
  if (typeof v === 'number') return String(v).replace('.', ',')
  return valueLabels[String(v)] ?? String(v)
}

export function Details({ d, lastResult }: Props) {
  return (
    <>
      <Person d={d} />
      <Eligibility d={d} />
      <Facts d={d} lastResult={lastResult} />
      <section aria-labelledby="evidence">
        <h2 id="evidence">{text.evidence.title}</h2>
        {d.evidence.length === 0 ? (
          <p className="muted">{text.evidence.none}</p>
        ) : (
          <ul>
            {d.evidence.map((e) => (
              <li key={e.id}>
                {factCatalog[e.fact as FactKey]?.label ?? d.factLabels[e.fact]}: {d.documentsReadable ? <a href={`/applications/${d.id}/evidence/${e.id}`}>{e.fileName}</a> : e.fileName} ({text.evidence.size(Math.ceil(e.sizeBytes / 1024))})
              </li>
            ))}
          </ul>
        )}
      </section>
      <Timeline d={d} />
    </>
  )
}

function Person({ d }: { d: PageData }) {
  const t = text.person
  return (
    <section aria-labelledby="person">
      <h2 id="person">{d.fullName}</h2>
      <dl className="facts">
        <dt>{t.workplace}</dt>
        <dd>{d.workplace ?? t.none}</dd>
        <dt>{t.position}</dt>
        <dd>{d.person?.position || t.none}</dd>
        <dt>{t.municipality}</dt>
        <dd>{d.municipality ?? t.none}</dd>
        <dt>{t.subjects}</dt>
        <dd>{d.person?.subjects.join(', ') || t.none}</dd>
        <dt>{t.email}</dt>
        <dd>{d.person?.workEmail ?? t.none}</dd>
      </dl>
      {d.privateData ? (
        <>
          <h3>{t.privateTitle}</h3>
          <dl className="facts">
            <dt>{t.phone}</dt>
            <dd>{d.privateData.phone ?? t.none}</dd>
            <dt>{t.birthDate}</dt>
            <dd>{d.privateData.birthDate ? formatDate(d.privateData.birthDate, d.timeZone) : t.none}</dd>
            <dt>{t.privateEmail}</dt>
            <dd>{d.privateData.privateEmail ?? t.none}</dd>
          </dl>
        </>
      ) : null}
    </section>
  )
}

function Eligibility({ d }: { d: PageData }) {
  const t = text.eligibility
  const e = d.eligibility
  return (
    <section aria-labelledby="eligibility">
      <h2 id="eligibility">{t.title}</h2>
      {!e ? <p className="muted">{t.notEvaluated}</p> : <EligibilityPanel result={e} />}
    </section>
  )
}

function Facts({ d, lastResult }: Props) {
  const t = text.facts
  // One verify form per fact; their refusal (rare: the fact was withdrawn meanwhile) shows once above the table.
  const [form] = useSchemaForm(verifySchema, { id: 'verify', lastResult, intent: 'verify' })
  const busy = useNavigation().state === 'submitting'
  const rows = Object.entries(d.facts) as [FactKey, { value: unknown; verified: boolean }][]
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">{t.title}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div {...scrollRegion(t.title)}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.criterion}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.status}</th>
              {d.canVerify ? (
                <th scope="col">
                  <span className="visually-hidden">{t.verify}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, f]) => (
              <tr key={key}>
                <th scope="row">{d.factLabels[key] ?? factCatalog[key]?.label}</th>
                <td>{showValue(f.value)}</td>
                <td>{f.verified ? t.verified : t.unverified}</td>
                {d.canVerify ? (
                  <td>
                    {!f.verified ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="verify" />
                        <input type="hidden" name="fact" value={key} />
                        <button type="submit" disabled={busy} aria-label={t.verifyLabel(d.factLabels[key] ?? factCatalog[key]?.label ?? '')}>
                          {t.verify}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Timeline({ d }: { d: PageData }) {
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{text.timeline.title}</h2>
      <ol className="timeline">
        {d.timeline.map((t) => {
          const label = (d.municipalSelection ? municipalAuditActionLabels[t.action] : undefined) ?? auditActionLabels[t.action] ?? text.timeline.other
          const stage = t.toState && t.toState !== t.fromState ? (d.municipalSelection ? municipalApplicationStateLabels : applicationStateLabels)[t.toState] : undefined
          return (
            <li key={t.id}>
              <span className="muted">{formatDateTime(t.at, d.timeZone)}</span> — {label}
              {stage && stage !== label ? ` (${text.timeline.stage(stage)})` : ''}
              {t.actorName ? <span className="muted"> · {t.actorName}</span> : null}
              {t.reason ? <div>«{t.reason}»</div> : null}
            </li>
          )
        })}
      </ol>
      <ListPager from={d.timelinePager.from} count={d.timeline.length} total={d.timelinePager.total} next={d.timelinePager.next} first={d.timelinePager.first} label={text.timeline.pages} />
    </section>
  )
}
