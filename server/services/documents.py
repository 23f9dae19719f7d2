"""Loading stored documents without letting one bad document stop the rest.

A document that does not parse is reported by kind and key, kept aside (not loaded, not
deleted: an operator may repair it), and everything else serves. Every service that loads
documents goes through `parse_each` / `parse_one`, so the log line is the same everywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from server.store.base import Document, Key

T = TypeVar("T")

log = logging.getLogger("rolecall.store")

# What parsing a stored document raises when it is not what it should be.
INVALID_DOCUMENT_ERRORS: tuple[type[Exception], ...] = (KeyError, TypeError, ValueError)


def keep_aside(kind: str, key: Key, error: BaseException) -> None:
    log.error("kept aside: the stored %s %r is invalid: %s", kind, "/".join(key), error)


def parse_one(kind: str, key: Key, doc: Document, parse: Callable[[Document], T]) -> T | None:
    """`parse(doc)`, or None (reported and kept aside) when the document is invalid."""
    try:
        return parse(doc)
    except INVALID_DOCUMENT_ERRORS as error:
        keep_aside(kind, key, error)
        return None


def parse_each(
    kind: str, rows: Iterable[tuple[Key, Document]], parse: Callable[[Document], T]
) -> list[tuple[Key, T]]:
    """Every row whose document parses, with what `parse` made of it; the others are reported
    and kept aside."""
    parsed: list[tuple[Key, T]] = []
    for key, doc in rows:
        value = parse_one(kind, key, doc, parse)
        if value is not None:
            parsed.append((key, value))
    return parsed
