// /.well-known/security.txt (RFC 9116), written from the deployment's own
// settings: a file in public/ carried a demo contact and an Expires date that
// every operator had to remember to renew.

const DAY_MS = 86_400_000

export function securityTxt(opts: { contact: string; publicUrl?: string; now?: Date }): string {
  const now = opts.now ?? new Date()
  // RFC 9116 §2.5.5: less than a year ahead; served fresh, so it never lapses.
  const expires = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + 180 * DAY_MS)
  const lines = [
    '# Сообщения об уязвимостях Реестра методического актива (RFC 9116).',
    `Contact: ${opts.contact}`,
    `Expires: ${expires.toISOString()}`,
    'Preferred-Languages: ru, en',
  ]
  if (opts.publicUrl?.startsWith('https://')) lines.push(`Canonical: ${new URL('/.well-known/security.txt', opts.publicUrl).href}`)
  return `${lines.join('\n')}\n`
}

/** The address of MAIL_FROM («Имя <addr>» or a bare address) as a mailto: contact. */
export function mailtoOf(mailFrom: string): string {
  const addr = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim()
  return `mailto:${addr}`
}
