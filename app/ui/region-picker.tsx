import { Form } from '@remix-run/react'

/** Staff who work in several regions pick one; a plain GET form (works without JavaScript). */
export function RegionPicker({ region, choices }: { region: { id: number }; choices: { id: number; name: string }[] }) {
  if (choices.length < 2) return null
  return (
    <Form method="get" className="inline-form">
      <label htmlFor="region-picker">Регион</label>{' '}
      <select id="region-picker" name="region" defaultValue={region.id}>
        {choices.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit">Показать</button>
    </Form>
  )
}
