import { createHash } from 'node:crypto'
import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { lockReport } from '../../db/queries/indicator-reports.server'
import { indicatorById } from '../../db/queries/indicators.server'
import { upsertEnteredValue, valueEvidenceFile, valueOf, type ValueFile } from '../../db/queries/indicator-values.server'
import { municipalitiesOf } from '../../db/queries/regions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { reportEditableStates } from '~/model/indicators'
import { checkEvidence, safeFileName } from '~/model/inputs/application'
import { FormInvalid } from '~/model/inputs/form-invalid'
import type { ValueInput } from '~/model/inputs/indicator-report'
import { can, type Actor } from '~/model/permissions'
import type { UploadedFile } from './evidence.server'
import { readableReport } from './indicator-reports.server'

// An actual value entered by hand (issue 10 §2.5), with its confirmation and
// evidence — a document (PDF, JPEG, PNG, checked by its bytes) or a link. The
// regional coordinator enters the regional values; a municipal indicator's
// value is entered for one municipality, by its coordinator or the region's.

function checkedFile(file: UploadedFile | null): ValueFile | null {
  if (!file || (file.bytes.byteLength === 0 && file.fileName === '')) return null
  const checked = checkEvidence(file.fileName, file.bytes)
  if (!checked.ok) throw new FormInvalid({ evidenceFile: checked.message })
  return { fileName: safeFileName(file.fileName), mimeType: checked.mimeType, content: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex') }
}

export async function enterValue(actor: Actor, reportId: number, input: ValueInput, file: UploadedFile | null, tx?: Db): Promise<number> {
  const checked = checkedFile(file)
  return inTransaction(async (t) => {
    // a value entered while the report is being sent waits, then finds it no longer a draft
    const report = await lockReport(reportId, t)
    if (!report) throw new NotFound('indicatorReport', reportId)
    await readableReport(actor, reportId, t) // one the actor may not read is missing; a reader who may not enter this line is refused
    const indicator = await indicatorById(input.indicatorId, t)
    if (!indicator || indicator.regionId !== report.regionId) throw new NotFound('indicator', input.indicatorId)
    const municipalityId = indicator.level === 'municipal' ? (input.municipalityId ?? null) : null
    if (indicator.level === 'municipal') {
      if (municipalityId === null) throw new FormInvalid({ municipalityId: 'Выберите муниципалитет' })
      // another municipality's line, or one of another region: as if it did not exist
      if (!(await municipalitiesOf(report.regionId, t)).some((m) => m.id === municipalityId)) throw new NotFound('municipality', municipalityId)
    }
    const scope = municipalityId === null ? { regionId: report.regionId } : { regionId: report.regionId, municipalityId }
    if (!can(actor, 'report:manage', scope)) throw new Forbidden('report.value')
    if (!(reportEditableStates as readonly string[]).includes(report.state)) {
      throw new AppError('REPORT_LOCKED', 409, 'Отчёт направлен комиссии: значения вносятся только в черновик. Если нужно исправить, отзовите его.')
    }
    if (indicator.computation) throw new AppError('INDICATOR_COMPUTED', 409, 'Значение этого показателя рассчитывает реестр; его не вводят вручную.')
    const before = await valueOf(reportId, indicator.id, municipalityId, t)
    if (!checked && !input.evidenceUrl && !before?.evidenceFileName) {
      throw new FormInvalid({ evidenceUrl: 'Приложите подтверждающий документ или укажите ссылку на него' })
    }
    const yesNo = indicator.level === 'municipal' && indicator.municipalTarget === null
    if (yesNo && input.actual !== 0 && input.actual !== 1) throw new FormInvalid({ actual: 'Выберите «да» или «нет»' })
    const id = await upsertEnteredValue(
      { reportId, indicatorId: indicator.id, municipalityId, actual: input.actual, confirmation: input.confirmation, evidenceUrl: input.evidenceUrl ?? null, file: checked, enteredBy: actor.userId },
      t,
    )
    await appendAudit(
      { actorUserId: actor.userId, regionId: report.regionId, entity: 'indicatorReport', entityId: reportId, action: 'ENTER_VALUE', data: { indicator: indicator.code, municipalityId, actual: input.actual, newFile: Boolean(checked) } },
      t,
    )
    return id
  }, tx)
}

/** A value's evidence file: for those who may see its line (a municipal coordinator only their municipality's). */
export async function valueEvidence(actor: Actor, reportId: number, valueId: number): Promise<{ fileName: string; mimeType: string; body: Uint8Array }> {
  const file = await valueEvidenceFile(valueId)
  if (!file || file.reportId !== reportId) throw new NotFound('indicatorValue', valueId)
  const { access, commission } = await readableReport(actor, reportId)
  const visible = access.regionWide || commission || (file.municipalityId !== null && access.municipalities.includes(file.municipalityId))
  if (!visible) throw new NotFound('indicatorValue', valueId)
  return { fileName: file.fileName, mimeType: file.mimeType, body: file.content }
}

/** What the entry form of one value shows: the indicator, the municipality, the value so far. */
export async function valueForm(actor: Actor, reportId: number, indicatorId: number, municipalityId: number | null) {
  const { report } = await readableReport(actor, reportId)
  const indicator = await indicatorById(indicatorId)
  if (!indicator || indicator.regionId !== report.regionId || indicator.computation) throw new NotFound('indicator', indicatorId)
  const municipal = indicator.level === 'municipal'
  const municipality = municipal ? (await municipalitiesOf(report.regionId)).find((m) => m.id === municipalityId) : undefined
  if (municipal && !municipality) throw new NotFound('municipality', municipalityId ?? 0)
  const scope = municipality ? { regionId: report.regionId, municipalityId: municipality.id } : { regionId: report.regionId }
  if (!can(actor, 'report:manage', scope)) throw new NotFound('indicator', indicatorId)
  if (!(reportEditableStates as readonly string[]).includes(report.state)) {
    throw new AppError('REPORT_LOCKED', 409, 'Отчёт направлен комиссии: значения вносятся только в черновик.')
  }
  const value = await valueOf(reportId, indicator.id, municipality?.id ?? null)
  return {
    report: { id: report.id, year: report.year, regionName: report.regionName },
    indicator,
    yesNo: municipal && indicator.municipalTarget === null,
    municipality: municipality ? { id: municipality.id, name: municipality.name } : null,
    value: value ? { actual: value.actual, confirmation: value.confirmation, evidenceUrl: value.evidenceUrl, evidenceFileName: value.evidenceFileName } : null,
  }
}
