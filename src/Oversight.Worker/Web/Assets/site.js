/* Small helps on every page: move focus to a form's error summary, so that a screen reader hears
   the problems at once (the page works the same without this script). */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) { summary.focus(); }
    /* A request was recorded: the pre-check page's draft in this tab is done with. */
    if (document.querySelector('[data-recorded]')) {
      try { sessionStorage.removeItem('oversight.check.draft'); } catch (e) { /* nothing kept */ }
    }
  });
})();
