/* Oversight maps: the policy's boundary and the census tracts (served by the service itself, so
   the maps work offline), an optional tile server, and the areas a page is about. Every map only
   adds to its page: what it shows is also in the page's text and tables. */
(function () {
  'use strict';

  var tones = {
    allow: { color: '#00703c', fillColor: '#00703c' },
    review: { color: '#8a4b00', fillColor: '#f47738' },
    deny: { color: '#d4351c', fillColor: '#d4351c' },
    neutral: { color: '#1d70b8', fillColor: '#1d70b8' },
    draft: { color: '#1d70b8', fillColor: '#1d70b8', dashArray: '6 4' }
  };

  var layersRequest = null;
  function loadLayers(url) {
    if (!layersRequest) {
      layersRequest = fetch(url, { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : { type: 'FeatureCollection', features: [] }; })
        .catch(function () { return { type: 'FeatureCollection', features: [] }; });
    }
    return layersRequest;
  }

  function style(tone) {
    var t = tones[tone] || tones.neutral;
    return { color: t.color, fillColor: t.fillColor, weight: 3, opacity: 1, fillOpacity: 0.25, dashArray: t.dashArray || null };
  }

  /* A request's area as a Leaflet layer: a circle {center:{lat,lon}, radiusMeters} or a GeoJSON polygon. */
  function areaLayer(area, tone) {
    if (!area) { return null; }
    if (area.center) {
      var ok = [area.center.lat, area.center.lon, area.radiusMeters].every(function (n) { return typeof n === 'number' && isFinite(n); });
      return ok && area.radiusMeters > 0 && Math.abs(area.center.lat) <= 90 && Math.abs(area.center.lon) <= 180
        ? L.circle([area.center.lat, area.center.lon], Object.assign({ radius: area.radiusMeters }, style(tone)))
        : null;
    }
    if (area.type === 'Polygon' || area.type === 'MultiPolygon') {
      /* Half-typed GeoJSON is not drawn; the check names what is wrong with it. */
      try { return L.geoJSON(area, { style: function () { return style(tone); } }); } catch (e) { return null; }
    }
    return null;
  }

  function shade(value, max) {
    var steps = ['#f2f7fb', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
    if (!max || value <= 0) { return steps[0]; }
    return steps[Math.min(steps.length - 1, 1 + Math.floor((value / max) * (steps.length - 1.001)))];
  }

  function create(el) {
    var map = L.map(el, { keyboard: true, scrollWheelZoom: false, zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
    }
    map.setView([44.0, -92.46], 10);
    var shapes = L.featureGroup().addTo(map);
    var counts = el.dataset.counts ? JSON.parse(el.dataset.counts) : null;
    var state = { map: map, shapes: shapes, base: null, fitted: false };

    state.setShapes = function (list, fit) {
      shapes.clearLayers();
      (list || []).forEach(function (s) {
        var layer = areaLayer(s.area, s.tone);
        if (!layer) { return; }
        if (s.label) { layer.bindTooltip(s.label, { sticky: true }); }
        if (s.href) { layer.on('click', function () { window.location.href = s.href; }); }
        layer.addTo(shapes);
      });
      if (fit !== false && shapes.getLayers().length > 0) {
        map.fitBounds(shapes.getBounds(), { padding: [32, 32], maxZoom: 14 });
        state.fitted = true;
      }
    };

    state.ready = loadLayers(el.dataset.layers || '/map/layers.json').then(function (data) {
      var max = 0;
      if (counts) {
        Object.keys(counts).forEach(function (k) { if (typeof counts[k].value === 'number') { max = Math.max(max, counts[k].value); } });
      }
      state.base = L.geoJSON(data, {
        interactive: !!counts,
        style: function (f) {
          if (f.properties.layer === 'boundary') {
            return { color: '#0b0c0c', weight: 2.5, fill: false, dashArray: '8 6' };
          }
          if (counts) {
            var c = counts[f.properties.id];
            var value = c && typeof c.value === 'number' ? c.value : 0;
            return { color: '#505a5f', weight: 1, fillColor: c && c.value === null ? '#b1b4b6' : shade(value, max), fillOpacity: 0.8 };
          }
          return { color: '#6f777b', weight: 1, fillColor: '#f3f2f1', fillOpacity: 0.25 };
        },
        onEachFeature: function (f, layer) {
          if (counts && f.properties.layer === 'tract') {
            var c = counts[f.properties.id];
            layer.bindTooltip(f.properties.name + ': ' + (c ? c.text : '0') + ' requests', { sticky: true });
          }
        }
      }).addTo(map);
      state.base.bringToBack();
      if (!state.fitted && state.base.getLayers().length > 0) {
        map.fitBounds(state.base.getBounds(), { padding: [8, 8] });
      }
      return state;
    });

    state.setShapes(el.dataset.shapes ? JSON.parse(el.dataset.shapes) : []);
    el.oversightMap = state;
    return state;
  }

  window.OversightMap = { create: create, areaLayer: areaLayer, style: style };

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof L === 'undefined') { return; }
    document.querySelectorAll('[data-map]').forEach(function (el) {
      if (!el.dataset.draw) { create(el); }
    });
  });
})();
