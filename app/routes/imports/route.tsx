import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, MaxPartSizeExceededError, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { exportsFor } from '~/exports/exports.server'
import { columnsOf, kindLabels } from '~/imports/columns'
import { importScopesOf, type ImportReport } from '~/imports/import.server'
import { templateHeaders } from '~/imports/templates'
import { cancelUpload, confirmUpload, importLog, previewUpload, uploadScopes } from '~/imports/web.server'
import { confirmFormSchema, isCampaignKind, MAX_UPLOAD_BYTES, previewFormSchema } from '~/model/inputs/imports'
import { requireSignedIn } from '~/http/session.server'
import { formatDateTime } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { actorTimeZone } from '~/domain/time-zone.server'
import { handleForm, type FormReply } from '~/http/form.server'
import { cleanFileName, parseMultipart } from '~/http/multipart.server'
import { redirectWithFlash } from '~/http/flash.server'
import { ExportLinks } from '~/ui/export-links'
import { FormErrors } from '~/ui/form'
import { Preview, type PreviewData } from './preview'
import { ImportLog, Templates } from './reference'
import { text } from './text'
import { UploadForm } from './upload-form'
import { ActivityUploadForm } from './activity-form'

// Spreadsheet upload for coordinators: choose the kind and the campaign,
// upload, see every error (row, column, message), then confirm. Works
// without JavaScript: plain forms, the file kept in the database between the
// two steps (app/imports/web.server.ts).

/** How many errors the page shows (the CLI dry run lists them all). */
const ERRORS_SHOWN = 5000

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  if (importScopesOf(actor).length === 0) throw new Response(text.forbidden, { status: 403 })
  const url = new URL(request.url)
  const [scopes, log, timeZone] = await Promise.all([uploadScopes(actor), importLog(actor, pageOf(url, 'logAfter', 'int')), actorTimeZone(actor)])
  const all = [...new Set(scopes.flatMap((s) => s.kinds))]
  const info = (k: (typeof all)[number]) => ({ kind: k, label: kindLabels[k], headers: templateHeaders(k), columns: columnsOf[k].map((c) => ({ header: c.header, hint: c.hint })) })
  return {
    // the workbook templates carry the first region's lists (municipalities, subjects)
    templateRegion: scopes[0]?.regionCode ?? '',
    // the kinds that go into a campaign (the first form); activity files go into a region (their own form)
    kinds: all.filter(isCampaignKind).map(info),
    templates: all.map(info),
    // one choice per region: a region-wide grant decides over a municipal one on the server
    activityRegions: scopes.filter((s, i) => s.kinds.includes('activity') && scopes.findIndex((x) => x.regionId === s.regionId) === i).map((s) => ({ id: s.regionId, label: text.region(s.regionName, s.municipalityName) })),
    scopes: scopes.filter((s) => s.kinds.some(isCampaignKind)).map((s) => ({
      label: text.region(s.regionName, s.municipalityName),
      campaigns: s.campaigns.map((c) => ({ id: c.id, title: c.title, state: c.state })),
      municipalities: s.municipalities,
    })),
    // the coordinator's region's clock, with its offset (PRODUCT §12)
    log: log.rows.map((i) => ({ ...i, importedAt: formatDateTime(i.importedAt, timeZone) })),
    logPager: { from: log.from, count: log.rows.length, total: log.total, next: nextHref(url, log, 'logAfter'), first: firstHref(url, 'logAfter') },
    exports: exportsFor(actor),
  }
}

function previewOf(uploadId: number | null, sha256: string, report: ImportReport): { preview: PreviewData } {
  const shown = { ...report, errors: report.errors.slice(0, ERRORS_SHOWN), warnings: report.warnings.slice(0, ERRORS_SHOWN) }
  return { preview: { uploadId, sha256, report: shown, errorsTotal: report.errors.length, warningsTotal: report.warnings.length } }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    let form: FormData
    try {
      form = await parseMultipart(request, MAX_UPLOAD_BYTES)
    } catch (e) {
      if (!(e instanceof MaxPartSizeExceededError)) throw e
      return data<FormReply>({ status: 'error', error: { file: [text.tooLarge] }, code: 'FILE_TOO_LARGE' }, { status: 413 })
    }
    return handleForm(form, previewFormSchema, async ({ file, ...input }) => {
      const content = Buffer.from(await file.arrayBuffer())
      const p = await previewUpload(actor, { ...input, fileName: cleanFileName(file.name) || 'file.csv', content })
      return data(previewOf(p.uploadId, p.sha256, p.report))
    })
  }
  return handleForm(request, confirmFormSchema, async ({ intent, uploadId, sha256 }) => {
    if (intent === 'cancel') {
      await cancelUpload(actor, uploadId)
      return redirect('/imports')
    }
    const report = await confirmUpload(actor, { uploadId, sha256 })
    if (report.committed) return redirectWithFlash('/imports', text.done(report.fileName, text.counts(report.counts)))
    // Rows became invalid since the check: nothing written, the new report shown.
    return data(previewOf(uploadId, sha256, report), { status: 422 })
  })
}

export default function Imports() {
  const { kinds, templates, activityRegions, scopes, log, logPager, exports, templateRegion } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | { preview: PreviewData } | undefined
  const preview = reply && 'preview' in reply ? reply.preview : undefined
  const refusal = reply && !('preview' in reply) ? reply : undefined
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <FormErrors errors={refusal?.error?.['']} />
      {preview ? <Preview p={preview} /> : null}
      {/* A refused confirmation (form: confirm/cancel) is shown above; the check form shows only its own. */}
      <UploadForm kinds={kinds} scopes={scopes} lastResult={refusal?.form ? null : refusal} />
      {activityRegions.length ? <ActivityUploadForm regions={activityRegions} lastResult={refusal} /> : null}
      <Templates kinds={templates} region={templateRegion} />
      <ExportLinks exports={exports} title={text.exports} privateLabel={text.exportPrivate} />
      <ImportLog log={log} pager={logPager} />
      <p>
        <Link to="/dashboard">{text.back}</Link>
      </p>
    </>
  )
}
