"""Where evidence files' bytes live, behind one interface: the database (the default; one
transaction stores the row and the bytes, so nothing is ever half-stored) or a folder.

`ACTCHECK_EVIDENCE_STORE=database` or a folder path. A folder file is written under a
temporary name and renamed into place before the row is flushed: a crash in between leaves
at worst a file no row names (never a row without its file). Keys are generated
(`new_key`), never derived from what the founder typed.

S3-compatible storage (not built): a third class with the same three methods, `put` as
`put_object(Bucket, Key=key, Body=data)` and `get` as `get_object(...)["Body"].read()`
(boto3), `delete` as `delete_object`; the bucket private, with no public URL, since
downloads must pass through the app's access check.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from actcheck.models import EvidenceBlob


class MissingFile(LookupError):
    """The store has no bytes under this key."""


class EvidenceStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


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

    def delete(self, key: str) -> None:
        blob = self.session.get(EvidenceBlob, key)
        if blob is not None:
            self.session.delete(blob)


class FolderStore:
    """Bytes in files of one folder, named by key (two-character subfolders)."""

    def __init__(self, root: Path) -> None:
        self.root = root

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

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise MissingFile(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def open_store(setting: str, session: Session) -> EvidenceStore:
    """The store the setting names: "database", else a folder path."""
    if setting == "database":
        return DatabaseStore(session)
    return FolderStore(Path(setting))
