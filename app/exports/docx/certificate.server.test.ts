import { describe, expect, it } from 'vitest'
import { readDocx } from '../../../test/support/docx'
import { certificateDocx, certificateFileName, type CertificateData } from './certificate.server'

const base: CertificateData = {
  fullName: 'Никитина Светлана Павловна',
  position: 'учитель русского языка и литературы',
  organisationName: 'МБОУ «Основная общеобразовательная школа № 3»',
  municipalityName: 'Город Томск',
  regionName: 'Томская область',
  ministryName: 'Департамент общего образования Томской области',
  rosterMunicipality: null,
  order: { number: '1645-р', date: '2025-09-12', title: 'Об утверждении состава регионального методического актива Томской области' },
  termEndsOn: '2028-09-12',
  changedOrder: null,
  direction: null,
  group: null,
  subjects: [],
  state: 'active',
  // 22:30 in UTC is already 1 December in Tomsk (UTC+7)
  issuedAt: new Date('2026-11-30T22:30:00Z'),
  timeZone: 'Asia/Tomsk',
}

const statement = async (d: CertificateData) => (await readDocx(await certificateDocx(d))).paragraphs.find((p) => p.startsWith('Настоящая справка'))!

describe('the certificate of membership', () => {
  it('agrees with the member and names the body whose order admitted them', async () => {
    expect(await statement(base)).toContain(
      'Никитина Светлана Павловна (учитель русского языка и литературы, МБОУ «Основная общеобразовательная школа №\u00A03», Город Томск) включена в состав регионального методического актива (Томская область) приказом Департамента общего образования Томской области от 12.09.2025 №\u00A01645-р',
    )
    expect(await statement({ ...base, fullName: 'Цветков Максим Андреевич' })).toContain('Цветков Максим Андреевич (')
    expect(await statement({ ...base, fullName: 'Цветков Максим Андреевич' })).toContain(') включён в состав')
    // no patronymic: the wording does not guess
    expect(await statement({ ...base, fullName: 'Ким Алина' })).toContain(') включён(а) в состав')
  })

  it('of a municipal roster’s member speaks of the municipal active', async () => {
    const d = { ...base, rosterMunicipality: 'Город Томск', order: { number: '412', date: '2025-09-12', title: 'Об утверждении состава ММА' } }
    const { paragraphs } = await readDocx(await certificateDocx(d))
    expect(paragraphs).toContain('о включении в состав муниципального методического актива')
    expect(await statement(d)).toContain('включена в состав муниципального методического актива (Город Томск) приказом от 12.09.2025')
    expect(paragraphs).toContain('Срок полномочий члена муниципального методического актива: до 12.09.2028.')
    expect(paragraphs.join('\n')).not.toContain('регионального')
    expect(certificateFileName(d)).toBe('Справка о включении в ММА — Никитина Светлана Павловна.docx')
  })

  it('of an excluded or expired member says the membership ended, by which order, and no term in force', async () => {
    const excluded = await readDocx(await certificateDocx({ ...base, state: 'excluded', changedOrder: { number: '77-р', date: '2026-03-02' } }))
    expect(excluded.paragraphs).toContain('По состоянию на 1\u00A0декабря\u00A02026\u00A0года членство прекращено: исключена из состава актива приказом от 02.03.2026 №\u00A077-р.')
    expect(excluded.paragraphs.join('\n')).not.toMatch(/Срок полномочий|Исключение из актива/)
    const expired = await readDocx(await certificateDocx({ ...base, state: 'expired', termEndsOn: '2026-09-12' }))
    expect(expired.paragraphs).toContain('По состоянию на 1\u00A0декабря\u00A02026\u00A0года членство прекращено: срок полномочий истёк 12.09.2026.')
    const active = await readDocx(await certificateDocx(base))
    expect(active.paragraphs).toContain('По состоянию на 1\u00A0декабря\u00A02026\u00A0года членство действует.')
    expect(active.paragraphs).toContain('Срок полномочий члена регионального методического актива: до 12.09.2028.')
  })

  it('is dated by the region’s calendar', async () => {
    const { paragraphs } = await readDocx(await certificateDocx(base))
    expect(paragraphs).toContain('1\u00A0декабря\u00A02026\u00A0года')
  })
})
