import { describe, expect, it } from 'vitest'
import { notificationLabels } from '~/model/labels'
import { escapeHtml, renderMail, templateNames, UnknownTemplate, type MailContext } from './templates'

const context: MailContext = {
  baseUrl: 'https://rma.example.ru',
  recipientEmail: 'secretary@example.ru',
  recipientName: 'Ольга Петровна',
  recipientRole: 'secretary',
  regionName: 'Томская область',
  timeZone: 'Asia/Tomsk',
  entity: 'application',
  entityId: 42,
  personName: 'Иванова Мария Сергеевна',
  applicationId: 42,
  campaignTitle: 'Отбор в РМА 2026',
}

// Values that must never reach a mail, even when a caller puts them in the payload.
const privateValues = {
  phone: '+7 913 555-12-34',
  birthDate: '1984-03-17',
  snils: '123-456-789 64',
  privateEmail: 'maria.home@private.example',
}

const fullPayload = {
  event: 'MARK_INELIGIBLE',
  from: 'screening',
  to: 'ineligible',
  reason: 'Нет высшей квалификационной категории; Стаж менее 5 лет',
  fields: ['fullName', 'workplace', 'workEmail'],
  at: '2026-05-01T09:30:00Z',
  orderNumber: '1788-р',
  sections: [{ title: 'Ждут проверки', count: 3, items: [{ label: 'Иванова Мария Сергеевна', path: '/applications/42' }] }],
  ...privateValues,
  person: { ...privateValues },
}

