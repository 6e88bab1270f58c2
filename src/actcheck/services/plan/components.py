"""The AI components a system is built on: a general-purpose AI model or a third-party AI
service, who provides it, which version, and whether the provider's documentation was
received. Art. 25 (responsibilities along the value chain) and Art. 53(1)(b) (what a GPAI
model's provider hands to those who build on it) turn on exactly these facts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from actcheck.models import AiComponent, Assessment, utcnow


def of(session: Session, assessment: Assessment) -> list[AiComponent]:
    return list(
        session.scalars(
            select(AiComponent)
            .where(AiComponent.assessment_id == assessment.id)
            .order_by(AiComponent.id)
        )
    )


def add(
    session: Session,
    assessment: Assessment,
    *,
    name: str,
    provider: str,
    model_version: str,
    documentation_received: bool,
) -> AiComponent:
    component = AiComponent(
        assessment_id=assessment.id,
        name=name.strip(),
        provider=provider.strip(),
        model_version=model_version.strip(),
        documentation_received=documentation_received,
        created_at=utcnow(),
    )
    session.add(component)
    session.flush()
    return component


def remove(session: Session, assessment: Assessment, component_id: int) -> bool:
    """Remove one of this assessment's components; False when it has none with this id."""
    component = session.get(AiComponent, component_id)
    if component is None or component.assessment_id != assessment.id:
        return False
    session.delete(component)
    session.flush()
    return True
