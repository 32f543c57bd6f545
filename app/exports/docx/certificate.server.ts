import { AlignmentType, TabStopType } from 'docx'
import { genderOf } from '~/model/russian-names'
import { formatDay, longDate } from '~/utils/dates'
import { blank, centered, genitiveOfBody, mm, pack, para, section } from './layout.server'

// A member's certificate of membership (справка о включении в состав
// регионального методического актива): members put it in their attestation
// portfolio. It names the order, the term and the direction or group.

export type CertificateData = {
  fullName: string
  position: string
  organisationName: string | null
  municipalityName: string | null
  regionName: string
  ministryName: string
  /** a municipal roster's municipality: the certificate then speaks of the municipal active and its authority's order */
  rosterMunicipality: string | null
  order: { number: string; date: string; title: string | null } | null
  termEndsOn: string | null
  /** the order of the last change of the membership (suspension, exclusion, end of term) */
  changedOrder: { number: string; date: string } | null
  direction: string | null
  group: string | null
  subjects: string[]
  state: string
  issuedAt: Date
  timeZone: string
}

const text = {
  heading: 'СПРАВКА',
  subheading: (municipal: boolean) => `о включении в состав ${municipal ? 'муниципального' : 'регионального'} методического актива`,
  // why: a name cannot be declined reliably, so the wording keeps it in the nominative
  confirms: (who: string) => `Настоящая справка подтверждает, что ${who}`,
  // the participle agrees with the person when the patronymic tells who they are
  included: (fullName: string, active: string, place: string) =>
    `${{ m: 'включён', f: 'включена', unknown: 'включён(а)' }[genderOf(fullName) ?? 'unknown']} в состав ${active} методического актива${place ? ` (${place})` : ''}`,
  byOrder: (o: { number: string; date: string; title: string | null }, issuer: string) =>
    `приказом${issuer ? ` ${genitiveOfBody(issuer)}` : ''} от ${formatDay(o.date)} № ${o.number}${o.title ? ` «${o.title}»` : ''}`,
  direction: (d: string) => `по направлению «${d}»`,
  group: (g: string) => `группа «${g}»`,
  subjects: (s: string[]) => `Предметная область: ${s.join(', ')}.`,
  term: (active: string, day: string) => `Срок полномочий члена ${active} методического актива: до ${formatDay(day)}.`,
  // a sentence, not the list's state label («Исключение из актива» is a heading word, not a state of «членство»)
  status: (day: string, d: CertificateData) => {
    const by = d.changedOrder ? ` приказом от ${formatDay(d.changedOrder.date)} № ${d.changedOrder.number}` : ''
    const excluded = { m: 'исключён', f: 'исключена', unknown: 'исключён(а)' }[genderOf(d.fullName) ?? 'unknown']
    const now: Record<string, string> = {
      active: 'членство действует',
      suspended: `членство приостановлено${by}`,
      excluded: `членство прекращено: ${excluded} из состава актива${by}`,
      expired: `членство прекращено: срок полномочий истёк${d.termEndsOn ? ` ${formatDay(d.termEndsOn)}` : ''}`,
    }
    return `По состоянию на ${day} ${now[d.state] ?? 'членство прекращено'}.`
  },
  purpose: 'Справка выдана для представления по месту требования.',
  issuer: 'Региональный координатор',
}

export const certificateFileName = (d: CertificateData) => `Справка о включении в ${d.rosterMunicipality !== null ? 'ММА' : 'РМА'} — ${d.fullName}.docx`

export async function certificateDocx(d: CertificateData): Promise<Buffer> {
  const details = [d.position || null, d.organisationName, d.municipalityName].filter(Boolean).join(', ')
  const who = details ? `${d.fullName} (${details})` : d.fullName
  const placement = [d.direction ? text.direction(d.direction) : null, d.group ? text.group(d.group) : null].filter(Boolean).join(', ')
  const municipal = d.rosterMunicipality !== null
  const active = municipal ? 'муниципального' : 'регионального'
  // a municipal roster's order is its municipal authority's, whose name the registry does not keep
  const issuer = municipal ? '' : d.ministryName
  const statement = [text.included(d.fullName, active, d.rosterMunicipality ?? d.regionName), d.order ? text.byOrder(d.order, issuer) : null, placement || null]
    .filter(Boolean)
    .join(' ')
  const children = [
    ...(d.ministryName ? [centered({ text: d.ministryName.toUpperCase(), bold: true }), blank()] : []),
    centered({ text: text.heading, bold: true }),
    centered({ text: text.subheading(municipal), bold: true }),
    blank(),
    para(`${text.confirms(who)} ${statement}.`),
    ...(d.subjects.length > 0 ? [para(text.subjects(d.subjects))] : []),
    // the term only while the membership runs: after an exclusion it would read as still in force
    ...(d.termEndsOn && (d.state === 'active' || d.state === 'suspended') ? [para(text.term(active, d.termEndsOn))] : []),
    para(text.status(longDate(d.issuedAt, d.timeZone), d)),
    para(text.purpose),
    blank(),
    blank(),
    para([longDate(d.issuedAt, d.timeZone)], { plain: true, alignment: AlignmentType.LEFT }),
    blank(),
    para([text.issuer, '\t____________'], { plain: true, alignment: AlignmentType.LEFT, tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }] }),
  ]
  return pack(`${text.heading} ${text.subheading(municipal)}`, [section(children)])
}
