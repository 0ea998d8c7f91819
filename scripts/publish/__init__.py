"""Stage 4, publishing: what an engine builds, and where it may write (named publish, not site, so no
ignore rule or tool takes the package for build output).

Enters: the ``Statement``, the rendered files of every edition, the project's mkdocs.yml, docs/ and
overrides/.
Leaves: a complete site source (``sitesource.site_source``: ``{path: content}`` for ``render OUT``), the
same files handed to MkDocs in-process (``hook.py``, named in mkdocs.yml), and the output folder replaced
whole or not at all (``output.py``).

    addresses.py   the site's address checked and given its trailing slash
    sitesource.py  the site source: generated files, the merged mkdocs.yml of each edition, the content date
    hook.py        the MkDocs hook: the same files as File.generated, the editions built in-process
    output.py      which folders a command may write, and replacing one without losing anything
"""
