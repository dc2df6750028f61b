"""Table header scopes in the PDF structure tree (PDF/UA, Matterhorn 15-003).

WeasyPrint tags ``<th>`` as ``TH`` structure elements and uses the HTML
``scope`` to link data cells to their headers, but does not write ``/Scope``
into the element's attributes, which PDF/UA checkers require.  This
finisher, run on WeasyPrint's PDF objects before they are written, adds it.
The rule is the one :func:`briefkit.content.table_scope.add_scopes` applies to
every body table's HTML, so the two always agree: a header in a ``THead``
or in a row of headers only heads its column; headers before the first
data cell of a row head their row.
"""

from __future__ import annotations

from typing import Any

import pydyf


def _number(reference: object) -> int | None:
    if isinstance(reference, bytes):
        reference = reference.decode()
    if isinstance(reference, str) and reference.endswith(" R"):
        return int(reference.split()[0])
    return None


def _kind(obj: object) -> str:
    return str(obj.get("S", "")) if isinstance(obj, dict) and obj.get("Type") == "/StructElem" else ""


def add_table_scopes(_document: Any, pdf: pydyf.PDF) -> None:
    """WeasyPrint ``finisher``: give every ``TH`` element ``/A << /O /Table /Scope … >>``."""
    objects = pdf.objects
    for row in objects:
        if _kind(row) != "/TR":
            continue
        children = [objects[n] for n in (_number(k) for k in row.get("K", ())) if n is not None]
        cells = [c for c in children if _kind(c) in ("/TH", "/TD")]
        parent = _number(row.get("P"))
        in_head = parent is not None and _kind(objects[parent]) == "/THead"
        seen_data = False
        for cell in cells:
            if _kind(cell) == "/TD":
                seen_data = True
                continue
            has_data = any(_kind(c) == "/TD" for c in cells)
            scope = "/Row" if has_data and not in_head and not seen_data else "/Column"
            attributes = cell.get("A")
            if not isinstance(attributes, dict):
                attributes = pydyf.Dictionary({"O": "/Table"})
                cell["A"] = attributes
            attributes["Scope"] = scope
