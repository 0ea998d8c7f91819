"""The site's absolute address (site_url), checked before anything is built."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# RFC 3986 characters a site address may hold (unreserved, "/", ":", "@", "%", and the sub-delims
# that cannot end an HTML attribute). Quotes, "<", ">", "\", spaces and control characters can:
# they are refused rather than escaped, since the address is also written into CSV, JSON and citations.
_HOST = re.compile(r"[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?")
_PATH = re.compile(r"[A-Za-z0-9\-._~!$&()*+,;=:@%/]*")


def site_url_problem(url: str | None) -> str | None:
    """Why ``url`` cannot be the site's address, or None (no address at all is allowed: a relative site)."""
    if not url:
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return f"{url!r} contains a space, line break or control character"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{url!r} is not an http:// or https:// address"
    if not _HOST.fullmatch(parts.netloc):
        return f"{url!r} has no valid host name (expected e.g. https://example.org/)"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return f"{url!r} has a query or fragment (expected the folder the site is published at)"
    if not _PATH.fullmatch(parts.path):
        return f"{url!r} contains characters that are not allowed in a URL path (quotes, <, >, \\)"
    return None


def site_address(url: str | None) -> str | None:
    """The address every edition and file is written under: ``url`` ending in "/", or None for a relative site.

    MkDocs adds the slash to its own ``site_url``, but the editions' addresses, robots.txt and the rendered
    mkdocs.yml are made by appending to this one ("…/" + "ja/"): without it they read ``https://example.orgja/``.
    """
    if not url:
        return None
    return url if url.endswith("/") else f"{url}/"
