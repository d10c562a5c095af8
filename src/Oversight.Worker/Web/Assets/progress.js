/* Follows background work (a report, a simulation): asks the API for its state every two seconds,
   says it in the page's live region, and reloads the page when the work is finished. Without this
   script the page has a link to look again. */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('[data-progress]');
    if (!box) { return; }
    var text = box.querySelector('[data-progress-text]');
    var started = Date.now();
    function poll() {
      fetch(box.dataset.progress, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) {
          if (r.status === 401) { text.textContent = 'Your session has ended; sign in again to follow this.'; return null; }
          return r.ok ? r.json() : null;
        })
        .then(function (body) {
          if (!body) { return; }
          if (body.status === 'done' || body.status === 'failed') { window.location.reload(); return; }
          var seconds = Math.round((Date.now() - started) / 1000);
          text.textContent = (body.status === 'running' ? 'Running' : 'Waiting to start') + ' (' + seconds + ' s so far). This page updates by itself.';
          setTimeout(poll, 2000);
        })
        .catch(function () { setTimeout(poll, 5000); });
    }
    setTimeout(poll, 1500);
  });
})();
