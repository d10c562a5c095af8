/* The pre-check page: the area drawn on the map and the area fields stay in step, and as the user
   draws or types, the request is sent to POST /v1/requests/check (a dry run: nothing is recorded)
   and the decision is shown rule by rule. What is typed and drawn is kept in this tab
   (sessionStorage), so that a reload, or signing in again after the session ended, loses nothing.
   Without this script the page still works: Check and Submit post the form. */
(function () {
  'use strict';

  var DRAFT = 'oversight.check.draft';
  var form = document.querySelector('[data-check-form]');
  if (!form) { return; }

  var el = function (id) { return document.getElementById(id); };
  var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  var zone = form.dataset.zone;
  var serverNow = Date.parse(form.dataset.now);
  var loadedAt = performance.now();
  var verdict = document.querySelector('[data-verdict]');
  var fields = ['id', 'agency', 'requester', 'caseNumber', 'incidentType', 'description', 'windowStart', 'windowEnd', 'areaGeoJson', 'lat', 'lon', 'radius'];
  var drawn = null;
  var mapState = null;
  var timer = null;
  var sequence = 0;

  /* ---- time: the service's clock, and local times in the policy's time zone ---- */
  function now() { return new Date(serverNow + (performance.now() - loadedAt)); }
  function iso(date) { return date.toISOString().replace(/\.\d{3}Z$/, 'Z'); }
  function offsetAt(ms) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - Math.floor(ms / 1000) * 1000;
  }
  function zonedToUtc(local) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local || '');
    if (!m) { return null; }
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    var utc = wall - offsetAt(wall);
    var again = wall - offsetAt(utc);
    return iso(new Date(again));
  }

  /* ---- the request as JSON, the same way the page builds it on the server ---- */
  function kind() { return el('areaKind-polygon').checked ? 'polygon' : 'circle'; }
  function value(id) { var f = el(id); return f ? f.value.trim() : ''; }
  function request() {
    var r = {};
    var text = function (name, id) { var v = value(id); if (v) { r[name] = v; } };
    text('id', 'id');
    r.agency = value('agency');
    text('requester', 'requester');
    text('caseNumber', 'caseNumber');
    text('incidentType', 'incidentType');
    text('description', 'description');
    var basis = form.querySelector('input[name="Input.LegalBasis"]:checked');
    if (basis) { r.legalBasis = basis.value; }
    r.submittedAt = iso(now());
    r.window = {};
    var start = zonedToUtc(value('windowStart'));
    var end = zonedToUtc(value('windowEnd'));
    if (start) { r.window.start = start; }
    if (end) { r.window.end = end; }
    if (kind() === 'circle') {
      if (value('lat') || value('lon') || value('radius')) {
        r.area = { center: { lat: Number(value('lat')), lon: Number(value('lon')) }, radiusMeters: Number(value('radius')) };
      }
    } else if (value('areaGeoJson')) {
      try { r.area = JSON.parse(value('areaGeoJson')); } catch (e) { return { invalid: 'The area is not valid JSON: ' + e.message }; }
    }
    return r;
  }

  /* ---- the verdict, drawn as the page's DecisionPanel draws it ---- */
  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = text; }
    return n;
  }
  function words(outcome) { return { allow: 'Allowed', review: 'Needs review', deny: 'Denied' }[outcome] || outcome; }
  function ruleWords(r) {
    if (r.outcome === 'pass') { return 'Passes'; }
    if (r.outcome === 'waived') { return r.waivedBy ? 'Waived (' + r.waivedBy + ')' : 'Waived'; }
    return r.action === 'deny' ? 'Broken: denies' : r.action === 'review' ? 'Broken: needs review' : 'Broken: noted only';
  }
  function ruleTone(r) {
    if (r.outcome === 'violated') { return r.action === 'deny' ? 'deny' : r.action === 'review' ? 'review' : 'note'; }
    return r.outcome === 'waived' ? 'note' : 'allow';
  }
  function sentence(d) {
    var broken = d.rules.filter(function (r) { return r.outcome === 'violated'; });
    var deciding = broken.filter(function (r) { return r.action === (d.decision === 'deny' ? 'deny' : 'review'); });
    var names = function (rules) { return rules.length === 1 ? 'the rule ' + rules[0].id : rules.length + ' rules: ' + rules.map(function (r) { return r.id; }).join(', '); };
    if (d.decision === 'allow') {
      return broken.length === 0 ? 'Every one of the ' + d.rules.length + ' rules passes.' : 'Allowed; ' + broken.length + (broken.length === 1 ? ' rule is' : ' rules are') + ' noted only: ' + broken.map(function (r) { return r.id; }).join(', ') + '.';
    }
    if (d.decision === 'review') {
      if (deciding.length === 0) {
        var ex = (d.exemptions || []).map(function (e) { return e.id; });
        return 'A person must review it: ' + (ex.length ? 'the exemption ' + ex.join(', ') + ' asks for review' : 'an exemption asks for review') + '.';
      }
      return 'A person must review it because of ' + names(deciding) + '.';
    }
    return 'Denied by ' + names(deciding) + '.';
  }
  function status(text) {
    var p = node('p', 'verdict-status', text);
    p.setAttribute('data-verdict-status', '');
    return p;
  }
  function show(children) {
    var title = el('verdict-title');
    verdict.replaceChildren(title);
    children.forEach(function (c) { verdict.appendChild(c); });
  }
  function showDecision(d) {
    var box = node('div', 'decision decision--' + d.decision);
    var p = node('p', 'decision-verdict');
    p.appendChild(node('span', 'tag tag--' + d.decision, words(d.decision)));
    p.appendChild(document.createTextNode(' '));
    p.appendChild(node('span', 'decision-sentence', sentence(d)));
    box.appendChild(p);
    box.appendChild(node('p', 'decision-measures', 'Area ' + (Math.round(d.measures.areaSqMiles * 1000) / 1000) + ' sq mi, window ' + (Math.round(d.measures.windowHours * 100) / 100) + ' hours; policy ' + d.policy.id + ' ' + d.policy.version + '.'));
    var wrap = node('div', 'table-wrap');
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', 'Rules of the decision');
    var table = node('table', 'table');
    var caption = node('caption', 'visually-hidden', 'Each rule of the policy and how the request fared');
    table.appendChild(caption);
    var head = node('thead');
    var hr = node('tr');
    [['Rule', ''], ['Result', ''], ['Measured against the limit', '']].forEach(function (h) {
      var th = node('th', h[1], h[0]);
      th.scope = 'col';
      hr.appendChild(th);
    });
    head.appendChild(hr);
    table.appendChild(head);
    var body = node('tbody');
    var order = { violated: 0, waived: 1 };
    d.rules.slice().sort(function (a, b) { return (order[a.outcome] !== undefined ? order[a.outcome] : 2) - (order[b.outcome] !== undefined ? order[b.outcome] : 2); })
      .forEach(function (r) {
        var tr = node('tr', 'rule rule--' + r.outcome);
        var th = node('th');
        th.scope = 'row';
        th.appendChild(node('span', 'rule-id', r.id));
        tr.appendChild(th);
        var td = node('td');
        td.appendChild(node('span', 'tag tag--' + ruleTone(r), ruleWords(r)));
        tr.appendChild(td);
        tr.appendChild(node('td', 'why', r.message || ''));
        body.appendChild(tr);
      });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
    var time = now().toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit' });
    show([status('Checked at ' + time + ' against ' + d.policy.id + ' ' + d.policy.version + '. Not recorded.'), box]);
  }
  function fieldOf(path) {
    if (path === '$.window' || path === '$.window.start') { return 'windowStart'; }
    if (path === '$.window.end') { return 'windowEnd'; }
    if (path === '$.legalBasis') { return 'legalBasis-consent'; }
    if (path.indexOf('$.area.center.lon') === 0) { return 'lon'; }
    if (path.indexOf('$.area.center') === 0) { return 'lat'; }
    if (path.indexOf('$.area.radiusMeters') === 0) { return 'radius'; }
    if (path.indexOf('$.area') === 0) { return kind() === 'circle' ? 'lat' : 'areaGeoJson'; }
    var simple = /^\$\.([A-Za-z]+)$/.exec(path);
    return simple && el(simple[1]) ? simple[1] : null;
  }
  function showProblems(title, problems) {
    var list = node('ul', 'error-summary-list');
    problems.forEach(function (p) {
      var li = node('li');
      var target = p.path ? fieldOf(p.path) : null;
      var text = (p.message || '').charAt(0).toUpperCase() + (p.message || '').slice(1);
      var label = target ? document.querySelector('label[for="' + target + '"]') : null;
      if (label) { text = (target === 'legalBasis-consent' ? 'Legal basis' : label.textContent.trim()) + ': ' + text; }
      if (target) {
        var a = node('a', null, text);
        a.href = '#' + target;
        li.appendChild(a);
      } else {
        li.textContent = text;
      }
      list.appendChild(li);
    });
    var box = node('div', 'inset');
    box.appendChild(node('p', null, title));
    box.appendChild(list);
    show([status('Not checked yet.'), box]);
  }
  function signedOut() {
    var p = node('p', 'verdict-status');
    p.appendChild(document.createTextNode('Your session has ended. What you typed and drew is kept in this tab: '));
    var a = node('a', null, 'sign in again');
    a.href = '/signin?returnUrl=' + encodeURIComponent('/console/check');
    p.appendChild(a);
    p.appendChild(document.createTextNode(' and you will come back to it.'));
    show([p]);
  }

  /* ---- the live check ---- */
  function complete(r) {
    return r.area && r.window.start && r.window.end;
  }
  function check() {
    var r = request();
    if (r.invalid) { showProblems('The request cannot be checked yet:', [{ path: '$.area', message: r.invalid }]); return; }
    if (!complete(r)) {
      show([status('Give the area and the window (from and to) to see the decision.')]);
      return;
    }
    var mine = ++sequence;
    fetch('/v1/requests/check', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(r)
    }).then(function (response) {
      if (mine !== sequence) { return; }
      if (response.status === 401) { signedOut(); return; }
      return response.json().then(function (body) {
        if (mine !== sequence) { return; }
        if (response.ok) { showDecision(body); return; }
        if (body.errors) { showProblems('The request cannot be checked yet:', body.errors); return; }
        show([status((body.title || 'The check failed') + (body.detail ? ': ' + body.detail : ''))]);
      });
    }).catch(function () {
      if (mine === sequence) { show([status('The service could not be reached; the decision will appear when it can.')]); }
    });
  }
  function soon() {
    save();
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }

  /* ---- the draft, kept in this tab ---- */
  function save() {
    var draft = { kind: kind() };
    fields.forEach(function (id) { if (el(id)) { draft[id] = el(id).value; } });
    var basis = form.querySelector('input[name="Input.LegalBasis"]:checked');
    draft.legalBasis = basis ? basis.value : null;
    try { sessionStorage.setItem(DRAFT, JSON.stringify(draft)); } catch (e) { /* private mode: nothing kept */ }
  }
  function restore() {
    var empty = fields.every(function (id) { return !el(id) || id === 'agency' || !el(id).value; });
    var text = null;
    try { text = sessionStorage.getItem(DRAFT); } catch (e) { return; }
    if (!empty || !text) { return; }
    var draft = JSON.parse(text);
    fields.forEach(function (id) { if (el(id) && id !== 'agency' && draft[id] !== undefined && draft[id] !== null) { el(id).value = draft[id]; } });
    if (el('agency') && el('agency').type !== 'hidden' && draft.agency) { el('agency').value = draft.agency; }
    el(draft.kind === 'polygon' ? 'areaKind-polygon' : 'areaKind-circle').checked = true;
    if (draft.legalBasis && el('legalBasis-' + draft.legalBasis)) { el('legalBasis-' + draft.legalBasis).checked = true; }
  }

  /* ---- map and fields in step ---- */
  function showKind() {
    var k = kind();
    form.querySelectorAll('[data-area]').forEach(function (section) { section.hidden = section.dataset.area !== k; });
  }
  function round(n) { return Math.round(n * 1e6) / 1e6; }
  function fromLayer(layer) {
    if (layer instanceof L.Circle) {
      var c = layer.getLatLng();
      el('areaKind-circle').checked = true;
      el('lat').value = round(c.lat);
      el('lon').value = round(c.lng);
      el('radius').value = Math.round(layer.getRadius());
    } else {
      var geometry = layer.toGeoJSON().geometry;
      geometry.coordinates = geometry.coordinates.map(function (ring) { return ring.map(function (p) { return [round(p[0]), round(p[1])]; }); });
      el('areaKind-polygon').checked = true;
      el('areaGeoJson').value = JSON.stringify(geometry);
    }
    showKind();
    soon();
  }
  function toMap(fit) {
    if (!mapState) { return; }
    var r = request();
    var layer = r.area && !r.invalid ? OversightMap.areaLayer(r.area, 'draft') : null;
    var group = mapState.drawn;
    group.clearLayers();
    if (!layer) { return; }
    /* Leaflet.draw edits single layers, so a GeoJSON group is unpacked into its polygons. */
    (layer.getLayers ? layer.getLayers() : [layer]).forEach(function (l) { group.addLayer(l); });
    if (fit && group.getLayers().length > 0) { mapState.map.fitBounds(group.getBounds(), { padding: [48, 48], maxZoom: 14 }); }
  }

  function setUpMap() {
    var mapEl = document.getElementById('check-map');
    if (!mapEl || typeof L === 'undefined' || !window.OversightMap) { return; }
    mapState = OversightMap.create(mapEl);
    mapState.drawn = new L.FeatureGroup().addTo(mapState.map);
    var shape = OversightMap.style('draft');
    var control = new L.Control.Draw({
      position: 'topleft',
      draw: {
        polygon: { allowIntersection: false, showArea: false, shapeOptions: shape },
        rectangle: { showArea: false, shapeOptions: shape },
        circle: { showRadius: true, metric: true, feet: false, shapeOptions: shape },
        polyline: false, marker: false, circlemarker: false
      },
      edit: { featureGroup: mapState.drawn, remove: true }
    });
    mapState.map.addControl(control);
    mapState.map.on(L.Draw.Event.CREATED, function (e) {
      mapState.drawn.clearLayers();
      mapState.drawn.addLayer(e.layer);
      fromLayer(e.layer);
    });
    mapState.map.on(L.Draw.Event.EDITED, function (e) { e.layers.eachLayer(fromLayer); });
    mapState.map.on(L.Draw.Event.DELETED, function () {
      ['lat', 'lon', 'radius', 'areaGeoJson'].forEach(function (id) { el(id).value = ''; });
      soon();
    });
    toMap(true);
  }

  document.addEventListener('DOMContentLoaded', function () {
    restore();
    showKind();
    setUpMap();
    form.addEventListener('input', function (e) {
      if (['lat', 'lon', 'radius', 'areaGeoJson'].indexOf(e.target.id) >= 0) { toMap(false); }
      soon();
    });
    form.addEventListener('change', function (e) {
      /* A finished edit of the area (or a change of how it is given) brings it into view. */
      if (e.target.name === 'Input.AreaKind' || ['lat', 'lon', 'radius', 'areaGeoJson'].indexOf(e.target.id) >= 0) {
        showKind();
        toMap(true);
      }
      soon();
    });
    if (!document.querySelector('.decision')) { check(); }
  });
})();
