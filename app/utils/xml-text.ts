// Text that goes into the XML of a generated .docx or .xlsx. XML 1.0 may not
// hold C0 controls other than tab and line breaks, the noncharacters U+FFFE
// and U+FFFF, or half of a surrogate pair; Word and Excel refuse the whole
// file («обнаружено содержимое, которое не удалось прочитать») if one is in it.
// The writers drop the controls themselves, but not the rest, and a person's
// text (a position, an organisation, a comment) may hold any of them.

// eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The text without the characters an XML document may not contain. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '')
}
