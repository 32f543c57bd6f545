import JSZip from 'jszip'

// Opening a generated .docx the way Word does: unzip, read word/document.xml.
// jszip comes with exceljs (node_modules); tests only.

export type DocxParts = {
  /** word/document.xml as it is */
  xml: string
  /** The paragraphs' text, one string per w:p (table cells are paragraphs too), entities decoded. */
  paragraphs: string[]
  /** word/styles.xml */
  styles: string
  files: string[]
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

export async function readDocx(bytes: Uint8Array | ArrayBuffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes)
  const xml = await zip.file('word/document.xml')!.async('string')
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? ''
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => t[1] ?? '\t').join('')),
  )
  return { xml, paragraphs, styles, files: Object.keys(zip.files) }
}

/** The page setup of the (last) section: size and margins in twips, the title-page flag. */
export function pageSetup(xml: string) {
  const attrs = (tag: string) => Object.fromEntries([...(xml.match(new RegExp(`<w:${tag} ([^>]*)/>`))?.[1] ?? '').matchAll(/w:(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
  return { size: attrs('pgSz'), margins: attrs('pgMar'), titlePage: /<w:titlePg\/>|<w:titlePg w:val="(true|1)"\/>/.test(xml) }
}
