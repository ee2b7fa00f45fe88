/*
 * dcops console — the one script. Everything works without it: it moves focus to the list of
 * errors when a form comes back refused, and spares a round trip when adding or removing a
 * service row in the request form (the same buttons otherwise post the form and come back with
 * a row more or less).
 */
(function () {
  'use strict';

  // Keyboard and screen-reader users land on what went wrong, not at the top of the page.
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();

  var editor = document.querySelector('[data-services-editor]');
  if (!editor) return;
  var rows = editor.querySelector('[data-service-rows]');
  var template = document.getElementById('service-row-template');
  var status = editor.querySelector('[data-editor-status]');
  if (!rows || !template) return;

  function fill(pattern, n) {
    return (pattern || '').replace('{n}', String(n));
  }

  function announce(message) {
    if (!status) return;
    status.textContent = '';
    // A fresh text node, so screen readers announce the same message twice in a row too.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function allRows() {
    return Array.prototype.slice.call(rows.querySelectorAll('[data-service-row]'));
  }

  /** Legends and remove buttons say "Service 1, 2, 3…" in page order. */
  function renumber() {
    allRows().forEach(function (row, i) {
      var legend = row.querySelector('legend');
      if (legend) legend.textContent = fill(editor.getAttribute('data-legend'), i + 1);
      var remove = row.querySelector('[data-remove-row]');
      if (remove) remove.textContent = fill(editor.getAttribute('data-remove-label'), i + 1);
    });
  }

  function nextIndex() {
    return allRows().reduce(function (max, row) {
      var n = parseInt(row.getAttribute('data-service-row'), 10);
      return isNaN(n) ? max : Math.max(max, n + 1);
    }, 0);
  }

  function addRow() {
    var index = String(nextIndex());
    // The template is markup the server escaped; only the placeholder index changes.
    rows.insertAdjacentHTML('beforeend', template.innerHTML.split('__i__').join(index));
    renumber();
    var added = rows.querySelector('[data-service-row="' + index + '"]');
    var first = added && added.querySelector('input');
    if (first) first.focus();
    announce(fill(editor.getAttribute('data-added'), allRows().length));
  }

  function removeRow(row) {
    var list = allRows();
    var position = list.indexOf(row);
    row.parentNode.removeChild(row);
    if (allRows().length === 0) {
      addRow();
    } else {
      renumber();
      var rest = allRows();
      var target = rest[Math.min(position, rest.length - 1)];
      var input = target && target.querySelector('input');
      if (input) input.focus();
    }
    announce(fill(editor.getAttribute('data-removed'), position + 1));
  }

  editor.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var add = target.closest('[data-add-row]');
    if (add) {
      event.preventDefault();
      addRow();
      return;
    }
    var remove = target.closest('[data-remove-row]');
    if (remove) {
      event.preventDefault();
      var row = remove.closest('[data-service-row]');
      if (row) removeRow(row);
    }
  });
})();
