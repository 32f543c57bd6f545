import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createGate } from '../server/gate'
import { pipeBody, type Slot } from '../server/remix-handler'

// A download whose client does not keep up gives its place in the file gate
// to the next one while it waits, and takes it back to go on (issue 14: a
// slow client must not hold everyone's exports up). Real sockets: the wait is
// the kernel's buffers filling while the client reads nothing.

const CHUNK = 64 * 1024
const CHUNKS = 400 // 25 MB: more than loopback's socket buffers hold

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

function body(): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === CHUNKS) return controller.close()
      controller.enqueue(new Uint8Array(CHUNK).fill(65))
    },
  })
}

describe('pipeBody with a gate place', () => {
  it('frees the place while the client lags and finishes once the client reads', async () => {
    const gate = createGate(1)
    const events: string[] = []
    let finished!: Promise<void>
    server = createServer(async (_req, res) => {
      let release = await gate.enter()
      const slot: Slot = {
        pause: () => {
          events.push('pause')
          release()
        },
        resume: async () => {
          release = await gate.enter(undefined, { patient: true })
          events.push('resume')
        },
      }
      finished = pipeBody(body(), res, slot).finally(() => release())
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo

    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/' }, resolve)
      req.on('error', reject)
      req.end()
    })
    response.pause()
    const count = (e: string) => events.filter((x) => x === e).length
    // The client reads nothing: the server fills the buffers and gives its place up.
    for (let i = 0; i < 250 && count('pause') === count('resume'); i++) await new Promise((r) => setTimeout(r, 20))
    expect(count('pause')).toBe(count('resume') + 1)
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 })
    const other = await gate.enter() // another download gets the place meanwhile
    const resumes = count('resume')

    let bytes = 0
    response.on('data', (c: Buffer) => (bytes += c.length))
    const ended = new Promise((resolve) => response.on('end', resolve))
    response.resume()
    // It waits in line for the place the other one holds, then goes on.
    await new Promise((r) => setTimeout(r, 200))
    expect(count('resume')).toBe(resumes)
    expect(gate.stats()).toEqual({ running: 1, waiting: 1 })
    other()
    await ended
    await finished
    expect(bytes).toBe(CHUNK * CHUNKS)
    expect(count('resume')).toBe(count('pause'))
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 })
  })
})
