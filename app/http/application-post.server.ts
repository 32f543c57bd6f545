import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { saveApplicationForm, type FormTarget } from '~/domain/application-form.server'
import type { UploadedFile } from '~/domain/evidence.server'
import { FormInvalid } from '~/model/inputs/form-invalid'
import { failed } from '~/http/errors.server'
import type { Actor } from '~/model/permissions'
import { applicationValues, EVIDENCE_MAX_BYTES, evidenceMessages, type ApplicationFormValues } from '~/model/inputs/application'

// The edge of the application form's three routes: read the multipart body
// (files kept in memory, each part at most 5 MB), hand it to the domain, and
// turn refusals into Russian field errors. Files go to the database, never to
// disk under the web root.

export type FormActionData = {
  error: { code: string; message: string; fields?: Record<string, string | undefined> }
  values: ApplicationFormValues | null
}

const nulInForm = 'Данные формы содержат недопустимые символы. Исправьте их и отправьте форму ещё раз.'

export type Multipart = { ok: true; fd: FormData; files: UploadedFile[] } | { ok: false; field: string }

export async function readMultipart(request: Request, maxPartSize = EVIDENCE_MAX_BYTES): Promise<Multipart> {
  let fd: FormData
  try {
    fd = request.headers.get('Content-Type')?.startsWith('multipart/form-data')
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize }))
      : await request.formData()
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return { ok: false, field: e.field }
    throw e
  }
  const files: UploadedFile[] = []
  for (const [field, value] of fd.entries()) {
    // The server refuses U+0000 in urlencoded forms before any route runs;
    // multipart text fields are checked here (the database cannot store it).
    if (typeof value === 'string' && value.includes('\0')) throw new Response(nulInForm, { status: 400 })
    if (typeof value === 'string') continue
    files.push({ field, fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) })
  }
  return { ok: true, fd, files }
}

export function tooLargeData(field: string, values: ApplicationFormValues | null = null) {
  return data<FormActionData>(
    { error: { code: 'FILE_TOO_LARGE', message: evidenceMessages.tooLarge, fields: { [field]: evidenceMessages.tooLarge } }, values },
    { status: 413 },
  )
}

/** POST of the application form: one domain call, then the application page. */
export async function applicationFormAction(request: Request, actor: Actor, target: FormTarget) {
  const body = await readMultipart(request)
  if (!body.ok) return tooLargeData(body.field)
  const values = applicationValues(body.fd)
  const rowVersion = body.fd.get('rowVersion')
  try {
    const id = await saveApplicationForm(actor, target, values, body.files, typeof rowVersion === 'string' && rowVersion ? Number(rowVersion) : undefined)
    return redirect(`/applications/${id}`)
  } catch (e) {
    if (e instanceof FormInvalid) return data<FormActionData>({ error: { code: e.code, message: e.message, fields: e.fields }, values }, { status: 400 })
    const res = failed(e)
    return data<FormActionData>({ error: res.data.error, values }, res.init ?? undefined)
  }
}
