"""A loaded rule set as bytes and back: what the rule-set cache keeps between runs.

Reading and checking the YAML rule files costs most of a cold start of `actcheck assess`;
rebuilding the same rule set from its parsed documents still costs more than the whole
assessment. So a rule set that passed every check is kept whole, pickled, and the next run
only unpickles it (a few milliseconds).

Pickle can call any function it names, so what it may name is a short list: the classes of
`actcheck.rules.model`, the predicate makers of `actcheck.rules.conditions` (each compiled
condition is pickled as its maker and arguments, see `conditions.RECIPE`), dates and sets.
Anything else in the bytes is refused (`FrozenError`), whatever wrote them. The cache that
keeps these bytes (`actcheck.rules_cache`) also refuses files others could have written.
"""

from __future__ import annotations

import io
import pickle
import types

from actcheck.rules import conditions, model
from actcheck.rules.conditions import RECIPE
from actcheck.rules.model import Ruleset

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

#: The layout of the bytes: a new layout must not read what an old one wrote.
FORMAT = 1

_ALLOWED: dict[str, frozenset[str]] = {
    "actcheck.rules.model": frozenset(
        name
        for name, value in vars(model).items()
        if isinstance(value, type) and value.__module__ == model.__name__
    ),
    "actcheck.rules.conditions": frozenset(
        name for name, value in vars(conditions).items() if hasattr(value, "__wrapped__")
    ),
    "datetime": frozenset({"date"}),
    "builtins": frozenset({"frozenset", "set"}),
}


class FrozenError(ValueError):
    """The bytes are not a rule set this code wrote."""


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        """A compiled predicate is pickled as the maker and arguments it was made from."""
        if type(obj) is types.FunctionType:
            recipe = getattr(obj, RECIPE, None)
            if recipe is not None:
                return recipe
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def find_class(self, module_name: str, name: str) -> Any:
        if name in _ALLOWED.get(module_name, ()):
            return super().find_class(module_name, name)
        raise FrozenError(f"a frozen rule set may not name {module_name}.{name}")


def freeze(ruleset: Ruleset) -> bytes:
    """The rule set as bytes `thaw` reads back."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((FORMAT, ruleset))
    return out.getvalue()


def thaw(data: bytes) -> Ruleset:
    """The rule set `freeze` wrote.

    Raises:
        FrozenError: the bytes are damaged, of another layout, or name what they may not.
    """
    try:
        layout, ruleset = _Unpickler(io.BytesIO(data)).load()
    except FrozenError:
        raise
    except Exception as exc:  # a damaged file can fail in any way pickle knows
        raise FrozenError(f"not a frozen rule set ({type(exc).__name__})") from None
    if layout != FORMAT or not isinstance(ruleset, Ruleset):
        raise FrozenError("a frozen rule set of another layout")
    return ruleset
