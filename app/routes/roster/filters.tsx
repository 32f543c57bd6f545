import type { FilterOptions } from '~/domain/roster.server'
import type { RosterFilter } from '~/model/roster-filter'
import { shorten } from '~/utils/shorten'
import { text } from './text'

// The filter form: a plain GET form that works without JavaScript; with it,
// /auto-submit.js applies a changed list at once (data-auto-submit) and a
// changed region drops the municipality and group of the old one (data-resets).

const OPTION_MAX = 60

function groupsByDirection(groups: FilterOptions['groups']) {
  const out = new Map<string, FilterOptions['groups']>()
  for (const g of groups) out.set(g.direction, [...(out.get(g.direction) ?? []), g])
  return [...out]
}

export function RosterFilters({ filter, options }: { filter: RosterFilter; options: FilterOptions }) {
  return (
    <form method="get" action="/roster" className="filters" aria-labelledby="filters-title" data-auto-submit="">
      <h2 id="filters-title" className="visually-hidden">
        {text.filters}
      </h2>
      {filter.order ? <input type="hidden" name="order" value={filter.order} /> : null}
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="f-q">{text.q}</label>
          <input id="f-q" name="q" type="search" defaultValue={filter.q ?? ''} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="f-region">{text.region}</label>
          <select id="f-region" name="region" defaultValue={filter.region ?? ''} data-resets="municipality group order">
            <option value="">{text.allRegions}</option>
            {options.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-municipality">{text.municipality}</label>
          <select id="f-municipality" name="municipality" defaultValue={filter.municipality ?? ''}>
            <option value="">{options.municipalities.length ? text.allMunicipalities : text.chooseRegionFirst}</option>
            {options.municipalities.map((m) => (
              <option key={m.code} value={m.code} title={m.name.length > OPTION_MAX ? m.name : undefined}>
                {shorten(m.name, OPTION_MAX)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-subject">{text.subject}</label>
          <select id="f-subject" name="subject" defaultValue={filter.subject ?? ''}>
            <option value="">{text.allSubjects}</option>
            {options.subjects.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-group">{text.group}</label>
          <select id="f-group" name="group" defaultValue={filter.group ?? ''}>
            <option value="">{options.groups.length ? text.allGroups : text.chooseRegionFirst}</option>
            {groupsByDirection(options.groups).map(([direction, groups]) => (
              <optgroup key={direction} label={shorten(direction, OPTION_MAX)} title={direction.length > OPTION_MAX ? direction : undefined}>
                {groups.map((g) => (
                  <option key={g.code} value={g.code} title={g.name.length > OPTION_MAX ? g.name : undefined}>
                    {shorten(g.name, OPTION_MAX)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-level">{text.level}</label>
          <select id="f-level" name="level" defaultValue={filter.level ?? ''}>
            <option value="">{text.allLevels}</option>
            <option value="regional">{text.regional}</option>
            <option value="municipal">{text.municipal}</option>
          </select>
        </div>
      </div>
      <p className="filter-actions">
        <button type="submit">{text.find}</button> <a href="/roster">{text.reset}</a>
      </p>
    </form>
  )
}
