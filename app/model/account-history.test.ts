import { describe, expect, it } from 'vitest'
import { describeAccountEvent, type AccountEventInput } from './account-history'

const event = (e: Partial<AccountEventInput>): AccountEventInput => ({
  id: 1,
  at: new Date('2026-03-01T09:00:00Z'),
  actorName: 'Иванова И. И.',
  entity: 'user',
  action: 'GRANT_ADDED',
  data: {},
  commissionName: null,
  ...e,
})

describe('describeAccountEvent', () => {
  it('names roles and places in Russian, never the log’s keys', () => {
    expect(describeAccountEvent(event({ data: { role: 'municipalCoordinator', scopeName: 'Томский район' } })).text).toBe('Назначена роль: Муниципальный координатор (Томский район)')
    expect(describeAccountEvent(event({ action: 'GRANT_REMOVED', data: { role: 'ministryOfficer', scopeName: null } })).text).toBe('Снята роль: Представитель министерства')
    expect(describeAccountEvent(event({ entity: 'commission', action: 'MEMBER_ADD', data: { role: 'secretary' }, commissionName: 'Комиссия' })).text).toBe(
      'Включён в состав комиссии «Комиссия»: секретарь',
    )
    expect(describeAccountEvent(event({ entity: 'commission', action: 'MEMBER_DEACTIVATE', commissionName: null })).text).toBe('Выведен из состава комиссии')
    expect(describeAccountEvent(event({ action: 'SOMETHING_NEW' })).text).toBe('Изменение учётной записи')
  })
})
