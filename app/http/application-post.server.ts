import { data, MaxPartSizeExceededError } from '@remix-run/node'
import { cleanFileName, parseMultipart } from '~/http/multipart.server'
import { applicationFormLists, saveApplicationForm, type FormTarget } from '~/domain/application-form.server'
import type { UploadedFile } from '~/domain/evidence.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm, type FormReply } from '~/http/form.server'
import type { Actor } from '~/model/permissions'
import { applicationSchema, EVIDENCE_MAX_BYTES, evidenceMessages } from '~/model/inputs/application'

// The edge of the application form's three routes (decision 0010): read the
// multipart body (files kept in memory, each part at most 5 MB), parse its
// text fields with the shared schema, hand the form and the files to the
// domain. Files go to the database, never to disk under the web root.

export type Multipart = { ok: true; fd: FormData; files: UploadedFile[] } | { ok: false; field: string }

export async function readMultipart(request: Request, maxPartSize = EVIDENCE_MAX_BYTES): Promise<Multipart> {
  let fd: FormData
  try {
    fd = request.headers.get('Content-Type')?.startsWith('multipart/form-data')
      ? await parseMultipart(request, maxPartSize)
      : await request.formData()
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return { ok: false, field: e.field }
    throw e
  }
  const files: UploadedFile[] = []
  for (const [field, value] of fd.entries()) {
    // Text fields holding U+0000 come back as field errors from parseSubmission.
    if (typeof value === 'string') continue
    files.push({ field, fileName: cleanFileName(value.name), bytes: new Uint8Array(await value.arrayBuffer()) })
  }
  return { ok: true, fd, files }
}

/**
 * A part over the size limit stops the multipart parser before any field is
 * read: the reply names the file input, the typed values cannot come back.
 */
export function fileTooLarge(field: string) {
  const reply: FormReply = {
    status: 'error',
    error: { '': [evidenceMessages.tooLarge], [field]: [evidenceMessages.tooLarge] },
    code: 'FILE_TOO_LARGE',
  }
  return data(reply, { status: 413 })
}

/** The text fields of a multipart body (the files are read separately). */
export function textFields(fd: FormData): FormData {
  const out = new FormData()
  for (const [name, value] of fd.entries()) if (typeof value === 'string') out.append(name, value)
  return out
}

/** POST of the application form: the shared schema, one domain call, then the application page with a confirmation. */
export async function applicationFormAction(request: Request, actor: Actor, target: FormTarget) {
  const body = await readMultipart(request)
  if (!body.ok) return fileTooLarge(body.field)
  const lists = await orErrorPage(applicationFormLists(actor, target))
  const result = await handleForm(textFields(body.fd), applicationSchema(lists), async (form) => {
    const id = await saveApplicationForm(actor, target, form, body.files)
    return redirectWithFlash(`/applications/${id}`, savedText[target.mode])
  })
  // Nothing of a refused form is stored, its documents neither: say which to choose again.
  const attached = body.files.filter((f) => f.bytes.length > 0).map((f) => f.fileName)
  if (result instanceof Response || attached.length === 0) return result
  return data<FormReply>({ ...result.data, filesNotSaved: attached }, result.init ?? undefined)
}

const savedText: Record<FormTarget['mode'], string> = {
  self: 'Черновик заявления сохранён. Проверьте сведения и нажмите «Подать заявление».',
  nominate: 'Черновик представления сохранён. Проверьте сведения и нажмите «Подать заявление».',
  edit: 'Изменения черновика сохранены.',
}
