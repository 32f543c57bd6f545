import { Form, Link } from '@remix-run/react'

// The region settings screens (issue 11 §2) share their links and, for the
// administrator, the region picker (a plain GET form: works without JavaScript).

/** A settings page's address in the region (its code in the query, as the picker sends it). */
export const settingsHref = (path: string, code: string) => `${path}?region=${encodeURIComponent(code)}`

export const settingsPages = [
  { path: '/settings', label: 'Обзор' },
  { path: '/settings/municipalities', label: 'Муниципалитеты' },
  { path: '/settings/directions', label: 'Направления и группы' },
  { path: '/settings/general', label: 'Общие правила' },
  { path: '/settings/grounds', label: 'Основания выхода из актива' },
  { path: '/settings/operator', label: 'Оператор персональных данных' },
] as const

type Region = { code: string; name: string }

export function SettingsNav({ region, choices, current }: { region: Region; choices: Region[]; current: string }) {
  return (
    <>
      {choices.length > 1 ? (
        <Form method="get" action={current} className="inline-form">
          <label htmlFor="settings-region">Регион</label>{' '}
          <select id="settings-region" name="region" defaultValue={region.code}>
            {choices.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit">Показать</button>
        </Form>
      ) : null}
      <nav aria-label="Настройки региона" className="settings-nav">
        <ul>
          {settingsPages.map((p) => (
            <li key={p.path}>
              {p.path === current ? (
                <strong aria-current="page">{p.label}</strong>
              ) : (
                <Link to={settingsHref(p.path, region.code)}>{p.label}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
    </>
  )
}
