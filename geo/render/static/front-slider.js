// The front-line slider of conflictmap (geo.render.frontslider): one snapshot of control areas,
// front lines and localities at a time, in `group` (a Leaflet layer group on `map`).
// `o` is the layer's JSON configuration; every dispatch string in it is shown with text nodes
// (`popup`, from front-popup.js, is declared in the same scope).
function cmFrontSlider(group, map, o) {
  var snaps = o.snapshots;
  var colours = o.colours;
  var intervals = o.intervals;
  function colour(c) { return colours[c] || o.unknownColour; }
  // the localities are many small circles: one canvas for all of them; popups are built on opening
  var renderer = L.canvas({padding: 0.5});
  var shown = null;
  var box = L.DomUtil.create("div", "cm-front-slider");
  var title = document.createElement("div");
  title.textContent = o.title + " ";
  var label = document.createElement("span");
  label.className = "cm-date";
  title.appendChild(label);
  box.appendChild(title);
  var input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.max = String(snaps.length - 1);
  input.step = "1";
  input.value = String(snaps.length - 1);
  input.setAttribute("aria-label", "snapshot date");
  box.appendChild(input);
  var keys = document.createElement("div");
  o.legend.forEach(function (item) {
    var k = document.createElement("div");
    var sw = document.createElement("span");
    sw.className = "cm-key";
    sw.style.background = colours[item];
    if (item === "contested") { sw.style.borderStyle = "dashed"; }
    k.appendChild(sw);
    k.appendChild(document.createTextNode(item));
    keys.appendChild(k);
  });
  var fl = document.createElement("div");
  var ln = document.createElement("span");
  ln.className = "cm-line";
  ln.style.borderTopColor = o.lineColour;
  fl.appendChild(ln);
  fl.appendChild(document.createTextNode("front line"));
  keys.appendChild(fl);
  var nd = document.createElement("div");
  nd.textContent = o.noData;
  keys.appendChild(nd);
  box.appendChild(keys);
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  var control = L.control({position: o.position});
  control.onAdd = function () { return box; };
  function show(i, day) {
    var s = snaps[i];
    day = day || s.date;
    if (shown === i + "|" + day) { return; }  // the same snapshot and day: nothing to redraw
    shown = i + "|" + day;
    group.clearLayers();
    L.geoJSON(s.areas, {
      style: function (f) {
        var c = colour(f.properties.controller);
        var contested = f.properties.controller === "contested";
        return {color: contested ? "#333333" : c, weight: contested ? 1.5 : 1, fillColor: c,
                fillOpacity: contested ? 0.3 : 0.35, dashArray: contested ? o.contestedDash : null};
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(function () {
          return popup(null, [["controller", f.properties.controller], ["date", s.date],
            ["area (km²)", Math.round(f.properties.area_km2)], ["localities", f.properties.n_localities]]);
        });
      }
    }).addTo(group);
    L.geoJSON(s.lines, {
      style: function () { return {color: o.lineColour, weight: 4, opacity: 0.9}; },
      onEachFeature: function (f, layer) {
        layer.bindPopup(function () {
          return popup(null, [["front line", f.properties.side_a + " / " + f.properties.side_b],
            ["date", s.date], ["length (km)", Math.round(f.properties.length_km * 10) / 10]]);
        });
      }
    }).addTo(group);
    var points = s.points;
    if (intervals) {  // localities whose period of unchanged state covers the day
      points = {type: "FeatureCollection", features: intervals.features.filter(function (f) {
        var p = f.properties;
        return p.valid_from <= day && (p.valid_to === null || p.valid_to > day);
      })};
    }
    L.geoJSON(points, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {radius: 3, weight: 1, color: "#222", renderer: renderer,
          fillColor: colour(f.properties.controller), fillOpacity: 0.95});
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindPopup(function () {
          return popup(null, [["place", p.place], ["controller", p.controller],
            ["since", p.observed || p.valid_from], ["until", p.valid_to], ["status", p.status],
            ["confidence", p.confidence], ["evidence", p.evidence], ["source", p.source]]);
        });
      }
    }).addTo(group);
    label.textContent = day;
    input.value = String(i);
    box.setAttribute("data-snapshot", String(i));
  }
  input.addEventListener("input", function () { show(parseInt(input.value, 10)); });
  // In a conflictmap page the panel's date range drives the snapshot: the latest one at or before
  // its end date (the first one before any), and this box keeps only the legend.
  var follow = window.cm && window.cm.onFilter && document.getElementById("cm-date-to");
  if (follow) {
    input.style.display = "none";
    window.cm.onFilter(function (f) {
      if (f.to === null || f.to === undefined) { return; }
      var day = window.cm.dayText(f.to), idx = 0;
      for (var k = 0; k < snaps.length; k++) { if (snaps[k].date <= day) { idx = k; } }
      show(idx, day);
    });
  }
  map.on("overlayadd", function (e) { if (e.layer === group) { control.addTo(map); } });
  map.on("overlayremove", function (e) { if (e.layer === group) { control.remove(); } });
  if (o.show) { control.addTo(map); }
  show(snaps.length - 1);
}
