"""The documents of a general-purpose AI model's provider (Art. 53): the Annex XI / XII
documentation skeleton, the copyright policy outline (Art. 53(1)(c)) and the public
summary of training content (Art. 53(1)(d)), each part only where its obligation binds
(an open-source model keeps only (c) and (d), Art. 53(2))."""

from __future__ import annotations

from actcheck.services.drafts.content import Bullets, DocSection, Draft, Filled, Para
from actcheck.services.drafts.writer import Writer

KIND = "gpai"
OBLIGATIONS = (
    "gpai-technical-documentation",
    "gpai-downstream-information",
    "gpai-copyright-policy",
    "gpai-training-summary",
)


def title(w: Writer) -> str:
    return w.t(
        "General-purpose AI model: documentation, copyright policy, training summary",
        "Modèle d'IA à usage général : documentation, politique en matière de droit d'auteur, résumé des données d'entraînement",
    )


def build(w: Writer) -> Draft:
    t = w.t
    sections: list[DocSection] = [
        DocSection(
            t("The model", "Le modèle"),
            (
                Filled(t("Provider", "Fournisseur"), w.organisation),
                Filled(
                    t("AI system named in the answers", "Système d'IA nommé dans les réponses"),
                    w.system,
                ),
                w.todo(
                    t("Versioned model name", "Nom versionné du modèle"),
                    t("Name and version.", "Nom et version."),
                ),
            ),
        )
    ]
    if w.has("gpai-technical-documentation", "gpai-downstream-information"):
        sections.append(
            DocSection(
                t(
                    "1. Technical documentation and information for downstream providers",
                    "1. Documentation technique et informations aux fournisseurs en aval",
                ),
                (
                    Para(
                        t(
                            f"For the AI Office and national authorities ({w.cite('Art. 53(1)(a)', 'Annex XI')}) and for providers who integrate the model ({w.cite('Art. 53(1)(b)', 'Annex XII')}). Headings paraphrased from the Annexes.",
                            f"Pour le Bureau de l'IA et les autorités nationales ({w.cite('Art. 53(1)(a)', 'Annex XI')}) et pour les fournisseurs qui intègrent le modèle ({w.cite('Art. 53(1)(b)', 'Annex XII')}). Rubriques paraphrasées des annexes.",
                        )
                    ),
                    w.todo(
                        t(
                            "Tasks and systems it can be integrated in",
                            "Tâches et systèmes dans lesquels il peut être intégré",
                        ),
                        t("", ""),
                    ),
                    w.todo(
                        t("Acceptable use policies", "Politiques d'utilisation acceptable"),
                        t("", ""),
                    ),
                    w.todo(
                        t("Release date and distribution", "Date de publication et distribution"),
                        t("", ""),
                    ),
                    w.todo(
                        t(
                            "Architecture and number of parameters",
                            "Architecture et nombre de paramètres",
                        ),
                        t("", ""),
                    ),
                    w.todo(
                        t(
                            "Modality and format of inputs and outputs",
                            "Modalité et format des entrées et sorties",
                        ),
                        t("Including context length.", "Y compris la longueur du contexte."),
                    ),
                    w.todo(t("Licence", "Licence"), t("", "")),
                    w.todo(
                        t(
                            "Training: design, methods, data",
                            "Entraînement : conception, méthodes, données",
                        ),
                        t(
                            "Type, provenance and curation of the data; bias detection.",
                            "Type, provenance et curation des données ; détection des biais.",
                        ),
                    ),
                    w.todo(
                        t("Compute and energy", "Calcul et énergie"),
                        t(
                            "Training compute (FLOPs), time, known or estimated energy use.",
                            "Calcul d'entraînement (FLOP), durée, consommation d'énergie connue ou estimée.",
                        ),
                    ),
                    w.todo(
                        t(
                            "Integration means for downstream providers",
                            "Moyens d'intégration pour les fournisseurs en aval",
                        ),
                        t(
                            "Instructions, tools, infrastructure.",
                            "Instructions, outils, infrastructure.",
                        ),
                    ),
                ),
            )
        )
    if w.has("gpai-copyright-policy"):
        sections.append(
            DocSection(
                t(
                    "2. Copyright policy (outline)",
                    "2. Politique en matière de droit d'auteur (plan)",
                ),
                (
                    Para(
                        t(
                            f"Put in place a policy to comply with Union copyright law, in particular to identify and comply with, including through state-of-the-art technologies, reservations of rights under Article 4(3) of Directive (EU) 2019/790 ({w.cite('Art. 53(1)(c)')}).",
                            f"Mettre en place une politique pour respecter le droit d'auteur de l'Union, notamment pour identifier et respecter, y compris par des technologies de pointe, les réservations de droits exprimées au titre de l'article 4, paragraphe 3, de la directive (UE) 2019/790 ({w.cite('Art. 53(1)(c)')}).",
                        )
                    ),
                    Bullets(
                        (
                            t(
                                "Who is responsible for the policy.",
                                "Qui est responsable de la politique.",
                            ),
                            t(
                                "How crawlers honour robots.txt and other machine-readable opt-outs.",
                                "Comment les robots d'indexation respectent robots.txt et les autres réserves lisibles par machine.",
                            ),
                            t(
                                "Lawful access: no circumvention of paywalls or technical measures.",
                                "Accès licite : aucun contournement des accès payants ou des mesures techniques.",
                            ),
                            t(
                                "Licensed datasets and their terms.",
                                "Jeux de données sous licence et leurs conditions.",
                            ),
                            t(
                                "Measures against infringing outputs; a contact point for rights holders' complaints.",
                                "Mesures contre les sorties contrefaisantes ; point de contact pour les plaintes des ayants droit.",
                            ),
                        )
                    ),
                    w.todo(
                        t("Policy text", "Texte de la politique"),
                        t("Write each point above.", "Rédigez chaque point ci-dessus."),
                    ),
                ),
            )
        )
    if w.has("gpai-training-summary"):
        sections.append(
            DocSection(
                t(
                    "3. Public summary of training content",
                    "3. Résumé public des données d'entraînement",
                ),
                (
                    Para(
                        t(
                            f"Make publicly available a sufficiently detailed summary of the content used for training, with the AI Office's template ({w.cite('Art. 53(1)(d)')}). "
                            "The three parts below follow the Commission's Explanatory Notice and Template of 24 July 2025 (reported; use of the template is mandatory): check the published form.",
                            f"Rendre public un résumé suffisamment détaillé du contenu utilisé pour l'entraînement, selon le modèle du Bureau de l'IA ({w.cite('Art. 53(1)(d)')}). "
                            "Les trois parties ci-dessous suivent la note explicative et le modèle de la Commission du 24 juillet 2025 (source secondaire ; l'usage du modèle est obligatoire) : vérifiez le formulaire publié.",
                        )
                    ),
                    w.todo(
                        t("3.1 General information", "3.1 Informations générales"),
                        t(
                            "Provider, versioned model name, dependencies, date placed on the market, modalities, data sizes, latest collection date.",
                            "Fournisseur, nom versionné, dépendances, date de mise sur le marché, modalités, volumes de données, date de dernière collecte.",
                        ),
                    ),
                    w.todo(
                        t("3.2 List of data sources", "3.2 Liste des sources de données"),
                        t(
                            "Public datasets, licensed data, crawled data (main domains), user data, synthetic data.",
                            "Jeux publics, données sous licence, données collectées (principaux domaines), données d'utilisateurs, données synthétiques.",
                        ),
                    ),
                    w.todo(
                        t("3.3 Relevant data processing", "3.3 Traitements pertinents"),
                        t(
                            "Respect of copyright opt-outs; removal of illegal content.",
                            "Respect des réserves de droits ; retrait des contenus illicites.",
                        ),
                    ),
                ),
            )
        )
    if w.result.gpai.value == "gpai_systemic_risk":
        sections.append(
            DocSection(
                t("4. Systemic risk", "4. Risque systémique"),
                (
                    Para(
                        t(
                            f"Also: model evaluation with adversarial testing, assessment and mitigation of systemic risks, serious-incident reporting and cybersecurity ({w.cite('Art. 55(1)')}); Annex XI Section 2 adds the evaluation strategies and results to the documentation.",
                            f"En outre : évaluation du modèle avec essais contradictoires, évaluation et atténuation des risques systémiques, signalement des incidents graves et cybersécurité ({w.cite('Art. 55(1)')}) ; l'annexe XI, section 2, ajoute les stratégies et résultats d'évaluation à la documentation.",
                        )
                    ),
                    w.todo(
                        t(
                            "Evaluation and adversarial testing",
                            "Évaluation et essais contradictoires",
                        ),
                        t("", ""),
                    ),
                ),
            )
        )
    sections.append(
        DocSection(
            t("Codes of practice", "Codes de bonnes pratiques"),
            (
                Para(
                    t(
                        f"The General-Purpose AI Code of Practice (10 July 2025, voluntary, reported) can be relied on to demonstrate compliance until a harmonised standard exists ({w.cite('Art. 53(4)')}); the 2026 amendments say codes give no presumption of conformity {w.reported()}.",
                        f"Le code de bonnes pratiques pour l'IA à usage général (10 juillet 2025, volontaire, source secondaire) peut servir à démontrer la conformité jusqu'à l'existence d'une norme harmonisée ({w.cite('Art. 53(4)')}) ; selon les modifications de 2026, les codes ne donnent aucune présomption de conformité {w.reported()}.",
                    )
                ),
            ),
        )
    )
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "Annexes XI and XII (Act text, paraphrased); the Commission's training-content template of 24 July 2025 (reported).",
            "Annexes XI et XII (texte du règlement, paraphrasé) ; le modèle de résumé de la Commission du 24 juillet 2025 (source secondaire).",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
