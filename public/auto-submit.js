// Progressive enhancement of the public filter forms (the roster, the open
// selections): a list chosen in a form marked data-auto-submit applies at
// once, without a second «Найти». A list with data-resets="a b" empties those
// fields first: a municipality or group belongs to the region that was chosen
// before. Without JavaScript the form's button does the same work.
'use strict'
document.addEventListener('change', function (event) {
  var el = event.target
  if (!(el instanceof HTMLSelectElement) || !el.form || !el.form.hasAttribute('data-auto-submit')) return
  var form = el.form
  var resets = (el.getAttribute('data-resets') || '').split(' ')
  for (var i = 0; i < resets.length; i++) {
    var dependent = resets[i] && form.elements.namedItem(resets[i])
    if (dependent && 'value' in dependent) dependent.value = ''
  }
  if (typeof form.requestSubmit === 'function') form.requestSubmit()
  else form.submit()
})
