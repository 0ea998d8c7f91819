"""The build code, one package per stage; data flows one way, each package importing only those below it.

    source/    statement/*.yaml  →  Statement (frozen model), or every Problem at once
    render/    Statement         →  {page path: Markdown}, data files, citations, cards
    editions/  Statement × lang  →  a Japanese or Korean edition's pages and mkdocs.yml mapping
    publish/   all of the above  →  a complete site source, the MkDocs hook, a safely replaced output folder
    cli.py     the commands (``python -m scripts check|render|build-site|publish-ids|translations``)

``schemas/``, ``locale/`` and ``fonts/`` are data only: the JSON Schemas of statement/, the interface
catalogs, the card fonts. tests/test_architecture.py checks the direction of every import.
"""
