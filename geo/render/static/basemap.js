// The offline basemap of conflictmap (geo.render.pagelayers), below everything (tiles included):
// neighbouring countries, the governorates, the country outline, and water and roads when shipped.
function cmBasemap(map, shapes, outline, extra) {
  var pane = map.createPane("cmBase");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  if (extra.countries) {
    L.geoJSON(extra.countries, {pane: "cmBase", interactive: false,
      style: {color: "#b0b0b0", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
  }
  L.geoJSON(shapes, {pane: "cmBase", interactive: false,
    style: {color: "#a8a8a8", weight: 0.8, dashArray: "4 3", fillColor: "#fbfaf5", fillOpacity: 1}}).addTo(map);
  L.geoJSON(outline, {pane: "cmBase", interactive: false,
    style: {color: "#6e6e6e", weight: 2, fill: false}}).addTo(map);
  if (extra.lakes) {
    L.geoJSON(extra.lakes, {pane: "cmBase", interactive: false,
      style: {color: "#7fa7c9", weight: 0.6, fillColor: "#b9d3e6", fillOpacity: 1}}).addTo(map);
  }
  if (extra.rivers) {
    L.geoJSON(extra.rivers, {pane: "cmBase", interactive: false, style: {color: "#6f9fcc", weight: 1.6}}).addTo(map);
  }
  if (extra.roads) {
    L.geoJSON(extra.roads, {pane: "cmBase", interactive: false, style: {color: "#c9a36b", weight: 1.1}}).addTo(map);
  }
}
