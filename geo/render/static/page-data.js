// Hands the page's data blocks (<script type="application/json" id="cm-data-...">, written by
// geo.render.pagelayers) to the page script: JSON.parse of a data block is much faster than a
// script literal of the same size.
function cmReadData(townZooms) {
  var read = function (id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  };
  cm.towns = read("cm-data-towns");
  cm.townZooms = townZooms;
  var m = read("cm-data-mentions");
  if (m) { cm.setMentions(m); }
  cm.setEvents(read("cm-data-events"));
}
