import { isTimeZone, offsetMinutes, utcOffsetLabel } from '~/utils/dates'

// Russia's time zones as people know them: by a city and its offset, never by
// the IANA name the database keeps ('Asia/Tomsk'). The settings pick from
// this list; a zone outside it (set by a script or a preset) is still shown
// and kept.

const russianZones: readonly [zone: string, city: string][] = [
  ['Europe/Kaliningrad', 'Калининград'],
  ['Europe/Moscow', 'Москва'],
  ['Europe/Kirov', 'Киров'],
  ['Europe/Volgograd', 'Волгоград'],
  ['Europe/Astrakhan', 'Астрахань'],
  ['Europe/Samara', 'Самара'],
  ['Europe/Saratov', 'Саратов'],
  ['Europe/Ulyanovsk', 'Ульяновск'],
  ['Asia/Yekaterinburg', 'Екатеринбург'],
  ['Asia/Omsk', 'Омск'],
  ['Asia/Barnaul', 'Барнаул'],
  ['Asia/Krasnoyarsk', 'Красноярск'],
  ['Asia/Novokuznetsk', 'Новокузнецк'],
  ['Asia/Novosibirsk', 'Новосибирск'],
  ['Asia/Tomsk', 'Томск'],
  ['Asia/Irkutsk', 'Иркутск'],
  ['Asia/Chita', 'Чита'],
  ['Asia/Khandyga', 'Хандыга'],
  ['Asia/Yakutsk', 'Якутск'],
  ['Asia/Ust-Nera', 'Усть-Нера'],
  ['Asia/Vladivostok', 'Владивосток'],
  ['Asia/Magadan', 'Магадан'],
  ['Asia/Sakhalin', 'Южно-Сахалинск'],
  ['Asia/Srednekolymsk', 'Среднеколымск'],
  ['Asia/Anadyr', 'Анадырь'],
  ['Asia/Kamchatka', 'Петропавловск-Камчатский'],
]

const cityOf = new Map(russianZones)

/** «Томск (UTC+7)»; a zone outside the list keeps its name: «Europe/Berlin (UTC+1)». */
export function timeZoneLabel(zone: string, at = new Date()): string {
  if (!isTimeZone(zone)) return zone
  return `${cityOf.get(zone) ?? zone} (${utcOffsetLabel(at, zone)})`
}

/** The choices of a time-zone select, west to east; `current` is kept when it is not one of Russia's. */
export function timeZoneOptions(current?: string | null, at = new Date()): { value: string; label: string }[] {
  const zones = russianZones.map(([zone]) => zone)
  if (current && isTimeZone(current) && !cityOf.has(current)) zones.push(current)
  return zones
    .map((zone) => ({ value: zone, label: timeZoneLabel(zone, at), offset: offsetMinutes(at, zone) }))
    .sort((a, b) => a.offset - b.offset || a.label.localeCompare(b.label, 'ru'))
    .map(({ value, label }) => ({ value, label }))
}
