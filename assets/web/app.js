// SPDX-License-Identifier: MIT
// Tandem's only script, and an optional one: every page works without it.
// It asks before a form marked data-confirm is sent (deleting a record),
// and fills a picker's list (an input with data-suggest=KIND) with the
// records whose id or name contains what was typed, from
// /api/v1/suggest/KIND; without it the server reads a name typed in full.
document.addEventListener('submit', function (e) {
  var f = e.target;
  var question = f && f.getAttribute && f.getAttribute('data-confirm');
  if (question && !window.confirm(question)) e.preventDefault();
});

(function () {
  var timer = null;
  function fill(input) {
    var list = document.getElementById(input.getAttribute('list'));
    var kind = input.getAttribute('data-suggest');
    var q = input.value;
    if (!list || !kind || !window.fetch) return;
    fetch('/api/v1/suggest/' + encodeURIComponent(kind) + '?q=' + encodeURIComponent(q),
          { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer || input.value !== q) return;
        while (list.firstChild) list.removeChild(list.firstChild);
        answer.items.forEach(function (item) {
          var o = document.createElement('option');
          o.value = item.id;
          o.label = item.name;
          o.textContent = item.name;
          list.appendChild(o);
        });
      })
      .catch(function () {});
  }
  document.addEventListener('input', function (e) {
    var input = e.target;
    if (!input || !input.getAttribute || !input.getAttribute('data-suggest')) return;
    clearTimeout(timer);
    timer = setTimeout(function () { fill(input); }, 150);
  });
  document.addEventListener('focusin', function (e) {
    var input = e.target;
    if (input && input.getAttribute && input.getAttribute('data-suggest')) fill(input);
  });
})();
