import type { Db, Tx } from '../../db/client.server'
import { commissionById, regionalCommissionId } from '../../db/queries/commissions.server'
import { reportById, reportsInStates, setDecidedMeeting } from '../../db/queries/indicator-reports.server'
import { regionById } from '../../db/queries/regions.server'
import { NotFound } from '../../workflows/errors'
import { sendEvent, SYSTEM } from '../../workflows/transition.server'
import type { MotionKindHandler, MotionSubject } from './motion-kinds.server'

// The yearly indicator report as a question on the commission's agenda (issue
// 10 §2.5, decision 0011): the reports «направлен на утверждение комиссией»
// of the commission's region wait in the agenda picker; putting one on the
// agenda and taking it off move the report; the meeting's vote approves it
// (adopted) or returns it for rework (not adopted), as Khabarovsk protocol
// №4, question 3 records «РЕШИЛИ: Утвердить отчет о достижении показателей».
// Only the region's own commission decides it: the region's first that is not
// a municipality's (the one the preset installs).

const heardOf = (year: number) =>
  `О достижении показателей эффективности региональной системы научно-методического сопровождения педагогических работников и управленческих кадров за ${year} год.`
const titleOf = (year: number, regionName: string) => `Отчёт о достижении показателей за ${year} год (${regionName})`

/** The region whose regional commission this is, or null for any other commission. */
async function regionOfRegionalCommission(commissionId: number, tx: Db): Promise<{ regionId: number; regionName: string } | null> {
  const commission = await commissionById(commissionId, tx)
  if (!commission || commission.municipalityId != null || (await regionalCommissionId(commission.regionId, tx)) !== commissionId) return null
  return { regionId: commission.regionId, regionName: (await regionById(commission.regionId, tx))?.name ?? '' }
}

async function reportOfCommission(commissionId: number, reportId: number, tx: Db) {
  const region = await regionOfRegionalCommission(commissionId, tx)
  const report = await reportById(reportId, tx)
  if (!region || !report || report.regionId !== region.regionId) throw new NotFound('indicatorReport', reportId)
  return report
}

export const reportMotions: MotionKindHandler = {
  label: 'Отчёты о достижении показателей',
  vote: 'Отчёт о достижении показателей. «За» — утвердить отчёт; иначе отчёт возвращается на доработку.',

  async pending(commissionId: number, tx: Db): Promise<MotionSubject[]> {
    const region = await regionOfRegionalCommission(commissionId, tx)
    if (!region) return []
    const reports = await reportsInStates(region.regionId, ['submitted'], tx)
    return reports.map((r) => ({ subjectId: r.id, applicationId: null, title: titleOf(r.year, region.regionName) }))
  },

  async subject(commissionId: number, subjectId: number, tx: Tx): Promise<MotionSubject> {
    const report = await reportOfCommission(commissionId, subjectId, tx)
    // refused in the user's words unless the report waits for the commission
    await sendEvent({ entity: 'indicatorReport', id: report.id, event: { type: 'PUT_ON_AGENDA' }, actor: SYSTEM }, tx)
    return { subjectId: report.id, applicationId: null, title: titleOf(report.year, report.regionName) }
  },

  async decided({ motion, adopted, meetingId }, tx: Tx) {
    const report = await reportById(motion.subjectId, tx)
    if (!report) throw new NotFound('indicatorReport', motion.subjectId)
    const decided = adopted
      ? `Утвердить отчёт о достижении показателей за ${report.year} год.`
      : `Отчёт о достижении показателей за ${report.year} год не утверждён; вернуть его на доработку.`
    // a report that left the agenda some other way is not moved again, and never stops the meeting from closing
    if (report.state === 'onAgenda') {
      const event = adopted ? ({ type: 'APPROVE' } as const) : ({ type: 'RETURN', reason: decided } as const)
      await sendEvent({ entity: 'indicatorReport', id: report.id, event, actor: SYSTEM }, tx)
      await setDecidedMeeting(report.id, meetingId, tx)
    }
    return { heard: heardOf(report.year), decided }
  },

  async removed({ motion }, tx: Tx) {
    const report = await reportById(motion.subjectId, tx)
    if (report?.state === 'onAgenda') await sendEvent({ entity: 'indicatorReport', id: report.id, event: { type: 'TAKE_OFF_AGENDA' }, actor: SYSTEM }, tx)
  },
}
