// Control changes (kind "change": circle markers) or front observations (kind "observation":
// crosses) of conflictmap (geo.render.frontslider), added to `group`. Popups and tooltips are text
// nodes (`popup`, from front-popup.js, is declared in the same scope), built when they open: a
// page with thousands of points builds no DOM for them at load. Change markers share one canvas
// renderer; observations (off by default) are only read and made when their layer is first shown.
// `data()` returns the layer's FeatureCollection (cmFrontData, front-popup.js).
function cmFrontPoints(group, data, kind) {
  var renderer = L.canvas({padding: 0.5});
  function changeMarker(p, ll) {
    var dashed = p.status === "reversed" || p.status === "claimed";
    var marker = L.circleMarker(ll, {radius: 7, weight: 1.5, color: p.status === "reversed" ? p.colour : "#000000",
      dashArray: dashed ? "3 3" : null, fillColor: p.colour, renderer: renderer,
      fillOpacity: p.status === "reversed" ? 0.15 : (p.status === "claimed" ? 0.45 : 0.9)});
    marker.bindPopup(function () {
      return popup("Control change", [["Date", p.date], ["Place", p.place],
        ["Control", (p.from_controller || "?") + " \u2192 " + p.to_controller], ["Status", p.status],
        ["Evidence", p.evidence], ["Source", p.source]]);
    }, {maxWidth: 340});
    marker.bindTooltip(function () {
      return document.createTextNode(p.place + ": " + p.to_controller + " (" + p.status + ")");
    });
    return marker;
  }
  function observationMarker(p, ll) {
    var icon = L.divIcon({className: "cm-front-obs", iconSize: [20, 20], iconAnchor: [10, 10],
      html: "<div style='font:bold 20px/20px sans-serif;text-shadow:0 0 2px #fff;color:" + p.colour + "'>\u2715</div>"});
    var marker = L.marker(ll, {icon: icon});
    marker.bindPopup(function () {
      return popup("Front observation", [["Date", p.date], ["Forces", p.actor], ["Near", p.place],
        ["Distance", p.distance_km === null ? null : p.distance_km + " km"], ["Evidence", p.evidence],
        ["Source", p.source]]);
    }, {maxWidth: 340});
    marker.bindTooltip(function () {
      return document.createTextNode((p.actor || "forces") + " near " + (p.place || "?"));
    });
    if (p.distance_km) {
      L.circle(ll, {radius: p.distance_km * 1000, color: p.colour, weight: 1.5, dashArray: "4 6",
        fill: false, interactive: false}).addTo(group);
    }
    return marker;
  }
  var built = false;
  function build() {
    if (built) { return; }
    built = true;
    data().features.forEach(function (f) {
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      (kind === "change" ? changeMarker : observationMarker)(f.properties, ll).addTo(group);
    });
  }
  if (kind === "change") {
    build();
  } else {  // built just before the group is first added to a map
    var onAdd = group.onAdd;
    group.onAdd = function (map) { build(); return onAdd.call(this, map); };
  }
}
