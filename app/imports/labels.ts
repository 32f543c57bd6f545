// What the upload page shows about a detected file; no Node modules here, so
// the page's browser bundle can import it.

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1251' | 'x-mac-cyrillic' | 'utf-16le' | 'utf-16be'
export type Delimiter = ';' | ',' | '\t'

export const encodingLabels: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (с BOM)',
  'windows-1251': 'Windows-1251',
  'x-mac-cyrillic': 'Кириллица (Mac)',
  'utf-16le': 'UTF-16 («Текст Юникод»)',
  'utf-16be': 'UTF-16 BE',
}
export const delimiterLabels: Record<Delimiter, string> = { ';': 'точка с запятой', ',': 'запятая', '\t': 'табуляция' }

export { EMPTY_FILE_MESSAGE } from '~/model/inputs/imports'
