import { createActivity, editActivity, recordKinds } from '~/domain/activity.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { fileTooLarge, readMultipart, textFields } from '~/http/application-post.server'
import { activitySchemaFor } from '~/model/inputs/activity'
import { activityKinds } from '~/model/activity'
import type { Actor } from '~/model/permissions'

// POST of a member's activity record (new or corrected): the multipart body
// with its optional file, the shared schema, one domain call.

const done = { save: 'Черновик записи сохранён.', submit: 'Запись отправлена координатору на подтверждение.' }

export async function activityFormAction(request: Request, actor: Actor, id: number | null) {
  const body = await readMultipart(request)
  if (!body.ok) return fileTooLarge(body.field)
  const file = body.files.find((f) => f.field === 'evidenceFile') ?? null
  // the kinds of the region's current catalogue, as the page offered them; for
  // someone who is no member the default list, and the domain refuses them
  const kinds = (await recordKinds(actor, id)).map((k) => k.code)
  return handleForm(textFields(body.fd), activitySchemaFor(kinds.length ? kinds : activityKinds), async (form) => {
    const recordId = id === null ? await createActivity(actor, form, file) : (await editActivity(actor, id, form, file), id)
    return redirectWithFlash(`/activity/${recordId}`, done[form.intent])
  })
}
