"""A build's images: read and measured in the plan (their renditions claimed), made in the render stage.

Only the briefs of the corpus this build shows are looked at, so a hidden
brief's image is never opened, and nothing of it reaches ``docs/`` or the
site.  Renditions come from a cache under the build folder
(``build/cache/images/``, never published), by content.
"""

from __future__ import annotations

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.content.figures import Media, media_for
from briefkit.content.images import ImageSet, collect
from briefkit.errors import BriefkitError
from briefkit.model import Corpus
from briefkit.pipeline.outputs import DOCS, SITE, published
from briefkit.pipeline.registry import OutputRegistry, Source


def collect_images(config: Config, corpus: Corpus, registry: OutputRegistry, reporter: Reporter) -> ImageSet:
    """Every image of ``corpus``, checked; an unusable lead image stops the build, a body image's problem is a warning."""
    images = collect(corpus.briefs, config)
    errors = [p for p in images.problems if p.is_error]
    if errors:
        raise BriefkitError(f"{len(errors)} image(s) cannot be published; nothing was built", problems=images.problems)
    for problem in images.problems:
        reporter.warn(problem.format())
    for path in images.renditions():
        source = Source(f"the image rendition {path}")
        registry.claim(DOCS + path, source)
        registry.claim(SITE + published(path), source)
    return images


def media(config: Config, images: ImageSet | None, *, prints: bool) -> Media:
    return media_for(config, images or ImageSet(), prints=prints)


def rendition_files(media: Media) -> dict[str, bytes]:
    """Each web rendition's bytes by its path in the docs folder (the same as on the site)."""
    return {path: media.cache.get(picture, rendition) for path, (picture, rendition) in media.images.renditions().items()}
