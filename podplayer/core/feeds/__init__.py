"""Podcast feeds: reading RSS and OPML, talking HTTP, choosing transcripts, downloading episodes.

Qt-free: the CLI and the app share every piece. Network work is written as core jobs (a progress
callback and a cancel token, see :mod:`podplayer.core.jobs`).

    urls.py        which URLs we fetch at all (http/https only)
    http.py        the HTTP client: timeouts, redirects, gzip, size limit, conditional requests
    feed_model.py  the dataclasses a parsed feed is made of
    parse.py       RSS/Atom through feedparser, Podcasting 2.0 elements through our own pass
    podcasting.py  the namespace-aware pass (defusedxml: entity bombs refused)
    opml.py        OPML import (listparser) and export
    directory.py   finding a podcast by name (Apple's search API shape; Podcast Index with a key)
    refresh.py     refreshing many feeds at once
    transcripts.py choosing and fetching the best transcript of an item
    download.py    downloading a file with progress, cancel, resume and a partial file
    filenames.py   safe local names for enclosures
"""
