// Russian company requisites: the checksums of INN (ИНН, 10 digits for an
// organisation, 12 for a person) and OGRN (ОГРН, 13 digits; ОГРНИП, 15), so a
// mistyped number in the consent texts is caught when it is entered.

const digits = (s: string) => [...s].map(Number)

const weighted = (d: number[], weights: number[]) => (weights.reduce((sum, w, i) => sum + w * d[i], 0) % 11) % 10

export function innValid(inn: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(inn)) return false
  const d = digits(inn)
  if (d.length === 10) return weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9]
  return weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
}

export function ogrnValid(ogrn: string): boolean {
  if (!/^(\d{13}|\d{15})$/.test(ogrn)) return false
  const body = BigInt(ogrn.slice(0, -1))
  const modulus = ogrn.length === 13 ? 11n : 13n
  return Number((body % modulus) % 10n) === Number(ogrn.slice(-1))
}
