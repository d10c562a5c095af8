/* The candidate policy editor: as the YAML is typed (or a file is chosen), it is checked by
   POST /v1/policies/validate and every problem is listed with its line and column; choosing a
   problem puts the cursor on that line. Without this script, Run checks it and lists the same. */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var editor = document.getElementById('candidate');
    var out = document.querySelector('[data-live-problems]');
    var upload = document.getElementById('upload');
    var form = editor && editor.form;
    if (!editor || !out || !form) { return; }
    var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    var timer = null;
    var sequence = 0;

    function lineStart(text, line) {
      var at = 0;
      for (var i = 1; i < line && at >= 0; i++) { at = text.indexOf('\n', at) + 1; if (at === 0) { return text.length; } }
      return at;
    }
    function goTo(line, column) {
      var start = lineStart(editor.value, line) + Math.max(0, (column || 1) - 1);
      var end = editor.value.indexOf('\n', start);
      editor.focus();
      editor.setSelectionRange(start, end < 0 ? editor.value.length : end);
    }
    function render(body) {
      out.replaceChildren();
      if (body.valid) {
        var ok = document.createElement('p');
        ok.className = 'ok-text';
        ok.textContent = 'The candidate policy loads: no problems.';
        out.appendChild(ok);
        return;
      }
      var p = document.createElement('p');
      p.textContent = body.problems.length === 1 ? '1 problem:' : body.problems.length + ' problems:';
      out.appendChild(p);
      var list = document.createElement('ul');
      list.className = 'problem-list';
      body.problems.forEach(function (problem) {
        var li = document.createElement('li');
        var where = problem.line ? 'Line ' + problem.line + (problem.column ? ', column ' + problem.column : '') + ': ' : '';
        if (problem.line) {
          var button = document.createElement('button');
          button.type = 'button';
          button.className = 'link-button';
          button.textContent = where + problem.message;
          button.addEventListener('click', function () { goTo(problem.line, problem.column); });
          li.appendChild(button);
        } else {
          li.textContent = where + problem.message;
        }
        list.appendChild(li);
      });
      out.appendChild(list);
    }
    function validate() {
      var mine = ++sequence;
      fetch('/v1/policies/validate', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/yaml', 'RequestVerificationToken': token },
        body: editor.value
      }).then(function (r) {
        if (mine !== sequence) { return null; }
        if (r.status === 401) { out.textContent = 'Your session has ended: sign in again (what you typed stays in this box until you leave the page).'; return null; }
        return r.ok ? r.json() : null;
      }).then(function (body) { if (body && mine === sequence) { render(body); } })
        .catch(function () { if (mine === sequence) { out.textContent = 'The service could not be reached to check the policy.'; } });
    }
    editor.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(validate, 400); });
    if (upload) {
      upload.addEventListener('change', function () {
        var file = upload.files && upload.files[0];
        if (!file) { return; }
        file.text().then(function (text) { editor.value = text; validate(); });
      });
    }
    if (editor.value.trim()) { validate(); }
  });
})();
