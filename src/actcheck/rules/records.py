"""`record`: the frozen dataclass of the rule set's parts, made for less at import time.

`dataclass(frozen=True)` writes and compiles a `__setattr__` and a `__delattr__` for each
class it makes; for the rule set's fourteen classes that is about half the import time of
`actcheck.rules.model`, which every `actcheck assess` pays. A `record` shares one pair of
them instead: a field may be set once, by `__init__`, and never again; anything else raises
`FrozenInstanceError` as a frozen dataclass does. Type checkers see a frozen dataclass
(`dataclass_transform`).

Only for classes made once per rule set (by the loader, or thawed from the cache without
`__init__`): the engine's per-assessment results stay plain frozen dataclasses, whose
`__init__` assigns without calling Python code.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

TYPE_CHECKING = False  # as typing's, read by mypy: typing is not imported at run time
if TYPE_CHECKING:
    from typing import TypeVar, dataclass_transform

    T = TypeVar("T")

    @dataclass_transform(frozen_default=True, eq_default=False)
    def record(cls: type[T]) -> type[T]: ...

else:

    def _set_once(self, name, value):
        if name in self.__dict__ or name not in type(self).__dataclass_fields__:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def _never_deleted(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def record(cls):
        made = dataclass(repr=False, eq=False)(cls)
        made.__setattr__ = _set_once
        made.__delattr__ = _never_deleted
        return made
