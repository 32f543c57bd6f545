import { describe, expect, it } from 'vitest'
import { readDocx } from '../../../test/support/docx'
import { BOLD_LETTER } from './layout.server'
import { orderDocx, signerOf, type OrderDocument } from './order.server'

const row = {
  personId: 1,
  fullName: 'Александрова Нина Борисовна',
  workplace: 'МАДОУ «Детский сад № 27»',
  position: 'воспитатель',
  subjects: ['Дошкольное образование'],
  municipality: 'Кривошеинский район',
  direction: null,
  group: null,
}

const regional: OrderDocument = {
  order: { id: 1, regionId: 1, municipalityId: null, number: '1645-р', date: '2025-09-12', title: 'Об утверждении состава регионального методического актива', kind: 'composition' },
  regionName: 'Томская область',
  ministryName: 'Департамент общего образования Томской области',
  municipalityName: null,
  rows: [row] as OrderDocument['rows'],
  termEndsOn: '2028-09-12',
}

const municipal: OrderDocument = {
  ...regional,
  order: { ...regional.order, municipalityId: 7, number: '412', title: 'Об утверждении состава муниципального методического актива г. Томска' },
  ministryName: 'Муниципальный орган управления образованием (Город Томск)',
  municipalityName: 'Город Томск',
}

describe('the draft order', () => {
  it('is signed by the head of the body that issues it', async () => {
    expect(signerOf('Министерство образования Хабаровского края', false)).toBe('Министр')
    expect(signerOf('Департамент общего образования Томской области', false)).toBe('Начальник департамента')
    expect(signerOf('Комитет по образованию', false)).toBe('Председатель комитета')
    expect(signerOf('Министерство образования', true)).toBe('Руководитель')
    const { paragraphs } = await readDocx(await orderDocx(regional))
    expect(paragraphs).toContain('Начальник департамента\t____________')
    expect(paragraphs).not.toContain('Министр\t____________')
  })

  it('of a municipal authority approves the municipal active, not the regional one', async () => {
    const { paragraphs } = await readDocx(await orderDocx(municipal))
    const text = paragraphs.join('\n')
    expect(paragraphs).toContain('1. Утвердить состав муниципального методического актива (Город Томск) согласно приложению к настоящему приказу.')
    expect(paragraphs.some((p) => p.startsWith('В соответствии с Положением о муниципальном методическом активе') && p.includes('в состав муниципального методического актива'))).toBe(true)
    expect(paragraphs.some((p) => p.startsWith('2. Установить срок полномочий членов муниципального методического актива'))).toBe(true)
    expect(paragraphs).toContain('Руководитель\t____________')
    expect(paragraphs).toContain('к приказу муниципального органа управления образованием (Город Томск)')
    expect(paragraphs).toContain('муниципального методического актива')
    expect(text).not.toMatch(/регионального методического актива|Министр\t/)
  })

  it('puts its appendix on a landscape page with the words of every column whole', async () => {
    const { xml, paragraphs } = await readDocx(await orderDocx(regional))
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0])
    // the order itself portrait, the appendix landscape
    expect(sizes).toHaveLength(2)
    expect(sizes[0]).toMatch(/w:w="11906" w:h="16838"/)
    expect(sizes[1]).toMatch(/w:w="16838" w:h="11906"[^>]*w:orient="landscape"/)
    expect(paragraphs).toContain('МАДОУ «Детский сад №\u00A027»')
    // «Муниципалитет» (13 letters) gets at least its own width
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
    expect(grid.at(-1)).toBeGreaterThanOrEqual(13 * BOLD_LETTER + 216)
  })
})

describe('the draft of a change order', () => {
  const change: OrderDocument = {
    ...regional,
    order: { ...regional.order, number: '1873-р', date: '2026-10-05', title: 'О внесении изменений в состав регионального методического актива', kind: 'change' },
    rows: [],
    termEndsOn: null,
    changes: [
      { fullName: 'Дмитриева Анна Александровна', position: 'учитель географии', organisationName: 'МАОУ «Лицей № 16»', state: 'excluded', ground: 'Смена места работы или должности' },
      { fullName: 'Егорова Нина Павловна', position: 'учитель', organisationName: null, state: 'excluded', ground: null },
      { fullName: 'Зуев Пётр Ильич', position: 'методист', organisationName: null, state: 'suspended', ground: 'По собственному желанию' },
    ],
  }

  it('lists whom it excludes or suspends, with the ground, and no appendix of approved candidates', async () => {
    const { paragraphs, xml } = await readDocx(await orderDocx(change))
    const text = paragraphs.join('\n')
    expect(text).toContain(
      [
        '1. Исключить из состава регионального методического актива:',
        '– Дмитриева Анна Александровна, учитель географии, МАОУ «Лицей №\u00A016» (основание: смена места работы или должности);',
        '– Егорова Нина Павловна, учитель.',
        '2. Приостановить членство в составе регионального методического актива:',
        '– Зуев Пётр Ильич, методист (основание: по собственному желанию).',
        '3. Контроль за исполнением настоящего приказа оставляю за собой.',
      ].join('\n'),
    )
    expect(paragraphs).toContain('В соответствии с Положением о региональном методическом активе п\u00A0р\u00A0и\u00A0к\u00A0а\u00A0з\u00A0ы\u00A0в\u00A0а\u00A0ю:')
    expect(text).not.toMatch(/Утвердить состав|рекомендаций комиссии|Приложение|нет согласованных кандидатов/)
    expect(xml.match(/<w:sectPr/g)).toHaveLength(1)
  })

  it('says so when the registry holds no change by it', async () => {
    const { paragraphs } = await readDocx(await orderDocx({ ...change, changes: [] }))
    expect(paragraphs).toContain('По этому приказу изменения в состав актива в реестре не внесены.')
    expect(paragraphs).toContain('1. Контроль за исполнением настоящего приказа оставляю за собой.')
  })
})
