// The three URLs of the one application form page (app/pages/application-form.tsx).
// app/routes.ts registers each; the page reads its mode back from the URL's
// first segment, so the path and the mode are written down only here.

export type FormMode = 'self' | 'nominate' | 'edit'

export const applicationFormRoutes = [
  { id: 'application-form-self', path: 'apply/:campaignId', mode: 'self', segment: 'apply' },
  { id: 'application-form-nominate', path: 'nominate/:campaignId', mode: 'nominate', segment: 'nominate' },
  { id: 'application-form-edit', path: 'applications/:id/edit', mode: 'edit', segment: 'applications' },
] as const satisfies readonly { id: string; path: string; mode: FormMode; segment: string }[]

/** The form's mode for a path of one of its URLs (the router matched the path already). */
export function formModeOf(pathname: string): FormMode {
  const segment = pathname.split('/')[1]
  const found = applicationFormRoutes.find((r) => r.segment === segment)
  if (!found) throw new Error(`not an application form path: ${pathname}`)
  return found.mode
}
