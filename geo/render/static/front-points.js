// Control changes (kind "change": circle markers) or front observations (kind "observation":
// crosses) of conflictmap (geo.render.frontslider), added to `group`. Popups and tooltips are text
// nodes (`popup`, from front-popup.js, is declared in the same scope).
function cmFrontPoints(group, data, kind) {
  data.features.forEach(function (f) {
    var p = f.properties;
    var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
    var marker;
    if (kind === "change") {
      var dashed = p.status === "reversed" || p.status === "claimed";
      marker = L.circleMarker(ll, {radius: 7, weight: 1.5, color: p.status === "reversed" ? p.colour : "#000000",
        dashArray: dashed ? "3 3" : null, fillColor: p.colour,
        fillOpacity: p.status === "reversed" ? 0.15 : (p.status === "claimed" ? 0.45 : 0.9)});
      marker.bindPopup(popup("Control change", [["Date", p.date], ["Place", p.place],
        ["Control", (p.from_controller || "?") + " \u2192 " + p.to_controller], ["Status", p.status],
        ["Evidence", p.evidence], ["Source", p.source]]), {maxWidth: 340});
      marker.bindTooltip(document.createTextNode(p.place + ": " + p.to_controller + " (" + p.status + ")"));
    } else {
      var icon = L.divIcon({className: "cm-front-obs", iconSize: [20, 20], iconAnchor: [10, 10],
        html: "<div style='font:bold 20px/20px sans-serif;text-shadow:0 0 2px #fff;color:" + p.colour + "'>\u2715</div>"});
      marker = L.marker(ll, {icon: icon});
      marker.bindPopup(popup("Front observation", [["Date", p.date], ["Forces", p.actor], ["Near", p.place],
        ["Distance", p.distance_km === null ? null : p.distance_km + " km"], ["Evidence", p.evidence],
        ["Source", p.source]]), {maxWidth: 340});
      marker.bindTooltip(document.createTextNode((p.actor || "forces") + " near " + (p.place || "?")));
      if (p.distance_km) {
        L.circle(ll, {radius: p.distance_km * 1000, color: p.colour, weight: 1.5, dashArray: "4 6",
          fill: false, interactive: false}).addTo(group);
      }
    }
    marker.addTo(group);
  });
}
