import { formatCount } from '~/model/labels'
import { countOf } from '~/utils/plural'

// The evaluation's words (issue 10 §2), shared by the ranking, the member's
// own page and the staff member page.

export const evaluationText = {
  low: 'низкая активность',
  noConsequence: 'Отметка «низкая активность» ничего не меняет сама по себе: она не исключает и не приостанавливает члена актива. Решение о составе принимается отдельно, по приказу.',
  points: 'Баллы',
  confirmed: 'Подтверждённых записей',
  threshold: 'Порог',
  flag: 'Отметка',
  period: (from: string, last: string) => `с ${from} по ${last}`,
  /** «1 балл; порог — 10». */
  scoreLine: (points: number, threshold: number) => `${countOf(points, 'балл', 'балла', 'баллов')}; порог — ${formatCount(threshold)}`,
  /** What follows the score line: « (низкая активность)» or « (порог достигнут)». */
  verdict: (low: boolean) => ` (${low ? evaluationText.low : evaluationText.meets})`,
  meets: 'порог достигнут',
}
