import { plural } from '~/utils/plural'
import { formatDay, utcOffsetLabel } from '~/utils/dates'

export const text = {
  site: 'Реестр методического актива',
  title: 'Открытые отборы в методический актив',
  regionTitle: (name: string) => `Открытые отборы: ${name}`,
  lead: 'Отборы, в которые сейчас принимаются заявления: требования к кандидатам, сроки и положение, по которому проводится отбор. Смотреть можно без регистрации.',
  how: 'Чтобы подать заявление, войдите в личный кабинет или зарегистрируйтесь: после входа сразу откроется форма заявления.',
  filter: 'Регион',
  allRegions: 'Все регионы',
  show: 'Показать',
  none: 'Сейчас нет отборов, в которые принимаются заявления.',
  noneInRegion: (name: string) => `В регионе «${name}» сейчас нет отборов, в которые принимаются заявления.`,
  allSelections: 'Все открытые отборы',
  region: 'Регион',
  // why: a municipality's own selection (issue 10 §6) fills its municipal active, not the region's.
  level: (municipalityName: string | null) => (municipalityName ? `Муниципальный отбор: ${municipalityName}` : 'Региональный отбор'),
  aboutRegion: (name: string) => `Методический актив: ${name}`,
  opens: 'Приём заявлений открыт с',
  deadline: 'Последний день приёма',
  until: (day: string, at: Date, tz: string) => `${formatDay(day)} включительно, до 24:00 по местному времени (${utcOffsetLabel(at, tz)})`,
  noDeadline: 'Срок окончания приёма не установлен',
  lastDay: 'сегодня последний день',
  daysLeft: (n: number) => `осталось ${n} ${plural(n, 'день', 'дня', 'дней')}`,
  requirements: 'Требования к кандидатам',
  clause: 'Основание',
  regulation: 'Положение и документы',
  regulationAt: (host: string) => `Сайт организации, проводящей отбор: ${host}`,
  more: 'Подробнее об отборе',
  apply: 'Подать заявление',
  applyLabel: (title: string) => `Подать заявление: ${title}`,
  register: 'Зарегистрироваться',
  registerLabel: (title: string) => `Зарегистрироваться и подать заявление: ${title}`,
  staffNote: 'Заявление подаёт сам педагог из своего личного кабинета; выдвинуть кандидата от МОУО можно в разделе «Открытые отборы» рабочего места.',
  campaigns: 'Открытые отборы в рабочем месте',
  notFound: 'Отбор не найден или приём заявлений в него закончен.',
  back: 'Все открытые отборы',
}

export { plural }

/** 'toipkro.ru' for 'https://toipkro.ru/…'. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '')
  } catch {
    return url
  }
}

export const applyHref = (id: number) => `/apply/${id}`
export const signInHref = (id: number) => `/login?redirectTo=${applyHref(id)}`
export const registerHref = (id: number) => `/register?redirectTo=${applyHref(id)}`
