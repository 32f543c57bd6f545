import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { ProtocolContent } from '~/model/protocol'
import { pageSetup, readDocx } from '../../../test/support/docx'
import { protocolDocx, protocolFileName } from './protocol.server'

/** `_` marks a non-breaking space (layout.server.ts typeset). */
const nb = (s: string) => s.replace(/_/g, '\u00A0')

const content: ProtocolContent = {
  number: 7,
  year: 2026,
  commissionName: 'Комиссия по отбору в региональный методический актив',
  regionName: 'Томская область',
  heldAt: '2026-06-10T08:30:00.000Z',
  dateText: '10 июня 2026 года',
  timeText: '15.30',
  zoneText: 'местное время, UTC+7',
  place: 'г. Томск, ул. Пирогова, 10',
  chair: { name: 'Замятина Оксана Михайловна', position: 'ректор ТОИПКРО' },
  secretary: { name: 'Иванова Ольга Георгиевна', position: null },
  present: [
    { name: 'Замятина Оксана Михайловна', position: 'ректор ТОИПКРО' },
    { name: 'Иванова Ольга Георгиевна', position: null },
    { name: 'Белущенко Ольга Андреевна', position: null, remote: true },
  ],
  absent: [{ name: 'Беляева Татьяна Алексеевна', position: null }],
  quorum: { members: 4, present: 3, required: 3, reached: true },
  agendaText: 'Рассмотрение кандидатур в РМА',
  items: [
    {
      position: 1,
      applicationId: 11,
      fullName: 'Петрова Анна Сергеевна',
      organisationName: 'МАОУ СОШ № 2 <Томск> & Co',
      personPosition: 'учитель физики',
      heard: 'Секретарь комиссии представил(а) сведения о кандидате.',
      decided: 'Рекомендовать к включению в состав методического актива: Петрова Анна Сергеевна.',
      decision: 'recommended',
      votes: { for: 2, against: 1, abstain: 0 },
      recused: ['Замятина Оксана Михайловна'],
    },
  ],
}

describe('the protocol as .docx', () => {
  it('holds the attendance, the agenda, heard/decided and the votes of each item', async () => {
    const { paragraphs } = await readDocx(await protocolDocx(content))
    const text = paragraphs.join('\n')
    expect(paragraphs[0]).toBe(nb('ПРОТОКОЛ №_7'))
    expect(paragraphs[1]).toBe('заседания комиссии по отбору в региональный методический актив')
    expect(paragraphs).toContain(nb('10_июня_2026_года\t15.30 (местное время, UTC+7)'))
    expect(paragraphs).toContain('ПРЕДСЕДАТЕЛЬ: Замятина Оксана Михайловна, ректор ТОИПКРО.')
    expect(paragraphs).toContain('СЕКРЕТАРЬ: Иванова Ольга Георгиевна.')
    expect(paragraphs).toContain(
      nb('ПРИСУТСТВОВАЛИ: 3_человека (1_чел. в режиме ВКС, 2_чел. очно): Замятина Оксана Михайловна, Иванова Ольга Георгиевна, Белущенко Ольга Андреевна.'),
    )
    expect(paragraphs).toContain(nb('ОТСУТСТВОВАЛИ: 1_человек: Беляева Татьяна Алексеевна.'))
    expect(paragraphs).toContain('Кворум имеется: присутствуют 3 из 4 членов комиссии с правом голоса (необходимо не менее 3).')
    expect(paragraphs).toContain(
      nb('1. О кандидатуре для включения в состав методического актива: Петрова Анна Сергеевна, учитель физики, МАОУ СОШ №_2 <Томск> & Co.'),
    )
    expect(text).toMatch(/СЛУШАЛИ:\n1\. Секретарь комиссии представил\(а\) сведения о кандидате\.\nРЕШИЛИ:\n1\.1\. Рекомендовать/)
    // the same wording as the printable page (recusedLine)
    expect(paragraphs).toContain('В голосовании не участвовал член комиссии, отведённый в связи с конфликтом интересов: Замятина Оксана Михайловна.')
    expect(paragraphs).toContain(nb('Голосовали: «за» – 2_чел.; «против» – 1_чел.; «воздержались» – 0_чел.'))
    // signature lines with initials
    expect(paragraphs).toEqual(expect.arrayContaining(['Председатель', '____________', nb('О.М._Замятина'), 'Секретарь', nb('О.Г._Иванова')]))
  })

  it('is laid out on A4 with margins 30/10/20/20 mm, Times New Roman 14, numbered from the second page', async () => {
    const { xml, styles, files } = await readDocx(await protocolDocx(content))
    const setup = pageSetup(xml)
    expect(setup.size).toMatchObject({ w: '11906', h: '16838' })
    expect(setup.margins).toMatchObject({ left: '1701', right: '567', top: '1134', bottom: '1134' })
    expect(setup.titlePage).toBe(true)
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/)
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/)
    // the first page's footer is empty, the default one holds the page number
    const footerRefs = [...xml.matchAll(/<w:footerReference w:type="(\w+)"/g)].map((m) => m[1]).sort()
    expect(footerRefs).toEqual(['default', 'first'])
    expect(files.filter((f) => /^word\/footer\d+\.xml$/.test(f))).toHaveLength(2)
    // the page number is a PAGE field in one of the two footers; the other (the first page's) is empty
    const zip = await JSZip.loadAsync(await protocolDocx(content))
    const footers = await Promise.all(files.filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')))
    expect(footers.filter((x) => /PAGE/.test(x))).toHaveLength(1)
  })

  it('names a municipal commission in the genitive, as the heading of its meeting', async () => {
    const municipal = await readDocx(await protocolDocx({ ...content, commissionName: 'Муниципальная комиссия по отбору в методический актив г. Томска' }))
    expect(municipal.paragraphs[1]).toBe('заседания муниципальной комиссии по отбору в методический актив г. Томска')
    // a name the wording cannot decline stays as it is
    const other = await readDocx(await protocolDocx({ ...content, commissionName: 'Экспертный совет' }))
    expect(other.paragraphs[1]).toBe('заседания: Экспертный совет')
  })

  it('is named after its number and date', () => {
    expect(protocolFileName(content)).toBe('Протокол № 7 от 10 июня 2026.docx')
  })
})
