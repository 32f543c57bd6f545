import { describe, expect, it } from 'vitest'
import { forgotSchema } from '~/model/inputs/account'
import { addCommissionMemberSchema } from '~/model/inputs/coordinator'
import { displayName } from '~/model/inputs/invitations'
import { emailPattern, registerSchema } from '~/model/inputs/register'
import { loginKey } from '~/model/throttle'

const form = { login: 'ivanova@school.ru', lastName: 'Иванова', firstName: 'Анна', middleName: '', regionId: '1', password: 'пароль-для-проверки', passwordConfirm: 'пароль-для-проверки' }
const errorOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) => r.error?.issues.find((i) => i.path[0] === field)?.message

describe('a login that reads like another', () => {
  it('an invisible, format or combining character is refused (a second «teacher@demo.rma»)', () => {
    for (const login of ['teacher\u200b@demo.rma', 'teacher@demo\u200d.rma', '\u202eamr.omed@rehcaet', 'teacher\u00ad@demo.rma', 'teacher@demo.rma\ufeffx']) {
      expect(registerSchema.safeParse({ ...form, login }).success, JSON.stringify(login)).toBe(false)
      expect(emailPattern.test(login), JSON.stringify(login)).toBe(false)
    }
  })

  it('a full-width or composed letter becomes the letter it looks like, in the form and in every lookup', () => {
    expect(registerSchema.parse({ ...form, login: '\uff54eacher@demo.rma' }).login).toBe('teacher@demo.rma')
    expect(forgotSchema.parse({ login: 'ＴＥＡＣＨＥＲ@demo.rma' }).login).toBe('teacher@demo.rma')
    expect(loginKey(' \uff54eacher@DEMO.rma ')).toBe('teacher@demo.rma')
    // a lone combining accent is composed with its letter: «é» is a letter of its own, not an invisible mark
    expect(emailPattern.test('teache\u0301r@demo.rma')).toBe(false)
    expect(registerSchema.parse({ ...form, login: 'teache\u0301r@demo.rma' }).login).toBe('teache\u0301r@demo.rma'.normalize('NFC'))
  })

  it('ordinary addresses stay valid, Cyrillic domains included', () => {
    for (const login of ['ivanova@school.ru', 'o.ivanova+rma@mail.example.org', 'иванова@школа.рф']) expect(registerSchema.safeParse({ ...form, login }).success, login).toBe(true)
  })
})

describe('a name that reads like another or breaks a document', () => {
  it('a bidi override, a zero-width space, a noncharacter or a lone surrogate is refused', () => {
    for (const lastName of ['Иванова\u202e', 'Ива\u200bнова', 'Ива\ufffeнова', 'Ива\uffffнова', 'Ива\ud800нова']) {
      expect(errorOf(registerSchema.safeParse({ ...form, lastName }), 'lastName'), JSON.stringify(lastName)).toBe('Уберите из имени переносы строк и другие служебные символы')
    }
    expect(registerSchema.safeParse({ ...form, lastName: 'Салтыкова-Щедрина', middleName: 'Ёлкина' }).success).toBe(true)
  })
})

describe('a name staff type for an invitation', () => {
  it('follows the same rule as a name typed at registration', () => {
    for (const name of ['Иванова Анна\r\nBcc: evil@example.com', 'Иванова\u202e Анна', 'Ива\ufffeнова Анна']) {
      expect(displayName.safeParse(name).error?.issues[0]?.message, JSON.stringify(name)).toBe('Уберите из имени переносы строк и другие служебные символы')
      const member = addCommissionMemberSchema.safeParse({ intent: 'add', commissionId: '1', login: 'new@school.ru', role: 'member', displayName: name })
      expect(errorOf(member, 'displayName'), JSON.stringify(name)).toBe('Уберите из имени переносы строк и другие служебные символы')
    }
    expect(displayName.safeParse('Иванова Анна Сергеевна').success).toBe(true)
  })
})
