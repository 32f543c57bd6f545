import { MaxPartSizeExceededError } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { parseMultipart } from './multipart.server'

const request = (body: string | Buffer) => new Request('http://localhost/upload', { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'Content-Type': 'multipart/form-data; boundary=B' } })
const withFile = (fileName: string, content = '%PDF-1.4') =>
  request(`--B\r\nContent-Disposition: form-data; name="fact"\r\n\r\ngiaCommission\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n--B--\r\n`)

describe('parseMultipart', () => {
  it('keeps a file name with «;» or «=» as browsers send it (Remix’s parser threw on them: a 500)', async () => {
    for (const name of ['Диплом; копия.pdf', 'a=b.pdf', 'приказ №5; стр.=2.pdf']) {
      const fd = await parseMultipart(withFile(name), 1000)
      expect((fd.get('file') as File).name).toBe(name)
      expect(fd.get('fact')).toBe('giaCommission')
      expect(await (fd.get('file') as File).text()).toBe('%PDF-1.4')
    }
  })

  it('keeps only the base name of a path', async () => {
    expect(((await parseMultipart(withFile('C:\\Users\\me\\диплом.pdf'), 1000)).get('file') as File).name).toBe('диплом.pdf')
  })

  it('a part over the limit names its field', async () => {
    const refused = await parseMultipart(withFile('big.pdf', 'x'.repeat(2000)), 1000).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(MaxPartSizeExceededError)
    expect((refused as MaxPartSizeExceededError).field).toBe('file')
  })

  it('a body that is not a form is the client’s broken form (400), not a server error', async () => {
    const refused = await parseMultipart(request('garbage'), 1000).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(400)
    expect(await (refused as Response).text()).toContain('повреждены')
  })
})

describe('a file name in another encoding', () => {
  it('is the client’s broken form (400)', async () => {
    const body = Buffer.concat([Buffer.from('--B\r\nContent-Disposition: form-data; name="file"; filename="'), Buffer.from([0xf1, 0xef, 0xe8, 0xf1, 0xee, 0xea, 0x2e, 0x63, 0x73, 0x76]), Buffer.from('"\r\n\r\nx\r\n--B--\r\n')])
    const refused = await parseMultipart(request(body), 1000).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(400)
  })
})
