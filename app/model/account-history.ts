import { commissionRoleLabels } from '~/model/labels'
import { roleLabels, type Role } from '~/model/permissions'

// The history of an account's roles and state (/people/<id>) in people's
// words: the audit log's action names and ids never reach the page.

export type AccountEventInput = {
  id: number
  at: Date
  actorName: string | null
  entity: string
  action: string
  data: Record<string, unknown>
  commissionName: string | null
}

export type HistoryLine = { id: number; at: Date; actorName: string | null; text: string }

const roleOf = (data: Record<string, unknown>) => roleLabels[data.role as Role] ?? 'роль'
const placeOf = (data: Record<string, unknown>) => (typeof data.scopeName === 'string' && data.scopeName ? ` (${data.scopeName})` : '')
const commissionRole = (role: unknown) => commissionRoleLabels[String(role)] ?? 'член комиссии'
const inCommission = (name: string | null) => (name ? `«${name}»` : '')

const accountTexts: Record<string, (e: AccountEventInput) => string> = {
  GRANT_ADDED: (e) => `Назначена роль: ${roleOf(e.data)}${placeOf(e.data)}`,
  GRANT_REMOVED: (e) => `Снята роль: ${roleOf(e.data)}${placeOf(e.data)}`,
  ACCOUNT_DEACTIVATED: () => 'Учётная запись отключена, все сеансы завершены',
  ACCOUNT_REACTIVATED: () => 'Учётная запись снова включена',
  REGISTER: () => 'Учётная запись создана при регистрации',
  EMAIL_CONFIRMED: () => 'Адрес электронной почты подтверждён',
  PASSWORD_RESET: () => 'Пароль изменён по ссылке из письма',
}

const commissionTexts: Record<string, (e: AccountEventInput) => string> = {
  MEMBER_ADD: (e) => `Включён в состав комиссии ${inCommission(e.commissionName)}: ${commissionRole(e.data.role).toLowerCase()}`,
  MEMBER_ROLE: (e) => `Роль в комиссии ${inCommission(e.commissionName)} изменена: ${commissionRole(e.data.to).toLowerCase()}`,
  MEMBER_ORGANISATION: (e) => `Изменена организация члена комиссии ${inCommission(e.commissionName)}`,
  MEMBER_DEACTIVATE: (e) => `Выведен из состава комиссии ${inCommission(e.commissionName)}`,
}

export function describeAccountEvent(e: AccountEventInput): HistoryLine {
  const describe = (e.entity === 'commission' ? commissionTexts : accountTexts)[e.action]
  return { id: e.id, at: e.at, actorName: e.actorName, text: describe ? describe(e).replace(/\s+:/, ':').trim() : 'Изменение учётной записи' }
}
