/*
 * dcops console — the one script. Everything works without it: it moves focus to the list of
 * errors when a form comes back refused, switches a control picker's list when another framework
 * is chosen, and spares a round trip when adding or removing a
 * service row in the request form (the same buttons otherwise post the form and come back with
 * a row more or less).
 */
(function () {
  'use strict';

  // Keyboard and screen-reader users land on what went wrong, not at the top of the page.
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();

  // Control pickers follow the framework chosen in their form: its list and hint, in place.
  Array.prototype.forEach.call(document.querySelectorAll('[data-control-picker]'), function (picker) {
    var form = picker.closest('form');
    var framework = form && form.querySelector('select[name="framework"]');
    var input = document.getElementById(picker.getAttribute('data-control-picker'));
    var hint = input && document.getElementById(input.id + '-hint');
    if (!framework || !input) return;
    // The button that sends the form back for another list is for browsers without script; removed,
    // it no longer stands first in line when Enter submits the form.
    var refresh = picker.querySelector('[data-picker-refresh]');
    if (refresh) refresh.parentNode.removeChild(refresh);
    function follow() {
      var list = document.getElementById(input.id + '-choices-' + framework.value);
      if (!list) return;
      input.setAttribute('list', list.id);
      input.setAttribute('data-framework', framework.value);
      if (hint) hint.textContent = list.getAttribute('data-hint') || '';
    }
    framework.addEventListener('change', follow);
    follow();
  });

  var editor = document.querySelector('[data-services-editor]');
  if (!editor) return;

  // The classification rule, before saving: restricted and secret data never go public.
  var classification = editor.querySelector('select[name="classification"]');
  var exposure = editor.querySelector('select[name="exposure"]');
  function applyRule() {
    if (!classification || !exposure) return;
    var sensitive = classification.value === 'restricted' || classification.value === 'secret';
    var pub = exposure.querySelector('option[value="public"]');
    if (pub) pub.disabled = sensitive && exposure.value !== 'public';
    if (sensitive && exposure.value === 'public') exposure.setAttribute('aria-invalid', 'true');
    else if (!exposure.closest('.has-error')) exposure.removeAttribute('aria-invalid');
  }
  if (classification) classification.addEventListener('change', applyRule);
  if (exposure) exposure.addEventListener('change', applyRule);
  applyRule();

  // The quota beside the form follows what is typed; the server says the same on every save.
  var live = document.querySelector('[data-quota-live]');
  var number = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'fr-BJ', { maximumFractionDigits: 2 });
  function valueOf(row, field) {
    var input = row.querySelector('[name$=".' + field + '"]');
    var text = input ? input.value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.') : '';
    var n = Number(text);
    return text === '' || !isFinite(n) ? 0 : n;
  }
  function updateQuota() {
    if (!live) return;
    var need = { vcpu: 0, memory: 0, storage: 0 };
    Array.prototype.forEach.call(document.querySelectorAll('[data-service-rows] [data-service-row]'), function (row) {
      var replicas = valueOf(row, 'replicas') || 1;
      need.vcpu += valueOf(row, 'vcpu') * replicas;
      need.memory += valueOf(row, 'memoryMb') * 1024 * replicas;
      need.storage += valueOf(row, 'storageGb') * replicas;
    });
    var over = [];
    var leftVcpu = Number(live.getAttribute('data-left-vcpu'));
    var leftMemory = Number(live.getAttribute('data-left-memory'));
    var leftStorage = Number(live.getAttribute('data-left-storage'));
    if (need.vcpu > leftVcpu + 1e-9) over.push(fill(live.getAttribute('data-unit-vcpu'), number.format(need.vcpu - leftVcpu)));
    if (need.memory > leftMemory) over.push(fill(live.getAttribute('data-unit-memory'), number.format((need.memory - leftMemory) / 1024)));
    if (need.storage > leftStorage) over.push(fill(live.getAttribute('data-unit-storage'), number.format(need.storage - leftStorage)));
    live.textContent = over.length > 0 ? (live.getAttribute('data-over') || '').replace('{what}', over.join(', ')) : live.getAttribute('data-ok');
    live.className = over.length > 0 ? 'text-danger' : 'hint';
  }
  editor.addEventListener('input', updateQuota);
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
