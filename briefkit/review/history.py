"""Brief history from git: one ``git log`` for the whole briefs folder.

Per-file ``git log`` calls are what make the common MkDocs git-date plugin
slow (7.8 s against 0.94 s batched on a 314-file site), so we ask once, with
``--name-status -z``, and walk the output from the newest commit back,
following each brief's file through renames.  Only commits that changed a
brief's bytes count: a pure rename (R100) is not an edit.

Pages get less than the status board (:func:`for_pages`): a public build
keeps only the commits at which the brief, as it stood in that commit, was
public (published, TLP:CLEAR, past its embargo, not expired), so a draft or
AMBER period never dates or names anything on a public page; and author
names and commit subjects are dropped unless ``review.history_details`` is
on.  Commit subjects are free text that editors write for each other
("AMBER: targets from partner Bravo"), not for readers.

Outside git, in a repository without commits, or in a shallow clone (whose
history is cut short, so dates would be wrong), briefs keep the dates their
YAML gives, and the reporter gets one note saying so.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path, PurePosixPath

from briefkit.common.report import Reporter
from briefkit.config import Config
from briefkit.errors import BriefkitError
from briefkit.model import Brief, History, Revision, visibility
from briefkit.review import gitio

_RECORD = "\x1e"
_FIELD = "\x1f"
LOG_FORMAT = "%x1e%H%x1f%aI%x1f%aN%x1f%s"
"""Commit id, author date, author (after .mailmap), subject, then the changed files."""


def collect(config: Config, briefs: Sequence[Brief], reporter: Reporter) -> dict[str, History]:
    """Every commit that changed each brief, with authors and subjects: for ``brief status``, never for pages."""
    walked = _walk(config, briefs, reporter)
    if walked is None:
        return {}
    _repo, found = walked
    return _histories({slug: [rev for rev, _path in revs] for slug, revs in found.items()}, config.options.review.history)


def for_pages(config: Config, briefs: Sequence[Brief], reporter: Reporter, *, preview: bool) -> dict[str, History]:
    """What a page may say about its brief's history.

    A public build keeps only the brief's public life: commits at which the
    brief's own file, read back from that commit, was public at the commit's
    date.  A preview keeps every commit.  Either way, author names and commit
    subjects stay only when ``review.history_details`` opts in.
    """
    walked = _walk(config, briefs, reporter)
    if walked is None:
        return {}
    repo, found = walked
    if not preview:
        public = _public_commits(config, repo, found, {b.slug: b for b in briefs})
        found = {slug: [(rev, path) for rev, path in revs if (rev.sha, path) in public] for slug, revs in found.items()}
    details = config.options.review.history_details
    revisions = {slug: [rev if details else Revision("", rev.date, "", "") for rev, _path in revs] for slug, revs in found.items()}
    return _histories({slug: revs for slug, revs in revisions.items() if revs}, config.options.review.history)


def _histories(found: dict[str, list[Revision]], keep: int) -> dict[str, History]:
    return {slug: History(tuple(revs[:keep]), revs[0], len(revs)) for slug, revs in found.items() if revs}


def _public_commits(
    config: Config, repo: gitio.Repo, found: dict[str, list[tuple[Revision, str]]], current: dict[str, Brief]
) -> set[tuple[str, str]]:
    """The (commit, path) pairs at which the brief in that file was public: one ``git cat-file --batch`` for all.

    A file that no longer validates, or that cannot be read back, counts as
    not public: this decides what a public page may show, so doubt hides.
    A blob with the same bytes (and file name) as the brief being built is
    that brief: it is judged without parsing it again.
    """
    from briefkit.source.load import read_brief

    wanted = {(rev.sha, path): (rev.date, slug) for slug, revs in found.items() for rev, path in revs if "\n" not in path}
    blobs = [gitio.Blob(f"{sha}:{path}", 0, f"{sha}:{path}") for sha, path in sorted(wanted)]
    try:
        contents = gitio.read_blobs(repo, blobs)
    except (gitio.GitError, BriefkitError, ValueError):
        return set()
    public = set()
    for (sha, path), (when, slug) in wanted.items():
        raw = contents.get(f"{sha}:{path}")
        if raw is None or len(raw) > config.options.max_file_size:
            continue
        same = current.get(slug)
        if same is not None and PurePosixPath(path).stem == slug and hashlib.sha256(raw).hexdigest() == same.digest:
            then: Brief | None = same
        else:
            then = read_brief(config, path, raw)
        if then is not None and visibility(then, when, config.tz).public:
            public.add((sha, path))
    return public


def _walk(config: Config, briefs: Sequence[Brief], reporter: Reporter) -> tuple[gitio.Repo, dict[str, list[tuple[Revision, str]]]] | None:
    """Each brief's commits, newest first, with the brief's path in each; None (with one note) when git cannot tell."""
    if not briefs:
        return None
    repo = gitio.find_repo(config.root)
    if repo is None:
        reporter.note("not a git repository: dates come from the briefs' 'date' and 'updated' fields, and pages show no revision history")
        return None
    if repo.shallow:
        reporter.note(
            "shallow git clone: dates come from the briefs' YAML and pages show no revision history; "
            "fetch the full history for them (actions/checkout: 'fetch-depth: 0', or 'git fetch --unshallow')"
        )
        return None
    paths: dict[str, str] = {}
    for brief in briefs:
        try:
            paths[repo.rel(Path(brief.path))] = brief.slug
        except ValueError:  # a brief outside the repository has no history here
            continue
    try:
        out = gitio.run(repo.top, *log_args(repo, config))
    except gitio.GitError as exc:
        if "does not have any commits" in exc.stderr or "bad default revision" in exc.stderr:
            reporter.note("no commits yet: dates come from the briefs' YAML until the first commit")
        else:
            why = (exc.stderr.strip().splitlines() or ["unknown error"])[-1]
            reporter.note(f"git log failed, so dates come from the briefs' YAML: {why}")
        return None
    return repo, histories(parse_log(out), paths)


def log_args(repo: gitio.Repo, config: Config) -> list[str]:
    folder = repo.rel(config.briefs_dir) if config.briefs_dir.exists() else ""
    args = ["log", "--no-merges", f"--format={LOG_FORMAT}", "--name-status", "-z", "--find-renames", "--no-ext-diff", "--no-textconv"]
    return [*args, "--", folder] if folder not in ("", ".") else args


Change = tuple[str, tuple[str, ...]]
"""A status letter and score (``M``, ``A``, ``R087``) with its paths (two for renames and copies)."""


def parse_log(out: bytes) -> list[tuple[Revision, list[Change]]]:
    """Commits newest first, each with the files it changed, from ``git log -z --name-status``."""
    text = out.decode("utf-8", "surrogateescape")
    commits = []
    for record in text.split(_RECORD)[1:]:
        header, _, rest = record.partition("\0")
        sha, when, author, subject = [*header.split(_FIELD, 3), "", "", ""][:4]
        tokens = rest.lstrip("\n").split("\0")
        changes: list[Change] = []
        i = 0
        while i < len(tokens):
            status = tokens[i].strip()
            if not status:
                i += 1
                continue
            width = 2 if status[0] in "RC" else 1
            changes.append((status, tuple(tokens[i + 1 : i + 1 + width])))
            i += 1 + width
        commits.append((Revision(sha, datetime.fromisoformat(when), author, subject), changes))
    return commits


def histories(commits: Iterable[tuple[Revision, list[Change]]], paths: dict[str, str]) -> dict[str, list[tuple[Revision, str]]]:
    """Walk commits newest first, following each brief's file back through renames.

    ``paths`` maps each brief's current path (from the top of the repository)
    to its slug; each revision comes with the brief's path in that commit.  Each commit's changes are applied together, so that files
    swapping names in one commit are followed correctly.
    """
    tracking = dict(paths)
    found: dict[str, list[tuple[Revision, str]]] = defaultdict(list)
    for revision, changes in commits:
        if not tracking:
            break
        drop: set[str] = set()
        move: dict[str, str] = {}
        touched: dict[str, str] = {}
        for status, names in changes:
            kind = status[0]
            if kind in "RC" and len(names) == 2:
                old, new = names
                slug = tracking.get(new)
                if slug is None:
                    continue
                drop.add(new)
                if kind == "R":
                    move[old] = slug  # before this commit the file had its old name
                    if status[1:] != "100":
                        touched[slug] = new
                else:  # a copy creates the file; the original lives on as another file
                    touched[slug] = new
            elif kind == "A" and names:
                slug = tracking.get(names[0])
                if slug is not None:
                    touched[slug] = names[0]
                    drop.add(names[0])  # older commits at this path were another file
            elif kind in "MT" and names:
                slug = tracking.get(names[0])
                if slug is not None:
                    touched[slug] = names[0]
        for slug, path in touched.items():
            found[slug].append((revision, path))
        if drop or move:
            tracking = {p: s for p, s in tracking.items() if p not in drop}
            tracking.update(move)
    return dict(found)
