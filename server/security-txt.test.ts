import { describe, expect, it } from 'vitest'
import { mailtoOf, securityTxt } from './security-txt'

describe('security.txt', () => {
  const now = new Date('2026-11-30T15:00:00Z')

  it('names the contact, expires in 180 days and gives the canonical address of an https deployment', () => {
    const body = securityTxt({ contact: 'mailto:security@edu.tomsk.ru', publicUrl: 'https://rma.edu.tomsk.ru/', now })
    expect(body).toMatch(/^Contact: mailto:security@edu\.tomsk\.ru$/m)
    expect(body).toMatch(/^Expires: 2027-05-29T00:00:00\.000Z$/m)
    expect(body).toMatch(/^Canonical: https:\/\/rma\.edu\.tomsk\.ru\/\.well-known\/security\.txt$/m)
  })

  it('leaves out Canonical where the deployment has no https address', () => {
    expect(securityTxt({ contact: 'https://example.org/report', now })).not.toMatch(/Canonical/)
    expect(securityTxt({ contact: 'https://example.org/report', publicUrl: 'http://127.0.0.1:3000', now })).not.toMatch(/Canonical/)
  })

  it('reads the address out of MAIL_FROM', () => {
    expect(mailtoOf('Реестр методического актива <noreply@rma.local>')).toBe('mailto:noreply@rma.local')
    expect(mailtoOf(' security@rma.local ')).toBe('mailto:security@rma.local')
  })
})
