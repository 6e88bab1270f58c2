"""Two app instances on one database, as behind a load balancer: the signed session works on
both (they are stateless), and two saves of the same assessment never both win (no lost
update), whether they race through the web pages or straight through the service layer."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

import pytest

from founders import answers_of

from .conftest import ROOT, HttpBrowser, Server, public_id_of

pytestmark = pytest.mark.faults

ROUNDS = 8


def _post(browser: HttpBrowser, server: Server, path: str, form: Any, out: dict[str, int],
          key: str, barrier: threading.Barrier) -> None:  # fmt: skip
    barrier.wait()
    out[key] = browser.request("POST", path, form, port=server.port).status


def test_two_instances_share_sessions_and_never_lose_an_update(
    gunicorn: Any, app_factory: Any
) -> None:
    first, second = gunicorn(workers=1), gunicorn(workers=1)
    app = app_factory()
    # A founder moves between instances without noticing: the session cookie signed by
    # the first is read by the second, and an answer saved on one is seen on the other.
    tab_a = HttpBrowser(first.port)
    path = tab_a.start()
    public_id = public_id_of(path)
    page = tab_a.get(path, port=second.port)
    assert page.status == 200
    saved = tab_a.request("POST", path, tab_a.answer_form(page.text, "Acme"), port=second.port)
    assert saved.status == 302
    assert 'value="Acme"' in tab_a.get(path, port=first.port).text
    # Then two tabs of that founder, each on another instance, save at the same moment.
    tab_b = HttpBrowser(second.port, cookies=dict(tab_a.cookies))
    wins = {"a": 0, "b": 0}
    for round_ in range(ROUNDS):
        page_a, page_b = tab_a.get(path), tab_b.get(path)
        _, version = answers_of(app, public_id)
        form_a = HttpBrowser.answer_form(page_a.text, f"A{round_}")
        form_b = HttpBrowser.answer_form(page_b.text, f"B{round_}")
        barrier = threading.Barrier(2)
        statuses: dict[str, int] = {}
        threads = [
            threading.Thread(target=_post, args=(tab_a, first, path, form_a, statuses, "a", barrier)),
            threading.Thread(target=_post, args=(tab_b, second, path, form_b, statuses, "b", barrier)),
        ]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(statuses.values()) == [302, 409], statuses  # one wins, one is told
        winner = "a" if statuses["a"] == 302 else "b"
        wins[winner] += 1
        stored, new_version = answers_of(app, public_id)
        assert stored["org.name"] == f"{winner.upper()}{round_}"
        assert new_version == version + 1
    assert sum(wins.values()) == ROUNDS


# -- the same race between two processes, straight through the service layer ---------------

SAVER = """
import json, sys
from actcheck.database import Database
from actcheck.rules.loading import load_ruleset
from actcheck.services import assessments as service
from actcheck.services.owners import Owner

url, schema, public_id, owner_key, value = sys.argv[1:6]
database = Database.open(url, schema=schema or None)
rules = load_ruleset()
owner = Owner(key=owner_key)
with database.sessions() as session:
    assessment = service.get(session, public_id, owner=owner)
    version = assessment.version
    print("loaded", flush=True)
    sys.stdin.readline()  # both processes hold the same version: go
    try:
        service.save_answer(session, assessment, owner=owner, ruleset=rules,
                            question_id="org.name", value=value, expected_version=version)
        session.commit()
        print(json.dumps({"saved": True}), flush=True)
    except service.StaleAssessment as stale:
        print(json.dumps({"saved": False, "version": stale.version,
                          "changes": [c.question_id for c in stale.changes]}), flush=True)
database.close()
"""


def test_two_processes_saving_the_same_version_never_both_win(
    app_factory: Any, test_database: Any
) -> None:
    from sqlalchemy import select

    from actcheck.models import Assessment
    from actcheck.rules.loading import load_ruleset
    from actcheck.services import assessments as service
    from actcheck.services.owners import Owner

    app = app_factory()
    owner = Owner(key="session:two-processes")
    with app.extensions["actcheck.database"].sessions() as session:
        created = service.create(session, owner=owner, ruleset=load_ruleset())
        session.commit()
        public_id = created.public_id
    for round_ in range(3):
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    SAVER,
                    test_database.url,
                    test_database.schema or "",
                    public_id,
                    owner.key,
                    f"{name}{round_}",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            for name in ("P", "Q")
        ]
        try:
            for process in processes:
                assert process.stdout is not None
                assert process.stdout.readline().strip() == "loaded"
            for process in processes:  # both loaded the same version; now both save
                assert process.stdin is not None
                process.stdin.write("go\n")
                process.stdin.flush()
            results = [json.loads(p.communicate(timeout=60)[0].strip()) for p in processes]
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
        assert sorted(r["saved"] for r in results) == [False, True], results
        loser = next(r for r in results if not r["saved"])
        assert loser["changes"] == ["org.name"]  # told what changed
        winner = "PQ"[[r["saved"] for r in results].index(True)]
        with app.extensions["actcheck.database"].sessions() as session:
            row = session.scalars(select(Assessment).where(Assessment.public_id == public_id)).one()
            assert row.answers["org.name"] == f"{winner}{round_}"
            assert row.version == round_ + 2
            assert loser["version"] == row.version
