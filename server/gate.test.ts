import { describe, expect, it } from 'vitest'
import { GateBusy, createGate } from './gate'

const tick = () => new Promise((r) => setImmediate(r))

describe('createGate', () => {
  it('lets `limit` in at once and the others in order as places free', async () => {
    const gate = createGate(2)
    const order: string[] = []
    const enter = (name: string) => gate.enter().then((release) => (order.push(name), release))
    const [a, b] = await Promise.all([enter('a'), enter('b')])
    const c = enter('c')
    const d = enter('d')
    await tick()
    expect(order).toEqual(['a', 'b'])
    expect(gate.stats()).toEqual({ running: 2, waiting: 2 })
    b()
    b() // a second release of the same place frees nothing more
    await tick()
    expect(order).toEqual(['a', 'b', 'c'])
    expect(gate.stats()).toEqual({ running: 2, waiting: 1 })
    a()
    ;(await c)()
    ;(await d)()
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 })
  })

  it('drops a waiter whose request is aborted, and refuses one aborted already', async () => {
    const gate = createGate(1)
    const first = await gate.enter()
    const gone = new AbortController()
    const waiting = gate.enter(gone.signal)
    const next = gate.enter()
    gone.abort(new Error('client left'))
    await expect(waiting).rejects.toThrow('client left')
    expect(gate.stats()).toEqual({ running: 1, waiting: 1 })
    first()
    ;(await next)()
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 })
    await expect(gate.enter(gone.signal)).rejects.toThrow('client left')
  })

  it('answers «busy» to a request that waited past the limit, and the line goes on without it', async () => {
    const gate = createGate(1, 20)
    const held = await gate.enter()
    const late = gate.enter()
    await expect(late).rejects.toBeInstanceOf(GateBusy)
    expect(gate.stats()).toEqual({ running: 1, waiting: 0 })
    const next = gate.enter()
    held()
    ;(await next)()
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 })
  })

  it('lets a download already under way wait for its place back however long it takes', async () => {
    const gate = createGate(1, 20)
    const held = await gate.enter()
    const resumed = gate.enter(undefined, { patient: true })
    await new Promise((r) => setTimeout(r, 60))
    expect(gate.stats()).toEqual({ running: 1, waiting: 1 })
    held()
    ;(await resumed)()
    expect(gate.stats()).toEqual({ running: 0, waiting: 0 })
  })
})
