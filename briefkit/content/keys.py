"""Keys for cached products, made from what each product is made of.

A product (a PDF, the built web site) is redone when its key changes.  A key
hashes *effective* inputs, never a file's raw bytes where a parsed value
exists:

* the options the product depends on, as validated values in a canonical
  JSON text (:func:`canonical`), so a comment, blank line or key order in
  ``mkdocs.yml`` changes nothing;
* the digests of the templates and asset files the product reads (by name,
  as each name resolves now: a site copy that starts to override a
  packaged template changes the key);
* briefkit's version and the versions of the engines that shape the bytes
  (WeasyPrint, MkDocs, Material, Markdown ...), read from the installed
  distributions without importing them.

Each key is tagged with :data:`KEYS_VERSION`; raising it makes every key
new, so caches written by an older briefkit are never trusted.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import Any

from briefkit import __version__

KEYS_VERSION = "briefkit-keys/1"
"""Part of every key: raise it when what a key covers changes."""


def digest(*parts: str) -> str:
    """SHA-256 of the parts, each ended by a NUL (so ``("ab", "c")`` and ``("a", "bc")`` differ)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def plain(value: Any) -> Any:
    """``value`` as JSON data: mappings with text keys, sets sorted; code by its qualified name and bound arguments.

    Markdown extension configs and MkDocs' YAML hold Python objects
    (``!!python/name:`` functions, ``!!python/object/apply:`` partials such
    as ``pymdownx.slugs.slugify(case=lower)``); what a config says of them is
    their name and arguments, and their code is covered by package versions.
    Any other object counts by its type and its attributes.
    """
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, functools.partial):
        return {"partial": plain(value.func), "args": plain(value.args), "keywords": plain(value.keywords)}
    if isinstance(value, type) or inspect.isroutine(value):
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
        cells = getattr(value, "__closure__", None) or ()
        return {"code": name, "closure": [plain(c.cell_contents) for c in cells]} if cells else name
    attributes = getattr(value, "__dict__", None)
    shown = plain(attributes) if isinstance(attributes, dict) else str(value)
    return {"type": f"{type(value).__module__}.{type(value).__qualname__}", "value": shown}


def canonical(value: Any) -> str:
    """One text for one value: keys sorted, no whitespace, so equal settings give equal keys however they were written."""
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def without(data: Mapping[str, Any], dotted: Iterable[str]) -> dict[str, Any]:
    """A deep copy of nested mappings with the ``a.b.c`` paths removed: the settings a product does not read."""
    out = copy.deepcopy(dict(data))
    for path in dotted:
        *parents, last = path.split(".")
        node: Any = out
        for name in parents:
            node = node.get(name) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
    return out


def dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def versions(*dists: str) -> dict[str, str]:
    """briefkit's version and each named distribution's ('' when not installed)."""
    return {"briefkit": __version__, **{d: dist_version(d) for d in dists}}


def files_digest(files: Mapping[str, bytes]) -> str:
    """One hash of named file contents (names sorted)."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def product_key(
    product: str,
    *,
    options: Mapping[str, Any],
    templates: Mapping[str, str],
    assets: str,
    engines: Mapping[str, str],
    extra: Iterable[str] = (),
) -> str:
    """The key of one kind of product.

    ``options``: the parsed settings it depends on; ``templates``: template
    name -> digest of the file that name loads now; ``assets``: a digest of
    the asset files it reads; ``engines``: distribution -> version (see
    :func:`versions`); ``extra``: anything else, already text.
    """
    return digest(KEYS_VERSION, product, canonical(options), canonical(templates), assets, canonical(engines), *extra)
