// Russian plural forms, chosen by the number's last digits.

/** The word for `n`: plural(1, 'день', 'дня', 'дней') → 'день'; 2 → 'дня'; 5, 11, 12 → 'дней'; 21 → 'день'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n)
  if (!Number.isInteger(a)) return few // «1,5 балла»: a fraction takes the genitive singular
  const d10 = a % 10
  const d100 = a % 100
  if (d10 === 1 && d100 !== 11) return one
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few
  return many
}

/** The number with its word: «1 балл», «3 балла», «10 баллов». */
export const countOf = (n: number, one: string, few: string, many: string) => `${n.toLocaleString('ru-RU')} ${plural(n, one, few, many)}`
