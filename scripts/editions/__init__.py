"""Stage 3, the Japanese and Korean editions: the English pages again, in another language.

Enters: the English ``Statement`` (with its translations from statement/translations/), a language, the
project's mkdocs.yml mapping.
Leaves: the localized ``Statement`` (``localize``), an edition's pages and cards (``pages.generated``), its
mkdocs.yml mapping (``config.config``), and the interface messages its catalog lacks.

    localize.py  the statement with its texts in Japanese or Korean (the quoted words stay English)
    config.py    an edition's mkdocs.yml: address, names, language, search, navigation, template words
    pages.py     an edition's pages and cards, robots.txt, missing interface messages
"""
