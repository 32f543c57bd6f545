import { describe, expect, it } from 'vitest'
import { decide, decidedText, heardText, meetingNotStarted, parseLocalDateTime, peopleCount, presentOf, protocolWords, protocolYear, protocolZoneText, quorum, quorumRequired, recusedLine, ruLongDate, ruTime, toLocalDateTime } from '~/model/protocol'

describe('the commission’s arithmetic', () => {
  it('decides by majority of the votes cast', () => {
    expect(decide({ for: 2, against: 0, abstain: 1 })).toBe('RECOMMEND')
    expect(decide({ for: 1, against: 2, abstain: 0 })).toBe('REJECT')
    expect(decide({ for: 1, against: 1, abstain: 0 })).toBe('DEFER')
    expect(decide({ for: 2, against: 1, abstain: 1 })).toBe('DEFER') // 2 of 4 is not more than half
    expect(decide({ for: 0, against: 0, abstain: 0 })).toBe('DEFER')
  })

  it('needs more than half present, or the commission’s own fraction', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => quorumRequired(n, null))).toEqual([1, 2, 2, 3, 3, 4])
    expect(quorumRequired(4, 0.5)).toBe(2)
    expect(quorumRequired(5, 0.6)).toBe(3)
    expect(quorumRequired(3, 2 / 3)).toBe(2)
    expect(quorumRequired(0, 0.5)).toBe(1)
    expect(quorum(4, 2, null)).toEqual({ members: 4, present: 2, required: 3, reached: false })
    expect(quorum(0, 0, null).reached).toBe(false)
  })

  it('writes dates the way the protocols do, on the wall clock of the commission’s region', () => {
    // A meeting at 16.00 in Khabarovsk (UTC+10) is 06.00 UTC and 09.00 in Moscow; the protocol says 16.00.
    const d = parseLocalDateTime('2023-05-23T16:00', 'Asia/Vladivostok')!
    expect(d.toISOString()).toBe('2023-05-23T06:00:00.000Z')
    expect(ruLongDate(d, 'Asia/Vladivostok')).toBe('23 мая 2023 года')
    expect(ruTime(d, 'Asia/Vladivostok')).toBe('16.00')
    expect(protocolZoneText(d, 'Asia/Vladivostok')).toBe('местное время, UTC+10')
    expect(toLocalDateTime(d, 'Asia/Vladivostok')).toBe('2023-05-23T16:00')
    // The same wall clock in Yugra (UTC+5) is another instant.
    expect(parseLocalDateTime('2023-05-23T16:00', 'Asia/Yekaterinburg')!.toISOString()).toBe('2023-05-23T11:00:00.000Z')
    // 00.30 on 1 January in Khabarovsk is still the old year in Moscow and UTC: the protocol counts in the region's year.
    const newYear = parseLocalDateTime('2026-01-01T00:30', 'Asia/Vladivostok')!
    expect(newYear.toISOString()).toBe('2025-12-31T14:30:00.000Z')
    expect(protocolYear(newYear, 'Asia/Vladivostok')).toBe(2026)
    expect(ruLongDate(newYear, 'Asia/Vladivostok')).toBe('1 января 2026 года')
    expect(parseLocalDateTime('23.05.2023', 'Asia/Tomsk')).toBeNull()
    expect([1, 2, 5, 11, 12, 21, 22, 25].map(peopleCount)).toEqual([
      '1 человек', '2 человека', '5 человек', '11 человек', '12 человек', '21 человек', '22 человека', '25 человек',
    ])
  })
})

describe('the protocol’s wording', () => {
  it('agrees the verb and «членов» with the numbers of the quorum line', () => {
    expect(presentOf(1, 5)).toBe('присутствует 1 из 5 членов')
    expect(presentOf(3, 4)).toBe('присутствуют 3 из 4 членов')
    expect(presentOf(21, 21)).toBe('присутствует 21 из 21 члена')
    expect(protocolWords.noQuorum(0, 1, 1)).toBe('Кворума нет: присутствуют 0 из 1 члена комиссии с правом голоса (необходимо не менее 1).')
  })

  const candidate = { fullName: 'Иванова Ольга Георгиевна', personPosition: 'учитель физики', organisationName: 'МАОУ СОШ № 2' }
  const reviews = { recommend: 2, reject: 0, defer: 1 }

  it('has the secretary report in the right gender, never «представил(а)»', () => {
    expect(heardText(candidate, reviews, 'Петрова Анна Ивановна')).toBe(
      'Петрова Анна Ивановна, секретарь комиссии, представила сведения о кандидате и результаты проверки соответствия требованиям: Иванова Ольга Георгиевна, учитель физики, МАОУ СОШ № 2. Отзывы членов комиссии: «рекомендовать» – 2, «отклонить» – 0, «отложить» – 1.',
    )
    expect(heardText(candidate, reviews, 'Сидоров Пётр Ильич')).toMatch(/^Сидоров Пётр Ильич, секретарь комиссии, представил сведения/)
    // No patronymic to tell the gender from: a passive sentence.
    expect(heardText(candidate, reviews, 'А. Смирнова')).toMatch(/^Секретарём комиссии \(А\. Смирнова\) представлены сведения/)
    for (const s of ['Петрова Анна Ивановна', 'А. Смирнова', null]) expect(heardText(candidate, reviews, s)).not.toContain('(а)')
  })

  it('writes each decision with the candidate in the case its verb governs', () => {
    expect(decidedText('recommended', 'Иванова Ольга Георгиевна')).toBe('Рекомендовать включить Иванову Ольгу Георгиевну в состав методического актива.')
    expect(decidedText('rejected', 'Петров Иван Сергеевич')).toBe('Не рекомендовать включать Петрова Ивана Сергеевича в состав методического актива.')
    expect(decidedText('deferred', 'Иванова Ольга Георгиевна')).toBe('Отложить рассмотрение кандидатуры Ивановой Ольги Георгиевны.')
    expect(decidedText('recommended', 'candidate')).toBe('Рекомендовать включить в состав методического актива кандидата: candidate.')
  })

  it('names each recused member once', () => {
    expect(recusedLine([])).toBeNull()
    expect(recusedLine(['Петров Иван Сергеевич', 'Петров Иван Сергеевич'])).toBe(
      'В голосовании не участвовал член комиссии, отведённый в связи с конфликтом интересов: Петров Иван Сергеевич.',
    )
    expect(recusedLine(['А', 'Б'])).toBe('В голосовании не участвовали члены комиссии, отведённые в связи с конфликтом интересов: А, Б.')
  })
})

describe('a meeting not started', () => {
  it('one wording for the refusal of a step and for the page, on the region’s wall clock', () => {
    const at = new Date('2026-05-20T09:00:00Z')
    expect(meetingNotStarted(at, 'Asia/Tomsk', 'отметить присутствие')).toBe(
      'Заседание назначено на 20 мая 2026 года, 16.00 и ещё не началось: отметить присутствие можно, когда оно начнётся. Если дата указана неверно, измените дату заседания.',
    )
    expect(meetingNotStarted(at.toISOString(), 'Asia/Tomsk')).toBe(
      'Заседание назначено на 20 мая 2026 года, 16.00 и ещё не началось. Присутствие, голоса и закрытие заседания — когда оно начнётся. Если дата указана неверно, измените её.',
    )
  })
})
