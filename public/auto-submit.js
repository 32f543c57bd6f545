// Progressive enhancement of the public filter forms (the roster, the open
// selections), marked data-auto-submit:
// - a list applies as soon as it is chosen, without a second «Найти»;
// - a list with data-resets="a b" empties those fields first (a municipality
//   or group belongs to the region that was chosen before);
// - the address keeps only the filters that are set, the same stable URL the
//   server's links use (/roster?region=tomsk, not ?q=&region=tomsk&…).
// Without JavaScript the form's button sends the same query, empty fields included.
'use strict'
;(function () {
  function go(form) {
    var params = new URLSearchParams()
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && value.trim() !== '') params.append(name, value)
    })
    var query = params.toString()
    window.location.assign(form.getAttribute('action') + (query ? '?' + query : ''))
  }
  function marked(form) {
    return form && form.hasAttribute('data-auto-submit')
  }
  document.addEventListener('change', function (event) {
    var el = event.target
    if (!(el instanceof HTMLSelectElement) || !marked(el.form)) return
    var resets = (el.getAttribute('data-resets') || '').split(' ')
    for (var i = 0; i < resets.length; i++) {
      var dependent = resets[i] && el.form.elements.namedItem(resets[i])
      if (dependent && 'value' in dependent) dependent.value = ''
    }
    go(el.form)
  })
  document.addEventListener('submit', function (event) {
    if (!marked(event.target)) return
    event.preventDefault()
    go(event.target)
  })
})()
