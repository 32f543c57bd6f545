import type ExcelJS from 'exceljs'
import { municipalitiesOf, regionByCode } from '../../db/queries/regions.server'
import { addSheet, newWorkbook, workbookBytes } from '~/exports/xlsx.server'
import { columnsOf, type ImportKind } from './columns'
import { activitySample, templateHeaders } from './templates'
import { activityKindLabels, activityKinds, activityLevelLabels } from '~/model/activity'

// The import templates as workbooks: the header on the first sheet (the one
// the importer reads), a filled-in sample on a sheet of its own (so it is
// never imported by mistake), and drop-down lists of the region's
// municipalities, its subjects and the qualification categories, kept on a
// hidden sheet. The lists advise: a value typed by hand is still accepted
// and checked by the import as any other.

const text = {
  data: 'Данные',
  sample: 'Пример',
  lists: 'Списки',
  sampleNote: 'Образец заполнения. Данные вносите на лист «Данные»: этот лист не загружается.',
  listTitle: 'Выберите из списка или впишите своё значение',
}

const categories = ['высшая', 'первая', 'без категории']

/** A sample value for each column: made up, never a real person. */
const sampleValues: Record<string, string> = {
  fullName: 'Образцова Мария Ивановна',
  email: 'obrazcova@school.example',
  organisation: 'МАОУ СОШ № 1',
  position: 'учитель математики',
  subjects: 'Математика',
  qualificationCategory: 'высшая',
  educationLevel: 'высшее',
  educationPedagogical: 'да',
  experienceYears: '12',
  categoryDate: '20.12.2023',
  orderNumber: '1234',
  registryName: 'Региональный реестр экспертов',
}

export const templateXlsxFileNames: Record<ImportKind, string> = {
  nominations: 'Шаблон — представления кандидатов.xlsx',
  registry: 'Шаблон — выписка из реестра.xlsx',
  qualification: 'Шаблон — квалификационные категории.xlsx',
  activity: 'Шаблон — мероприятия и участники.xlsx',
}

function keysOf(kind: ImportKind): string[] {
  const byHeader = new Map(columnsOf[kind].map((c) => [c.header, c.key]))
  return templateHeaders(kind).map((h) => byHeader.get(h) ?? '')
}

/** `regionCode`: whose municipalities and subjects the lists offer (none without it). */
export async function importTemplateXlsx(kind: ImportKind, regionCode: string | null): Promise<{ fileName: string; body: Buffer }> {
  const region = regionCode ? await regionByCode(regionCode) : undefined
  const municipalities = region ? (await municipalitiesOf(region.id)).map((m) => m.name) : []
  const subjects = region?.settings.subjects ?? []
  const headers = templateHeaders(kind)
  const keys = keysOf(kind)
  const wb = newWorkbook()
  const data = addSheet(wb, { name: text.data, columns: headers.map((h) => ({ header: h, width: Math.max(16, Math.min(40, h.length + 4)) })), rows: [] })
  const samples = kind === 'activity' ? activitySample : sampleValues
  const sample = keys.map((k) => (k === 'municipality' ? (municipalities[0] ?? 'г. Образцовск') : (samples[k] ?? '')))
  addSheet(wb, { name: text.sample, columns: headers.map((h) => ({ header: h })), rows: [sample, [text.sampleNote]] })
  const lists: [key: string, values: string[]][] = [
    ['municipality', municipalities],
    ['subjects', subjects],
    ['qualificationCategory', categories],
    ['activityKind', activityKinds.map((k) => activityKindLabels[k])],
    ['level', Object.values(activityLevelLabels)],
  ]
  const present = lists.filter(([key, values]) => values.length > 0 && keys.includes(key))
  if (present.length > 0) {
    const longest = Math.max(...present.map(([, v]) => v.length))
    addSheet(wb, {
      name: text.lists,
      state: 'hidden',
      columns: present.map(([key]) => ({ header: headers[keys.indexOf(key)] })),
      rows: Array.from({ length: longest }, (_, i) => present.map(([, v]) => v[i] ?? null)),
    })
    present.forEach(([key, values], i) => {
      const letter = String.fromCharCode(65 + i)
      const validation: ExcelJS.DataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`'${text.lists}'!$${letter}$2:$${letter}$${values.length + 1}`],
        // why: a list only advises (several subjects in one cell, a municipality by its code); the import checks every value
        showErrorMessage: false,
        showInputMessage: true,
        promptTitle: headers[keys.indexOf(key)],
        prompt: text.listTitle,
      }
      const col = keys.indexOf(key) + 1
      const ref = `${data.getColumn(col).letter}2:${data.getColumn(col).letter}5000`
      ;(data as unknown as { dataValidations: { add: (ref: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(ref, validation)
    })
  }
  return { fileName: templateXlsxFileNames[kind], body: await workbookBytes(wb) }
}
