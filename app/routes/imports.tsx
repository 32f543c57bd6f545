import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { exportsFor } from '~/exports/exports.server'
import { fieldErrors, type FieldErrors } from '~/model/inputs/login'
import { columnsOf, kindLabels, type ImportKind } from '~/imports/columns'
import { importScopesOf, type ImportReport } from '~/imports/import.server'
import { delimiterLabels, EMPTY_FILE_MESSAGE, encodingLabels } from '~/imports/labels'
import { templateHeaders } from '~/imports/templates'
import {
  cancelUpload,
  confirmFormSchema,
  confirmUpload,
  importLog,
  MAX_UPLOAD_BYTES,
  previewFormSchema,
  previewUpload,
  uploadScopes,
} from '~/imports/web.server'
import { requireSignedIn } from '~/http/session.server'
import { campaignStateLabels, formatDateTime } from '~/model/labels'
import { actorTimeZone } from '~/domain/time-zone.server'
import { attempt, type FormError } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { ExportLinks } from '~/ui/export-links'

// Spreadsheet upload for coordinators: choose the kind and the campaign,
// upload, see every error (row, column, message), then confirm. Works
// without JavaScript: plain forms, the file kept in the database between the
// two steps (app/imports/web.server.ts).

const text = {
  title: 'Загрузка таблиц',
  lead: 'Загрузите таблицу, сохранённую из Excel в формате CSV (UTF-8 или Windows-1251, разделитель — точка с запятой, запятая или табуляция определяются сами). Сначала файл проверяется; в базу он попадает только после подтверждения и только целиком.',
  forbidden: 'Загружать таблицы могут муниципальные и региональные координаторы.',
  templates: 'Шаблоны',
  templatesLead: 'Первая строка — заголовки; названия столбцов могут отличаться (например, «Стаж» или «Стаж работы по специальности»), порядок — любой.',
  templateUtf8: 'Скачать шаблон (UTF-8)',
  template1251: 'Windows-1251',
  columns: 'Столбцы',
  check: 'Проверить файл',
  kind: 'Что загружается',
  campaign: 'Отбор',
  file: 'Файл CSV',
  fileHint: 'Не больше 20 МБ. Файл Excel (.xlsx) сохраните как «CSV (разделители — точка с запятой)» или «CSV UTF-8».',
  checking: 'Проверка…',
  noFile: 'Выберите файл',
  emptyFile: (name: string) => EMPTY_FILE_MESSAGE.replace('Файл пустой', `Файл «${name}» пустой`),
  municipality: 'Муниципалитет',
  municipalityAny: '— указан в каждой строке файла —',
  municipalityHint: 'Для файла одного муниципалитета: строки без муниципалитета будут отнесены к нему, строки с другим муниципалитетом — ошибка. Только для представлений кандидатов.',
  forMunicipality: (name: string) => `Муниципалитет: ${name} (для строк, где он не указан).`,
  eligibility: (e: { pass: number; unverified: number; fail: number }) =>
    `Требования отбора по сведениям из файла: соответствуют ${e.pass}, нужно подтвердить документами ${e.unverified}, не соответствуют ${e.fail}.`,
  warnings: 'Замечания',
  warningsLead: 'Эти строки будут загружены: замечания не мешают загрузке, решение принимает комиссия.',
  warningsCut: (shown: number, total: number) => `Показаны первые ${shown} замечаний из ${total}. Полный список: npm run rma -- import … --dry-run.`,
  remark: 'Замечание',
  tooLarge: 'Файл больше 20 МБ: разделите его на части.',
  preview: 'Результат проверки',
  fileLine: (name: string, enc: string, delim: string) => `Файл «${name}»: кодировка ${enc}, разделитель — ${delim}.`,
  rows: 'Строк с данными',
  valid: 'Без ошибок',
  errorsCount: 'Ошибок',
  willCreate: 'Будет создано',
  willUpdate: 'Будет изменено',
  unchanged: 'Без изменений',
  skipped: 'Пропущено',
  unused: (cols: string) => `Эти столбцы не используются: ${cols}.`,
  errors: 'Ошибки',
  errorsLead: 'Исправьте их в таблице и проверьте файл ещё раз: пока есть хотя бы одна ошибка, ничего не загружается.',
  errorsCut: (shown: number, total: number) => `Показаны первые ${shown} ошибок из ${total}. Полный список: npm run rma -- import … --dry-run.`,
  row: 'Строка',
  column: 'Столбец',
  message: 'Ошибка',
  wholeFile: 'весь файл',
  notices: 'Строки, которые ничего не изменят',
  noticesCut: (total: number) => `Всего таких строк: ${total}.`,
  confirm: (n: number) => `Загрузить (${n})`,
  confirming: 'Загрузка…',
  cancel: 'Отменить',
  noRows: 'В файле нет строк, которые что-то изменят.',
  done: (name: string) => `Файл «${name}» загружен.`,
  log: 'Журнал загрузок',
  logEmpty: 'Загрузок ещё не было.',
  when: 'Когда',
  who: 'Кто',
  what: 'Что',
  result: 'Итог',
  counts: (c: { created: number; updated: number; unchanged: number; skipped: number }) =>
    `создано ${c.created}, изменено ${c.updated}, без изменений ${c.unchanged}, пропущено ${c.skipped}`,
  exports: 'Выгрузки для Excel',
  exportPrivate: 'с личными данными (телефон, дата рождения; чтение записывается в журнал)',
  region: (name: string, municipality: string | null) => (municipality ? `${name}: ${municipality}` : name),
}

