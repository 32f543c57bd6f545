import { AlignmentType, TabStopType } from 'docx'
import { memberStateLabels } from '~/model/labels'
import { formatDay, longDate } from '~/utils/dates'
import { blank, centered, mm, pack, para, section } from './layout.server'

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
  order: { number: string; date: string; title: string | null } | null
  termEndsOn: string | null
  direction: string | null
  group: string | null
  subjects: string[]
  state: string
  issuedAt: Date
  timeZone: string
}

const text = {
  heading: 'СПРАВКА',
  subheading: 'о включении в состав регионального методического актива',
  // why: a name cannot be declined reliably, so the wording keeps it in the nominative
  confirms: (who: string) => `Настоящая справка подтверждает, что ${who}`,
  included: (region: string) => `включен(а) в состав регионального методического актива${region ? ` (${region})` : ''}`,
  byOrder: (o: { number: string; date: string; title: string | null }) => `приказом от ${formatDay(o.date)} № ${o.number}${o.title ? ` «${o.title}»` : ''}`,
  direction: (d: string) => `по направлению «${d}»`,
  group: (g: string) => `группа «${g}»`,
  subjects: (s: string[]) => `Предметная область: ${s.join(', ')}.`,
  term: (day: string) => `Срок полномочий члена регионального методического актива: до ${formatDay(day)}.`,
  status: (day: string, state: string) => `По состоянию на ${day} членство: ${(memberStateLabels[state] ?? state).toLowerCase()}.`,
  purpose: 'Справка выдана для представления по месту требования.',
  issuer: 'Региональный координатор',
}

export const certificateFileName = (d: CertificateData) => `Справка о включении в РМА — ${d.fullName}.docx`

export async function certificateDocx(d: CertificateData): Promise<Buffer> {
  const details = [d.position || null, d.organisationName, d.municipalityName].filter(Boolean).join(', ')
  const who = details ? `${d.fullName} (${details})` : d.fullName
  const placement = [d.direction ? text.direction(d.direction) : null, d.group ? text.group(d.group) : null].filter(Boolean).join(', ')
  const statement = [text.included(d.regionName), d.order ? text.byOrder(d.order) : null, placement || null].filter(Boolean).join(' ')
  const children = [
    ...(d.ministryName ? [centered({ text: d.ministryName.toUpperCase(), bold: true }), blank()] : []),
    centered({ text: text.heading, bold: true }),
    centered({ text: text.subheading, bold: true }),
    blank(),
    para(`${text.confirms(who)} ${statement}.`),
    ...(d.subjects.length > 0 ? [para(text.subjects(d.subjects))] : []),
    ...(d.termEndsOn ? [para(text.term(d.termEndsOn))] : []),
    para(text.status(longDate(d.issuedAt, d.timeZone), d.state)),
    para(text.purpose),
    blank(),
    blank(),
    para([longDate(d.issuedAt, d.timeZone)], { plain: true, alignment: AlignmentType.LEFT }),
    blank(),
    para([text.issuer, '\t____________'], { plain: true, alignment: AlignmentType.LEFT, tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }] }),
  ]
  return pack(`${text.heading} ${text.subheading}`, [section(children)])
}
