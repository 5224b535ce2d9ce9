/* conflictmap (ours, MIT like the project): cm.unpack, shared by the page script (cm-map.js) and the
   front layers (front-slider.js, front-points.js), which may be on a page without the other. */
(function () {
  "use strict";
  var cm = window.cm = window.cm || {};
  if (cm.unpack) { return; }
  /* The inverse of geo/render/packjson.py pack(): columns of objects ($o/$c), dictionary-coded
     strings ($d/$i), coordinate pairs as integer deltas at 1e-5 degree ($p). */
  cm.unpack = function (v) {
    if (v === null || typeof v !== "object") { return v; }
    if (Array.isArray(v)) { return v.map(cm.unpack); }
    var i, out;
    if (v.$p) {
      var flat = v.$p, x = 0, y = 0;
      out = new Array(flat.length / 2);
      for (i = 0; i < flat.length; i += 2) {
        x += flat[i];
        y += flat[i + 1];
        out[i / 2] = [x / 100000, y / 100000];
      }
      return out;
    }
    if (v.$d) { return v.$i.map(function (k) { return v.$d[k]; }); }
    if (v.$o) {
      var keys = v.$o, cols = v.$c.map(cm.unpack), n = cols.length ? cols[0].length : 0;
      out = new Array(n);
      for (i = 0; i < n; i++) {
        var o = {};
        for (var k = 0; k < keys.length; k++) { o[keys[k]] = cols[k][i]; }
        out[i] = o;
      }
      return out;
    }
    out = {};
    for (var key in v) { if (Object.prototype.hasOwnProperty.call(v, key)) { out[key] = cm.unpack(v[key]); } }
    return out;
  };
})();
