import { createActivity, editActivity } from '~/domain/activity.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { fileTooLarge, readMultipart, textFields } from '~/http/application-post.server'
import { activitySchema } from '~/model/inputs/activity'
import type { Actor } from '~/model/permissions'

// POST of a member's activity record (new or corrected): the multipart body
// with its optional file, the shared schema, one domain call.

const done = { save: 'Черновик записи сохранён.', submit: 'Запись отправлена координатору на подтверждение.' }

export async function activityFormAction(request: Request, actor: Actor, id: number | null) {
  const body = await readMultipart(request)
  if (!body.ok) return fileTooLarge(body.field)
  const file = body.files.find((f) => f.field === 'evidenceFile') ?? null
  return handleForm(textFields(body.fd), activitySchema, async (form) => {
    const recordId = id === null ? await createActivity(actor, form, file) : (await editActivity(actor, id, form, file), id)
    return redirectWithFlash(`/activity/${recordId}`, done[form.intent])
  })
}
