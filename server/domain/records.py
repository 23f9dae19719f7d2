"""Building one record from another object's attributes of the same names."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def record_from(record_type: type[R], source: object, **given: Any) -> R:
    """A `record_type` dataclass with the fields in `given`, and the others taken from the
    same-named attributes of `source` (parsed flags, a domain object). A field neither has
    keeps its default; one without a default fails as a missing argument would."""
    values = {
        f.name: given[f.name] if f.name in given else getattr(source, f.name)
        for f in dataclasses.fields(record_type)
        if f.name in given or hasattr(source, f.name)
    }
    return record_type(**values)
