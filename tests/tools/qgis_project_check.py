"""Open a conflictmap QGIS project (``events.qgz``) in real QGIS; print a JSON report.

Run under Debian's interpreter (PyQGIS is not in the venv)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/tools/qgis_project_check.py OUT.qgz FROM TO [OUT.png]

Per layer: validity, feature count, CRS, WKB type, renderer, whether its temporal properties are
active (and their mode), and how many features the layer's own temporal filter keeps for the range
FROM..TO (ISO dates, TO excluded); the project's temporal range and layer tree (groups, order,
visibility). With OUT.png, the project is also rendered for that range. Exit code 0 even when checks
fail (the calling test asserts).
"""

from __future__ import annotations

import json
import os
import sys


def _filtered_count(layer: object, start: object, end: object) -> int | None:
    from qgis.core import QgsDateTimeRange, QgsFeatureRequest, QgsVectorLayerTemporalContext

    temporal = layer.temporalProperties()
    if not temporal.isActive():
        return None
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = temporal.createFilterString(context, QgsDateTimeRange(start, end, True, False))
    if not expression:
        return int(layer.featureCount())
    return sum(1 for _ in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression)))


def _render(project: object, start: object, end: object, png: str) -> dict[str, object]:
    from qgis.core import QgsDateTimeRange, QgsMapRendererParallelJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize

    root = project.layerTreeRoot()
    settings = QgsMapSettings()
    settings.setLayers([node.layer() for node in root.findLayers() if node.isVisible()])
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(QSize(800, 600))
    settings.setExtent(settings.fullExtent())
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(start, end, True, False))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png)
    return {"png": png, "errors": [e.message for e in job.errors()]}


def main(argv: list[str]) -> int:
    if len(argv) not in (4, 5):
        print("usage: qgis_project_check.py PROJECT.qgz FROM TO [OUT.png]", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import Qgis, QgsApplication, QgsProject, QgsWkbTypes
    from qgis.PyQt.QtCore import QDateTime, Qt

    app = QgsApplication([], False)
    app.initQgis()
    start = QDateTime.fromString(argv[2] + "T00:00:00", Qt.ISODate)
    end = QDateTime.fromString(argv[3] + "T00:00:00", Qt.ISODate)
    start.setTimeSpec(Qt.UTC)
    end.setTimeSpec(Qt.UTC)
    project = QgsProject.instance()
    report: dict[str, object] = {"qgis_version": Qgis.QGIS_VERSION, "read": bool(project.read(argv[1]))}
    layers: dict[str, object] = {}
    for layer in project.mapLayers().values():
        temporal = layer.temporalProperties()
        renderer = layer.renderer() if layer.isValid() else None
        layers[layer.name()] = {
            "valid": layer.isValid(),
            "source": layer.source(),
            "features": int(layer.featureCount()) if layer.isValid() else None,
            "crs": layer.crs().authid(),
            "wkb": QgsWkbTypes.displayString(layer.wkbType()),
            "renderer": renderer.type() if renderer is not None else None,
            "labels": bool(layer.labelsEnabled()),
            "temporal": bool(temporal.isActive()),
            "temporal_mode": int(temporal.mode()),
            "in_range": _filtered_count(layer, start, end) if layer.isValid() else None,
        }
    report["layers"] = layers
    time_range = project.timeSettings().temporalRange()
    report["time_range"] = [time_range.begin().toString(Qt.ISODate), time_range.end().toString(Qt.ISODate)]
    root = project.layerTreeRoot()
    groups = [g for g in root.children() if hasattr(g, "findLayers")]
    report["groups"] = {g.name(): [n.name() for n in g.findLayers()] for g in groups}
    report["visible"] = [n.name() for n in root.findLayers() if n.isVisible()]
    report["order"] = [layer.name() for layer in root.layerOrder()]
    report["crs"] = project.crs().authid()
    if len(argv) == 5:
        report["render"] = _render(project, start, end, argv[4])
    print(json.dumps(report))
    project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
