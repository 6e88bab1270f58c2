"""Each draft read back: the Word file with python-docx (headings, pre-filled values,
citations and their EUR-Lex links, DRAFT in the header), and the PDF with pypdf."""

from __future__ import annotations

import re

import pytest

from actcheck.rules import Result
from actcheck.services import drafts
from actcheck.services.drafts.content import Filled, Para, ToComplete

from .conftest import ON, SYSTEM_FOR_KIND, docx_links, docx_text, pdf_pages

#: (kind, language): headings the document must have, a value it must show filled in, and
#: a legal basis it must cite.
EXPECTED = {
    ("classification", "en"): (
        [
            "1. Facts relied on",
            "3. Reasoning, article by article",
            "6. Decision",
            "7. Events that call for a new assessment",
        ],
        "Ranks job applications against a job description.",
        "Annex III 4(a)",
    ),
    ("classification", "fr"): (
        ["1. Faits retenus", "3. Raisonnement, article par article"],
        "Talentia SAS",
        "annexe III, point 4 a)",
    ),
    ("derogation-record", "en"): (
        [
            "2. The Annex III point and the condition relied on",
            "4. No profiling",
            "6. Registration data (Art. 49(2))",
        ],
        "It only performs a narrow procedural task",
        "Annex VIII Section B",
    ),
    ("derogation-record", "fr"): (
        ["4. Aucun profilage"],
        "Talentia Match",
        "annexe VIII, section B",
    ),
    ("transparency", "en"): (
        ["Machine-readable marking of generated content", "Label: deep fake"],
        "This content was generated or manipulated by artificial intelligence.",
        "Art. 50(4)",
    ),
    ("transparency", "fr"): (
        ["Étiquette : hypertrucage"],
        "Ce contenu a été généré ou manipulé par une intelligence artificielle.",
        "Art. 50(2)",
    ),
    ("fria", "en"): (
        [
            "(a) Processes in which the system is used (Art. 27(1)(a))",
            "(f) Measures if the risks materialise (Art. 27(1)(f))",
        ],
        "Job applicants or workers",
        "Art. 27(5)",
    ),
    ("fria", "fr"): (["Notification et protection des données"], "Oui", "Art. 27(1)(c)"),
    ("technical-documentation", "en"): (
        [
            "1. General description of the AI system",
            "5. Risk management system",
            "9. Post-market monitoring",
        ],
        "Ranks job applications against a job description.",
        "Annex IV",
    ),
    ("technical-documentation", "fr"): (
        ["8. Déclaration UE de conformité"],
        "Talentia Match",
        "annexe IV",
    ),
    ("deployer-texts", "en"): (
        [
            "1. Information to workers and their representatives",
            "2. Log-keeping and monitoring checklist",
            "3. Notice to persons subject to decisions",
        ],
        "Talentia SAS will use Talentia Match",
        "Art. 26(7)",
    ),
    ("deployer-texts", "fr"): (
        ["2. Liste de contrôle : journaux et surveillance"],
        "Talentia SAS utilisera Talentia Match",
        "Art. 26(11)",
    ),
    ("ai-literacy", "en"): (["2. Plan", "3. Training record"], "Deployer", "Art. 4"),
    ("ai-literacy", "fr"): (["3. Registre des formations"], "Déployeur", "Art. 4"),
    ("gpai", "en"): (
        ["2. Copyright policy (outline)", "3. Public summary of training content"],
        "Talentia SAS",
        "Art. 53(1)(c)",
    ),
    ("gpai", "fr"): (["3. Résumé public des données d'entraînement"], "Talentia SAS", "annexe XI"),
    ("registration", "en"): (
        ["Provider of a high-risk system (Art. 49(1))"],
        "Talentia Match",
        "Annex VIII Section A",
    ),
    ("registration", "fr"): (["Remarque"], "Talentia SAS", "Art. 49(4)"),
    ("due-diligence", "en"): (
        ["1. Instructions for use (skeleton)", "2. For your customer's impact assessment"],
        "Ranks job applications against a job description.",
        "Art. 13(3)",
    ),
    ("due-diligence", "fr"): (["1. Notice d'utilisation (trame)"], "Talentia SAS", "Art. 27(2)"),
}


