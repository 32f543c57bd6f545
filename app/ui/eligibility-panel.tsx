import { awaitingDocuments, groupLine, outcomeLabels, verdicts, type EligibilityResult, type RuleResult } from '~/model/eligibility'

// The eligibility result as a reader needs it: the verdict first (meets the
// requirements, does not, or needs documents), then what to act on, then the
// detail. A group that is already satisfied ("at least one of 8") collapses
// to one line; opened, it still shows every rule. Used on the application page.

const text = {
  ruleSet: (title: string, version: number) => `Положение: ${title}, версия ${version}.`,
  fastTrack: 'Сведения приняты в ускоренном порядке: кандидат состоит в другом профессиональном реестре.',
  failed: 'Не выполнено:',
  awaiting: 'Нужно подтвердить документами:',
  required: 'Обязательные требования',
}

type Result = Pick<EligibilityResult, 'outcome' | 'fastTrack' | 'required' | 'groups' | 'failed'> & { ruleSet: { code: string; version: number } }

function Rule({ r }: { r: RuleResult }) {
  return (
    <li data-outcome={r.outcome}>
      <strong>{r.label}</strong> — {outcomeLabels[r.outcome]}. {r.explanation} <span className="muted">({r.clause})</span>
    </li>
  )
}

export function EligibilityPanel({ result, ruleSetTitle }: { result: Result; ruleSetTitle?: string }) {
  const awaiting = result.outcome === 'unverified' ? awaitingDocuments(result) : []
  return (
    <div className="eligibility" data-outcome={result.outcome}>
      <p className="verdict">
        <strong>{`${verdicts[result.outcome]}.`}</strong>
      </p>
      {ruleSetTitle ? <p className="muted">{text.ruleSet(ruleSetTitle, result.ruleSet.version)}</p> : null}
      {result.fastTrack ? <p>{text.fastTrack}</p> : null}
      {result.outcome === 'fail' && result.failed.length > 0 ? (
        <>
          <p>{text.failed}</p>
          <ul>
            {result.failed.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
      {awaiting.length > 0 ? (
        <>
          <p>{text.awaiting}</p>
          <ul>
            {awaiting.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
        </>
      ) : null}
      {result.required.length > 0 ? (
        <details open={result.required.some((r) => r.outcome !== 'pass')}>
          <summary>
            {`${text.required}: ${
              result.required.every((r) => r.outcome === 'pass')
                ? outcomeLabels.pass
                : `${outcomeLabels.pass} ${result.required.filter((r) => r.outcome === 'pass').length} из ${result.required.length}`
            }`}
          </summary>
          <ul className="rules">
            {result.required.map((r) => (
              <Rule key={r.id} r={r} />
            ))}
          </ul>
        </details>
      ) : null}
      {result.groups.map((g) => (
        // a satisfied group is one line; the rules it did not need stay out of the way
        <details key={g.id} open={g.outcome !== 'pass'} data-outcome={g.outcome}>
          <summary>
            {`${g.label} — ${groupLine(g)}`} <span className="muted">({g.clause})</span>
          </summary>
          <ul className="rules">
            {[...g.rules]
              .sort((a, b) => rank[a.outcome] - rank[b.outcome])
              .map((r) => (
                <Rule key={r.id} r={r} />
              ))}
          </ul>
        </details>
      ))}
    </div>
  )
}

// met first, then what waits for documents, then what is not met
const rank = { pass: 0, unverified: 1, fail: 2 } as const
