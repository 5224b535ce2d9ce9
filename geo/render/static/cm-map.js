/* conflictmap page script (ours, MIT like the project): events as columnar data drawn on a canvas,
   in-page filters (date range, actors, kinds, place search), town labels by importance, online
   tiles that fall back to the offline basemap. Needs Leaflet only.

   Untrusted text (places, evidence, sources, names) reaches the page as JSON data and is shown with
   DOM text nodes (textContent / createTextNode): it is never parsed as HTML. */
(function () {
  "use strict";
  var cm = window.cm = window.cm || {};
  var DAY_MS = 86400000;
  cm.filter = {from: null, to: null, actors: {}, kinds: {}};
  /* Zoomed out (zoom <= clusterMaxZoom) with at least clusterFrom points in view, a layer draws one
     symbol per clusterCell-pixel cell instead of a carpet of points: sized by count (log scale),
     coloured by the commonest actor, labelled with the count; a click zooms in. */
  cm.clusterMaxZoom = 8;
  cm.clusterFrom = 1000;
  cm.clusterCell = 56;
  cm.layers = [];
  var listeners = [];

  cm.onFilter = function (fn) { listeners.push(fn); };
  cm.setFilter = function (patch) {
    for (var k in patch) { if (Object.prototype.hasOwnProperty.call(patch, k)) { cm.filter[k] = patch[k]; } }
    listeners.forEach(function (fn) { fn(cm.filter); });
  };
  cm.dayText = function (day, precision) {
    if (day === null || day === undefined) { return null; }
    var iso = new Date(day * DAY_MS).toISOString();
    if (precision === "year") { return iso.slice(0, 4); }
    if (precision === "month") { return iso.slice(0, 7); }
    return iso.slice(0, 10);
  };

  /* A popup body: title, [label, value] rows, a quoted evidence sentence and the source, all text. */
  cm.popup = function (title, rows, quote, source) {
    var div = document.createElement("div");
    div.className = "cm-popup";
    if (title) {
      var h = document.createElement("b");
      h.textContent = title;
      div.appendChild(h);
    }
    rows.forEach(function (kv) {
      if (kv[1] === null || kv[1] === undefined || kv[1] === "") { return; }
      var row = document.createElement("div");
      var b = document.createElement("span");
      b.className = "cm-k";
      b.textContent = kv[0] + ": ";
      row.appendChild(b);
      row.appendChild(document.createTextNode(String(kv[1])));
      div.appendChild(row);
    });
    if (quote) {
      var q = document.createElement("q");
      q.className = "cm-evidence";
      q.textContent = quote;
      div.appendChild(q);
    }
    if (source) {
      var s = document.createElement("small");
      s.className = "cm-source";
      s.textContent = "Source: " + source;
      div.appendChild(s);
    }
    return div;
  };

  /* Web Mercator, normalised to [0, 1] (Leaflet's EPSG:3857 pixel space divided by 256 * 2^zoom). */
  function mx(lon) { return (lon + 180) / 360; }
  function my(lat) {
    var s = Math.sin(Math.max(Math.min(lat, 85.0511), -85.0511) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  /* radius in pixels of a killed count: 1, 10 and 100 killed are clearly different sizes. */
  cm.radius = function (killed) {
    if (killed === null || killed === undefined || killed <= 0) { return 3.5; }
    return Math.min(32, 3 + 3 * Math.sqrt(killed));
  };

  /* The events: every column an array of the same length (see geo/render/eventdata.py). */
  cm.setEvents = function (d) {
    var n = d.lat.length, i;
    d.n = n;
    d.X = new Float64Array(n);
    d.Y = new Float64Array(n);
    d.R = new Float32Array(n);
    for (i = 0; i < n; i++) {
      d.X[i] = mx(d.lon[i] / d.scale);
      d.Y[i] = my(d.lat[i] / d.scale);
      var killed = d.n_killed[i];
      var f = d.f[i];
      // radii rounded to half pixels: points of one size and one style are drawn as one path
      d.R[i] = Math.round(2 * ((f & 8) ? 8 : ((f & 4) ? 4 : cm.radius(killed)))) / 2;
    }
    // the drawing style of a point: colour, hollow (approximate place), ringed (control change)
    d.S = new Int32Array(n);
    for (i = 0; i < n; i++) { d.S[i] = d.a[i] * 4 + (d.g[i] >= 2 ? 2 : 0) + ((d.f[i] & 8) ? 1 : 0); }
    // big circles first so that small ones stay on top (and are hit first); then by style
    var order = new Array(n);
    for (i = 0; i < n; i++) { order[i] = i; }
    order.sort(function (a, b) { return d.R[b] - d.R[a] || d.S[a] - d.S[b] || a - b; });
    d.order = Int32Array.from(order);
    d.visible = new Uint8Array(n);
    cm.events = d;
    cm.applyFilter();
    if (d.z) { cm.unpackPopups(d); }
    return d;
  };

  /* Big pages carry the popup-only data (evidence, sources, other rows) gzipped in d.z
     (geo/render/eventdata.py pack_popups): decoded after the first draw, put back in place. */
  cm.unpackPopups = function (d) {
    if (typeof DecompressionStream === "undefined" || typeof Response === "undefined") { d.zFailed = true; return; }
    window.__cmPending = (window.__cmPending || 0) + 1;
    var text = window.atob(d.z), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (json) {
      var p = JSON.parse(json);
      d.e = p.e;
      d.s = p.s;
      d.x = p.x;
      d.tables.evidence = p.evidence;
      d.tables.source = p.source;
      d.tables.extra = p.extra;
      d.z = null;
    }, function () { d.zFailed = true; }).then(function () { window.__cmPending -= 1; });
  };

  /* place mentions: lat, lon (x scale), t (index in names: [name, as written]) */
  cm.setMentions = function (m) {
    m.n = m.lat.length;
    m.X = new Float64Array(m.n);
    m.Y = new Float64Array(m.n);
    for (var i = 0; i < m.n; i++) {
      m.X[i] = mx(m.lon[i] / m.scale);
      m.Y[i] = my(m.lat[i] / m.scale);
    }
    cm.mentions = m;
    return m;
  };

  cm.applyFilter = function () {
    var d = cm.events;
    if (!d) { return; }
    var f = cm.filter, n = d.n, shown = 0, full = f.from === null || (f.from <= d.day_min && f.to >= d.day_max);
    for (var i = 0; i < n; i++) {
      var day = d.day[i];
      var ok = !f.actors[d.a[i]] && !f.kinds[d.tables.kind[d.k[i]][0]];
      if (ok && f.from !== null) {
        ok = day === null ? full : (day >= f.from && day <= f.to);
      }
      d.visible[i] = ok ? 1 : 0;
      shown += ok ? 1 : 0;
    }
    d.shown = shown;
  };
  cm.onFilter(function () {
    cm.applyFilter();
    cm.layers.forEach(function (layer) { if (layer._map) { layer.redraw(); } });
  });

  /* The popup of event i, built from the columns. */
  cm.eventPopup = function (i) {
    var d = cm.events, t = d.tables;
    var kind = t.kind[d.k[i]], place = t.place[d.p[i]];
    var title = (place[0] || "unnamed place") + (place[1] ? ", " + place[1] : "") + " (" + (kind[1] || kind[0]) + ")";
    var precision = t.dp[d.dp[i]];
    var date = cm.dayText(d.day[i], precision);
    var rows = [["Date", date === null ? null : date + (precision && precision !== "day" ? " (" + precision + ")" : "")]];
    var g = d.g[i];
    rows.push(["Location", g === 1 ? "exact (precision 1: the place itself)" :
      g === 2 ? "approximate (precision 2: near this place / part of a region)" :
      g === 3 ? "approximate (precision 3: a governorate or large region)" : null]);
    if (!d.x) {  // packed popup data not decoded (yet)
      rows.push(["Details", d.zFailed ? "not available in this browser" : "loading, click again"]);
      return cm.popup(title, rows, null, null);
    }
    t.extra[d.x[i]].forEach(function (kv) { rows.push(kv); });
    return cm.popup(title, rows, d.e[i] === null ? null : t.evidence[d.e[i]], d.s[i] === null ? null : t.source[d.s[i]]);
  };
  cm.eventTooltip = function (i) {
    var d = cm.events, t = d.tables;
    var date = cm.dayText(d.day[i], t.dp[d.dp[i]]);
    var killed = d.n_killed[i];
    return (t.place[d.p[i]][0] || "unnamed place") + (date ? " · " + date : "") +
      (killed !== null ? " · " + ((d.f[i] & 1) ? "≥ " : "") + killed + " killed" : "");
  };

  /* A canvas layer drawing the events whose kind is in `kinds` (or mentions, mode "mention"). */
  cm.CanvasLayer = L.Layer.extend({
    options: {pane: "cmEvents", kinds: null, cls: "cm-strike", mode: "event"},

    initialize: function (options) { L.setOptions(this, options); },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        var pane = map.createPane(this.options.pane);
        pane.style.zIndex = 450;
        pane.style.pointerEvents = "none";
      }
      this._canvas = L.DomUtil.create("canvas", "cm-canvas " + this.options.cls);
      this._canvas.style.pointerEvents = "none";
      map.getPane(this.options.pane).appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this.redraw, this);
      map.on("zoomstart", this._hide, this);
      cm.layers.push(this);
      cm.bindMap(map);
      this._canvas.style.visibility = "hidden";
      this.redraw();
    },

    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this.redraw, this);
      map.off("zoomstart", this._hide, this);
      if (this._frame) { window.cancelAnimationFrame(this._frame); this._frame = null; }
      L.DomUtil.remove(this._canvas);
      cm.layers = cm.layers.filter(function (l) { return l !== this; }, this);
      this._drawn = null;
    },

    _hide: function () { this._canvas.style.visibility = "hidden"; },

    _data: function () { return this.options.mode === "mention" ? cm.mentions : cm.events; },

    _want: function (d, i) {
      if (this.options.mode === "mention") { return true; }
      return d.visible[i] === 1 && this.options.kinds.indexOf(d.tables.kind[d.k[i]][0]) >= 0;
    },

    /* draw at the next animation frame (several requests in one frame draw once) */
    redraw: function () {
      if (this._frame) { return; }
      var self = this;
      this._frame = window.requestAnimationFrame(function () { self._frame = null; self.draw(); });
    },

    draw: function () {
      var map = this._map, d = this._data();
      if (!map || !d) { return; }
      var size = map.getSize(), ratio = window.devicePixelRatio || 1, c = this._canvas;
      c.width = size.x * ratio;
      c.height = size.y * ratio;
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      var ctx = c.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var scale = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelBounds().min;
      var n = d.n, xs = new Float32Array(n), ys = new Float32Array(n), drawn = [];
      var mention = this.options.mode === "mention";
      var order = mention ? null : d.order, colours = mention ? null : d.tables.colour;
      // Each point is a stamp (its circle drawn once per colour, style and size with the canvas
      // API, read back as pixels) blended into one pixel buffer: software canvases rasterise
      // 100,000 anti-aliased arcs in seconds, this takes a fraction of it.
      var W = c.width, H = c.height, img = ctx.createImageData(W, H), px = img.data;
      var stamps = this._stamps || (this._stamps = {});
      var stamp = function (key, r) {
        var id = key * 1000 + r * 2, sp = stamps[id];
        if (sp) { return sp; }
        var half = Math.ceil((r + 2) * ratio), side = 2 * half;
        var cv = document.createElement("canvas");
        cv.width = side;
        cv.height = side;
        var g = cv.getContext("2d");
        g.setTransform(ratio, 0, 0, ratio, 0, 0);
        g.beginPath();
        g.arc(half / ratio, half / ratio, r, 0, 2 * Math.PI);
        if (mention) {
          g.globalAlpha = 0.8;
          g.fillStyle = "#777777";
          g.fill();
        } else {
          var colour = colours[key >> 2], hollow = (key & 2) !== 0, change = (key & 1) !== 0;
          if (hollow) {  // approximate place: a dashed ring, no fill
            g.setLineDash([3, 2]);
            g.lineWidth = 2;
            g.strokeStyle = colour;
            g.stroke();
          } else {
            g.globalAlpha = 0.75;
            g.fillStyle = colour;
            g.fill();
            g.globalAlpha = 1;
            g.lineWidth = change ? 2.5 : 0.8;
            g.strokeStyle = change ? "#000000" : "rgba(0,0,0,0.55)";
            g.stroke();
          }
        }
        var data = g.getImageData(0, 0, side, side).data, dx = [], dy = [], rgba = [];
        for (var yy = 0; yy < side; yy++) {
          for (var xx = 0; xx < side; xx++) {
            var o = (yy * side + xx) * 4;
            if (data[o + 3] === 0) { continue; }
            dx.push(xx - half);
            dy.push(yy - half);
            rgba.push(data[o], data[o + 1], data[o + 2], data[o + 3] / 255);
          }
        }
        sp = stamps[id] = {dx: Int16Array.from(dx), dy: Int16Array.from(dy), rgba: Float32Array.from(rgba)};
        return sp;
      };
      var visible = d.visible, kindOf = d.k, wanted = null;
      if (!mention) {  // kinds of this layer, by index in tables.kind
        var kinds = this.options.kinds;
        wanted = new Uint8Array(d.tables.kind.length);
        d.tables.kind.forEach(function (k, idx) { wanted[idx] = kinds.indexOf(k[0]) >= 0 ? 1 : 0; });
      }
      for (var j = 0; j < n; j++) {
        var i = mention ? j : order[j];
        if (!mention && (visible[i] !== 1 || wanted[kindOf[i]] !== 1)) { continue; }
        var x = d.X[i] * scale - origin.x, y = d.Y[i] * scale - origin.y, r = mention ? 3 : d.R[i];
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) { continue; }
        xs[i] = x;
        ys[i] = y;
        drawn.push(i);
      }
      this._clusters = null;
      if (!mention && map.getZoom() <= cm.clusterMaxZoom && drawn.length >= cm.clusterFrom) {
        this._drawClusters(ctx, d, drawn, xs, ys);
        this._xs = xs;
        this._ys = ys;
        this._drawn = new Int32Array(0);
        c.style.visibility = "visible";
        c.setAttribute("data-drawn", String(drawn.length));
        c.setAttribute("data-clusters", String(this._clusters.length));
        return;
      }
      c.removeAttribute("data-clusters");
      // Composite front to back (the top point first, "under" operator, premultiplied): a pixel
      // that is already opaque is skipped, so dense areas cost little however many points overlap.
      var acc = new Float32Array(W * H * 4), FULL = 0.985;
      // 8 x 8 pixel cells: how many of their pixels are opaque (a point over opaque cells only is skipped)
      var CW = Math.ceil(W / 8), CH = Math.ceil(H / 8), cells = new Uint8Array(CW * CH), cellSize = new Uint8Array(CW * CH);
      for (var cyy = 0; cyy < CH; cyy++) {
        for (var cxx = 0; cxx < CW; cxx++) { cellSize[cyy * CW + cxx] = Math.min(8, W - 8 * cxx) * Math.min(8, H - 8 * cyy); }
      }
      for (var jj = drawn.length - 1; jj >= 0; jj--) {
        var ii = drawn[jj], rr = mention ? 3 : d.R[ii];
        var cx = Math.round(xs[ii] * ratio), cy = Math.round(ys[ii] * ratio), ext = Math.ceil((rr + 2) * ratio);
        var c0 = Math.max(0, (cx - ext) >> 3), c1 = Math.min(CW - 1, (cx + ext) >> 3);
        var r0 = Math.max(0, (cy - ext) >> 3), r1 = Math.min(CH - 1, (cy + ext) >> 3), covered = true;
        for (var ry = r0; ry <= r1 && covered; ry++) {
          for (var rx = c0; rx <= c1; rx++) { if (cells[ry * CW + rx] < cellSize[ry * CW + rx]) { covered = false; break; } }
        }
        if (covered) { continue; }
        var sp = stamp(mention ? 0 : d.S[ii], rr), sdx = sp.dx, sdy = sp.dy, sc = sp.rgba;
        for (var k = 0, m = sdx.length; k < m; k++) {
          var tx = cx + sdx[k], ty = cy + sdy[k];
          if (tx < 0 || ty < 0 || tx >= W || ty >= H) { continue; }
          var q = (ty * W + tx) * 4, cover = acc[q + 3];
          if (cover >= FULL) { continue; }
          var w = (1 - cover) * sc[4 * k + 3];
          acc[q] += w * sc[4 * k];
          acc[q + 1] += w * sc[4 * k + 1];
          acc[q + 2] += w * sc[4 * k + 2];
          acc[q + 3] = cover + w;
          if (cover + w >= FULL) { cells[(ty >> 3) * CW + (tx >> 3)] += 1; }
        }
      }
      for (var p = 0, total = W * H * 4; p < total; p += 4) {
        var alpha = acc[p + 3];
        if (alpha === 0) { continue; }
        px[p] = acc[p] / alpha;
        px[p + 1] = acc[p + 1] / alpha;
        px[p + 2] = acc[p + 2] / alpha;
        px[p + 3] = alpha * 255;
      }
      ctx.putImageData(img, 0, 0);
      ctx.globalAlpha = 1;
      this._xs = xs;
      this._ys = ys;
      this._drawn = Int32Array.from(drawn);
      c.style.visibility = "visible";
      c.setAttribute("data-drawn", String(drawn.length));
    },

    /* one symbol per grid cell: count, mean position, killed, commonest actor (see cm.clusterMaxZoom) */
    _drawClusters: function (ctx, d, drawn, xs, ys) {
      var G = cm.clusterCell, cells = {}, list = [], nActors = d.tables.actor.length;
      for (var j = 0; j < drawn.length; j++) {
        var i = drawn[j], key = Math.floor(xs[i] / G) * 65536 + Math.floor(ys[i] / G), cl = cells[key];
        if (!cl) {
          cl = cells[key] = {n: 0, x: 0, y: 0, killed: 0, actors: new Int32Array(nActors)};
          list.push(cl);
        }
        cl.n += 1;
        cl.x += xs[i];
        cl.y += ys[i];
        cl.killed += (d.f[i] & 4) ? 0 : Math.max(d.n_killed[i] || 0, 0);  // cumulative tolls not added
        cl.actors[d.a[i]] += 1;
      }
      list.sort(function (a, b) { return b.n - a.n; });  // big first, small on top
      ctx.font = "bold 11px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      list.forEach(function (cl) {
        cl.x /= cl.n;
        cl.y /= cl.n;
        cl.r = 6 + 5 * Math.log(cl.n) / Math.LN10;
        var top = 0;
        for (var a = 1; a < nActors; a++) { if (cl.actors[a] > cl.actors[top]) { top = a; } }
        cl.actor = top;
        ctx.beginPath();
        ctx.arc(cl.x, cl.y, cl.r, 0, 2 * Math.PI);
        ctx.globalAlpha = 0.6;
        ctx.fillStyle = d.tables.colour[top];
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
        if (cl.n > 1) {
          var label = cl.n >= 10000 ? Math.round(cl.n / 1000) + "k" : String(cl.n);
          ctx.lineWidth = 3;
          ctx.strokeStyle = "rgba(255,255,255,0.9)";
          ctx.strokeText(label, cl.x, cl.y);
          ctx.fillStyle = "#111111";
          ctx.fillText(label, cl.x, cl.y);
        }
      });
      this._clusters = list;
    },

    /* the cluster symbol under container point p (topmost), or null */
    hitCluster: function (p) {
      var list = this._clusters;
      if (!list) { return null; }
      for (var j = list.length - 1; j >= 0; j--) {
        var cl = list[j], dx = cl.x - p.x, dy = cl.y - p.y;
        if (dx * dx + dy * dy <= (cl.r + 2) * (cl.r + 2)) { return cl; }
      }
      return null;
    },

    clusterTooltip: function (cl) {
      var d = this._data();
      return cl.n + " events" + (cl.killed ? " · " + cl.killed + " killed" : "") + " · mostly " +
        d.tables.actor[cl.actor] + " · click to zoom in";
    },

    /* the index of the topmost drawn point under container point p, or -1 */
    hit: function (p) {
      var drawn = this._drawn, d = this._data();
      if (!drawn) { return -1; }
      var mention = this.options.mode === "mention";
      for (var j = drawn.length - 1; j >= 0; j--) {
        var i = drawn[j], r = (mention ? 3 : d.R[i]) + 2;
        var dx = this._xs[i] - p.x, dy = this._ys[i] - p.y;
        if (dx * dx + dy * dy <= r * r) { return i; }
      }
      return -1;
    },

    latLngOf: function (i) {
      var d = this._data();
      return L.latLng(d.lat[i] / d.scale, d.lon[i] / d.scale);
    },

    popupFor: function (i) {
      if (this.options.mode === "mention") {
        var m = cm.mentions;
        var name = m.names[m.t[i]];
        return cm.popup(name[0] || name[1], [["as written", name[1] !== name[0] ? name[1] : null]], null, null);
      }
      return cm.eventPopup(i);
    },

    tooltipFor: function (i) {
      if (this.options.mode === "mention") {
        var name = cm.mentions.names[cm.mentions.t[i]];
        return (name[0] || name[1]) + (name[1] && name[1] !== name[0] ? " (“" + name[1] + "”)" : "");
      }
      return cm.eventTooltip(i);
    },

    /* open the popup of point i (used by the place search and by tests) */
    openPopupFor: function (i) {
      L.popup({maxWidth: 340}).setLatLng(this.latLngOf(i)).setContent(this.popupFor(i)).openOn(this._map);
    },

    /* every index this layer draws at the current filter (not only those in view) */
    indices: function () {
      var d = this._data(), out = [];
      for (var i = 0; i < d.n; i++) { if (this._want(d, i)) { out.push(i); } }
      return out;
    }
  });

  /* one click / hover handler per map: the topmost layer with a point under the mouse wins */
  cm.bindMap = function (map) {
    if (map._cmBound) { return; }
    map._cmBound = true;
    var tip = L.tooltip({className: "cm-tooltip", direction: "top", offset: [0, -6]});
    function find(p) {
      for (var k = cm.layers.length - 1; k >= 0; k--) {
        var layer = cm.layers[k];
        if (!layer._map) { continue; }
        var cl = layer.hitCluster ? layer.hitCluster(p) : null;
        if (cl) { return [layer, -1, cl]; }
        var i = layer.hit(p);
        if (i >= 0) { return [layer, i]; }
      }
      return null;
    }
    map.on("click", function (e) {
      var found = find(e.containerPoint);
      if (found && found[2]) {
        map.setView(map.containerPointToLatLng([found[2].x, found[2].y]), map.getZoom() + 2);
      } else if (found) {
        found[0].openPopupFor(found[1]);
      }
    });
    var pending = null;
    map.on("mousemove", function (e) {
      pending = e.containerPoint;
      window.requestAnimationFrame(function () {
        if (pending === null) { return; }
        var found = find(pending);
        pending = null;
        map.getContainer().style.cursor = found ? "pointer" : "";
        if (found && found[2]) {
          tip.setLatLng(map.containerPointToLatLng([found[2].x, found[2].y]))
            .setContent(document.createTextNode(found[0].clusterTooltip(found[2])));
          if (!map.hasLayer(tip)) { tip.addTo(map); }
        } else if (found) {
          tip.setLatLng(found[0].latLngOf(found[1])).setContent(document.createTextNode(found[0].tooltipFor(found[1])));
          if (!map.hasLayer(tip)) { tip.addTo(map); }
        } else if (map.hasLayer(tip)) {
          map.removeLayer(tip);
        }
      });
    });
    map.on("mouseout", function () { if (map.hasLayer(tip)) { map.removeLayer(tip); } });
  };

  /* the heat map of the strikes shown by the filters, rebuilt when they change */
  cm.HeatLayer = L.Layer.extend({
    options: {kinds: ["strike"]},
    initialize: function (options) { L.setOptions(this, options); },
    onAdd: function (map) {
      this._map = map;
      this._build();
      var self = this;
      this._listener = function () { if (self._map) { self._build(); } };
      if (!this._registered) { cm.onFilter(this._listener); this._registered = true; }
    },
    onRemove: function (map) {
      if (this._heat) { map.removeLayer(this._heat); this._heat = null; }
      this._map = null;
    },
    _build: function () {
      var d = cm.events, pts = [], top = 1, i;
      if (this._heat) { this._map.removeLayer(this._heat); }
      for (i = 0; i < d.n; i++) {
        if (d.visible[i] !== 1 || this.options.kinds.indexOf(d.tables.kind[d.k[i]][0]) < 0) { continue; }
        var w = 1 + Math.sqrt(Math.max(d.n_killed[i] || 0, 0));
        top = Math.max(top, w);
        pts.push([d.lat[i] / d.scale, d.lon[i] / d.scale, w]);
      }
      pts.forEach(function (p) { p[2] = p[2] / top; });
      this._heat = L.heatLayer(pts, {radius: 18, blur: 15, minOpacity: 0.3}).addTo(this._map);
    }
  });

  /* town labels shown by importance: rank r appears from zoom minZoom[r] */
  cm.TownLabels = L.Layer.extend({
    options: {pane: "cmLabels"},
    initialize: function (towns, minZoom) { this._towns = towns; this._minZoom = minZoom; },
    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) {
        var pane = map.createPane(this.options.pane);
        pane.style.zIndex = 420;
        pane.style.pointerEvents = "none";
      }
      this._group = L.layerGroup();
      var self = this;
      this._markers = this._towns.names.map(function (name, i) {
        var icon = L.divIcon({className: "cm-town cm-rank" + self._towns.rank[i], iconSize: null,
          html: ""});
        var marker = L.marker([self._towns.lat[i], self._towns.lon[i]], {icon: icon, pane: self.options.pane,
          interactive: false, keyboard: false});
        marker.on("add", function () {
          var el = marker.getElement();
          if (el && !el.firstChild) {
            var dot = document.createElement("span");
            dot.className = "cm-town-dot";
            var label = document.createElement("span");
            label.className = "cm-town-label";
            label.textContent = name;
            el.appendChild(dot);
            el.appendChild(label);
          }
        });
        return marker;
      });
      this._group.addTo(map);
      map.on("zoomend", this._update, this);
      this._update();
    },
    onRemove: function (map) {
      map.off("zoomend", this._update, this);
      map.removeLayer(this._group);
    },
    _update: function () {
      var z = this._map.getZoom(), group = this._group, self = this;
      this._markers.forEach(function (m, i) {
        var want = z >= self._minZoom[self._towns.rank[i]];
        if (want && !group.hasLayer(m)) { group.addLayer(m); }
        if (!want && group.hasLayer(m)) { group.removeLayer(m); }
      });
    }
  });

  /* online tiles (opt-in): after a few failed tiles the layer removes itself, the offline basemap stays */
  cm.fallbackTiles = function (layer, map) {
    var failed = 0;
    layer.on("tileerror", function () {
      failed += 1;
      if (failed >= 3 && map.hasLayer(layer)) {
        map.removeLayer(layer);
        map.getContainer().setAttribute("data-tiles", "offline");
      }
    });
    layer.on("tileload", function () { map.getContainer().setAttribute("data-tiles", "online"); });
    return layer;
  };

  /* the filter panel: date range, actors, kinds, place search, collapse button */
  cm.bindPanel = function (map) {
    var d = cm.events;
    var panel = document.getElementById("cm-panel");
    if (!panel) { return; }
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);
    var toggle = document.getElementById("cm-toggle");
    toggle.addEventListener("click", function () {
      var collapsed = panel.classList.toggle("cm-collapsed");
      toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
      toggle.textContent = collapsed ? "☰" : "×";
    });
    if (window.innerWidth < 700 || window.innerHeight < 480) { toggle.click(); }
    var from = document.getElementById("cm-date-from"), to = document.getElementById("cm-date-to");
    var label = document.getElementById("cm-date-label"), count = document.getElementById("cm-count");
    function showCount() {
      if (count) { count.textContent = cm.events.shown + " of " + cm.events.n + " mapped events shown"; }
    }
    if (d.day_min !== null && from && to) {
      [from, to].forEach(function (input) {
        input.min = String(d.day_min);
        input.max = String(d.day_max);
      });
      from.value = String(d.day_min);
      to.value = String(d.day_max);
      var onRange = function (e) {
        var a = parseInt(from.value, 10), b = parseInt(to.value, 10);
        if (a > b) { if (e && e.target === from) { to.value = from.value; b = a; } else { from.value = to.value; a = b; } }
        label.textContent = cm.dayText(a) + " – " + cm.dayText(b);
        cm.setFilter({from: a, to: b});
        showCount();
      };
      from.addEventListener("input", onRange);
      to.addEventListener("input", onRange);
      onRange();
    } else if (from && to) {
      from.disabled = true;
      to.disabled = true;
    }
    Array.prototype.forEach.call(panel.querySelectorAll("input[data-cm-actor]"), function (box) {
      box.addEventListener("change", function () {
        var hidden = {};
        Array.prototype.forEach.call(panel.querySelectorAll("input[data-cm-actor]"), function (b) {
          if (!b.checked) { hidden[parseInt(b.getAttribute("data-cm-actor"), 10)] = true; }
        });
        cm.setFilter({actors: hidden});
        showCount();
      });
    });
    Array.prototype.forEach.call(panel.querySelectorAll("input[data-cm-kind]"), function (box) {
      box.addEventListener("change", function () {
        var hidden = {};
        Array.prototype.forEach.call(panel.querySelectorAll("input[data-cm-kind]"), function (b) {
          if (!b.checked) { hidden[b.getAttribute("data-cm-kind")] = true; }
        });
        cm.setFilter({kinds: hidden});
        showCount();
      });
    });
    showCount();
    var search = document.getElementById("cm-search"), list = document.getElementById("cm-places");
    if (search && list) {
      var index = null;  // folded name -> {event: i} or {town: j}, built on first use
      var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); };
      var build = function () {
        if (index !== null) { return; }
        index = {};
        var names = [], t = d.tables, firstEvent = new Int32Array(t.place.length).fill(-1);
        for (var i = 0; i < d.n; i++) { if (firstEvent[d.p[i]] < 0) { firstEvent[d.p[i]] = i; } }
        t.place.forEach(function (place, k) {
          var name = place[0];
          if (name && firstEvent[k] >= 0 && !index[fold(name)]) { index[fold(name)] = {event: firstEvent[k]}; names.push(name); }
        });
        if (cm.towns) {
          cm.towns.names.forEach(function (name, j) {
            if (!index[fold(name)]) { index[fold(name)] = {town: j}; names.push(name); }
          });
        }
        names.sort();
        var frag = document.createDocumentFragment();
        names.forEach(function (name) {
          var opt = document.createElement("option");
          opt.value = name;
          frag.appendChild(opt);
        });
        list.appendChild(frag);
      };
      search.addEventListener("focus", build);
      var last = null;
      var go = function () {
        if (search.value === last) { return; }  // Enter and the change that follows it: once
        last = search.value;
        build();
        var hit = index[fold(search.value)];
        if (!hit) {
          var q = fold(search.value);
          if (!q) { return; }
          for (var key in index) { if (key.indexOf(q) === 0) { hit = index[key]; break; } }
        }
        search.classList.toggle("cm-notfound", !hit);
        if (!hit) { return; }
        if (hit.town !== undefined) {
          map.setView([cm.towns.lat[hit.town], cm.towns.lon[hit.town]], Math.max(map.getZoom(), 10));
          return;
        }
        var ev = hit.event, layer = null;
        cm.layers.forEach(function (l) { if (l.options.mode === "event" && l.options.kinds.indexOf(d.tables.kind[d.k[ev]][0]) >= 0) { layer = l; } });
        map.setView([d.lat[ev] / d.scale, d.lon[ev] / d.scale], Math.max(map.getZoom(), 10));
        if (layer && layer._map) { layer.openPopupFor(ev); }
      };
      search.addEventListener("change", go);
      search.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
      search.addEventListener("input", function () { last = null; });
    }
  };
})();
