"""French tables: control-change triggers and status words (:mod:`geo.lang.fr.control`), control
states (:mod:`geo.lang.fr.control`), violence against civilians (:mod:`geo.lang.fr.kinds`)."""
