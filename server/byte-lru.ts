// A least-recently-used map bounded by bytes, not by entries: the public
// cache's bodies range from a 20 KB page to a 30 MB open-data file, so a
// count says nothing about memory. An entry bigger than `maxEntryBytes` is
// never kept; an entry may grow later (its gzip copy) and eviction follows.

export class ByteLru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>()
  private total = 0

  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes = Math.floor(maxBytes / 2),
  ) {}

  get bytes() {
    return this.total
  }

  get size() {
    return this.map.size
  }

  /** The value, now the most recently used. */
  get(key: string): V | undefined {
    const hit = this.map.get(key)
    if (!hit) return undefined
    this.map.delete(key)
    this.map.set(key, hit)
    return hit.value
  }

  /** Keeps the value if it fits; returns whether it was kept. */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key)
    if (bytes > this.maxEntryBytes) return false
    this.map.set(key, { value, bytes })
    this.total += bytes
    this.evict()
    return this.map.has(key)
  }

  /** An entry that is still cached grew (e.g. its compressed copy was made). */
  grow(key: string, value: V, bytes: number): void {
    const hit = this.map.get(key)
    if (!hit || hit.value !== value) return
    hit.bytes += bytes
    this.total += bytes
    if (hit.bytes > this.maxEntryBytes) this.delete(key)
    this.evict()
  }

  delete(key: string): void {
    const hit = this.map.get(key)
    if (!hit) return
    this.map.delete(key)
    this.total -= hit.bytes
  }

  clear(): void {
    this.map.clear()
    this.total = 0
  }

  private evict() {
    while (this.total > this.maxBytes && this.map.size > 0) this.delete(this.map.keys().next().value as string)
  }
}
