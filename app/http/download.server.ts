import { attachment } from '~/utils/content-disposition'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A generated file as a download with its Russian name; staff or personal
 * data, so never in a shared cache. A streamed body (a file written as it is
 * read) has no length up front.
 */
export function download(file: { fileName: string; body: Uint8Array | ReadableStream<Uint8Array> }, type: string): Response {
  const streamed = file.body instanceof ReadableStream
  // why: Node's Buffer is a Uint8Array over ArrayBufferLike, which lib.dom's BodyInit does not name; fetch accepts it
  return new Response(file.body as unknown as BodyInit, {
    headers: {
      'Content-Type': type,
      'Content-Disposition': attachment(file.fileName),
      ...(streamed ? {} : { 'Content-Length': String((file.body as Uint8Array).byteLength) }),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