/** How many errors the page shows (the CLI dry run lists them all). */
const ERRORS_SHOWN = 5000

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  if (importScopesOf(actor).length === 0) throw new Response(text.forbidden, { status: 403 })
  const [scopes, log, timeZone] = await Promise.all([uploadScopes(actor), importLog(actor), actorTimeZone(actor)])
  const kinds = [...new Set(scopes.flatMap((s) => s.kinds))]
  return {
    kinds: kinds.map((k) => ({ kind: k, label: kindLabels[k], headers: templateHeaders(k), columns: columnsOf[k].map((c) => ({ header: c.header, hint: c.hint })) })),
    scopes: scopes.map((s) => ({
      label: text.region(s.regionName, s.municipalityName),
      campaigns: s.campaigns.map((c) => ({ id: c.id, title: c.title, state: c.state })),
      municipalities: s.municipalities,
    })),
    // the coordinator's region's clock, with its offset (PRODUCT §12)
    log: log.map((i) => ({ ...i, importedAt: formatDateTime(i.importedAt, timeZone) })),
    exports: exportsFor(actor),
  }
}

type ActionData = {
  errors?: FieldErrors
  error?: FormError
  preview?: { uploadId: number | null; sha256: string; report: ImportReport; errorsTotal: number; warningsTotal: number }
}

function shown(report: ImportReport): ImportReport {
  return { ...report, errors: report.errors.slice(0, ERRORS_SHOWN), warnings: report.warnings.slice(0, ERRORS_SHOWN) }
}

const totals = (report: ImportReport) => ({ errorsTotal: report.errors.length, warningsTotal: report.warnings.length })

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return attempt(async () => {
    if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
      let form: FormData
      try {
        form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }))
      } catch (e) {
        if (e instanceof MaxPartSizeExceededError) return data<ActionData>({ errors: { file: text.tooLarge } }, { status: 413 })
        throw e
      }
      const parsed = previewFormSchema.safeParse({ kind: form.get('kind'), campaignId: form.get('campaignId'), municipalityId: form.get('municipalityId') })
      const file = form.get('file')
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
      // A browser sends an unnamed empty part when no file was chosen; a chosen file of 0 bytes keeps its name.
      if (!(file instanceof File) || (file.size === 0 && !file.name)) errors.file = text.noFile
      else if (file.size === 0) errors.file = text.emptyFile(file.name)
      if (!parsed.success || !(file instanceof File) || errors.file) return data<ActionData>({ errors }, { status: 400 })
      const content = Buffer.from(await file.arrayBuffer())
      const preview = await previewUpload(actor, { ...parsed.data, fileName: file.name || 'file.csv', content })
      return data<ActionData>({ preview: { ...preview, report: shown(preview.report), ...totals(preview.report) } })
    }
    const form = await request.formData()
    const parsed = confirmFormSchema.safeParse({ uploadId: form.get('uploadId'), sha256: form.get('sha256') })
    if (!parsed.success) return data<ActionData>({ errors: { form: text.noFile } }, { status: 400 })
    if (form.get('intent') === 'cancel') {
      await cancelUpload(actor, parsed.data.uploadId)
      return redirect('/imports')
    }
    const report = await confirmUpload(actor, parsed.data)
    if (report.committed) return redirectWithFlash('/imports', `${text.done(report.fileName)} ${text.counts(report.counts)}.`)
    return data<ActionData>(
      { preview: { ...parsed.data, report: shown(report), ...totals(report) } },
      { status: 422 },
    )
  })
}

