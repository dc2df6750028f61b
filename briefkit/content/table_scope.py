"""``scope`` on every table header cell of a body, as tagged PDF (PDF/UA) requires.

Matterhorn check 15-003 wants each ``TH`` of a table to say whether it
heads a column or a row.  Authors rarely write ``scope``, so it is derived
from the table's shape, the same way for every body, and an author's own
``scope`` is replaced (nh3 drops it first) so that the HTML and the PDF's
structure tree always agree:

* a header cell in ``<thead>``, or in a row of header cells only, heads its
  column;
* header cells at the start of a row that also has data cells head their row.

The input is nh3's output: every tag well formed, every attribute value in
double quotes with ``"`` escaped, so a tag ends at the first ``>`` outside
quotes and the pattern below never backtracks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAG = re.compile(r'<(/?)(table|thead|tbody|tfoot|tr|th|td)((?:\s+[^\s"=<>/]+(?:="[^"]*")?)*)\s*/?>', re.I)


@dataclass
class _Table:
    section: str = ""
    row: list[int] = field(default_factory=list)
    """Insertion points of this row's header cells, before its first data cell."""
    later: list[int] = field(default_factory=list)
    """Header cells after a data cell."""
    has_data: bool = False


def add_scopes(html: str) -> str:
    if "<th" not in html:
        return html
    scopes: dict[int, str] = {}
    stack: list[_Table] = []

    def end_row(table: _Table) -> None:
        row_headers = table.has_data and table.section != "thead"
        for at in table.row:
            scopes[at] = "row" if row_headers else "col"
        for at in table.later:
            scopes[at] = "col"
        table.row, table.later, table.has_data = [], [], False

    for m in _TAG.finditer(html):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "table":
            if closing:
                if stack:
                    end_row(stack.pop())
            else:
                stack.append(_Table())
            continue
        if not stack:
            continue
        table = stack[-1]
        if name in ("thead", "tbody", "tfoot"):
            end_row(table)
            table.section = "" if closing else name
        elif name == "tr":
            end_row(table)
        elif name == "td" and not closing:
            table.has_data = True
        elif name == "th" and not closing:
            (table.later if table.has_data else table.row).append(m.start() + 3)
    for table in stack:
        end_row(table)
    out, last = [], 0
    for at in sorted(scopes):
        out.append(html[last:at])
        out.append(f' scope="{scopes[at]}"')
        last = at
    out.append(html[last:])
    return "".join(out)
