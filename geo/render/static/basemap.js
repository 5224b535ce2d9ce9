// The offline basemap of conflictmap (geo.render.pagelayers), below everything (tiles included):
// neighbouring countries, the governorates, the country outline, the main rivers (named from zoom 7),
// and lakes and roads when shipped.
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
    L.geoJSON(extra.rivers, {pane: "cmBase", interactive: false, className: "cm-river",
      style: {color: "#5b93c7", weight: 1.4, opacity: 0.9}}).addTo(map);
    cmRiverLabels(map, extra.river_labels || [], 7);
    if (extra.river_attribution && map.attributionControl) {
      map.attributionControl.addAttribution(extra.river_attribution.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    }
  }
  if (extra.roads) {
    L.geoJSON(extra.roads, {pane: "cmBase", interactive: false, style: {color: "#c9a36b", weight: 1.1}}).addTo(map);
  }
}

// River names in italic blue, shown from zoom minZoom on (one label per river, at its longest line's middle).
// Their own pane: inside "cmBase" Leaflet's CSS puts the SVG lines at z-index 200, over markers placed above y=200.
function cmRiverLabels(map, labels, minZoom) {
  var pane = map.createPane("cmBaseLabels");
  pane.style.zIndex = 160;
  pane.style.pointerEvents = "none";
  var group = L.layerGroup(labels.map(function (r) {
    var icon = L.divIcon({className: "cm-river-label", iconSize: null, html: ""});
    var marker = L.marker([r.lat, r.lon], {icon: icon, pane: "cmBaseLabels", interactive: false, keyboard: false});
    marker.on("add", function () {
      var el = marker.getElement();
      if (el && !el.firstChild) {
        var text = document.createElement("span");  // centred on the river's line
        text.textContent = r.name;
        el.appendChild(text);
      }
    });
    return marker;
  }));
  function update() {
    if (map.getZoom() >= minZoom) { group.addTo(map); } else { map.removeLayer(group); }
  }
  map.on("zoomend", update);
  update();
}
