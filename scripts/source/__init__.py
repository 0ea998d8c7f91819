"""Stage 1, the source: read statement/, check it, build the frozen model.

Enters: the folder statement/ (YAML files, published-ids.txt, translations/<lang>.yaml), and the JSON
Schemas in scripts/schemas/.
Leaves: ``statement.load_statement(root)`` → a ``model.Statement`` (frozen dataclasses, its translations
included), or a ``problems.ContentError`` carrying every located problem (``path:line:column: field: message``).

    files.py         which files are sources; reading one safely, writing one whole or not at all
    yamldoc.py       strict YAML that remembers the line and column of every value
    schema.py        each file against its JSON Schema (jsonschema-rs), problems in editors' words
    checks.py        what a schema cannot say (cross-file references, reserved names…), then the model
    register.py      statement/register.yaml and order.yaml: every point's sources, the entry rule, the statement's order
    glossary.py      the abbreviations, checked against the text
    changelog.py     statement/changes.yaml: the edition's versions and the content's date
    published.py     statement/published-ids.txt: every ID ever published
    translations.py  statement/translations/: the reference translations, kept in step with the English
    statement.py     the stage as one call
    model.py         the frozen model every later stage reads
    problems.py      the one shape of an error, and the exception that carries them all
"""
