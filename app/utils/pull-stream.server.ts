import { env } from './env.server'

// Files that are written as they are read (staff exports, open data): a byte
// stream that asks for its next piece only when the reader wants more
// (highWaterMark 0), so a slow client slows the reads instead of filling the
// memory. Each piece is one short keyset batch: no cursor and no transaction
// stays open between pieces, because on the embedded database the one
// connection would be held while the client reads, and every other request
// would wait (issue 14). A reader that goes away (cancel) or a request that
// is aborted stops the batches.

export type Batches = {
  /**
   * The next piece of the file, or null at its end; `signal` is aborted once
   * nobody wants more. A batch of text is best given as its lines (string[]).
   */
  next: (signal: AbortSignal) => Promise<string | string[] | Uint8Array | null>
  /** Called once when the stream ends, whichever way. */
  close?: () => void | Promise<void>
}

/** Rows per batch (STREAM_BATCH_ROWS). */
export const batchRows = () => env().STREAM_BATCH_ROWS

const encoder = new TextEncoder()

/**
 * A batch's lines as one piece of bytes, encoded line by line. Joined into
 * one string first, a batch (≈ 250 KB of Cyrillic text, two bytes a
 * character in V8) lands in V8's large-object space, which only a full
 * collection frees: five parallel exports grew the heap by 100+ MB between
 * two of them (issue 14, export_members_peak_mb). Short lines die young; the
 * bytes live outside the heap and go with their buffer.
 */
export function encodeLines(lines: string[]): Uint8Array {
  let size = 0
  for (const line of lines) size += Buffer.byteLength(line)
  const out = Buffer.allocUnsafeSlow(size)
  let at = 0
  for (const line of lines) at += out.write(line, at)
  return out
}

export function pullStream(label: string, source: Batches, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const stop = new AbortController()
  const trace = env().TRACE_STREAMS === 'on'
  let pieces = 0
  let ended = false
  const end = async (how: 'done' | 'aborted' | 'failed') => {
    if (ended) return
    ended = true
    stop.abort()
    signal?.removeEventListener('abort', onAbort)
    // why: the abort test (test/stream-abort.crawl.test.ts) reads these lines from the server's output
    if (trace) console.log(`stream ${label} ${how} after ${pieces} batches`)
    await source.close?.()
  }
  const onAbort = () => void end('aborted')
  if (signal?.aborted) void end('aborted')
  else signal?.addEventListener('abort', onAbort, { once: true })

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            if (stop.signal.aborted) return controller.close()
            const piece = await source.next(stop.signal)
            if (stop.signal.aborted) return controller.close()
            if (piece === null) {
              await end('done')
              return controller.close()
            }
            pieces++
            if (trace) console.log(`stream ${label} batch ${pieces}`)
            if (piece.length === 0) continue
            return controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : Array.isArray(piece) ? encodeLines(piece) : piece)
          }
        } catch (error) {
          await end('failed')
          controller.error(error)
        }
      },
      async cancel() {
        await end('aborted')
      },
    },
    { highWaterMark: 0 },
  )
}

/** The whole stream as text (tests and callers that need the file at once). */
export async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  // why: Response.text() would drop the BOM that Excel needs to read UTF-8
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer())
}