@pytest.mark.parametrize(("kind", "lang"), sorted(EXPECTED))
def test_the_word_file_reads_back_with_its_headings_values_and_citations(
    results: dict[str, Result], kind: str, lang: str
) -> None:
    headings, value, citation = EXPECTED[(kind, lang)]
    draft = drafts.build_draft(results[SYSTEM_FOR_KIND[kind]], kind, lang=lang, made_on=ON)
    doc, text = docx_text(drafts.render_file(draft, "docx").content)
    found = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert found[0] == draft.title
    for heading in headings:
        assert heading in found, (heading, found)
    assert value in text
    # DRAFT on every page: in the header of the document's one section.
    stamp = "PROJET" if lang == "fr" else "DRAFT"
    assert all(stamp in s.header.paragraphs[0].text for s in doc.sections)
    assert "Talentia SAS" in doc.tables[0].rows[0].cells[1].text
    locale = "fr-FR" if lang == "fr" else "en-GB"
    assert f'w:val="{locale}"' in doc.styles["Normal"].element.xml
    assert "2026.3" in text
    # Filled and to-complete fields are marked as such.
    assert ("À COMPLÉTER" if lang == "fr" else "TO COMPLETE") in text
    assert ("[REMPLI]" if lang == "fr" else "[FILLED]") in text
    # Every citation is listed and linked to EUR-Lex in the document's language.
    refs = [c.ref for c in draft.citations]
    assert citation in refs, refs
    links = docx_links(doc)
    # (one relationship per address: several references share an article's anchor)
    assert set(links) == {c.href for c in draft.citations}
    assert all(f"/legal-content/{lang.upper()}/" in href for href in links), links
    assert ("Limites de ce projet" if lang == "fr" else "Limits of this draft") in found


def test_the_fria_says_which_template_version_it_follows(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results["credit"], "fria", lang="en", made_on=ON)
    assert "Art. 27(1)(a)-(f)" in draft.follows
    assert "not published" in draft.follows


def test_the_technical_documentation_notes_the_sme_form_only_for_an_sme(
    ruleset: object, results: dict[str, Result]
) -> None:
    from .conftest import answers_of, assess_answers

    small = drafts.build_draft(results["cv"], "technical-documentation", lang="en", made_on=ON)
    large_result = assess_answers(ruleset, answers_of("cv", **{"org.size": "large"}))  # type: ignore[arg-type]
    large = drafts.build_draft(large_result, "technical-documentation", lang="en", made_on=ON)

    def says_sme(draft: drafts.Draft) -> bool:
        return any(
            isinstance(b, Para) and b.text.startswith("As an SME you may provide")
            for s in draft.sections
            for b in s.blocks
        )

    assert says_sme(small)
    assert not says_sme(large)


def test_a_reported_point_is_marked_so(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results["minimal"], "ai-literacy", lang="en", made_on=ON)
    art4 = next(c for c in draft.citations if c.ref == "Art. 4")
    assert art4.status.value == "reported"
    _doc, text = docx_text(drafts.render_file(draft, "docx").content)
    assert "REPORTED" in text


def test_fields_are_filled_from_the_answers_or_left_to_complete(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results["derogation"], "derogation-record", lang="en", made_on=ON)
    blocks = [b for s in draft.sections for b in s.blocks]
    filled = {b.label: b.value for b in blocks if isinstance(b, Filled)}
    assert filled["Profiling (your answer)"] == "No"
    assert filled["Provider"] == "Talentia SAS"
    todo = [b.label for b in blocks if isinstance(b, ToComplete)]
    assert "Why the output does not materially influence it" in todo
    assert draft.to_complete == len(todo)


