// PRODUCT §6: the public whitelist and the consent documents. A field is shown
// publicly only if it is here AND the member's dissemination consent names it.

export const publicFields = [
  'fullName',
  'workplace',
  'position',
  'subjects',
  'workEmail',
  'municipality',
  'group',
  'order',
] as const
export type PublicField = (typeof publicFields)[number]

export const publicFieldLabels: Record<PublicField, string> = {
  fullName: 'фамилия, имя, отчество',
  workplace: 'место работы',
  position: 'должность',
  subjects: 'предметная область',
  workEmail: 'рабочий адрес электронной почты',
  // the region is not a choice: a region's roster tells it (decision 0008)
  municipality: 'муниципалитет',
  group: 'направление и группа актива',
  order: 'реквизиты приказа о включении в актив',
}

/** The same, as the object of «разрешено публиковать …» (accusative). */
export const publicFieldObjects: Record<PublicField, string> = {
  fullName: 'фамилию, имя, отчество',
  workplace: 'место работы',
  position: 'должность',
  subjects: 'предметную область',
  workEmail: 'рабочий адрес электронной почты',
  municipality: 'муниципалитет',
  group: 'направление и группу актива',
  order: 'реквизиты приказа о включении в актив',
}

/** «фамилию, имя, отчество, место работы»: the fields allowed, in a sentence. */
export function allowedFieldsPhrase(fields: readonly string[]): string {
  return fields.map((f) => publicFieldObjects[f as PublicField] ?? f).join(', ')
}

/**
 * A stored text version ('<purpose>-<n>') as people read it: «редакция n».
 * The identifiers stay in the stored texts (never edited once stored); the
 * reader sees the edition instead.
 */
export function editionOf(version: string): string {
  const n = /-(\d+)$/.exec(version)?.[1]
  return n ? `редакция ${n}` : ''
}

/** A consent text with its «версия <purpose>-<n>» shown as «редакция n». */
export function readableConsentText(body: string): string {
  return body.replace(/версия ((?:processing|dissemination)-\d+)/g, (_, v: string) => editionOf(v))
}

/**
 * The texts in force. A consent row names its text version, so a changed
 * text is a new version; the old ones stay below, unchanged, for the
 * consents given under them.
 */
export const CONSENT_TEXT_VERSIONS = { processing: 'processing-1', dissemination: 'dissemination-2' } as const

export const processingConsentText = `Согласие на обработку персональных данных (версия processing-1).
Я даю согласие оператору {operator} на обработку моих персональных данных, указанных в заявлении, в целях отбора в методический актив и ведения его реестра (ст. 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»). Согласие действует до его отзыва, который я могу направить в любой момент.`

/** The region is stated as always published (decision 0008). */
export const disseminationConsentText = `Согласие на обработку персональных данных, разрешённых субъектом персональных данных для распространения (версия dissemination-2; ст. 10.1 Федерального закона № 152-ФЗ; требования приказа Роскомнадзора от 24.02.2021 № 18).
Субъект: {subject}; контактная информация субъекта: {contact}.
Оператор: {operator}; адрес: {address}; ИНН {inn}; ОГРН {ogrn}.
Информационные ресурсы, на которых будут распространяться данные: {addresses}.
Цель: публикация списочного состава методического актива для оказания методической помощи педагогам.
Категории и перечень данных, разрешённых к распространению: {fields}.
Вместе с фамилией, именем и отчеством всегда публикуется регион, в методический актив которого включён субъект: опубликованный список актива региона сам называет регион, поэтому регион не выбирается отдельно. Муниципалитет публикуется, только если он указан в перечне выше.
Условия и запреты: {conditions}.
Срок действия: {term}; согласие может быть изменено или отозвано в любой момент, после отзыва данные удаляются со всех публичных страниц.`

/** Superseded by dissemination-2: offered «регион и муниципалитет» as one choice although the region is always shown. */
const disseminationConsentTextV1 = `Согласие на обработку персональных данных, разрешённых субъектом персональных данных для распространения (версия dissemination-1; ст. 10.1 Федерального закона № 152-ФЗ; требования приказа Роскомнадзора от 24.02.2021 № 18).
Субъект: {subject}.
Оператор: {operator}; адрес: {address}; ИНН {inn}; ОГРН {ogrn}.
Информационные ресурсы, на которых будут распространяться данные: {addresses}.
Цель: публикация списочного состава методического актива для оказания методической помощи педагогам.
Категории и перечень данных, разрешённых к распространению: {fields}.
Условия и запреты: {conditions}.
Срок действия: {term}; согласие может быть изменено или отозвано в любой момент, после отзыва данные удаляются со всех публичных страниц.`

/** Every text version ever used, as stored in consent_texts (never edited once stored). */
export const consentTexts: readonly { version: string; purpose: 'processing' | 'dissemination'; body: string }[] = [
  { version: 'processing-1', purpose: 'processing', body: processingConsentText },
  { version: 'dissemination-1', purpose: 'dissemination', body: disseminationConsentTextV1 },
  { version: 'dissemination-2', purpose: 'dissemination', body: disseminationConsentText },
]
