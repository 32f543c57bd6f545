import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'

// Remix's multipart parser reads each part's headers as UTF-8 and throws a
// bare URIError on other bytes (a file name sent in another encoding): the
// client's broken form, answered as the edge answers one (server/edge.ts
// brokenForm), not as a server error.
const brokenForm = 'Данные формы повреждены или пришли не полностью. Отправьте форму ещё раз.'

/** A multipart form, its files kept in memory (each part at most `maxPartSize`); MaxPartSizeExceededError passes through. */
export async function parseMultipart(request: Request, maxPartSize: number): Promise<FormData> {
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize }))
  } catch (e) {
    if (e instanceof URIError) throw new Response(brokenForm, { status: 400 })
    throw e
  }
}

/**
 * A file's name as the database keeps it and a page shows it: without
 * control characters (PostgreSQL refuses U+0000 in text; no real file name
 * holds one, but a crafted request may).
 */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- exactly the control characters are what is removed
  return name.replace(/[\u0000-\u001f\u007f]/g, '').trim()
}