@pytest.mark.parametrize(
    ("kind", "lang"), [("classification", "fr"), ("fria", "en"), ("technical-documentation", "en")]
)
def test_the_pdf_has_the_same_content_and_draft_on_every_page(
    results: dict[str, Result], kind: str, lang: str
) -> None:
    from actcheck.services.drafts.pdf_file import render_draft_pdf
    from actcheck.services.report import PackageAssetFetcher

    draft = drafts.build_draft(results[SYSTEM_FOR_KIND[kind]], kind, lang=lang, made_on=ON)
    fetcher = PackageAssetFetcher()
    pages = pdf_pages(render_draft_pdf(draft, url_fetcher=fetcher))
    assert fetcher.refused == []
    stamp = "PROJET" if lang == "fr" else "DRAFT"
    assert len(pages) >= 2
    assert all(stamp in page for page in pages)
    text = " ".join(pages)
    assert draft.title in text
    assert "Talentia SAS" in text
    for section in draft.sections:
        assert section.heading in text, section.heading
    assert ("Bases juridiques citées" if lang == "fr" else "Legal bases cited") in text
    assert f"sur {len(pages)}" in pages[-1] if lang == "fr" else f"of {len(pages)}" in pages[-1]


def test_a_public_deployer_gets_annex_viii_section_c_in_french(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results["public_deployer"], "registration", lang="fr", made_on=ON)
    assert draft.obligations == ("deployer-public-registration",)
    assert "annexe VIII, section C" in [c.ref for c in draft.citations]
    assert [s.heading for s in draft.sections] == [
        "Déployeur autorité publique (Art. 49(3))",
        "Remarque",
    ]


def test_the_legal_bases_are_grouped_by_article_in_the_acts_order(
    results: dict[str, Result],
) -> None:
    draft = drafts.build_draft(results["cv"], "deployer-texts", lang="en", made_on=ON)
    bases = draft.legal_bases
    art26 = next(b for b in bases if b.href.endswith("#art_26"))
    assert art26.refs[:4] == ("Art. 26", "Art. 26(1)", "Art. 26(2)", "Art. 26(4)")
    assert art26.refs.index("Art. 26(5)") < art26.refs.index("Art. 26(11)")
    anchors = [b.href.rpartition("#")[2] for b in bases]
    assert anchors == sorted(set(anchors), key=anchors.index)  # one line per article
    assert anchors.index("art_26") < anchors.index("art_86")
    _doc, text = docx_text(drafts.render_file(draft, "docx").content)
    assert "Art. 26; Art. 26(1); Art. 26(2); Art. 26(4)" in text


ARTICLE_NAMED = re.compile(r"\bArt\. (\d+)")
ANNEX_NAMED = re.compile(r"\b[Aa]nnexe? ([IVX]+)\b")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("system", ["cv", "derogation", "public_deployer", "gpai", "generator"])
def test_every_article_and_annex_named_is_in_the_linked_legal_bases(
    results: dict[str, Result], system: str, lang: str
) -> None:
    for kind in drafts.applicable(results[system]):
        draft = drafts.build_draft(results[system], kind.id, lang=lang, made_on=ON)
        _doc, text = docx_text(drafts.render_file(draft, "docx").content)
        body = text.split(draft.labels.legal_bases)[0]
        linked = {b.href.rpartition("#")[2] for b in draft.legal_bases}
        for number in ARTICLE_NAMED.findall(body):
            assert f"art_{number}" in linked, (kind.id, lang, number)
        for numeral in ANNEX_NAMED.findall(body):
            assert f"anx_{numeral}" in linked, (kind.id, lang, numeral)


def test_the_ai_literacy_record_is_a_table_to_fill_in(results: dict[str, Result]) -> None:
    draft = drafts.build_draft(results["minimal"], "ai-literacy", lang="fr", made_on=ON)
    doc, _text = docx_text(drafts.render_file(draft, "docx").content)
    record = doc.tables[-1]
    assert [c.text for c in record.rows[0].cells] == [
        "Nom",
        "Fonction",
        "Contenu de la formation",
        "Date",
        "Formateur",
    ]
    assert len(record.rows) == 7
    assert all(c.text == "" for row in record.rows[1:] for c in row.cells)
