import { AlignmentType, TabStopType } from 'docx'
import { agendaLine, peopleCount, protocolWords, recusedLine, type ProtocolContent, type ProtocolPerson } from '~/model/protocol'
import { blank, centered, initials, mm, pack, para, section, signatures } from './layout.server'

// The protocol as issued (frozen JSON) as a Word document for the secretary
// to print and sign, in the regions' own layout (PRODUCT §13) and with the
// same wording as the HTML page (app/routes/protocols.$id.tsx).

const text = protocolWords

const who = (p: ProtocolPerson | null) => (p ? [p.name, p.position].filter(Boolean).join(', ') : text.notSet)

export const protocolFileName = (c: ProtocolContent) => `Протокол № ${c.number} от ${c.dateText.replace(/ года$/, '')}.docx`

export async function protocolDocx(c: ProtocolContent): Promise<Buffer> {
  const remote = c.present.filter((p) => p.remote).length
  const presentNote = remote > 0 ? text.presentSplit(remote, c.present.length - remote) : ''
  const q = c.quorum
  const when = `${c.timeText}${c.zoneText ? ` (${c.zoneText})` : ''}`
  const children = [
    centered({ text: text.heading(c.number), bold: true }),
    centered(text.meetingOf(c.commissionName)),
    ...(c.regionName ? [centered(c.regionName)] : []),
    blank(),
    // the date on the left, the time on the right, as on the regions' forms
    para([c.dateText, `\t${when}`], { plain: true, alignment: AlignmentType.LEFT, tabStops: [{ type: TabStopType.RIGHT, position: mm(170) }] }),
    para(c.place, { plain: true, alignment: AlignmentType.LEFT }),
    blank(),
    para([{ text: `${text.chair}: `, bold: true }, `${who(c.chair)}.`]),
    para([{ text: `${text.secretary}: `, bold: true }, `${who(c.secretary)}.`]),
    para([
      { text: `${text.present}: `, bold: true },
      `${peopleCount(c.present.length)}${presentNote}: ${c.present.map((p) => p.name).join(', ') || text.notSet}.`,
    ]),
    para([
      { text: `${text.absent}: `, bold: true },
      `${c.absent.length === 0 ? text.noneAbsent : `${peopleCount(c.absent.length)}: ${c.absent.map((p) => p.name).join(', ')}`}.`,
    ]),
    para((q.reached ? text.quorum : text.noQuorum)(q.present, q.members, q.required)),
    blank(),
    para({ text: `${text.agenda}:`, bold: true }, { plain: true }),
    ...(c.agendaText ? c.agendaText.split(/\r?\n/).map((line) => para(line)) : []),
    ...(c.items.length === 0 ? [para(text.noItems)] : c.items.map((i) => para(`${i.position}. ${agendaLine(i)}`))),
    ...(c.motions ?? []).map((m) => para(`${m.position}. ${m.title}`)),
    ...c.items.flatMap((i) => [
      blank(),
      para({ text: `${text.heard}:`, bold: true }, { plain: true }),
      para(`${i.position}. ${i.heard}`),
      para({ text: `${text.decided}:`, bold: true }, { plain: true }),
      para(`${i.position}.1. ${i.decided}`),
      ...(i.recused.length > 0 ? [para(recusedLine(i.recused)!)] : []),
      para(`${text.votes}: ${text.votesLine(i.votes)}`),
    ]),
    ...(c.motions ?? []).flatMap((m) => [
      blank(),
      para({ text: `${text.heard}:`, bold: true }, { plain: true }),
      para(`${m.position}. ${m.title}. ${m.heard}`),
      para({ text: `${text.decided}:`, bold: true }, { plain: true }),
      para(`${m.position}.1. ${m.decided}`),
      para(`${text.votes}: ${text.votesLine(m.votes)}`),
    ]),
    blank(),
    signatures([
      { role: text.signChair, name: c.chair ? initials(c.chair.name) : text.notSet },
      { role: text.signSecretary, name: c.secretary ? initials(c.secretary.name) : text.notSet },
    ]),
  ]
  return pack(text.heading(c.number), [section(children)])
}
