"""Open a conflictmap GeoPackage in real QGIS and render it; print a JSON report.

Run under Debian's interpreter (PyQGIS is not in the venv)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/tools/qgis_check.py OUT.gpkg OUT.png

The report has, per layer: validity, feature count, CRS, geometry type, renderer type, whether
labels are enabled, and whether a style from the GeoPackage's ``layer_styles`` table was applied;
then the rendered PNG's size and number of distinct colours. Exit code 0 even when checks fail
(the calling test asserts); 2 on usage errors.
"""

from __future__ import annotations

import json
import os
import sys


def _sublayer_names(path: str) -> list[str]:
    from qgis.core import QgsVectorLayer

    probe = QgsVectorLayer(path, "probe", "ogr")
    names = []
    for entry in probe.dataProvider().subLayers():
        parts = entry.split(probe.dataProvider().sublayerSeparator())
        if len(parts) > 1:
            names.append(parts[1])
    return names


def _colours(image: object, step: int = 2) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4, 5):
        print("usage: qgis_check.py GPKG OUT.png [YYYY-MM-DD [XMIN,YMIN,XMAX,YMAX]]", file=sys.stderr)
        return 2
    gpkg, png = argv[1], argv[2]
    day = argv[3] if len(argv) >= 4 and argv[3] else None  # render as the temporal controller shows that day
    extent = [float(v) for v in argv[4].split(",")] if len(argv) == 5 else [35.4, 32.1, 42.6, 37.6]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from qgis.core import (
        Qgis,
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsDateTimeRange,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsRectangle,
        QgsVectorLayer,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    report: dict[str, object] = {"qgis_version": Qgis.QGIS_VERSION, "layers": {}}
    keep = []
    layer = None
    try:
        for name in _sublayer_names(gpkg):
            if name == "layer_styles":
                continue
            layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
            info: dict[str, object] = {"valid": layer.isValid()}
            if layer.isValid():
                spatial = layer.isSpatial()
                renderer = layer.renderer()
                info.update(
                    features=layer.featureCount(),
                    spatial=spatial,
                    crs=layer.crs().authid() if spatial else None,
                    geometry=QgsWkbTypes.displayString(layer.wkbType()),
                    renderer=renderer.type() if renderer is not None else None,
                    labels=bool(layer.labelsEnabled()),
                    fields=[f.name() for f in layer.fields()],
                    field_types={f.name(): f.typeName() for f in layer.fields()},
                )
                temporal = layer.temporalProperties()
                # QGIS 3.22 resets the temporal settings of a layer's default style when it opens a
                # GeoPackage layer (Layer Properties > Style > Load Style > From database restores
                # them): report both, then use the reloaded style as a user would.
                info["temporal_on_open"] = bool(temporal.isActive())
                if spatial:
                    msg, ok = layer.loadNamedStyle(layer.styleURI())
                    info["default_style_reloaded"] = [bool(ok), msg]
                renderer = layer.renderer()  # the reload replaced the renderer object
                info["temporal"] = bool(temporal.isActive())
                info["temporal_mode"] = int(temporal.mode())
                info["temporal_fields"] = [temporal.startField(), temporal.endField(), temporal.startExpression()]
                if layer.labelsEnabled() and layer.labeling() is not None:
                    settings = layer.labeling().settings()
                    info["label_scale"] = [bool(settings.scaleVisibility), settings.minimumScale, settings.maximumScale]
                    info["label_expression"] = settings.fieldName
                # Which style does the provider hold for this layer? (the one QGIS loaded on open)
                n_related, _ids, names, _descs, _err = layer.listStylesInDatabase()
                info["db_styles"] = list(names)[: max(n_related, 0)]
                if renderer is not None and renderer.type() == "categorizedSymbol":
                    info["categories"] = [c.value() for c in renderer.categories()]
                    from qgis.core import QgsSymbolLayer

                    active: set[str] = set()
                    categories = renderer.categories()
                    for category in categories:
                        symbol = category.symbol()
                        symbol_layer = symbol.symbolLayer(0)
                        props = symbol_layer.dataDefinedProperties()
                        for key, prop in (("fillColor", QgsSymbolLayer.PropertyFillColor),
                                          ("strokeStyle", QgsSymbolLayer.PropertyStrokeStyle)):
                            if props.isActive(prop):
                                active.add(key)
                    info["data_defined"] = sorted(active)
                if renderer is not None and renderer.type() == "graduatedSymbol":
                    info["ranges"] = [[r.lowerValue(), r.upperValue()] for r in renderer.ranges()]
                    info["class_attribute"] = renderer.classAttribute()
                if spatial:
                    keep.append(layer)
            report["layers"][name] = info

        order = {"Point": 0, "MultiPoint": 0, "LineString": 1, "MultiLineString": 1}
        keep.sort(key=lambda lyr: order.get(QgsWkbTypes.displayString(lyr.wkbType()), 2))
        settings = QgsMapSettings()
        settings.setLayers(keep)
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        settings.setOutputSize(QSize(800, 600))
        settings.setBackgroundColor(QColor(255, 255, 255))
        settings.setExtent(QgsRectangle(*extent))
        if day:
            y, m, d = (int(x) for x in day.split("-"))
            t0 = QDateTime(QDate(y, m, d), QTime(12, 0))
            settings.setIsTemporal(True)
            settings.setTemporalRange(QgsDateTimeRange(t0, t0.addSecs(3600)))
            report["temporal_day"] = day
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        saved = image.save(png, "PNG")
        report["png"] = {
            "path": png,
            "saved": bool(saved),
            "width": image.width(),
            "height": image.height(),
            "colours": _colours(image),
            "errors": [f"{e.layerID}: {e.message}" for e in job.errors()],
        }
    finally:
        # Print before tearing QGIS down: PyQGIS may crash at interpreter shutdown.
        print(json.dumps(report, ensure_ascii=False, default=str), flush=True)
        keep.clear()
        layer = None
        app.exitQgis()
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip Python's teardown of Qt objects (segfaults with PyQGIS 3.22)
