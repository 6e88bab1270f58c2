"""The deployer's texts for a high-risk system (Art. 26): the information to workers and
their representatives before use at work (Art. 26(7)), the log-keeping and monitoring
checklist (Art. 26(5), (6)) and the notice to persons subject to decisions (Art. 26(11))."""

from __future__ import annotations

from actcheck.services.drafts.content import Bullets, DocSection, Draft, Filled, Para
from actcheck.services.drafts.writer import Writer

KIND = "deployer-texts"
OBLIGATIONS = (
    "deployer-workplace-information",
    "deployer-logs",
    "deployer-monitoring",
    "deployer-inform-persons",
)


def title(w: Writer) -> str:
    return w.t("Deployer texts (Art. 26)", "Textes du déployeur (Art. 26)")


def build(w: Writer) -> Draft:
    t = w.t
    name, org = w.system, w.organisation
    sections: list[DocSection] = []
    if w.has("deployer-workplace-information"):
        sections.append(
            DocSection(
                t(
                    "1. Information to workers and their representatives",
                    "1. Information des travailleurs et de leurs représentants",
                ),
                (
                    Para(
                        t(
                            f"Before putting the system into service or using it at the workplace, inform the workers' representatives and the affected workers, following the national rules and practice on informing workers ({w.cite('Art. 26(7)')}).",
                            f"Avant de mettre le système en service ou de l'utiliser sur le lieu de travail, informez les représentants des travailleurs et les travailleurs concernés, selon les règles et pratiques nationales d'information des travailleurs ({w.cite('Art. 26(7)')}).",
                        )
                    ),
                    Filled(
                        t("Text of the information (English)", "Texte de l'information (anglais)"),
                        f"{org} will use {name}, a high-risk artificial intelligence system under the EU AI Act, from [date]. "
                        "It is used for [purpose] and concerns [which workers]. [Who oversees it, and who takes the decisions it informs.] "
                        "You can ask [contact] how it works and how it affects you.",
                    ),
                    Filled(
                        t("Text of the information (French)", "Texte de l'information (français)"),
                        f"{org} utilisera {name}, un système d'intelligence artificielle à haut risque au sens du règlement européen sur l'IA, à partir du [date]. "
                        "Il sert à [finalité] et concerne [quels travailleurs]. [Qui le contrôle, et qui prend les décisions qu'il éclaire.] "
                        "Vous pouvez demander à [contact] comment il fonctionne et quels effets il a pour vous.",
                    ),
                    w.todo(
                        t("Bracketed words", "Mots entre crochets"),
                        t(
                            "Date, purpose, workers concerned, oversight, contact.",
                            "Date, finalité, travailleurs concernés, contrôle, contact.",
                        ),
                    ),
                    w.todo(
                        t("Representatives informed on", "Représentants informés le"),
                        t("Date and body (works council / CSE...).", "Date et instance (CSE...)."),
                    ),
                ),
            )
        )
    if w.has("deployer-logs", "deployer-monitoring"):
        sections.append(
            DocSection(
                t(
                    "2. Log-keeping and monitoring checklist",
                    "2. Liste de contrôle : journaux et surveillance",
                ),
                (
                    Bullets(
                        (
                            t(
                                f"Use the system according to its instructions for use ({w.cite('Art. 26(1)')}).",
                                f"Utiliser le système conformément à sa notice d'utilisation ({w.cite('Art. 26(1)')}).",
                            ),
                            t(
                                f"Name the people who oversee it; check they are competent, trained and have authority ({w.cite('Art. 26(2)')}).",
                                f"Désigner les personnes qui le contrôlent ; vérifier leur compétence, leur formation et leur autorité ({w.cite('Art. 26(2)')}).",
                            ),
                            t(
                                f"Check that the input data you control is relevant and representative ({w.cite('Art. 26(4)')}).",
                                f"Vérifier que les données d'entrée que vous maîtrisez sont pertinentes et représentatives ({w.cite('Art. 26(4)')}).",
                            ),
                            t(
                                f"Monitor its operation; if it may present a risk, inform the provider and the market surveillance authority and suspend use; report serious incidents ({w.cite('Art. 26(5)')}).",
                                f"Surveiller son fonctionnement ; s'il peut présenter un risque, informer le fournisseur et l'autorité de surveillance du marché et suspendre l'utilisation ; signaler les incidents graves ({w.cite('Art. 26(5)')}).",
                            ),
                            t(
                                f"Keep the logs under your control for at least six months ({w.cite('Art. 26(6)')}).",
                                f"Conserver les journaux sous votre contrôle au moins six mois ({w.cite('Art. 26(6)')}).",
                            ),
                            t(
                                f"Cooperate with the authorities ({w.cite('Art. 26(12)')}).",
                                f"Coopérer avec les autorités ({w.cite('Art. 26(12)')}).",
                            ),
                        )
                    ),
                    w.todo(
                        t(
                            "Where the logs are kept, and for how long",
                            "Où les journaux sont conservés, et combien de temps",
                        ),
                        t(
                            "System, retention period (six months or more, and GDPR limits).",
                            "Système, durée (six mois ou plus, et limites du RGPD).",
                        ),
                    ),
                    w.todo(
                        t("Who monitors, how often", "Qui surveille, à quelle fréquence"),
                        t("Names and rhythm.", "Noms et rythme."),
                    ),
                    w.todo(
                        t(
                            "Provider's contact for risks and incidents",
                            "Contact du fournisseur pour les risques et incidents",
                        ),
                        t("E-mail or portal.", "Courriel ou portail."),
                    ),
                ),
            )
        )
    if w.has("deployer-inform-persons"):
        sections.append(
            DocSection(
                t(
                    "3. Notice to persons subject to decisions",
                    "3. Information des personnes faisant l'objet de décisions",
                ),
                (
                    Para(
                        t(
                            f"Inform the natural persons about whom the system makes or helps make decisions that they are subject to its use ({w.cite('Art. 26(11)')}); a person adversely affected may ask for an explanation of its role ({w.cite('Art. 86')}).",
                            f"Informez les personnes physiques au sujet desquelles le système prend ou aide à prendre des décisions qu'elles y sont soumises ({w.cite('Art. 26(11)')}) ; une personne affectée défavorablement peut demander une explication de son rôle ({w.cite('Art. 86')}).",
                        )
                    ),
                    Filled(
                        t("Text of the notice (English)", "Texte de la mention (anglais)"),
                        f"{org} uses {name}, an artificial intelligence system, to help decide on [what]. "
                        "A person reviews its output and takes the decision. You may ask for an explanation of the role the system played and of the main elements of the decision: [contact].",
                    ),
                    Filled(
                        t("Text of the notice (French)", "Texte de la mention (français)"),
                        f"{org} utilise {name}, un système d'intelligence artificielle, pour aider à décider de [quoi]. "
                        "Une personne examine son résultat et prend la décision. Vous pouvez demander une explication du rôle du système et des principaux éléments de la décision : [contact].",
                    ),
                    w.todo(
                        t("Where it is given", "Où elle est donnée"),
                        t(
                            "Application form, letter, web page...",
                            "Formulaire, courrier, page web...",
                        ),
                    ),
                ),
            )
        )
    return w.draft(
        KIND,
        title(w),
        follows=t(
            "Art. 26 of the Act; no official form exists.",
            "Art. 26 du règlement ; il n'existe pas de modèle officiel.",
        ),
        sections=sections,
        obligations=OBLIGATIONS,
    )
