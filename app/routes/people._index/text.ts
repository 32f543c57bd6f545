import { formatCount } from '~/model/labels'

// The region's staff accounts and their roles (/people), in Russian.
export const text = {
  title: 'Сотрудники и роли',
  lead: 'Учётные записи, у которых есть роли в регионе. Откройте запись, чтобы назначить или снять роль, отключить или включить учётную запись.',
  invitations: 'Приглашения',
  invitationsHint: 'Новых сотрудников приглашайте по электронной почте:',
  filter: 'Поиск сотрудников',
  q: 'ФИО или логин',
  role: 'Роль',
  all: 'все роли',
  apply: 'Показать',
  found: (n: number) => `Найдено: ${formatCount(n)}`,
  empty: 'Никого не найдено.',
  name: 'ФИО',
  login: 'Логин',
  grants: 'Роли в регионе',
  state: 'Учётная запись',
  active: 'действует',
  inactive: 'отключена',
  pages: 'Страницы списка сотрудников',
}
