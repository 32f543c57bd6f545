import { describe, expect, it } from 'vitest'
import { innValid, ogrnValid } from './requisites'

describe('INN and OGRN checksums', () => {
  it('accepts real numbers of both lengths', () => {
    expect(innValid('7017176742')).toBe(true) // ТОИПКРО, 10 digits
    expect(innValid('7707083893')).toBe(true) // Сбербанк
    expect(innValid('500100732259')).toBe(true) // a person's 12 digits
    expect(ogrnValid('1027000793654')).toBe(true)
    expect(ogrnValid('1027700132195')).toBe(true)
    expect(ogrnValid('304500116000157')).toBe(true) // ОГРНИП, 15 digits
  })

  it('refuses a wrong check digit, a wrong length and anything but digits', () => {
    expect(innValid('7017176743')).toBe(false)
    expect(innValid('500100732258')).toBe(false)
    expect(innValid('70171767')).toBe(false)
    expect(innValid('70171767ab')).toBe(false)
    expect(ogrnValid('1027000793655')).toBe(false)
    expect(ogrnValid('304500116000158')).toBe(false)
    expect(ogrnValid('10270007936')).toBe(false)
  })
})
