"""The provider's due-diligence pack for business customers: the instructions-for-use
skeleton (Art. 13(3)) and the part of a customer's fundamental-rights impact assessment
(Art. 27(1)) that a provider can pre-fill, so that a start-up answers its customers' AI Act
questionnaires from its own record."""

from __future__ import annotations

from actcheck.services.drafts.content import DocSection, Draft, Filled, Para
from actcheck.services.drafts.fria import elements
from actcheck.services.drafts.writer import Writer

KIND = "due-diligence"
OBLIGATIONS = ("hr-instructions-for-use",)


def title(w: Writer) -> str:
    return w.t("Due-diligence pack for customers", "Dossier de vigilance pour les clients")


def build(w: Writer) -> Draft:
    t = w.t

    instructions = DocSection(
        t("1. Instructions for use (skeleton)", "1. Notice d'utilisation (trame)"),
        (
            Para(
                t(
                    f"A high-risk system comes with instructions for use that are concise, complete, correct and clear, with at least the content below ({w.cite('Art. 13(3)')}).",
                    f"Un système à haut risque est accompagné d'une notice d'utilisation concise, complète, exacte et claire, comprenant au moins le contenu ci-dessous ({w.cite('Art. 13(3)')}).",
                )
            ),
            Filled(t("(a) Provider", "a) Fournisseur"), w.organisation),
            w.todo(
                t("(a) Contact details; authorised representative", "a) Coordonnées ; mandataire"),
                t("Address, e-mail.", "Adresse, courriel."),
            ),
            w.field(
                t("(b)(i) Intended purpose", "b) i) Destination"),
                "system.description",
                t("The intended purpose.", "La destination."),
            ),
            w.todo(
                t(
                    "(b)(ii) Accuracy, robustness, cybersecurity",
                    "b) ii) Exactitude, robustesse, cybersécurité",
                ),
                t(
                    f"Declared metrics and levels ({w.cite('Art. 15')}).",
                    f"Indicateurs et niveaux déclarés ({w.cite('Art. 15')}).",
                ),
            ),
            w.todo(
                t(
                    "(b)(iii) Circumstances that may lead to risks",
                    "b) iii) Circonstances pouvant entraîner des risques",
                ),
                t(
                    "Including reasonably foreseeable misuse.",
                    "Y compris le mauvais usage raisonnablement prévisible.",
                ),
            ),
            w.todo(
                t(
                    "(b)(iv)-(vii) Explaining output; specific groups; input data; interpreting output",
                    "b) iv) à vii) Explication des résultats ; groupes spécifiques ; données d'entrée ; interprétation",
                ),
                t("", ""),
            ),
            w.todo(t("(c) Pre-determined changes", "c) Modifications prédéterminées"), t("", "")),
            w.todo(
                t("(d) Human oversight measures", "d) Mesures de contrôle humain"),
                t(
                    f"Including technical measures to interpret output ({w.cite('Art. 14')}).",
                    f"Y compris les mesures techniques d'interprétation ({w.cite('Art. 14')}).",
                ),
            ),
            w.todo(
                t(
                    "(e) Resources, lifetime, maintenance",
                    "e) Ressources, durée de vie, maintenance",
                ),
                t("Hardware, updates.", "Matériel, mises à jour."),
            ),
            w.todo(
                t(
                    "(f) Logs: how deployers collect, store and read them",
                    "f) Journaux : collecte, conservation et lecture par les déployeurs",
                ),
                t(f"See {w.cite('Art. 12')}.", f"Voir {w.cite('Art. 12')}."),
            ),
        ),
    )
    customer = [
        DocSection(
            t(
                "2. For your customer's impact assessment",
                "2. Pour l'analyse d'impact de votre client",
            ),
            (
                Para(
                    t(
                        f"Deployers that are bodies governed by public law, private entities providing public services, or that use credit-scoring or life and health insurance systems must assess the impact on fundamental rights ({w.cite('Art. 27(1)')}) and may rely on the provider's information ({w.cite('Art. 27(2)')}). The parts below are what you can pre-fill; the rest is your customer's.",
                        f"Les déployeurs qui sont des organismes de droit public, des entités privées fournissant des services publics, ou qui utilisent des systèmes d'évaluation du crédit ou d'assurance vie et santé doivent analyser l'impact sur les droits fondamentaux ({w.cite('Art. 27(1)')}) et peuvent s'appuyer sur les informations du fournisseur ({w.cite('Art. 27(2)')}). Les parties ci-dessous sont celles que vous pouvez préremplir ; le reste revient à votre client.",
                    )
                ),
            ),
        ),
        *(
            s
            for s in elements(w, provider=True)
            if s.heading.startswith(("(a)", "(c)", "(d)", "(e)", "a)", "c)", "d)", "e)"))
        ),
    ]
    sections = [
        DocSection(
            t("The system", "Le système"),
            (
                Filled(t("AI system", "Système d'IA"), w.system),
                Filled(t("Tier", "Catégorie"), w.tier()),
                *(
                    (
                        Filled(
                            t("Annex III use", "Usage de l'annexe III"), w.answer("annex_iii.areas")
                        ),
                    )
                    if w.values("annex_iii.areas")
                    else ()
                ),
            ),
        ),
        instructions,
        *customer,
    ]
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "Art. 13(3)(a)-(f) and the elements of Art. 27(1) a provider can answer (Act text).",
            "Art. 13(3), points a) à f), et les éléments de l'Art. 27(1) auxquels un fournisseur peut répondre (texte du règlement).",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
