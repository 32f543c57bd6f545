import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { preset } from '../../db/presets'
import { evaluate, type Facts } from '~/model/eligibility'
import { EligibilityPanel } from '~/ui/eligibility-panel'

const tomsk = preset('tomsk').ruleSet
const yes = { value: true, verified: true, source: 'evidence' as const }
const facts = (over: Partial<Facts> = {}): Facts => ({
  qualificationCategory: { value: 'highest', verified: true, source: 'evidence' },
  educationLevel: { value: 'higher', verified: true, source: 'evidence' },
  educationPedagogical: { value: true, verified: true, source: 'evidence' },
  experienceYears: { value: 12, verified: true, source: 'evidence' },
  ...over,
})

describe('the eligibility panel', () => {
  it('states the verdict first and collapses a satisfied "at least one of 8" group to one line', () => {
    const html = renderToString(<EligibilityPanel result={evaluate(facts({ contestWinner: yes }), tomsk)} ruleSetTitle={tomsk.title} />)
    expect(html.indexOf('Кандидат соответствует требованиям.')).toBeGreaterThan(-1)
    expect(html.indexOf('Кандидат соответствует требованиям.')).toBeLessThan(html.indexOf('<details'))
    // the group is closed: its 7 unmet criteria are not in front of the reader
    expect(html).toMatch(/<details data-outcome="pass"><summary>[^<]*— выполнено 1 из 8 \(достаточно 1\)/)
    expect(html).not.toMatch(/<details[^>]*open=""[^>]*data-outcome="pass"/)
  })

  it('a group that is not met stays open, and a result waiting for documents lists what to confirm', () => {
    const failing = renderToString(<EligibilityPanel result={evaluate(facts(), tomsk)} />)
    expect(failing).toContain('Кандидат не соответствует требованиям.')
    expect(failing).toMatch(/<details open="" data-outcome="fail">/)

    const claimed = evaluate(facts({ contestWinner: { value: true, verified: false, source: 'self' } }), tomsk)
    const html = renderToString(<EligibilityPanel result={claimed} />)
    expect(html).toContain('Требуется подтверждение документами: по заявленным сведениям кандидат соответствует требованиям.')
    expect(html).toContain('Нужно подтвердить документами:')
    expect(html).not.toContain('Кандидат требуется')
  })
})
