import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { MAX_ELEMENT_BYTES, OversizedBook, entryChunks, readSharedStrings, spool, zipEntries } from './xlsx-book'

async function* once(b: Uint8Array) {
  yield b
}

describe('a workbook part', () => {
  it('stops inflating past the limit, so a small upload cannot unpack into gigabytes', async () => {
    const zip = new JSZip()
    zip.file('xl/sharedStrings.xml', '<sst>' + '<si><t>а</t></si>'.repeat(200_000) + '</sst>')
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    const file = await spool(once(bytes), () => {})
    try {
      const entry = (await zipEntries(file.path))!.get('xl/sharedstrings.xml')!
      expect(bytes.length).toBeLessThan(entry.size / 50)
      let read = 0
      for await (const chunk of entryChunks(file.path, entry)) read += chunk.length
      expect(read).toBe(entry.size)
      await expect(
        (async () => {
          for await (const chunk of entryChunks(file.path, entry, 1024 * 1024)) void chunk
        })(),
      ).rejects.toBeInstanceOf(OversizedBook)
    } finally {
      await file.remove()
    }
  })

  it('refuses one string longer than any cell, instead of reading it again with every chunk', async () => {
    const zip = new JSZip()
    zip.file('xl/sharedStrings.xml', '<sst><si><t>ok</t></si><si><t>' + 'я'.repeat(MAX_ELEMENT_BYTES) + '</t></si></sst>')
    const file = await spool(once(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })), () => {})
    try {
      const entry = (await zipEntries(file.path))!.get('xl/sharedstrings.xml')!
      await expect(readSharedStrings(entryChunks(file.path, entry))).rejects.toBeInstanceOf(OversizedBook)
    } finally {
      await file.remove()
    }
  })
})
