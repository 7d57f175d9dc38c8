/* incmap HTML map: draws this page's JSON blocks with Leaflet, offline. incmap-config holds the
   style (maps/style.json), title, extents and legend; incmap-incidents the incidents' GeoJSON;
   incmap-overlays what incmap computed on the ellipsoid (the arrow's geodesic, uncertainty
   circles, range rings, symbol anchors); incmap-base the gazetteer's countries, provinces and
   towns, GSHHG lakes and rivers, sea names, de facto lines and disputed areas, drawn by the
   static map's scale rules at each zoom. No tiles: nothing is fetched. Names are set as text,
   never as HTML. */
(function () {
  'use strict';

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var cfg = data('incmap-config');
  var incidents = data('incmap-incidents');
  var overlays = data('incmap-overlays');
  var base = data('incmap-base');
  var C = cfg.colors, W = cfg.widths, S = cfg.sizes;
  var SVG = 'http://www.w3.org/2000/svg';

  var root = document.documentElement.style;
  root.setProperty('--incmap-text', C.text);
  root.setProperty('--incmap-muted', C.text_muted);
  root.setProperty('--incmap-halo', C.halo);
  root.setProperty('--incmap-country', C.country_label);
  root.setProperty('--incmap-sea', C.sea);
  root.setProperty('--incmap-legend-bg', C.legend_bg);

  function ll(c) {
    return L.latLng(c[1], c[0]);
  }
  function bounds(b) {
    return L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = String(text);
    }
    return e;
  }

  var box = bounds(cfg.box);
  var map = L.map('map', {
    maxBounds: box,
    maxBoundsViscosity: 1,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    keyboard: true,
    keyboardPanDelta: 100
  });
  map.fitBounds(bounds(cfg.view));
  map.setMinZoom(Math.min(map.getBoundsZoom(box, true), map.getZoom()));
  map.setMaxZoom(map.getZoom() + cfg.extra_zoom);
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution(cfg.credits.replace(/&/g, '&amp;').replace(/</g, '&lt;'));

  // panes, bottom to top: base map (canvas: thousands of vertices), incident areas and lines
  // (SVG: the hatch is an SVG pattern), labels; symbols and popups are Leaflet's own panes
  map.createPane('incmap-base').style.zIndex = 250;
  // disputed areas (an SVG hatch) and de facto lines, over the base map and under the incidents
  map.createPane('incmap-disputed').style.zIndex = 260;
  map.getPane('incmap-disputed').style.pointerEvents = 'none';
  map.createPane('incmap-labels').style.zIndex = 550;
  map.getPane('incmap-labels').style.pointerEvents = 'none';
  var canvas = L.canvas({ pane: 'incmap-base', padding: 0.5 });
  var svg = L.svg({ padding: 0.5 });
  var disputedSvg = L.svg({ pane: 'incmap-disputed', padding: 0.5 });

  // the hatches, as the static map draws them: a target or a place known only as an area in its
  // role's colour (translucent fill and 45-degree lines), disputed areas lighter and finer
  (function () {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('width', '0');
    s.setAttribute('height', '0');
    s.setAttribute('aria-hidden', 'true');
    s.style.position = 'absolute';
    var step = 7 * 4 / 3;
    function pattern(id, fill, fillOpacity, line, width) {
      return '<pattern id="' + id + '" patternUnits="userSpaceOnUse" width="' + step +
        '" height="' + step + '" patternTransform="rotate(45)"><rect width="' + step + '" height="' +
        step + '" fill="' + fill + '" fill-opacity="' + fillOpacity + '"/><line x1="0" y1="0" x2="0" y2="' +
        step + '" stroke="' + line + '" stroke-width="' + width * 4 / 3 * 2 + '"/></pattern>';
    }
    var a = cfg.target_fill_alpha;
    s.innerHTML = '<defs>' + pattern('incmap-hatch', C.target, a, C.target, 1.1) +
      pattern('incmap-hatch-launch', C.launch, a, C.launch, 1.1) +
      pattern('incmap-hatch-site', C.site, a, C.site, 1.1) +
      pattern('incmap-disputed', C.disputed_fill, 1, C.disputed_hatch, 0.6) + '</defs>';
    document.body.appendChild(s);
  })();

  // ---- base layers, in the static map's order: country fills, lakes, rivers, province lines,
  // country outlines; then disputed areas and de facto lines in their own pane. A map under
  // 300 km across has GSHHG's detailed coast: the sea painted over Natural Earth's land after
  // the province lines, the coastline, and the countries' land borders instead of outlines.
  var countries = [], places = [], seas = [], areas = [], lines = [], riverLevels = {};
  var kinds = { c: [], l: [], r: [], a: [], d: [], b: [], m: [], k: [], x: [] };
  base.features.forEach(function (f) {
    var k = f.properties.k;
    if (k === 'p') {
      places.push(f);
    } else if (k === 's') {
      seas.push(f);
    } else if (kinds[k]) {
      kinds[k].push(f);
      if (k === 'c' && f.properties.n) {
        countries.push(f.properties);
      } else if (k === 'd' && f.properties.n) {
        areas.push(f.properties);
      } else if (k === 'b' && f.properties.n) {
        lines.push(f);
      }
    }
  });
  var anyFocus = kinds.c.some(function (f) { return f.properties.f; });
  function baseLayer(list, style) {
    return L.geoJSON({ type: 'FeatureCollection', features: list },
      { renderer: canvas, pane: 'incmap-base', interactive: false, style: style });
  }
  var hires = kinds.m.length > 0;
  baseLayer(kinds.c, function (f) {
    return { stroke: false, fillOpacity: 1, fillColor: f.properties.f ? C.land_focus : C.land };
  }).addTo(map);
  if (hires) {
    baseLayer(kinds.a, function () {
      return { color: C.admin1_line, weight: W.admin1, fill: false };
    }).addTo(map);
    baseLayer(kinds.m, function () {
      return { stroke: false, fillOpacity: 1, fillColor: C.sea, fillRule: 'evenodd' };
    }).addTo(map);
  }
  baseLayer(kinds.l, function (f) {
    return { stroke: false, fillOpacity: 1, fillColor: f.properties.w ? C.water : C.land };
  }).addTo(map);
  // rivers by GSHHG level (1 major .. 4 minor): major widest, each level a step thinner
  kinds.r.forEach(function (f) {
    var v = f.properties.v;
    (riverLevels[v] = riverLevels[v] || []).push(f);
  });
  baseLayer(kinds.k, function () {
    return { color: C.coast_line, weight: W.coast, fill: false };
  }).addTo(map);
  var riverLayers = {};
  Object.keys(riverLevels).sort().reverse().forEach(function (v) {
    riverLayers[v] = baseLayer(riverLevels[v], function () {
      return { color: C.river, weight: W.river * (1 - 0.18 * (v - 1)), lineCap: 'round', lineJoin: 'round', fill: false };
    }).addTo(map); // added once, so they stay under the boundaries; scaleLayers() hides some
  });
  if (!hires) {
    baseLayer(kinds.a, function () {
      return { color: C.admin1_line, weight: W.admin1, fill: false };
    }).addTo(map);
  }
  baseLayer(hires ? kinds.x : kinds.c, function () {
    return { color: C.country_line, weight: W.country, fill: false };
  }).addTo(map);
  L.geoJSON({ type: 'FeatureCollection', features: kinds.d }, {
    renderer: disputedSvg, pane: 'incmap-disputed', interactive: false,
    style: { stroke: false, fillColor: 'url(#incmap-disputed)', fillOpacity: 1, className: 'incmap-disputed' }
  }).addTo(map);
  var claimLayer = L.featureGroup().addTo(map);
  kinds.b.forEach(function (f) {
    var claim = f.properties.v === 3, g = { type: 'FeatureCollection', features: [f] };
    var opts = { renderer: disputedSvg, pane: 'incmap-disputed', interactive: false };
    if (claim) { // fine dots, and only on narrow views (a second outline only confuses)
      opts.style = { color: C.country_line, weight: W.claim, dashArray: '0.1 ' + 2.6 * 4 / 3, lineCap: 'round', fill: false };
      L.geoJSON(g, opts).addTo(claimLayer);
      return;
    }
    // the solid outline underneath painted out, then the line dashed in the boundary colour
    opts.style = { color: anyFocus ? C.land_focus : C.land, weight: Math.max(W.country, W.admin1) + 2, fill: false };
    L.geoJSON(g, opts).addTo(map);
    opts = { renderer: disputedSvg, pane: 'incmap-disputed', interactive: false,
      style: { color: C.country_line, weight: W.defacto, dashArray: 5 * 4 / 3 + ' ' + 3 * 4 / 3, lineCap: 'butt', fill: false, className: 'incmap-defacto' } };
    L.geoJSON(g, opts).addTo(map);
  });
  // km across the view at its centre, as the static map measures its frame
  function viewKm() {
    var b = map.getBounds(), c = b.getCenter();
    return map.distance(L.latLng(c.lat, b.getWest()), L.latLng(c.lat, b.getEast())) / 1000;
  }
  function scaleLayers() {
    var km = viewKm(), band = cfg.phys_bands.filter(function (b) { return km < b[0]; })[0] ||
      cfg.phys_bands[cfg.phys_bands.length - 1];
    Object.keys(riverLayers).forEach(function (v) {
      riverLayers[v].setStyle({ stroke: Number(v) <= band[1] });
    });
    claimLayer.setStyle({ opacity: km < cfg.claim_max_km ? 1 : 0 });
    shown.rivers = 0;
    Object.keys(riverLayers).forEach(function (v) {
      shown.rivers += Number(v) <= band[1] ? riverLevels[v].length : 0;
    });
  }
  // what the page shows, for readers' scripts and the browser test
  var shown = {
    rivers: 0, lakes: kinds.l.length, disputed: kinds.d.length, lines: kinds.b.length, seas: [],
    coast: kinds.k.length, borders: kinds.x.length, key_sites: 0
  };

  // ---- incident layers
  var feats = incidents.features;
  var ROLE = {
    launch: 'Launch site', target: 'Target', border: 'Border crossed', site: 'Incident site',
    mention: 'Also mentioned'
  };
  var PRECISION = {
    1: 'exact town or site', 2: 'near it, or part of a district', 3: 'province or wider region'
  };
  function num(v, digits) {
    return typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : null;
  }
  // each feature's label as the static map writes it (its conventional English name), by index
  var labelOf = {};
  overlays.features.forEach(function (o) {
    if (o.properties.kind === 'symbol' && o.properties.label) {
      labelOf[o.properties.feature] = o.properties.label;
    }
  });
  var featIndex = new Map();
  feats.forEach(function (f, i) { featIndex.set(f, i); });
  function popup(p, label) {
    var div = el('div', 'incmap-popup');
    div.appendChild(el('h2', null, label || p.name || p.text || 'Unnamed place'));
    var dl = el('dl');
    function row(k, v) {
      if (v === null || v === undefined || v === '' || v === -1) {
        return;
      }
      dl.appendChild(el('dt', null, k));
      dl.appendChild(el('dd', null, v));
    }
    row('Role', ROLE[p.role] || p.role);
    row('Incident', p.incident);
    row('Event', p.event_type);
    row('Date', p.date);
    row('Where', p.qualifier);
    row('Precision', p.precision ? p.precision + ': ' + (PRECISION[p.precision] || '') : null);
    row('Uncertainty', num(p.uncertainty_km, 0) !== null ? '\u00b1 ' + num(p.uncertainty_km, 0) + ' km' : null);
    row('Confidence', num(p.confidence, 2));
    row('Province, country', [p.admin1, p.country].filter(Boolean).join(', '));
    row('Killed', p.fatalities);
    row('Injured', p.injured);
    row('Distance', num(p.distance_km, 0) !== null ? num(p.distance_km, 0) + ' km' +
      (num(p.bearing_deg, 0) !== null ? ', bearing ' + num(p.bearing_deg, 0) + '\u00b0' : '') : null);
    row('In the report', p.text ? '\u201c' + p.text + '\u201d' : null);
    row('Gazetteer', p.gazetteer_id);
    row('Gazetteer name', label && p.name && label.indexOf(p.name) < 0 ? p.name : null);
    div.appendChild(dl);
    return div;
  }
  function hatched(extra) {
    var o = {
      renderer: svg, color: C.target, weight: W.target, fillColor: 'url(#incmap-hatch)',
      fillOpacity: 1
    };
    for (var k in extra) {
      o[k] = extra[k];
    }
    return o;
  }
  feats.forEach(function (f) {
    var p = f.properties, g = f.geometry, lab = labelOf[featIndex.get(f)];
    if (!g) {
      return;
    }
    if (p.role === 'target' && g.type !== 'Point') {
      L.geoJSON(f, { style: hatched({}) }).bindPopup(popup(p, lab)).addTo(map);
    } else if ((p.role === 'launch' || p.role === 'site') && g.type !== 'Point' && p.precision >= 3) {
      // known only as an area: hatched and outlined in its role's colour, no point symbol
      L.geoJSON(f, { style: hatched({ color: C[p.role], fillColor: 'url(#incmap-hatch-' + p.role + ')' }) })
        .bindPopup(popup(p, lab)).addTo(map);
    } else if ((p.role === 'launch' || p.role === 'site') && g.type !== 'Point') {
      L.geoJSON(f, { style: { renderer: svg, color: C[p.role], weight: 2.1, fill: false } }).bindPopup(popup(p, lab)).addTo(map);
    }
  });

  var arrows = [], symbols = [], borderLabels = [], keySites = [];
  overlays.features.forEach(function (o) {
    var p = o.properties;
    if (p.kind === 'border') {
      // the stretch the static map highlights (none where the arrow crosses no border), dashed
      // along a de facto line, with the static map's label
      var dash = p.dashed ? 7 * 4 / 3 + ' ' + 4 * 4 / 3 : null, f = feats[p.feature];
      L.geoJSON(o, { style: { renderer: svg, color: '#ffffff', opacity: 0.9, weight: W.border + 3.2, lineCap: 'round' }, interactive: false }).addTo(map);
      L.geoJSON(o, { style: { renderer: svg, color: C.border, weight: W.border, lineCap: p.dashed ? 'butt' : 'round', dashArray: dash } })
        .bindPopup(popup(f ? f.properties : { role: 'border' }, p.label)).addTo(map);
      if (p.label_at) {
        borderLabels.push({ at: ll(p.label_at), text: p.label });
      }
    } else if (p.kind === 'key_site') {
      keySites.push({ at: ll(o.geometry.coordinates), text: p.label });
    } else if (p.kind === 'uncertainty') {
      L.geoJSON(o, { style: hatched({ dashArray: '6.7 3.3' }), interactive: false }).addTo(map);
    } else if (p.kind === 'vague') {
      L.geoJSON(o, { style: hatched({ color: C[p.role], fillColor: 'url(#incmap-hatch-' + p.role + ')' }), interactive: false }).addTo(map);
    } else if (p.kind === 'range') {
      L.geoJSON(o, { style: { renderer: svg, color: C.range, weight: W.range, dashArray: '8 4', fill: false }, interactive: false }).addTo(map);
    } else if (p.kind === 'arrow') {
      var line = o.geometry.coordinates.map(ll);
      line.dashed = !!p.dashed; // from an area: dashed, from its middle
      arrows.push(line);
    } else if (p.kind === 'symbol') {
      symbols.push(o);
    }
  });

  // the arrow: the geodesic, trimmed in screen pixels at both ends (beside the launch symbol,
  // head short of the target's centre), so it is redrawn at each zoom
  var sym = S.symbol;
  var arrowLayer = L.layerGroup().addTo(map);
  function headSvg(angle) {
    var len = 11 * 4 / 3, s = 0.42, back = angle + Math.PI;
    var pts = [[0, 0], [len * Math.cos(back + s), len * Math.sin(back + s)],
      [len * 0.72 * Math.cos(back), len * 0.72 * Math.sin(back)],
      [len * Math.cos(back - s), len * Math.sin(back - s)]];
    return '<svg xmlns="' + SVG + '" width="1" height="1"><polygon fill="' + C.arrow + '" points="' +
      pts.map(function (q) { return q[0].toFixed(2) + ',' + q[1].toFixed(2); }).join(' ') + '"/></svg>';
  }
  function drawArrows() {
    arrowLayer.clearLayers();
    var z = map.getZoom();
    arrows.forEach(function (line) {
      var px = line.map(function (q) { return map.project(q, z); });
      var a = 0, b = px.length, n = px.length;
      while (!line.dashed && a + 2 < b && px[a].distanceTo(px[0]) < sym * 0.85) {
        a++;
      }
      while (b > a + 2 && px[b - 1].distanceTo(px[n - 1]) < sym * 0.55) {
        b--;
      }
      var kept = px.slice(a, b);
      if (kept.length < 2) {
        return;
      }
      var end = kept[kept.length - 1], prev = kept[kept.length - 2];
      var ang = Math.atan2(end.y - prev.y, end.x - prev.x), head = 11 * 4 / 3;
      var shaft = kept.slice(0, -1).concat([L.point(end.x - Math.cos(ang) * head * 0.6, end.y - Math.sin(ang) * head * 0.6)]);
      var lls = shaft.map(function (q) { return map.unproject(q, z); });
      L.polyline(lls, { renderer: svg, color: '#ffffff', opacity: 0.85, weight: W.arrow + 2.9, lineCap: 'round', interactive: false }).addTo(arrowLayer);
      L.polyline(lls, { renderer: svg, color: C.arrow, weight: W.arrow, lineCap: 'round', interactive: false,
        dashArray: line.dashed ? 7 * 4 / 3 + ' ' + 4 * 4 / 3 : null }).addTo(arrowLayer);
      L.marker(map.unproject(end, z), {
        icon: L.divIcon({ className: 'incmap-symbol', html: headSvg(ang), iconSize: [0, 0] }),
        interactive: false, keyboard: false
      }).addTo(arrowLayer);
    });
  }

  // symbols: the static map's shapes, white-outlined; each is a keyboard-reachable marker
  function symbolSvg(role) {
    var s = sym, h = s / 2, o = 'stroke="#ffffff" stroke-width="1.7" stroke-linejoin="round"';
    var body;
    if (role === 'launch') {
      body = '<polygon ' + o + ' fill="' + C.launch + '" points="' + h + ',' + (h - s * 0.62) + ' ' +
        (h + s * 0.56) + ',' + (h + s * 0.36) + ' ' + (h - s * 0.56) + ',' + (h + s * 0.36) + '"/>';
    } else if (role === 'site') {
      body = '<rect ' + o + ' fill="' + C.site + '" x="' + (h - s * 0.36) + '" y="' + (h - s * 0.36) +
        '" width="' + s * 0.72 + '" height="' + s * 0.72 + '"/>';
    } else if (role === 'target') {
      body = '<circle cx="' + h + '" cy="' + h + '" r="' + s * 0.34 + '" fill="none" stroke="' + C.target +
        '" stroke-width="' + s * 0.16 + '"/><circle cx="' + h + '" cy="' + h + '" r="' + s * 0.1 +
        '" fill="' + C.target + '"/>';
    } else {
      body = '<circle cx="' + h + '" cy="' + h + '" r="' + s * 0.22 + '" fill="#ffffff" stroke="' +
        C.mention + '" stroke-width="1.7"/>';
    }
    return '<svg xmlns="' + SVG + '" width="' + s + '" height="' + s + '">' + body + '</svg>';
  }
  var roleLabels = [];
  symbols.forEach(function (o) {
    var f = feats[o.properties.feature];
    if (!f) {
      return;
    }
    var p = f.properties, name = o.properties.label || p.name || p.text || 'Unnamed place';
    var target = p.role === 'target' && f.geometry && f.geometry.type !== 'Point';
    var vague = !!o.properties.vague && !target;
    var at = ll(o.geometry.coordinates);
    if (!target) {
      // a place known only as an area shows no symbol (its hatch says where), but its marker
      // stays, unseen, so the keyboard still reaches its details
      L.marker(at, {
        icon: L.divIcon({
          className: 'incmap-symbol incmap-' + p.role + (vague ? ' incmap-vague' : ''),
          html: vague ? '' : symbolSvg(p.role),
          iconSize: [sym, sym], iconAnchor: [sym / 2, sym / 2], popupAnchor: [0, -sym / 2]
        }),
        title: (ROLE[p.role] || p.role) + ': ' + name, alt: (ROLE[p.role] || p.role) + ': ' + name,
        riseOnHover: true
      }).bindPopup(popup(p, o.properties.label)).addTo(map);
    }
    roleLabels.push({ at: at, text: name, role: p.role, area: target || vague });
  });

  // ---- labels: incident roles first, then country names, then towns by importance; each is
  // placed only where it overlaps nothing placed before (like the static map), at every zoom
  var labelLayer = L.layerGroup().addTo(map);
  var dotLayer = L.layerGroup().addTo(map);
  var measure = document.createElement('canvas').getContext('2d');
  function textWidth(text, px, bold) {
    measure.font = (bold ? 'bold ' : '') + px + 'px "Noto Sans", "DejaVu Sans", sans-serif';
    return measure.measureText(text).width;
  }
  function label(at, text, cls, px, bold, color) {
    var span = el('span', null, text);
    span.style.fontSize = px + 'px';
    if (bold) {
      span.style.fontWeight = 'bold';
    }
    if (color) {
      span.style.color = color;
    }
    L.marker(at, {
      icon: L.divIcon({ className: 'incmap-label ' + cls, html: span, iconSize: [0, 0] }),
      pane: 'incmap-labels', interactive: false, keyboard: false
    }).addTo(labelLayer);
  }
  // the static map's key-site diamond (symbol_key_site: 3.6 pt from its centre to a corner)
  var KEY_SITE_PX = 2 * 3.6 * 4 / 3;
  function keySiteSvg() {
    var s = KEY_SITE_PX, h = s / 2;
    return '<svg xmlns="' + SVG + '" width="' + s + '" height="' + s + '"><polygon points="' + h + ',0.6 ' +
      (s - 0.6) + ',' + h + ' ' + h + ',' + (s - 0.6) + ' 0.6,' + h + '" fill="#ffffff" stroke="' + C.text +
      '" stroke-width="1.4"/></svg>';
  }
  function layoutLabels() {
    shown.key_sites = 0;
    labelLayer.clearLayers();
    dotLayer.clearLayers();
    var z = map.getZoom(), taken = [], seen = [];
    var view = map.getPixelBounds(), centre = view.getCenter(), km = viewKm();
    shown.seas = [];
    // one label per place: a name labelled within 60 px is not written again (static map too)
    function seenNear(text, q) {
      return seen.some(function (s) { return s.text === text && s.q.distanceTo(q) < 60; });
    }
    // a centred label in the view where it hides nothing; true when placed
    function centred(at, text, cls, px, color, caps) {
      var q = map.project(at, z), w = textWidth(caps ? text.toUpperCase() : text, px, false) * 1.1;
      var b = [q.x - w / 2, q.y - px * 0.7, q.x + w / 2, q.y + px * 0.7];
      if (b[0] < view.min.x || b[2] > view.max.x || b[1] < view.min.y || b[3] > view.max.y || !free(b)) {
        return false;
      }
      label(at, text, cls, px, false, color);
      taken.push(b);
      return true;
    }
    function free(b) {
      for (var i = 0; i < taken.length; i++) {
        var t = taken[i];
        if (b[0] < t[2] && b[2] > t[0] && b[1] < t[3] && b[3] > t[1]) {
          return false;
        }
      }
      return true;
    }
    symbols.forEach(function (o) {
      var q = map.project(ll(o.geometry.coordinates), z), h = sym * 0.62;
      taken.push([q.x - h, q.y - h, q.x + h, q.y + h]);
    });
    arrows.forEach(function (line) { // the arrows too, as the static map keeps labels off them:
      var prev = null; // a box every 6 px along each segment, so that no label slips between
      line.forEach(function (q) {
        var p = map.project(q, z);
        var steps = prev ? Math.max(1, Math.ceil(prev.distanceTo(p) / 6)) : 1;
        for (var k = 1; k <= steps; k++) {
          var x = prev ? prev.x + (p.x - prev.x) * k / steps : p.x;
          var y = prev ? prev.y + (p.y - prev.y) * k / steps : p.y;
          taken.push([x - 4, y - 4, x + 4, y + 4]);
        }
        prev = p;
      });
    });
    roleLabels.forEach(function (r) {
      var q0 = map.project(r.at, z);
      if (seenNear(r.text, q0)) {
        return; // a target and a site at one town: "Eilat Eilat" once
      }
      seen.push({ text: r.text, q: q0 });
      var q = q0, px = S.label, w = textWidth(r.text, px, true), gap = r.area ? 0 : sym * 0.75;
      // right, left, below, above (an area's label at its middle, where the arrow ends, moves
      // off the arrow); else on the right even when crowded: never dropped
      var dy = Math.max(gap, sym * 0.62) + px * 0.7 + 2, places = [ // clear of the symbol
        { b: [q.x + gap, q.y - px * 0.7, q.x + gap + w, q.y + px * 0.7], x: q.x + gap, y: q.y, cls: '' },
        { b: [q.x - gap - w, q.y - px * 0.7, q.x - gap, q.y + px * 0.7], x: q.x - gap, y: q.y, cls: ' left' },
        { b: [q.x - w / 2, q.y + dy - px * 0.7, q.x + w / 2, q.y + dy + px * 0.7], x: q.x, y: q.y + dy, cls: ' mid' },
        { b: [q.x - w / 2, q.y - dy - px * 0.7, q.x + w / 2, q.y - dy + px * 0.7], x: q.x, y: q.y - dy, cls: ' mid' }];
      var pick = places.filter(function (c) { return free(c.b); })[0] || places[0];
      label(map.unproject(L.point(pick.x, pick.y), z), r.text, 'role' + pick.cls, px, true);
      taken.push(pick.b);
    });
    // beside a point: on the right, else on the left, else not at all; true when placed
    function beside(at, text, cls, px, bold, color, gap) {
      var q = map.project(at, z), w = textWidth(text, px, bold) * 1.05;
      var right = [q.x + gap, q.y - px * 0.7, q.x + gap + w, q.y + px * 0.7];
      var left = [q.x - gap - w, right[1], q.x - gap, right[3]];
      var b = free(right) ? right : free(left) ? left : null;
      if (!b) {
        return false;
      }
      label(map.unproject(L.point(b === left ? b[2] : b[0], q.y), z), text,
        cls + (b === left ? ' left' : ''), px, bold, color);
      taken.push(b);
      return true;
    }
    borderLabels.forEach(function (r) {
      beside(r.at, r.text, 'border', S.label, true, C.border, W.border + 4);
    });
    countries.forEach(function (c) {
      var q = map.project(L.latLng(c.ly, c.lx), z), px = S.country;
      var w = textWidth(c.n.toUpperCase(), px, false) * 1.1;
      var b = [q.x - w / 2, q.y - px * 0.7, q.x + w / 2, q.y + px * 0.7];
      if (box.contains(L.latLng(c.ly, c.lx)) && free(b)) {
        label(L.latLng(c.ly, c.lx), c.n, 'country', px, false);
        taken.push(b);
      }
    });
    // seas, gulfs and oceans at their points, each at the static map's scales
    seas.forEach(function (f) {
      var rule = cfg.sea_scales.filter(function (r) { return r[0] === f.properties.v; })[0];
      if (rule && km >= rule[1] && km < rule[2] &&
          centred(ll(f.geometry.coordinates), f.properties.n, 'sea', S.sea, C.sea_label, false)) {
        shown.seas.push(f.properties.n);
      }
    });
    areas.forEach(function (a) {
      centred(L.latLng(a.ly, a.lx), a.n, 'disputed', S.place, C.country_label, false);
    });
    // a named line beside its vertex nearest the view's centre (40 px inside the view), else
    // the next ones out, at least 40 px apart
    var lineNames = {};
    borderLabels.forEach(function (r) { // the border crossed's label names it already
      lineNames[r.text] = true;
    });
    lines.forEach(function (f) {
      var n = f.properties.n;
      if (lineNames[n] || (f.properties.v === 3 && km >= cfg.claim_max_km)) {
        return;
      }
      lineNames[n] = true;
      var pts = [];
      f.geometry.coordinates.forEach(function (part) {
        part.forEach(function (c) {
          var q = map.project(ll(c), z);
          if (q.x > view.min.x + 40 && q.x < view.max.x - 40 && q.y > view.min.y + 40 && q.y < view.max.y - 40) {
            pts.push(q);
          }
        });
      });
      pts.sort(function (a, b) { return a.distanceTo(centre) - b.distanceTo(centre); });
      var tried = [], px = S.place, w = textWidth(n, px, false) * 1.05;
      for (var i = 0; i < pts.length && tried.length < 6; i++) {
        var q = pts[i];
        if (tried.some(function (t) { return t.distanceTo(q) < 40; })) {
          continue;
        }
        tried.push(q);
        var b = [q.x + 4, q.y - px * 0.7, q.x + 4 + w, q.y + px * 0.7];
        if (free(b)) {
          label(map.unproject(L.point(b[0], q.y), z), n, 'line', px, false, C.country_line);
          taken.push(b);
          break;
        }
      }
    });
    // air bases and airports near the incident, as the static map labels them: the diamond only
    // with its label
    keySites.forEach(function (k) {
      var q = map.project(k.at, z), h = KEY_SITE_PX / 2 + 1;
      var sym = [q.x - h, q.y - h, q.x + h, q.y + h];
      if (!free(sym) || seenNear(k.text, q)) {
        return;
      }
      taken.push(sym);
      if (beside(k.at, k.text, 'keysite', S.place, false, null, h + 3)) {
        seen.push({ text: k.text, q: q });
        L.marker(k.at, {
          icon: L.divIcon({ className: 'incmap-symbol incmap-keysite', html: keySiteSvg(), iconSize: [KEY_SITE_PX, KEY_SITE_PX] }),
          title: 'Air base or airport: ' + k.text, alt: 'Air base or airport: ' + k.text,
          interactive: false, keyboard: false
        }).addTo(labelLayer);
        shown.key_sites++;
      } else {
        taken.pop();
      }
    });
    var size = map.getSize(), budget = Math.max(8, size.x * size.y / 20000) * 9; // the box is ~9 views
    places.forEach(function (f) {
      if (budget <= 0) {
        return;
      }
      var at = ll(f.geometry.coordinates), q = map.project(at, z), px = S.place;
      var w = textWidth(f.properties.n, px, false), dot = [q.x - 4, q.y - 4, q.x + 4, q.y + 4];
      var right = [q.x + 5, q.y - px * 0.7, q.x + 5 + w, q.y + px * 0.7];
      var left = [q.x - 5 - w, right[1], q.x - 5, right[3]];
      if (!free(dot) || seenNear(f.properties.n, q)) {
        return;
      }
      var b = free(right) ? right : free(left) ? left : null;
      if (!b) {
        return;
      }
      var side = b === left ? 'left' : '';
      var anchor = map.unproject(L.point(b === left ? q.x - 5 : q.x + 5, q.y), z);
      label(anchor, f.properties.n, 'place ' + side, px, false);
      L.circleMarker(at, {
        renderer: canvas, radius: 2.8, color: '#ffffff', weight: 1, fillColor: C.place,
        fillOpacity: 1, interactive: false
      }).addTo(dotLayer);
      taken.push(dot, b);
      budget--;
    });
  }

  // ---- furniture: legend, scale, source, the GeoJSON to save
  // top right: on a phone the attribution's wrapped lines cover the bottom corners
  var legend = L.control({ position: 'topright' });
  function legendSymbol(key) {
    var s = 26, h = 9;
    var body = {
      launch: null, site: null, target_point: null, mention: null,
      target_area: '<rect x="4" y="3" width="18" height="12" fill="url(#incmap-hatch)" stroke="' + C.target + '" stroke-width="' + W.target + '"/>',
      launch_area: '<rect x="4" y="3" width="18" height="12" fill="url(#incmap-hatch-launch)" stroke="' + C.launch + '" stroke-width="' + W.target + '"/>',
      site_area: '<rect x="4" y="3" width="18" height="12" fill="url(#incmap-hatch-site)" stroke="' + C.site + '" stroke-width="' + W.target + '"/>',
      border: '<line x1="2" y1="' + h + '" x2="24" y2="' + h + '" stroke="' + C.border + '" stroke-width="' + W.border + '"/>',
      line: '<line x1="2" y1="' + h + '" x2="24" y2="' + h + '" stroke="' + C.border + '" stroke-width="' + W.border + '" stroke-dasharray="' + 7 * 4 / 3 + ' ' + 4 * 4 / 3 + '"/>',
      key_site: '<g transform="translate(' + (13 - KEY_SITE_PX / 2) + ',' + (h - KEY_SITE_PX / 2) + ')">' + keySiteSvg().replace(/^<svg[^>]*>|<\/svg>$/g, '') + '</g>',
      arrow: '<line x1="2" y1="' + h + '" x2="17" y2="' + h + '" stroke="' + C.arrow + '" stroke-width="' + W.arrow + '"/><polygon points="24,' + h + ' 13,' + (h - 5) + ' 16,' + h + ' 13,' + (h + 5) + '" fill="' + C.arrow + '"/>',
      range: '<line x1="2" y1="' + h + '" x2="24" y2="' + h + '" stroke="' + C.range + '" stroke-width="' + W.range + '" stroke-dasharray="5 2.5"/>',
      place: '<circle cx="13" cy="' + h + '" r="2.8" fill="' + C.place + '" stroke="#ffffff"/>',
      disputed: '<rect x="4" y="3" width="18" height="12" fill="url(#incmap-disputed)"/>'
    }[key];
    if (body === null) {
      return symbolSvg(key === 'target_point' ? 'target' : key);
    }
    return '<svg xmlns="' + SVG + '" width="' + s + '" height="18">' + (body || '') + '</svg>';
  }
  legend.onAdd = function () {
    var div = el('div', 'incmap-legend');
    var details = el('details');
    details.open = window.innerWidth > 600;
    details.appendChild(el('summary', null, 'Key'));
    var ul = el('ul');
    cfg.legend.forEach(function (e) {
      var li = el('li');
      li.setAttribute('data-key', e.key);
      var icon = el('span');
      icon.innerHTML = legendSymbol(e.key); // built from the style's colours only
      li.appendChild(icon);
      li.appendChild(el('span', null, e.text));
      ul.appendChild(li);
    });
    details.appendChild(ul);
    div.appendChild(details);
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo(map);
  L.control.scale({ position: 'bottomright', imperial: false, maxWidth: 160 }).addTo(map);

  var save = document.getElementById('incmap-download');
  if (save && window.Blob && window.URL && URL.createObjectURL) {
    var text = document.getElementById('incmap-incidents').textContent;
    save.href = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
    save.download = 'incidents.geojson';
    document.getElementById('incmap-save').hidden = false;
  }

  scaleLayers();
  drawArrows();
  layoutLabels();
  map.on('zoomend', function () {
    scaleLayers();
    drawArrows();
    layoutLabels();
  });
  // for readers' scripts and the browser test
  window.incmap = { map: map, config: cfg, shown: shown };
})();
