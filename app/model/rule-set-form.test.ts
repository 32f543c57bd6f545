import { describe, expect, it } from 'vitest'
import { parseWithZod } from '@conform-to/zod/v4'
import { preset } from '../../db/presets'
import { baseCatalogue } from '~/model/fact-catalogue'
import { ruleSetFormSchema } from '~/model/inputs/rule-set'
import { fromForm, joinClause, splitClause, toFields, type RuleFields, type RuleSetFields } from '~/model/rule-set-form'

const tomsk = preset('tomsk').ruleSet
const chelyabinsk = preset('chelyabinsk').ruleSet
const schema = ruleSetFormSchema(baseCatalogue)
const kinds = (fact: string) => baseCatalogue[fact]?.kind

/** The fields as the browser sends them: nested names, one entry per ticked box. */
function formData(fields: RuleSetFields, extra: Record<string, string> = {}): FormData {
  const fd = new FormData()
  const put = (name: string, v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (typeof x === 'object' ? put(`${name}[${i}]`, x) : fd.append(name, String(x))))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) put(name ? `${name}.${k}` : k, x)
    else fd.append(name, String(v))
  }
  put('', fields)
  for (const [k, v] of Object.entries(extra)) fd.set(k, v)
  return fd
}

const parse = (fields: RuleSetFields, extra?: Record<string, string>) => parseWithZod(formData(fields, extra), { schema, disableAutoCoercion: true })

function value(fields: RuleSetFields) {
  const s = parse(fields)
  if (s.status !== 'success') throw new Error(JSON.stringify(s.reply().error))
  return s.value
}

const rule = (over: Partial<RuleFields> = {}): RuleFields => ({ id: '', label: 'Стаж', fact: 'experienceYears', values: [], min: '3', document: 'Положение', item: 'п. 1', ...over })

describe('clauses as document and item', () => {
  it.each([
    ['Распоряжение № 1788-р, п. 3.2, подп. 1', 'Распоряжение № 1788-р', 'п. 3.2, подп. 1'],
    ['Протокол УМО от 31.05.2023 № 20, приложение, раздел 1, мероприятие 2', 'Протокол УМО от 31.05.2023 № 20', 'приложение, раздел 1, мероприятие 2'],
    ['Положение о РМА', 'Положение о РМА', ''],
  ])('%s', (clause, document, item) => {
    expect(splitClause(clause)).toEqual({ document, item })
    expect(joinClause(document, item)).toBe(clause)
  })
})

describe('document ↔ form', () => {
  it.each([
    ['Tomsk', tomsk],
    ['Chelyabinsk (with a fast track the form keeps)', chelyabinsk],
  ])('%s goes through the form and back unchanged', (_, doc) => {
    expect(fromForm(value(toFields(doc)), doc, kinds)).toEqual(doc)
  })

  it('shows each comparison as the field of its kind', () => {
    const f = toFields(tomsk)
    expect(f.required.map((r) => [r.fact, r.values, r.min])).toEqual([
      ['qualificationCategory', ['highest'], ''],
      ['educationLevel', ['higher'], ''],
      ['educationPedagogical', [], ''],
      ['experienceYears', [], '5'],
    ])
  })

  it('changes a threshold, and gives new rules and groups fresh codes', () => {
    const f = toFields(tomsk)
    f.required[3].min = '3,5'
    f.required.push(rule({ label: 'Первая или высшая категория', fact: 'qualificationCategory', values: ['highest', 'first'], min: '' }))
    f.groups.push({ id: '', label: 'Новая группа', document: 'Положение', item: '', atLeast: '1', rules: [rule({ fact: 'giaCommission', min: '' })] })
    const doc = fromForm(value(f), tomsk, kinds)
    expect(doc.required[3].test).toEqual({ op: 'gte', value: 3.5 })
    expect(doc.required[4]).toEqual({ id: 'rule-1', label: 'Первая или высшая категория', clause: 'Положение, п. 1', fact: 'qualificationCategory', test: { op: 'in', values: ['highest', 'first'] } })
    expect(doc.groups[1]).toMatchObject({ id: 'group-1', clause: 'Положение', atLeast: 1, rules: [{ id: 'rule-2', fact: 'giaCommission', test: { op: 'isTrue' } }] })
  })

  it('takes the comparison from the fact, whatever else the form still holds', () => {
    const f = toFields(tomsk)
    f.required[0] = { ...f.required[0], fact: 'experienceYears', min: '2' } // values ['highest'] left over
    expect(fromForm(value(f), tomsk, kinds).required[0].test).toEqual({ op: 'gte', value: 2 })
  })
})

describe('the form’s checks, in Russian beside each field', () => {
  const errors = (fields: RuleSetFields) => {
    const s = parse(fields)
    expect(s.status).toBe('error')
    return s.reply().error ?? {}
  }

  it('asks for what each kind of fact needs', () => {
    const e = errors({
      title: '',
      required: [rule({ fact: 'qualificationCategory', min: '' }), rule({ min: '' }), rule({ fact: 'nonexistent' }), rule({ label: ' ', document: '' }), rule({ min: 'пять' })],
      groups: [],
    })
    expect(e).toMatchObject({
      title: ['Укажите название набора требований'],
      'required[0].values': ['Отметьте хотя бы одно подходящее значение'],
      'required[1].min': ['Укажите наименьшее допустимое число'],
      'required[2].fact': ['Выберите сведения из списка'],
      'required[3].label': ['Укажите формулировку требования'],
      'required[3].document': ['Укажите документ, из которого взято требование'],
      'required[4].min': ['Укажите число'],
    })
  })

  it('refuses a group needing more rules than it has, and an empty group', () => {
    const e = errors({
      title: 'Набор',
      required: [rule()],
      groups: [
        { id: 'g', label: 'Группа', document: 'Положение', item: '', atLeast: '2', rules: [rule({ id: 'a' })] },
        { id: 'h', label: 'Пустая', document: 'Положение', item: '', atLeast: '1', rules: [] },
      ],
    })
    expect(e['groups[0].atLeast']).toEqual(['Не больше числа требований в группе (1)'])
    expect(e['groups[1].rules']).toEqual(['Добавьте в группу хотя бы одно требование'])
  })
})
