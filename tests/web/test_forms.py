"""The forms are built from the question definitions: one field per question kind."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from actcheck.rules.model import Kind
from actcheck.web.questionnaire.forms import NONE_OF_THESE, question_form


def form(app: Any, qid: str, data: dict[str, Any] | None, **changes: Any) -> Any:
    rules = app.extensions["actcheck.ruleset"]
    question = replace(rules.questions[qid], **changes)
    formdata = None if data is None else MultiDict(data)
    return question_form(question, rules, "en", version=1, formdata=formdata)


@pytest.mark.parametrize(
    ("qid", "field"),
    [
        ("org.name", "StringField"),
        ("system.description", "TextAreaField"),
        ("org.size", "RadioField"),
        ("system.is_ai_system", "RadioField"),
        ("system.roles", "SelectMultipleField"),
    ],
)
def test_every_kind_gets_its_field(app: Any, qid: str, field: str) -> None:
    with app.test_request_context():
        built = form(app, qid, None)
        assert built.answer.type == field
        assert (
            built.answer.label.text == app.extensions["actcheck.ruleset"].questions[qid].text["en"]
        )


def test_every_question_of_the_rule_set_has_a_form(app: Any) -> None:
    rules = app.extensions["actcheck.ruleset"]
    with app.test_request_context():
        for question in rules.questions.values():
            built = form(app, question.id, None)
            if question.kind is not Kind.TEXT:
                values = {c.value for c in built.answer.choices} - {NONE_OF_THESE}
                assert values == set(question.values), question.id


def test_a_required_text_question_asks_for_an_answer(app: Any) -> None:
    with app.test_request_context(method="POST"):
        built = form(app, "system.description", {"version": "1", "answer": "  "}, optional=False)
        assert not built.validate()
        assert built.answer.errors == ["Enter your answer"]


def test_answers_come_out_in_the_answers_format(app: Any) -> None:
    with app.test_request_context(method="POST"):
        cases = [
            ("system.roles", {"answer": ["provider", "deployer"]}, ["provider", "deployer"]),
            ("system.roles", {"answer": [NONE_OF_THESE]}, []),
            ("system.roles", {}, []),
            ("system.description", {"answer": "  text  "}, "text"),
            ("system.description", {"answer": ""}, None),
            ("system.is_ai_system", {"answer": "unsure"}, "unsure"),
        ]
        for qid, data, expected in cases:
            built = form(app, qid, {"version": "1", **data})
            assert built.answer_value() == expected, (qid, data)


def test_every_form_of_the_app_refuses_control_characters() -> None:
    """Plain text is a property of the base form (issue 12, finding 6): a form added later
    that forgets it fails here, not in production."""
    import importlib
    import inspect
    import pkgutil

    from flask_wtf import FlaskForm

    import actcheck.web
    from actcheck.web.forms import SafeForm

    forms = []
    for module in pkgutil.walk_packages(actcheck.web.__path__, "actcheck.web."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, FlaskForm) and cls.__module__ == loaded.__name__:
                forms.append(cls)
    assert len(forms) >= 14
    assert [f.__name__ for f in forms if not issubclass(f, SafeForm)] == []
