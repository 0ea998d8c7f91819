"""Stage 4, the site: what an engine builds, and where it may write.

Enters: the ``Statement``, the rendered files of every edition, the project's mkdocs.yml, docs/ and
overrides/.
Leaves: a complete site source (``sitesource.site_source``: ``{path: content}`` for ``render OUT``), the
same files handed to MkDocs in-process (``hook.py``, named in mkdocs.yml), and the output folder replaced
whole or not at all (``output.py``).

    addresses.py   the site's address checked; the IDs a 404 page suggests
    sitesource.py  the site source: generated files, the merged mkdocs.yml of each edition, the content date
    hook.py        the MkDocs hook: the same files as File.generated, the editions built in-process
    output.py      which folders a command may write, and replacing one without losing anything
"""
