// How many fields a form may carry. conform (@conform-to/dom) builds the list
// of a repeated name by copying it once per value, so a form with tens of
// thousands of entries of one name takes tens of seconds of CPU and stalls
// every other request. The largest forms of the site stay far below these
// limits: the ministry's choice (at most 1,000 ticked candidates, its
// schema's own limit), the rule-set editor and the report forms (a few
// hundred fields). Both the edge (server/edge.ts, while it reads the body)
// and parseSubmission (app/http/form.server.ts) count before conform parses.

/** Entries in all. */
export const FORM_MAX_ENTRIES = 5_000
/** Entries that share one name (ticked boxes of one list). */
export const FORM_MAX_SAME_NAME = 1_000

export const tooManyFieldsMessage = `В форме слишком много полей: не больше ${FORM_MAX_ENTRIES.toLocaleString('ru-RU')}, из них с одним именем — не больше ${FORM_MAX_SAME_NAME.toLocaleString('ru-RU')}. Отправьте форму со страницы сайта или разделите данные на несколько отправок.`

/** Counts names in one pass; true as soon as either limit is passed. */
export function tooManyFields(names: Iterable<string>): boolean {
  const counts = new Map<string, number>()
  let total = 0
  for (const name of names) {
    if (++total > FORM_MAX_ENTRIES) return true
    const n = (counts.get(name) ?? 0) + 1
    if (n > FORM_MAX_SAME_NAME) return true
    counts.set(name, n)
  }
  return false
}

/** The names of an urlencoded body, decoded as a form parser decodes them (undecodable ones kept raw). */
export function* urlencodedNames(body: string): Generator<string> {
  let start = 0
  while (start <= body.length) {
    let end = body.indexOf('&', start)
    if (end === -1) end = body.length
    if (end > start) {
      const eq = body.indexOf('=', start)
      const raw = body.slice(start, eq === -1 || eq > end ? end : eq).replace(/\+/g, ' ')
      try {
        yield decodeURIComponent(raw)
      } catch {
        yield raw
      }
    }
    start = end + 1
  }
}
