import { describe, expect, it } from 'vitest'
import { parseWithZod } from '@conform-to/zod/v4'
import { generalSettingsSchema, newRegionSchema, parseQuorum, quorumLabel, quorumValue } from './region-settings'

const form = (values: Record<string, string>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(values)) fd.append(k, v)
  return fd
}

describe('the quorum rule', () => {
  it('reads «more than half», a share as a fraction or a decimal, and refuses anything else', () => {
    expect(parseQuorum('majority')).toBeNull()
    expect(parseQuorum('2/3')).toBeCloseTo(2 / 3)
    expect(parseQuorum('0,6')).toBe(0.6)
    expect(parseQuorum('1')).toBe(1)
    for (const bad of ['0', '4/3', '1.5', 'половина', '']) expect(parseQuorum(bad)).toBeUndefined()
  })

  it('shows a stored fraction as the choice it came from, or as a percentage', () => {
    expect(quorumValue(null)).toBe('majority')
    expect(quorumValue(2 / 3)).toBe('2/3')
    expect(quorumLabel(0.75)).toBe('не менее трёх четвертей членов')
    expect(quorumLabel(0.6)).toBe('не менее 60 % членов')
  })
})

describe('the general settings and new region forms', () => {
  it('give the domain numbers and null for «more than half»', () => {
    const r = parseWithZod(form({ timeZone: 'Asia/Omsk', termYears: '4', quorum: 'majority', ministryName: 'Министерство образования', siteUrl: '' }), {
      schema: generalSettingsSchema,
      disableAutoCoercion: true,
    })
    expect(r.status === 'success' && r.value).toEqual({ timeZone: 'Asia/Omsk', termYears: 4, quorum: null, ministryName: 'Министерство образования', siteUrl: undefined })
  })

  it('needs a name and a zone only for an empty region', () => {
    const preset = parseWithZod(form({ preset: 'tomsk', code: 'Tomsk-2', name: '', timeZone: '' }), { schema: newRegionSchema, disableAutoCoercion: true })
    expect(preset.status === 'success' && preset.value).toEqual({ preset: 'tomsk', code: 'tomsk-2', name: undefined, timeZone: undefined })
    const empty = parseWithZod(form({ preset: 'empty', code: 'tver', name: '', timeZone: '' }), { schema: newRegionSchema, disableAutoCoercion: true })
    expect(empty.status !== 'success' && empty.error).toEqual({ name: ['Укажите название региона'], timeZone: ['Выберите часовой пояс региона'] })
  })
})
