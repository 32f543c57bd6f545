import { describe, expect, it } from 'vitest'
import { presets } from '../presets'
import { groupFits, groupFor, groupTopics, jobAt, organisationPool, patronymics, personName, PRESCHOOL, PRIMARY, rng, subjectGenitive, surnames, type OrgKind } from './random'

const people = Array.from({ length: 2000 }, (_, i) => personName(rng(i)))

describe('demo names', () => {
  it('writes out the patronymics that are not a suffix on the name', () => {
    expect(patronymics['Евгений']).toEqual(['Евгеньевич', 'Евгеньевна'])
    expect(patronymics['Михаил']).toEqual(['Михайлович', 'Михайловна'])
    expect(patronymics['Павел']).toEqual(['Павлович', 'Павловна'])
    expect(patronymics['Дмитрий']).toEqual(['Дмитриевич', 'Дмитриевна'])
    expect(patronymics['Игорь']).toEqual(['Игоревич', 'Игоревна'])
    expect(patronymics['Илья']).toEqual(['Ильич', 'Ильинична'])
    expect(patronymics['Никита']).toEqual(['Никитич', 'Никитична'])
    expect(patronymics['Лев']).toEqual(['Львович', 'Львовна'])
  })

  it('the tables themselves have a male and a female form of the right shape', () => {
    for (const [father, [m, f]] of Object.entries(patronymics)) {
      expect(m, father).toMatch(/(ович|евич|ич)$/)
      expect(f, father).toMatch(/(овна|евна|ична)$/)
      // the patronymic is made from the name, not glued to its nominative form
      expect(m, father).not.toMatch(/(ий|ей|ай|ь)ович$/)
      expect(f, father).not.toMatch(/(ий|ей|ай|ь)овна$/)
    }
    for (const [m, f] of surnames) {
      if (m === f) expect(m).toMatch(/(ко|их|ых|[^аяой]м)$/)
      else expect(f).toMatch(/(ова|ева|ёва|ина|ская|цкая|ая)$/)
    }
  })

  it('every generated patronymic and surname is a form from the tables and agrees with the gender', () => {
    const male = Object.values(patronymics).map(([m]) => m)
    const female = Object.values(patronymics).map(([, f]) => f)
    for (const p of people) {
      expect(p.female ? female : male).toContain(p.middleName)
      expect(surnames.map(([m, f]) => (p.female ? f : m))).toContain(p.lastName)
    }
    expect(people.some((p) => p.female) && people.some((p) => !p.female)).toBe(true)
    expect(people.map((p) => p.middleName)).not.toContain('Евгенийовна')
  })
})

describe('demo workplaces', () => {
  for (const preset of presets) {
    it(`${preset.code}: names are unique and never carry the municipality (the interface adds it)`, () => {
      const codes = preset.municipalities.map((m) => m.code)
      const pool = organisationPool(preset.code, codes)
      const names = [...pool.values()].flat().map((o) => o.name)
      expect(new Set(names).size).toBe(names.length)
      for (const name of names) {
        for (const m of preset.municipalities) expect(name).not.toContain(m.name)
        expect(name).not.toMatch(/район|округ|\(/)
      }
      // deterministic: the same region gives the same pool
      expect(organisationPool(preset.code, codes)).toEqual(pool)
    })
  }

  it('positions fit the kind of organisation', () => {
    const subjects = presets[0].subjects
    const seen = (kind: OrgKind) => Array.from({ length: 400 }, (_, i) => jobAt(rng(i), kind, subjects))
    for (const j of seen('kindergarten')) {
      expect(['воспитатель', 'старший воспитатель', 'учитель-логопед', 'музыкальный руководитель']).toContain(j.position)
      expect(j.level).toBe(PRESCHOOL)
    }
    for (const j of seen('school')) if (j.position === 'учитель начальных классов') expect([j.level, j.subjects]).toEqual([PRIMARY, ['Русский язык', 'Математика']])
    // every subject is one of the region's list: what the form offers and an import of the members export takes back
    for (const kind of ['school', 'college', 'extra', 'kindergarten'] as const) for (const j of seen(kind)) for (const s of j.subjects) expect(subjects, `${kind}: ${s}`).toContain(s)
    for (const j of seen('school')) expect(j.position).toMatch(/^(учитель [а-яё]|заместитель директора)/)
    for (const j of seen('college')) expect(j.position).toMatch(/^(преподаватель [а-яё]|методист)/)
    for (const j of seen('extra')) expect(['педагог дополнительного образования', 'методист']).toContain(j.position)
    for (const kind of ['school', 'college', 'extra', 'kindergarten'] as const)
      for (const j of seen(kind)) expect(j.position).not.toMatch(/учитель \(|[А-Я]{2}/)
  })

  it('every preset subject has its genitive for «учитель …»', () => {
    for (const p of presets) for (const s of p.subjects) expect(subjectGenitive[s], s).toBeTruthy()
  })
})

describe('demo groups', () => {
  it('a subject group takes only its subject; a thematic group takes anyone', () => {
    expect(groupFits('Русский язык', ['Иностранный язык'])).toBe(false)
    expect(groupFits('Английский язык', ['Иностранный язык'])).toBe(true)
    expect(groupFits('Русский язык и литература', ['Литература'])).toBe(true)
    expect(groupFits('Дошкольное образование', ['Математика'])).toBe(false)
    expect(groupFits('региональные методисты сопровождения проектов цифровизации и цифровой трансформации', ['Химия'])).toBe(true)
  })

  it('every member placed in a group fits it, in every preset', () => {
    for (const preset of presets) {
      const groups = preset.directions.flatMap((d) => d.groups)
      for (let i = 0; i < 300; i++) {
        const r = rng(i)
        const kind = r.pick(['school', 'kindergarten', 'college', 'extra'] as const)
        const job = jobAt(r, kind, preset.subjects)
        const group = groupFor(r, groups, groupTopics(job))
        if (group) expect(groupFits(group.name, groupTopics(job)), `${group.name} ← ${groupTopics(job)}`).toBe(true)
        if (group && job.level === null) expect(groupFits(group.name, job.subjects), `${group.name} ← ${job.subjects}`).toBe(true)
      }
    }
  })
})
