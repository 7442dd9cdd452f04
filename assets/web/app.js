// SPDX-License-Identifier: MIT
// Tandem's only script, and an optional one: every page works without it.
// It asks before a form marked data-confirm is sent (deleting a record).
document.addEventListener('submit', function (e) {
  var f = e.target;
  var question = f && f.getAttribute && f.getAttribute('data-confirm');
  if (question && !window.confirm(question)) e.preventDefault();
});
