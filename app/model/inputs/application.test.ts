import { describe, expect, it } from 'vitest'
import { applicationSchema, checkEvidence, contentDisposition, evidenceMessages, safeFileName, sniffEvidenceType } from '~/model/inputs/application'

const lists = {
  municipalityIds: [1, 2],
  organisations: [{ id: 10, municipalityId: 1 }],
  subjects: ['Математика'],
  groupIds: [5],
  claimable: ['contestWinner' as const],
}

// What conform hands the schema: one string per field, a list for a repeated
// name, no key at all for an unticked checkbox.
const fd = (entries: Record<string, string | string[]>) => entries

const valid = {
  lastName: 'Иванова',
  firstName: 'Мария',
  workEmail: 'Ivanova@School.RU',
  municipalityId: '1',
  organisationId: '10',
  position: 'учитель',
  educationLevel: 'higher',
  qualificationCategory: 'first',
  experienceYears: '7,5',
  groupId: '5',
  processingConsent: 'on',
}

describe('the application schema', () => {
  it('accepts a comma in the experience and normalises e-mail and lists', () => {
    const r = applicationSchema(lists).parse((fd({ ...valid, subjects: ['Математика', 'Математика'], claims: 'contestWinner' })))
    expect(r).toMatchObject({ experienceYears: 7.5, workEmail: 'ivanova@school.ru', subjects: ['Математика'], claims: ['contestWinner'], dissemination: [], phone: null, birthDate: null })
  })

  it('gives Russian messages for what is missing or foreign', () => {
    const r = applicationSchema(lists).safeParse((fd({ ...valid, municipalityId: '2', processingConsent: '', subjects: 'Алхимия', dissemination: 'snils' })))
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]))
    expect(byField).toMatchObject({
      processingConsent: 'Без согласия на обработку персональных данных заявление не может быть рассмотрено',
      subjects: 'Выберите предметные области из списка',
      dissemination: 'Неизвестное поле согласия',
    })
    const org = applicationSchema(lists).safeParse((fd({ ...valid, municipalityId: '2' })))
    expect(org.error!.issues[0]).toMatchObject({ path: ['organisationId'], message: 'Эта организация не относится к выбранному муниципалитету' })
  })

  it('treats an absent checkbox as unticked and a blank optional field as not given, with Russian messages for missing required ones', () => {
    const r = applicationSchema(lists).parse({ ...valid, middleName: '  ', phone: '', birthDate: '', newOrganisation: '' })
    expect(r).toMatchObject({ middleName: '', phone: null, birthDate: null, newOrganisation: null, educationPedagogical: false, subjects: [] })
    const missing = applicationSchema(lists).safeParse({ ...valid, lastName: undefined, educationLevel: undefined, processingConsent: undefined })
    const byField = Object.fromEntries(missing.error!.issues.map((i) => [i.path[0], i.message]))
    expect(byField).toMatchObject({
      lastName: 'Введите фамилию',
      educationLevel: 'Выберите уровень образования',
      processingConsent: 'Без согласия на обработку персональных данных заявление не может быть рассмотрено',
    })
  })
})

describe('evidence files', () => {
  it('knows PDF, JPEG and PNG by their bytes, not their names', () => {
    expect(sniffEvidenceType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf')
    expect(sniffEvidenceType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffEvidenceType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(sniffEvidenceType(new Uint8Array([0x4d, 0x5a]))).toBeNull()
    expect(checkEvidence('setup.pdf', new Uint8Array([0x4d, 0x5a, 1, 2]))).toEqual({ ok: false, message: evidenceMessages.mismatch })
    expect(checkEvidence('scan.pdf', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: false, message: evidenceMessages.mismatch })
    expect(checkEvidence('scan.JPG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true, mimeType: 'image/jpeg' })
    expect(checkEvidence('x.exe', new Uint8Array([0x4d]))).toEqual({ ok: false, message: evidenceMessages.badType })
  })

  it('keeps file names safe to store and to send back', () => {
    expect(safeFileName('C:\\Users\\me\\Диплом "1".pdf')).toBe('Диплом _1_.pdf')
    expect(safeFileName('a\u0000b.png')).toBe('a_b.png')
    expect(contentDisposition('Диплом.pdf')).toBe(`attachment; filename="______.pdf"; filename*=UTF-8''%D0%94%D0%B8%D0%BF%D0%BB%D0%BE%D0%BC.pdf`)
  })

  it('refuses a line break or another control character inside a name (it would reach file names and letters)', () => {
    for (const lastName of ['Иванова\r\nX-Injected: 1', 'Иванова\tПетрова', 'Ива\u007fнова']) {
      const r = applicationSchema(lists).safeParse({ ...valid, lastName })
      expect(r.error?.issues.find((i) => i.path[0] === 'lastName')?.message, JSON.stringify(lastName)).toBe('Уберите из имени переносы строк и другие служебные символы')
    }
    const middle = applicationSchema(lists).safeParse({ ...valid, middleName: 'Петровна\nBcc: x' })
    expect(middle.error?.issues.find((i) => i.path[0] === 'middleName')?.message).toBe('Уберите из имени переносы строк и другие служебные символы')
    expect(applicationSchema(lists).safeParse({ ...valid, lastName: 'Салтыкова-Щедрина' }).success).toBe(true)
  })
})
