"""REFI-QDA (QDA-XML 1.0): the exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder.

- :mod:`.codebook_xml`: the codebook (codes as a tree with colours and descriptions), shared by the
  project file and the stand-alone ``.qdc`` codebook;
- :mod:`.transcript_text`: the turn-per-line text that positions and sync points count in;
- the writer of a ``.qdpx`` project (a zip holding ``project.qde`` and ``sources/``) is an exporter
  like the others, :mod:`podplayer.core.export.qdpx`;
- :mod:`.archive` and :mod:`.project_reader`: reading a ``.qdpx`` (or ``.qdc``) back, refusing what
  is unsafe (not a zip, zip bombs, entities, paths outside the archive).

The XML is built with the standard library's ElementTree (writing needs nothing more) and read with
defusedxml, which refuses entity declarations as the feed readers do.
"""
