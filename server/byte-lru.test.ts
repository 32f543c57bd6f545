import { describe, expect, it } from 'vitest'
import { ByteLru } from './byte-lru'

describe('ByteLru', () => {
  it('stays under its byte ceiling however many distinct keys arrive, evicting the least recently used', () => {
    const lru = new ByteLru<string>(1000)
    for (let i = 0; i < 200; i++) lru.set(`k${i}`, 'x', 90)
    expect(lru.bytes).toBeLessThanOrEqual(1000)
    expect(lru.size).toBe(11)
    expect(lru.get('k0')).toBeUndefined()
    expect(lru.get('k199')).toBe('x')
  })

  it('a hit is kept over older entries', () => {
    const lru = new ByteLru<number>(300)
    lru.set('a', 1, 100)
    lru.set('b', 2, 100)
    lru.set('c', 3, 100)
    expect(lru.get('a')).toBe(1)
    lru.set('d', 4, 100)
    expect(lru.get('b')).toBeUndefined()
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([1, 3, 4])
  })

  it('never keeps an entry bigger than half the ceiling, and replacing a key does not count it twice', () => {
    const lru = new ByteLru<string>(1000)
    expect(lru.set('big', 'x', 501)).toBe(false)
    expect(lru.size).toBe(0)
    lru.set('a', 'x', 400)
    lru.set('a', 'y', 400)
    expect(lru.bytes).toBe(400)
    expect(lru.get('a')).toBe('y')
  })

  it('counts growth (a gzip copy) only for the value still cached, and evicts after it', () => {
    const lru = new ByteLru<object>(1000, 800)
    const a = {}
    const b = {}
    lru.set('a', a, 400)
    lru.set('b', b, 400)
    lru.grow('a', {}, 300) // a stale value: ignored
    expect(lru.bytes).toBe(800)
    lru.grow('b', b, 300)
    expect(lru.bytes).toBeLessThanOrEqual(1000)
    expect(lru.get('a')).toBeUndefined()
    expect(lru.get('b')).toBe(b)
    lru.clear()
    expect([lru.bytes, lru.size]).toEqual([0, 0])
  })
})
