import { describe, expect, it } from 'vitest'
import { declineFullName, genderOf, pastTense } from '~/model/russian-names'

describe('Russian full names', () => {
  it('tells the gender from the patronymic, and nothing else', () => {
    expect(genderOf('Иванова Ольга Георгиевна')).toBe('f')
    expect(genderOf('Петров Иван Сергеевич')).toBe('m')
    expect(genderOf('Кузьмина Анна Ильинична')).toBe('f')
    expect(genderOf('Мамедов Эльчин Рашид оглы')).toBe('m')
    expect(genderOf('secretary')).toBeNull()
    expect(genderOf('Смирнова Анна')).toBeNull()
  })

  it('declines into the accusative and the genitive as protocols write them', () => {
    const cases: [string, string, string][] = [
      ['Иванова Ольга Георгиевна', 'Иванову Ольгу Георгиевну', 'Ивановой Ольги Георгиевны'],
      ['Петров Иван Сергеевич', 'Петрова Ивана Сергеевича', 'Петрова Ивана Сергеевича'],
      ['Вишневская Мария Андреевна', 'Вишневскую Марию Андреевну', 'Вишневской Марии Андреевны'],
      ['Горький Павел Петрович', 'Горького Павла Петровича', 'Горького Павла Петровича'],
      ['Коваль Наталья Ивановна', 'Коваль Наталью Ивановну', 'Коваль Натальи Ивановны'],
      ['Коваль Андрей Ильич', 'Коваля Андрея Ильича', 'Коваля Андрея Ильича'],
      ['Шевченко Любовь Петровна', 'Шевченко Любовь Петровну', 'Шевченко Любови Петровны'],
      ['Черных Никита Олегович', 'Черных Никиту Олеговича', 'Черных Никиты Олеговича'],
      ['Толстой Лев Николаевич', 'Толстого Льва Николаевича', 'Толстого Льва Николаевича'],
    ]
    for (const [name, acc, gen] of cases) {
      expect(declineFullName(name, 'accusative')).toBe(acc)
      expect(declineFullName(name, 'genitive')).toBe(gen)
    }
    expect(declineFullName('chair', 'accusative')).toBeNull()
  })

  it('agrees a past-tense verb with the person', () => {
    expect(pastTense('Иванова Ольга Георгиевна', 'представил')).toBe('представила')
    expect(pastTense('Петров Иван Сергеевич', 'представил')).toBe('представил')
    expect(pastTense('secretary', 'представил')).toBeNull()
  })
})