function Preview({ p }: { p: NonNullable<ActionData['preview']> }) {
  const r = p.report
  const busy = useNavigation().state === 'submitting'
  const changes = r.counts.created + r.counts.updated
  return (
    <section aria-labelledby="preview" className="card">
      <h2 id="preview">{text.preview}</h2>
      {r.encoding && r.delimiter ? <p>{text.fileLine(r.fileName, encodingLabels[r.encoding], delimiterLabels[r.delimiter])}</p> : null}
      {r.municipality ? <p>{text.forMunicipality(r.municipality)}</p> : null}
      <dl className="grid">
        <div>
          <dt>{text.rows}</dt>
          <dd className="stat">{r.rows}</dd>
        </div>
        <div>
          <dt>{text.valid}</dt>
          <dd className="stat">{r.valid}</dd>
        </div>
        <div>
          <dt>{text.errorsCount}</dt>
          <dd className="stat">{p.errorsTotal}</dd>
        </div>
        <div>
          <dt>{text.willCreate}</dt>
          <dd className="stat">{r.counts.created}</dd>
        </div>
        <div>
          <dt>{text.willUpdate}</dt>
          <dd className="stat">{r.counts.updated}</dd>
        </div>
        <div>
          <dt>{text.unchanged}</dt>
          <dd className="stat">{r.counts.unchanged}</dd>
        </div>
        <div>
          <dt>{text.skipped}</dt>
          <dd className="stat">{r.counts.skipped}</dd>
        </div>
      </dl>
      {r.unusedColumns.length ? <p className="muted">{text.unused(r.unusedColumns.map((c) => `«${c}»`).join(', '))}</p> : null}
      {r.eligibility && r.valid > 0 ? <p>{text.eligibility(r.eligibility)}</p> : null}
      {p.errorsTotal > 0 ? (
        <>
          <h3>{text.errors}</h3>
          <p className="alert" role="alert">
            {text.errorsLead}
          </p>
          {p.errorsTotal > r.errors.length ? <p>{text.errorsCut(r.errors.length, p.errorsTotal)}</p> : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{text.row}</th>
                  <th scope="col">{text.column}</th>
                  <th scope="col">{text.message}</th>
                </tr>
              </thead>
              <tbody>
                {r.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row || text.wholeFile}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {p.warningsTotal > 0 ? (
        <>
          <h3>{text.warnings}</h3>
          <p>{text.warningsLead}</p>
          {p.warningsTotal > r.warnings.length ? <p>{text.warningsCut(r.warnings.length, p.warningsTotal)}</p> : null}
          <div className="table-wrap">
            <RowMessages rows={r.warnings} messageHeader={text.remark} />
          </div>
        </>
      ) : null}
      {r.notices.length ? (
        <details>
          <summary>
            {text.notices} ({r.noticesTotal})
          </summary>
          <RowMessages rows={r.notices} messageHeader={text.message} />
          {r.noticesTotal > r.notices.length ? <p>{text.noticesCut(r.noticesTotal)}</p> : null}
        </details>
      ) : null}
      {p.errorsTotal === 0 && changes === 0 ? <p>{text.noRows}</p> : null}
      {p.uploadId != null && p.errorsTotal === 0 && changes > 0 ? (
        <div className="grid">
          <Form method="post">
            <input type="hidden" name="uploadId" value={p.uploadId} />
            <input type="hidden" name="sha256" value={p.sha256} />
            <button type="submit" name="intent" value="confirm" disabled={busy}>
              {busy ? text.confirming : text.confirm(changes)}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="uploadId" value={p.uploadId} />
            <input type="hidden" name="sha256" value={p.sha256} />
            <button type="submit" name="intent" value="cancel" className="link">
              {text.cancel}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  )
}

export default function Imports() {
  const { kinds, scopes, log, exports } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const busy = useNavigation().state === 'submitting'
  const errors: FieldErrors = actionData?.errors ?? (actionData?.error ? { form: actionData.error.message } : {})
  const regional = scopes.filter((s) => s.municipalities.length > 0)
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      {errors.form ? (
        <p className="alert" role="alert">
          {errors.form}
        </p>
      ) : null}

      {actionData?.preview ? <Preview p={actionData.preview} /> : null}

      <section aria-labelledby="check" className="card">
        <h2 id="check">{text.check}</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className="field">
            <label htmlFor="kind">{text.kind}</label>
            <select id="kind" name="kind" required aria-invalid={!!errors.kind} aria-describedby={errors.kind ? 'kind-error' : undefined}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            {errors.kind ? <span id="kind-error" className="error">{errors.kind}</span> : null}
          </div>
          <div className="field">
            <label htmlFor="campaignId">{text.campaign}</label>
            <select id="campaignId" name="campaignId" required aria-invalid={!!errors.campaignId} aria-describedby={errors.campaignId ? 'campaign-error' : undefined}>
              {scopes.map((s) => (
                <optgroup key={s.label} label={s.label}>
                  {s.campaigns.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title} ({campaignStateLabels[c.state] ?? c.state})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {errors.campaignId ? <span id="campaign-error" className="error">{errors.campaignId}</span> : null}
          </div>
          {regional.length ? (
            <div className="field">
              <label htmlFor="municipalityId">{text.municipality}</label>
              <select
                id="municipalityId"
                name="municipalityId"
                defaultValue=""
                aria-invalid={!!errors.municipalityId}
                aria-describedby={errors.municipalityId ? 'municipality-error municipality-hint' : 'municipality-hint'}
              >
                <option value="">{text.municipalityAny}</option>
                {regional.map((s) => (
                  <optgroup key={s.label} label={s.label}>
                    {s.municipalities.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <span id="municipality-hint" className="muted">
                {text.municipalityHint}
              </span>
              {errors.municipalityId ? <span id="municipality-error" className="error">{errors.municipalityId}</span> : null}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="file">{text.file}</label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              required
              aria-invalid={!!errors.file}
              aria-describedby={errors.file ? 'file-error file-hint' : 'file-hint'}
            />
            <span id="file-hint" className="muted">
              {text.fileHint}
            </span>
            {errors.file ? <span id="file-error" className="error">{errors.file}</span> : null}
          </div>
          <button type="submit" disabled={busy}>
            {busy ? text.checking : text.check}
          </button>
        </Form>
      </section>

      <section aria-labelledby="templates" className="card">
        <h2 id="templates">{text.templates}</h2>
        <p>{text.templatesLead}</p>
        {kinds.map((k) => (
          <details key={k.kind}>
            <summary>{k.label}</summary>
            <p>
              <a href={`/imports/template/${k.kind}`} download>
                {text.templateUtf8}
              </a>{' '}
              ·{' '}
              <a href={`/imports/template/${k.kind}?encoding=windows-1251`} download>
                {text.template1251}
              </a>
            </p>
            <table>
              <caption className="visually-hidden">{text.columns}</caption>
              <tbody>
                {k.columns.map((c) => (
                  <tr key={c.header}>
                    <th scope="row">{c.header}</th>
                    <td>{c.hint}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ))}
      </section>

      <ExportLinks exports={exports} title={text.exports} privateLabel={text.exportPrivate} />

      <section aria-labelledby="log" className="card">
        <h2 id="log">{text.log}</h2>
        {log.length === 0 ? (
          <p className="muted">{text.logEmpty}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{text.when}</th>
                  <th scope="col">{text.what}</th>
                  <th scope="col">{text.who}</th>
                  <th scope="col">{text.result}</th>
                </tr>
              </thead>
              <tbody>
                {log.map((i) => (
                  <tr key={i.id}>
                    <td>{i.importedAt}</td>
                    <td>
                      {kindLabels[i.kind as ImportKind]}: «{i.fileName}»
                      <div className="muted">
                        {i.campaignTitle}
                        {i.municipalityName ? ` · ${i.municipalityName}` : ''}
                      </div>
                    </td>
                    <td>{i.importedByName ?? '—'}</td>
                    <td>
                      {i.rowsTotal}: {text.counts(i.counts)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        <Link to="/dashboard">← Мои задачи</Link>
      </p>
    </>
  )
}

/** A table of per-row remarks of the preview: the row's number and what was noticed. */
function RowMessages({ rows, messageHeader }: { rows: readonly { row: number; message: string }[]; messageHeader: string }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{text.row}</th>
          <th scope="col">{messageHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m, i) => (
          <tr key={i}>
            <td>{m.row}</td>
            <td>{m.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
