import { Writable } from 'node:stream'
import { renderToPipeableStream, renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { dropNulBytes, withoutNul } from '~/http/nul-free.server'

function page() {
  const names = Array.from({ length: 400 }, (_, i) => `Математика ${i}: Оксана Игоревна Щербакова`)
  return (
    <html lang="ru">
      <body>
        <ul>
          {names.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <svg>
          <text>Хабаровский край — охват</text>
        </svg>
      </body>
    </html>
  )
}

function render(through: (out: Writable) => Writable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        chunks.push(chunk)
        cb()
      },
      final(cb) {
        resolve(Buffer.concat(chunks))
        cb()
      },
    })
    const { pipe } = renderToPipeableStream(page(), { onAllReady: () => pipe(through(sink)), onShellError: reject })
  })
}

describe('dropNulBytes', () => {
  it('removes the zero bytes React 18 leaks into long Cyrillic pages, and nothing else', async () => {
    const expected = renderToString(page())
    const raw = await render((sink) => sink)
    // The reason for the filter (React issue 31134): when this fails, React no longer leaks and the filter can go.
    expect(raw.includes(0)).toBe(true)
    const clean = await render((sink) => {
      const filter = dropNulBytes()
      filter.pipe(sink)
      return filter
    })
    expect(clean.includes(0)).toBe(false)
    expect(clean.toString('utf8')).toBe(`<!DOCTYPE html>${expected}`)
  })

  it('keeps every other byte in order', () => {
    expect(withoutNul(Buffer.from([0, 1, 0, 0, 2, 3, 0]))).toEqual(Buffer.from([1, 2, 3]))
    expect(withoutNul(Buffer.from('Оксана'))).toEqual(Buffer.from('Оксана'))
    expect(withoutNul(Buffer.alloc(3))).toEqual(Buffer.alloc(0))
  })
})
