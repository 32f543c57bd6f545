// A form's Russian field errors, rendered next to their inputs and linked to
// them with aria-describedby. `prefix` keeps ids unique when a page has
// several forms.
export function fieldErrorHelpers(fields: Partial<Record<string, string>>, prefix = '') {
  const id = (name: string) => `${prefix}${name}-error`
  return {
    err: (name: string) =>
      fields[name] ? (
        <span id={id(name)} className="error">
          {fields[name]}
        </span>
      ) : null,
    described: (name: string) => (fields[name] ? id(name) : undefined),
  }
}
