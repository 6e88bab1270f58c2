"""Where evidence files' bytes live, behind one interface: the database (the default; one
transaction stores the row and the bytes, so nothing is ever half-stored) or a folder.

`ACTCHECK_EVIDENCE_STORE=database` or a folder path. Keys are generated (`new_key`), never
derived from what the founder typed.

A folder lives outside the database's transactions, so the folder store follows the
caller's session: a file is written under a temporary name and renamed into place before
its row is flushed, and deleted again if that transaction rolls back; files `discard`ed
with their rows are deleted once the transaction commits (never a row without its file).
A process killed between the write and the commit leaves at worst a file no row names:
`sweep` (run daily by `flask --app actcheck purge`) deletes those, as it deletes database
bytes no row names.

S3-compatible storage (not built): a third class with the same three methods, `put` as
`put_object(Bucket, Key=key, Body=data)` and `get` as `get_object(...)["Body"].read()`
(boto3), `delete` as `delete_object`; the bucket private, with no public URL, since
downloads must pass through the app's access check.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session, SessionTransaction

from actcheck.models import Evidence, EvidenceBlob


class MissingFile(LookupError):
    """The store has no bytes under this key."""


class EvidenceStore(Protocol):
    def put(self, key: str, data: bytes) -> None:
        """Keep `data` under `key`, for a row the caller's transaction is adding."""

    def get(self, key: str) -> bytes: ...

    def discard(self, keys: Collection[str]) -> None:
        """Delete these keys' bytes with the rows the caller's transaction deletes."""

    def sweep(self, older_than: dt.datetime) -> int:
        """Delete the bytes no evidence row names (those written before `older_than`:
        younger ones may belong to an upload not yet committed); returns how many."""


def new_key() -> str:
    """A storage key: random, hexadecimal, so it names no path and cannot be guessed."""
    return secrets.token_hex(20)


class DatabaseStore:
    """Bytes in `evidence_blob`, in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def put(self, key: str, data: bytes) -> None:
        self.session.add(EvidenceBlob(key=key, data=data))

    def get(self, key: str) -> bytes:
        blob = self.session.get(EvidenceBlob, key)
        if blob is None:
            raise MissingFile(key)
        return blob.data

    def discard(self, keys: Collection[str]) -> None:
        if keys:
            self.session.execute(delete(EvidenceBlob).where(EvidenceBlob.key.in_(list(keys))))

    def sweep(self, older_than: dt.datetime) -> int:
        """Blobs are written in their row's transaction: any blob no row names is an
        orphan (an assessment deleted with its items before `discard` existed)."""
        named = select(Evidence.storage_key).where(Evidence.kind == "file")
        gone = self.session.execute(delete(EvidenceBlob).where(EvidenceBlob.key.not_in(named)))
        return int(getattr(gone, "rowcount", 0) or 0)


class FolderStore:
    """Bytes in files of one folder, named by key (two-character subfolders), following
    `session`'s transaction (see the module's docstring)."""

    def __init__(self, root: Path, session: Session) -> None:
        self.root = root
        self.session = session

    def _path(self, key: str) -> Path:
        if not key.isalnum():  # keys are ours; refuse anything else outright
            raise MissingFile(key)
        return self.root / key[:2] / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _when_ended(self.session, rolled_back=lambda: self.delete(key))

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise MissingFile(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def discard(self, keys: Collection[str]) -> None:
        chosen = list(keys)
        if chosen:

            def delete_all() -> None:
                for key in chosen:
                    self.delete(key)

            _when_ended(self.session, committed=delete_all)

    def sweep(self, older_than: dt.datetime) -> int:
        named = set(
            self.session.scalars(select(Evidence.storage_key).where(Evidence.kind == "file"))
        )
        limit = older_than.timestamp()
        count = 0
        for path in self.root.glob("*/*"):
            try:
                if path.stat().st_mtime >= limit or path.name in named:
                    continue
                path.unlink()
            except FileNotFoundError:
                continue
            count += 1
        return count


#: `session.info` key: what to do when the session's transaction ends (after a commit,
#: after a rollback), kept on the session so its two listeners are added once.
_PENDING = "actcheck.evidence_store.pending"


def _when_ended(
    session: Session,
    *,
    committed: Callable[[], object] | None = None,
    rolled_back: Callable[[], object] | None = None,
) -> None:
    """Run `committed` once the session's transaction commits, or `rolled_back` once it
    rolls back (a failed flush or commit, an exception, a session closed without a
    commit), whichever comes first."""
    pending: tuple[list[Callable[[], object]], list[Callable[[], object]]] | None
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = ([], [])
        session.info[_PENDING] = pending
        event.listen(session, "after_commit", _after_commit)
        event.listen(session, "after_transaction_end", _after_transaction_end)
    if committed is not None:
        pending[0].append(committed)
    if rolled_back is not None:
        pending[1].append(rolled_back)


def _settle(session: Session, index: int) -> None:
    pending = session.info.get(_PENDING)
    if pending is None:
        return
    actions = list(pending[index])
    pending[0].clear()
    pending[1].clear()
    for action in actions:
        action()


def _after_commit(session: Session) -> None:
    _settle(session, 0)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended without `after_commit` (which settles first): it
    rolled back, or the session was closed before a commit."""
    if transaction.parent is None:
        _settle(session, 1)


def open_store(setting: str, session: Session) -> EvidenceStore:
    """The store the setting names: "database", else a folder path."""
    if setting == "database":
        return DatabaseStore(session)
    return FolderStore(Path(setting), session)
