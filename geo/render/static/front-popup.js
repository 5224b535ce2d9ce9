// Popup body built with DOM text nodes only (dispatch text never becomes HTML), shared by the
// front layers of conflictmap; `title` may be null (slider features), rows with an empty value are left out.
function popup(title, pairs) {
  var div = document.createElement("div");
  if (title !== null) {
    div.className = "cm-popup";
    var h = document.createElement("b");
    h.textContent = title;
    div.appendChild(h);
  }
  pairs.forEach(function (kv) {
    if (kv[1] === null || kv[1] === undefined || kv[1] === "") { return; }
    var row = document.createElement("div");
    var b = document.createElement("b");
    b.textContent = kv[0] + ": ";
    row.appendChild(b);
    row.appendChild(document.createTextNode(String(kv[1])));
    div.appendChild(row);
  });
  return div;
}
// The packed JSON data block `id` of a front layer (<script type="application/json">, written by
// geo.render.frontslider): JSON.parse of a data block is much faster than a script literal.
function cmFrontData(id) {
  return window.cm.unpack(JSON.parse(document.getElementById(id).textContent));
}
