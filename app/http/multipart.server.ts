import { MaxPartSizeExceededError } from '@remix-run/node'

// Multipart forms are read by the platform's own parser (undici's
// Request.formData(), as urlencoded forms are), not Remix's: that one split a
// part's Content-Disposition at every «;» and «=», so a document named
// «Диплом; копия.pdf» or «a=b.pdf» — names browsers send as they are — ended
// in «Сбой на сервере». The edge has already capped the whole body at its
// path's limit (server/edge.ts bodyRule), so reading it whole is bounded; each
// part is then held to `maxPartSize` as before. A body the parser cannot read
// (not framed as a form, a file name in another encoding: the parser reads it as U+FFFD) is the client's
// broken form, answered as the edge answers one (server/edge.ts brokenForm),
// not as a server error.
const brokenForm = 'Данные формы повреждены или пришли не полностью. Отправьте форму ещё раз.'

/** A multipart form, its files kept in memory (each part at most `maxPartSize`, else MaxPartSizeExceededError naming the part). */
export async function parseMultipart(request: Request, maxPartSize: number): Promise<FormData> {
  let parsed: FormData
  try {
    parsed = await request.formData()
  } catch (e) {
    if (!request.signal.aborted && e instanceof TypeError) throw new Response(brokenForm, { status: 400, headers: { 'X-Error-Code': 'MALFORMED_FORM' } })
    throw e
  }
  const fd = new FormData()
  for (const [name, value] of parsed.entries()) {
    // why: the parser reads a header's bytes that are not UTF-8 as U+FFFD; such a name was sent in another encoding
    if (typeof value !== 'string' && value.name.includes('\ufffd')) throw new Response(brokenForm, { status: 400, headers: { 'X-Error-Code': 'MALFORMED_FORM' } })
    const size = typeof value === 'string' ? Buffer.byteLength(value) : value.size
    if (size > maxPartSize) throw new MaxPartSizeExceededError(name, maxPartSize)
    // only the base name, as RFC 7578 §4.2 recommends (and Remix's parser did)
    const base = typeof value === 'string' ? '' : (value.name.split(/[/\\]/).pop() ?? '')
    fd.append(name, typeof value === 'string' || base === value.name ? value : new File([value], base, { type: value.type }))
  }
  return fd
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
