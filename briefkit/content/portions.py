"""Portion marks rendered: ``/// portion | TLP:GREEN`` ... ``///`` becomes a block that starts with its mark.

Like the portion marks of classified products (CAPCO), the label is printed in
parentheses at the start of the block's first paragraph, in the TLP colour
(site and print stylesheets).  Which portions an edition keeps is decided on
the source before rendering (:func:`briefkit.source.portions.strip_portions`);
this only draws them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from briefkit.source.portions import PORTION, label_of


class PortionBlock(Block):  # type: ignore[misc]
    NAME = PORTION
    ARGUMENT = True
    OPTIONS: ClassVar[dict[str, Any]] = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        label = label_of(str(self.argument))
        css = label.css_class if label else "tlp-unknown"
        return etree.SubElement(parent, "div", {"class": f"bk-portion bk-{css}"})

    def on_end(self, block: etree.Element) -> None:
        label = label_of(str(self.argument))
        mark = etree.Element("span", {"class": "bk-portion__mark"})
        mark.text = f"({label.value if label else str(self.argument).strip()})"
        first = block[0] if len(block) else None
        if first is not None and first.tag == "p":
            mark.tail = " " + (first.text or "")
            first.text = None
            first.insert(0, mark)
        else:
            holder = etree.Element("p", {"class": "bk-portion__marker"})
            holder.append(mark)
            block.insert(0, holder)


class PortionExtension(BlocksExtension):  # type: ignore[misc]
    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        block_mgr.register(PortionBlock, self.getConfigs())
