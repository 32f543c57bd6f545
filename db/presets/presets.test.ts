import { describe, expect, it } from 'vitest'
import { preset, presets } from './index'

describe('region presets', () => {
  it('Khabarovsk: 19 municipalities and the ≤ 100 teachers per member indicator', () => {
    const p = preset('khabarovsk')
    expect(p.municipalities).toHaveLength(19)
    expect(p.coverage?.maxTeachersPerMember).toBe(100)
  })

  it('Khanty-Mansi Yugra: 22 municipal education authorities', () => {
    expect(preset('yugra').municipalities).toHaveLength(22)
  })

  it('Chelyabinsk: four directions with their groups and a fast track', () => {
    const p = preset('chelyabinsk')
    expect(p.directions).toHaveLength(4)
    expect(p.directions[0].name).toBe('Научно-методическое сопровождение реализации ФГОС общего, среднего профессионального образования')
    expect(p.directions.every((d) => d.groups.length > 0)).toBe(true)
    expect(p.ruleSet.fastTrack?.rules[0].fact).toBe('registryMember')
  })

  it('Tomsk: its municipalities, rules of §3.2', () => {
    const p = preset('tomsk')
    expect(p.municipalities.map((m) => m.name)).toContain('Город Томск')
    expect(p.ruleSet.required.map((r) => r.id)).toEqual(['category', 'education', 'pedagogical', 'experience'])
  })

  it('codes are unique within every region', () => {
    for (const p of presets) {
      const codes = p.municipalities.map((m) => m.code)
      expect(new Set(codes).size).toBe(codes.length)
    }
  })

  it('each region has its IANA time zone (UTC+5 to UTC+10)', () => {
    expect(Object.fromEntries(presets.map((p) => [p.code, p.timeZone]))).toEqual({
      tomsk: 'Asia/Tomsk',
      chelyabinsk: 'Asia/Yekaterinburg',
      khabarovsk: 'Asia/Vladivostok',
      yugra: 'Asia/Yekaterinburg',
    })
  })

  it('an unknown preset is a clear error', () => {
    expect(() => preset('moscow')).toThrow('Нет пресета региона «moscow»')
  })
})
