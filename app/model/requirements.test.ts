import { describe, expect, it } from 'vitest'
import { preset } from '../../db/presets'
import { describeRequirements } from './requirements'

describe('requirements as a visitor reads them', () => {
  it('lists the required rules under one clause and the "at least one of 8" group with each sub-item', () => {
    const r = describeRequirements(preset('tomsk').ruleSet)
    expect(r.blocks.map((b) => b.kind)).toEqual(['required', 'group'])
    const [required, group] = r.blocks
    expect(required.clause).toMatch(/1788-р, п\. 3\.2$/)
    expect(required.items.map((i) => i.label)).toContain('Стаж работы по специальности не менее 5 лет')
    expect(required.items.every((i) => i.clause === null)).toBe(true)
    expect(group.heading).toMatch(/не менее 1 из 8$/)
    expect(group.clause).toMatch(/п\. 3\.2$/)
    expect(group.items[2]).toEqual({ label: 'Председатель или член региональной предметной комиссии ГИА', clause: 'подп. 3' })
  })

  it('names the fast track and says it needs no documents', () => {
    const fast = describeRequirements(preset('chelyabinsk').ruleSet).blocks.find((b) => b.kind === 'fastTrack')
    expect(fast?.heading).toMatch(/без представления документов/)
    expect(fast?.clause).toMatch(/№ 20/)
  })
})
