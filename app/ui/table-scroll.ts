// The wrapper of a staff table that may be wider than a phone: the table
// scrolls sideways inside it, never the page. The wrapper is a named region
// a keyboard can reach (tabindex 0) and scroll with the arrow keys, and a
// screen reader announces by the table's name (WCAG 2.1.1, axe
// «scrollable-region-focusable»).

/** Spread on the wrapping div: `<div {...scrollRegion('Заявления')}>`. */
export const scrollRegion = (label: string) => ({ className: 'table-wrap', role: 'region', tabIndex: 0, 'aria-label': label }) as const
