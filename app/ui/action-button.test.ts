import { describe, expect, it } from 'vitest'
import { allErrors, detached, replyFor, revalidateAfterStaleRow, strayErrors, strayOf } from '~/ui/action-button'

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

  it('find the rows of the reply’s own intent among a page’s several kinds', () => {
    const rows = { removeReviewer: [{ applicationId: 7, memberId: 3 }], addReviewer: [{ applicationId: 8 }] }
    expect(strayOf(reply, rows)).toEqual([])
    expect(strayOf(reply, { ...rows, removeReviewer: [] })).toEqual(['Рецензент уже представил отзыв: снять его нельзя.'])
    // a form that is no row's (or the page does not list) is not said twice
    expect(strayOf(reply, { addReviewer: [] })).toEqual([])
    expect(strayOf({ ...reply, form: 'toString' }, {})).toEqual([])
    expect(strayOf(null, rows)).toEqual([])
  })

  it('read the page again after a refusal that says it is stale (404, 409), not after a wrong field (400) or a refusal of rights (403)', () => {
    const args = { currentUrl: new URL('http://x/a'), nextUrl: new URL('http://x/a'), currentParams: {}, nextParams: {}, formMethod: 'POST' as const }
    expect(revalidateAfterStaleRow({ ...args, actionStatus: 404, defaultShouldRevalidate: false })).toBe(true)
    expect(revalidateAfterStaleRow({ ...args, actionStatus: 409, defaultShouldRevalidate: false })).toBe(true)
    expect(revalidateAfterStaleRow({ ...args, actionStatus: 400, defaultShouldRevalidate: false })).toBe(false)
    expect(revalidateAfterStaleRow({ ...args, actionStatus: 403, defaultShouldRevalidate: false })).toBe(false)
    expect(revalidateAfterStaleRow({ ...args, defaultShouldRevalidate: true })).toBe(true)
  })

  it('collect the form’s and the hidden fields’ messages', () => {
    expect(allErrors({ '': ['Нет кворума.'], memberId: ['Неизвестный член комиссии'], applicationId: null })).toEqual(['Нет кворума.', 'Неизвестный член комиссии'])
  })

  it('detach conform’s inputs from its form for the confirmation step', () => {
    expect(detached({ id: 'a', name: 'reason', form: 'change-EXCLUDE' })).toEqual({ id: 'a', name: 'reason' })
  })
})
