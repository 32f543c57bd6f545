import { describe, expect, it } from 'vitest'
import { allErrors, detached, replyFor, strayErrors } from '~/ui/action-button'

describe('one-button forms', () => {
  const reply = { status: 'error' as const, form: 'removeReviewer', initialValue: { intent: 'removeReviewer', applicationId: '7', memberId: '3' }, error: { '': ['Рецензент уже представил отзыв: снять его нельзя.'] } }

  it('show a refusal only beside the button that was pressed', () => {
    expect(replyFor(reply, 'removeReviewer', { applicationId: 7, memberId: 3 })).toBe(reply)
    expect(replyFor(reply, 'removeReviewer', { applicationId: 7, memberId: 4 })).toBeNull()
    expect(replyFor(reply, 'removeItem', { applicationId: 7 })).toBeNull()
    expect(replyFor(undefined, 'removeReviewer')).toBeNull()
  })

  it('say a refusal for a row no longer on the page at the page level, and only then', () => {
    expect(strayErrors(reply, 'removeReviewer', [{ applicationId: 7, memberId: 4 }])).toEqual(['Рецензент уже представил отзыв: снять его нельзя.'])
    expect(strayErrors(reply, 'removeReviewer', [{ applicationId: 7, memberId: 3 }])).toEqual([])
    expect(strayErrors(reply, 'addReviewer', [])).toEqual([])
    expect(strayErrors(undefined, 'removeReviewer', [])).toEqual([])
  })

  it('collect the form’s and the hidden fields’ messages', () => {
    expect(allErrors({ '': ['Нет кворума.'], memberId: ['Неизвестный член комиссии'], applicationId: null })).toEqual(['Нет кворума.', 'Неизвестный член комиссии'])
  })

  it('detach conform’s inputs from its form for the confirmation step', () => {
    expect(detached({ id: 'a', name: 'reason', form: 'change-EXCLUDE' })).toEqual({ id: 'a', name: 'reason' })
  })
})
