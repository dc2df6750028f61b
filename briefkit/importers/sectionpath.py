"""Split a section path that a web page ran together: "Politicsconflict & defenseMilitary Operations".

Levels come from separate page elements, so they meet without a space.  A break
is where the site's known section names say, else where the case changes
(``defenseMilitary``), else inside a word that is two words glued
(``Politicsconflict``: a lowercase level after a capitalised one, which case
alone cannot find).  Every break made is a guess and is returned as one.
"""

from __future__ import annotations

import re

# Words of news-site section names.  A glued token splits only into two of these
# (or the site's own section and tag words), so that real words are never cut.
_WORDS = """
    africa agriculture ai americas analysis arts asia australia aviation banking books business
    climate commodities companies conflict conflicts crime culture cyber cybersecurity defence defense
    diplomacy economics economy education elections energy environment europe explainers fact features
    finance food foreign gas global health history housing human immigration india industry
    infrastructure intelligence international investigations justice labor labour latin law life
    lifestyle local markets media middle east military mining money music national nato news nuclear
    oil operations opinion pacific policy politics power rights russia science security shipping
    society space sport sports strategy technology tech terrorism trade transport travel ukraine
    us usa war weather world
"""
SECTION_WORDS = frozenset(_WORDS.split())

Guess = tuple[int, str]
"""Column offset in the line (0-based) and what was guessed there."""


def _words(extra: list[str]) -> set[str]:
    found = set(SECTION_WORDS)
    for text in extra:
        found.update(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    return found


def _glued_break(token: str, words: set[str], known: list[str]) -> tuple[int, str] | None:
    """Where a space-free token holds two levels, and why; None when it is one word."""
    bare = re.sub(r"[^A-Za-z]", "", token).lower()
    if bare in words or any(token.lower() == k.lower() for k in known):
        return None
    for i in range(1, len(token)):
        a, b = token[i - 1], token[i]
        if a.islower() and b.isupper():
            return i, f"the case changes at '{token[i - 1 : i + 1]}'"
        if a.isupper() and b.isupper() and i + 1 < len(token) and token[i + 1].islower() and i >= 2:
            return i, f"the case changes at '{token[i - 1 : i + 2]}'"
    letters = re.match(r"[A-Za-z]+", token)
    if not letters:
        return None
    run = letters.group(0)
    for i in range(len(run) - 2, 1, -1):  # the longest first word wins
        left, right = run[:i].lower(), run[i:].lower()
        right_word = re.match(r"[a-z]+", right)
        if left in words and right_word and right_word.group(0) in words:
            return i, f"'{run[:i]}' and '{run[i:]}' are two words with no space between them"
    return None


def split_section(line: str, known: list[str], extra_words: list[str]) -> tuple[list[str], list[Guess]]:
    """The levels of a run-together section path, and the guesses made to find them."""
    words = _words(known + extra_words)
    by_length = sorted(known, key=len, reverse=True)
    levels: list[str] = []
    guesses: list[Guess] = []
    pos = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    while pos < end:
        rest = line[pos:end]
        match = next((k for k in by_length if rest.lower().startswith(k.lower()) and _ends_level(rest, k, words)), None)
        if match is not None:
            levels.append(match)
            if rest[: len(match)] != match or len(rest) > len(match):
                guesses.append((pos, f"read '{rest[: len(match)]}' as the site's section '{match}'"))
            pos += len(match)
            continue
        cut, why = _next_break(rest, words, known)
        level = rest[:cut].strip()
        if level:
            shown = level[:1].upper() + level[1:]
            if shown != level:
                guesses.append((pos, f"section level '{level}' capitalised as '{shown}'"))
            levels.append(shown)
        if why:
            guesses.append((pos + cut, f"section level break: {why}"))
        pos += max(cut, 1)
    return levels, guesses


def _ends_level(rest: str, name: str, words: set[str]) -> bool:
    """A known name ends a level only where the next level starts right after it, with no space."""
    after = rest[len(name) :]
    if not after:
        return True
    if not after[0].isalpha():
        return False
    if after[0].isupper():
        return True
    glued = re.match(r"[A-Za-z]*", name.split()[-1] + after).group(0).lower()  # type: ignore[union-attr]
    nxt = re.match(r"[a-z]+", after)
    return glued not in words and nxt is not None and nxt.group(0) in words


def _next_break(rest: str, words: set[str], known: list[str]) -> tuple[int, str]:
    """Offset in ``rest`` where the next level starts (len(rest) when none), and why."""
    for m in re.finditer(r"\S+", rest):
        for k in known:  # a known level glued onto the end of this token: "fooEnergy"
            i = m.group(0).lower().find(k.lower())
            if i > 0 and m.start() + i > 0:
                return m.start() + i, f"'{k}' is one of the site's sections"
        found = _glued_break(m.group(0), words, known)
        if found is not None:
            return m.start() + found[0], found[1]
    return len(rest), ""