describe('e-mail templates', () => {
  it('has a template for every notification the machines send, plus consent and digest', () => {
    for (const name of Object.keys(notificationLabels)) expect(templateNames).toContain(name)
    for (const name of ['consentChanged', 'consentWithdrawn', 'digest']) expect(templateNames).toContain(name)
  })

  it.each(templateNames)('%s renders Russian text and HTML with no private field', (template) => {
    const mail = renderMail({ template, payload: fullPayload, context })
    expect(mail.subject.length).toBeGreaterThan(3)
    expect(mail.subject).not.toMatch(/\n/)
    expect(mail.text).toMatch(/[а-яё]/i)
    expect(mail.text).toContain('Здравствуйте, Ольга Петровна!')
    expect(mail.html).toContain('<html lang="ru">')
    expect(mail.text).toContain('https://rma.example.ru/')
    for (const v of Object.values(privateValues)) {
      expect(mail.subject).not.toContain(v)
      expect(mail.text).not.toContain(v)
      expect(mail.html).not.toContain(v)
    }
    // the same mail addressed to a third party (the commission) — still nothing private
    const other = renderMail({ template, payload: fullPayload, context: { ...context, recipientRole: 'commission' } })
    for (const v of Object.values(privateValues)) expect(other.text + other.html).not.toContain(v)
  })

  it('renders with an empty payload and no context beyond the base URL', () => {
    const bare: MailContext = {
      baseUrl: 'http://localhost:3000',
      recipientEmail: 'x@example.ru',
      recipientName: null,
      recipientRole: null,
      regionName: null,
      timeZone: null,
      entity: null,
      entityId: null,
      personName: null,
      applicationId: null,
      campaignTitle: null,
    }
    for (const template of templateNames) {
      const mail = renderMail({ template, payload: {}, context: bare })
      expect(mail.text).toContain('Здравствуйте!')
      expect(mail.text).not.toMatch(/undefined|null|NaN/)
      expect(mail.html).not.toMatch(/undefined|null|NaN/)
    }
  })

  it('lists the reasons of an ineligibility, from a list or from the joined reason', () => {
    const joined = renderMail({ template: 'eligibilityResult', payload: { to: 'ineligible', reason: 'Нет категории; Мало стажа' }, context })
    expect(joined.text).toContain('  • Нет категории\n  • Мало стажа')
    expect(joined.html).toContain('<li>Нет категории</li><li>Мало стажа</li>')
    const listed = renderMail({ template: 'eligibilityResult', payload: { to: 'ineligible', reasons: ['Одна; с точкой с запятой'] }, context })
    expect(listed.text).toContain('  • Одна; с точкой с запятой')
    const admitted = renderMail({ template: 'eligibilityResult', payload: { to: 'inReview' }, context })
    expect(admitted.text).toContain('соответствует требованиям положения и передано на рассмотрение')
    expect(admitted.text).not.toContain('Причины')
  })

  it('names the municipal education authority, never the ministry, in a municipal selection’s approval letters (issue 10 §6)', () => {
    const municipal: MailContext = { ...context, campaignMunicipality: 'Город Томск' }
    const reminder = { stage: 'decision', kind: 'due', deadline: '2026-06-01' }
    for (const [template, payload] of [['approvalWaiting', {}], ['ministryDecision', {}], ['ministryReturned', { reason: 'Нет приказа' }], ['stageReminder', reminder]] as const) {
      for (const entity of ['application', 'campaign']) {
        const mail = renderMail({ template, payload, context: { ...municipal, entity } })
        expect(mail.subject + mail.text).not.toMatch(/министерств/i)
        expect(mail.subject + mail.text).toMatch(/муниципальн/i)
      }
    }
    // the region's own selection keeps naming the ministry where it did
    expect(renderMail({ template: 'ministryDecision', payload: {}, context }).subject).toContain('министерства')
    expect(renderMail({ template: 'stageReminder', payload: reminder, context }).text).toContain('решение министерства')
  })

  it('says which decision the commission took', () => {
    const say = (to: string) => renderMail({ template: 'commissionDecision', payload: { to }, context }).text
    expect(say('recommended')).toContain('рекомендовала вас')
    expect(say('rejected')).toContain('не рекомендовала')
    expect(say('deferred')).toContain('отложила')
  })

  it('escapes everything it puts into HTML and keeps subjects on one line', () => {
    const hostile = { ...context, personName: '<script>alert(1)</script>', campaignTitle: 'Отбор\r\nBcc: evil@example.com' }
    const mail = renderMail({ template: 'screeningWaiting', payload: { reason: '<b>"x"</b> & \'y\'' }, context: hostile })
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const subject = renderMail({ template: 'campaignClosed', payload: {}, context: hostile }).subject
    expect(subject).not.toMatch(/[\r\n]/)
    const returned = renderMail({ template: 'ministryReturned', payload: { reason: '<img src=x onerror=alert(1)>' }, context })
    expect(returned.html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;')
  })

  it('never links to anything but http(s)', () => {
    const mail = renderMail({ template: 'published', payload: {}, context: { ...context, baseUrl: 'javascript:alert(1)//' } })
    expect(mail.html).not.toContain('href="javascript:')
  })

  it('names the consent fields the subject allowed, and nothing else', () => {
    const mail = renderMail({ template: 'consentChanged', payload: { fields: ['fullName', 'workEmail', 'phone'] }, context })
    expect(mail.text).toContain('фамилия, имя, отчество')
    expect(mail.text).toContain('рабочий адрес электронной почты')
    expect(mail.text).not.toContain('phone')
    expect(mail.subject).toBe('Согласие на распространение персональных данных изменено')
    const given = renderMail({ template: 'consentGiven', payload: { fields: ['fullName'] }, context })
    expect(given.subject).toBe('Согласие на распространение персональных данных дано')
    expect(given.text).toContain('записано ваше согласие')
    expect(given.text).not.toContain('изменили')
    const none = renderMail({ template: 'consentChanged', payload: { fields: [] }, context })
    expect(none.text).toContain('не разрешили публиковать')
    const withdrawn = renderMail({ template: 'consentWithdrawn', payload: { at: '2026-05-01T09:30:00Z' }, context })
    expect(withdrawn.text).toContain('1 мая 2026 года в 16.30 (местное время, UTC+7)')
    expect(withdrawn.text).toContain('удалены со всех публичных страниц')
  })

  it('writes a time on the wall clock of the letter’s region, with its offset', () => {
    // 14:30 UTC on 30 June: already 1 July, 00.30 in Khabarovsk; still 30 June, 19.30 in Yugra.
    const at = { at: '2026-06-30T14:30:00Z' }
    const khabarovsk = renderMail({ template: 'consentWithdrawn', payload: at, context: { ...context, regionName: 'Хабаровский край', timeZone: 'Asia/Vladivostok' } })
    expect(khabarovsk.text).toContain('Вы отозвали согласие на распространение персональных данных 1 июля 2026 года в 00.30 (местное время, UTC+10).')
    const yugra = renderMail({ template: 'consentWithdrawn', payload: at, context: { ...context, timeZone: 'Asia/Yekaterinburg' } })
    expect(yugra.text).toContain('30 июня 2026 года в 19.30 (местное время, UTC+5)')
    // No region: Moscow time, and said so.
    const none = renderMail({ template: 'consentWithdrawn', payload: at, context: { ...context, regionName: null, timeZone: null } })
    expect(none.text).toContain('30 июня 2026 года в 17.30 (московское время, UTC+3)')
  })

  it('a digest lists what waits, with counts and links', () => {
    const mail = renderMail({
      template: 'digest',
      payload: {
        sections: [
          { title: 'Ждут проверки', count: 12, items: [{ label: 'Иванова Мария', path: '/applications/1' }, { label: 'Петров Пётр', path: '/applications/2' }] },
          { title: 'Пусто', count: 0, items: [] },
        ],
      },
      context,
    })
    expect(mail.subject).toBe('Ждут вашего внимания: 12')
    expect(mail.text).toContain('Ждут проверки: 12')
    expect(mail.text).toContain('Иванова Мария — https://rma.example.ru/applications/1')
    expect(mail.text).toContain('и ещё 10')
    expect(mail.text).not.toContain('Пусто')
  })

  it('a request for information quotes the secretary, gives the reply deadline and links to the application', () => {
    const payload = { reason: 'Приложите аттестационный лист.', replyBy: '2026-03-15' }
    const mail = renderMail({ template: 'informationRequested', payload, context: { ...context, recipientRole: 'applicant' } })
    expect(mail.text).toContain('> Приложите аттестационный лист.')
    expect(mail.text).toContain('Ответить нужно до 15.03.2026 включительно')
    expect(mail.text).toContain('https://rma.example.ru/applications/42')
    expect(renderMail({ template: 'informationRequested', payload: { reason: 'x' }, context }).text).not.toContain('Ответить нужно до')
  })

  it('refuses an unknown template', () => {
    expect(() => renderMail({ template: 'nope', payload: {}, context })).toThrow(UnknownTemplate)
  })
})
