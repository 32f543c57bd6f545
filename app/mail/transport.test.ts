import { describe, expect, it } from 'vitest'
import { classify, composeMail } from './transport.server'

// The decision table of docs/decisions/0003-outbox-delivery.md, on the error
// shapes nodemailer reports (code, command in flight, server reply).
const err = (code: string, command: string, responseCode?: number) =>
  Object.assign(new Error(`${code} at ${command}`), { code, command, ...(responseCode ? { responseCode, response: `${responseCode} test` } : {}) })

describe('classify a failed send', () => {
  it.each([
    ['connection refused', 'retry', err('ESOCKET', 'CONN'), false],
    ['timeout before the greeting', 'retry', err('ETIMEDOUT', 'CONN'), false],
    ['a 5xx greeting', 'retry', err('EPROTOCOL', 'CONN', 554), false],
    ['wrong password (535)', 'retry', err('EAUTH', 'AUTH PLAIN', 535), false],
    ['TLS failure', 'retry', err('ETLS', 'STARTTLS'), false],
    ['connection cut before the body', 'retry', err('ECONNECTION', 'CONN'), false],
    ['greylisted (451 after the body)', 'retry', err('EMESSAGE', 'DATA', 451), true],
    ['mailbox busy (450 to RCPT TO)', 'retry', err('EENVELOPE', 'RCPT TO', 450), false],
    ['server closing (421) after the body', 'retry', err('ECONNECTION', 'CONN', 421), true],
    ['recipient refused (550)', 'rejected', err('EENVELOPE', 'RCPT TO', 550), false],
    ['sender refused (553)', 'rejected', err('EENVELOPE', 'MAIL FROM', 553), false],
    ['message refused (554 after the body)', 'rejected', err('EMESSAGE', 'DATA', 554), true],
    ['an address nodemailer cannot use', 'rejected', err('EENVELOPE', 'API'), false],
    ['connection cut after the body started', 'unknown', err('ECONNECTION', 'CONN'), true],
    ['socket timeout waiting for the answer to the body', 'unknown', err('ETIMEDOUT', 'CONN'), true],
  ] as const)('%s → %s', (_name, outcome, e, bodyRead) => {
    const d = classify(e, bodyRead)
    expect(d.outcome).toBe(outcome)
    expect(d.error).toContain(e.code)
  })
})

describe('composeMail', () => {
  const mail = (to: string) => ({ outboxId: 1, messageId: '<outbox-1.x@rma.test>', from: 'Реестр <noreply@rma.test>', to, subject: 'Тема', text: 'Текст', html: '<p>Текст</p>' })

  it('sends to exactly the stored address', async () => {
    expect((await composeMail(mail('Ivanova@School.ru'))).envelope.to).toEqual(['Ivanova@school.ru'])
  })

  it.each(['a@b.ru\r\nBcc: evil@x.ru', 'x<evil@x.ru>', 'a@b.ru, evil@x.ru', 'group: evil@x.ru;'])('refuses %j rather than send it to another address', async (to) => {
    await expect(composeMail(mail(to))).rejects.toThrow('не является одним адресом')
  })
})
