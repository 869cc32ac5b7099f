"""Place mentions: a span of the original text that names, or refers to, a place."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Mention", "MentionKind", "PlacesResult", "places_json_line"]


class MentionKind(StrEnum):
    TOPONYM = "toponym"  # "Syria", "the Euphrates River", "Deir ez-Zor"
    DEMONYM = "demonym"  # "Syrian", "Russian" used as an adjective or noun
    ORGANISATION = "organisation"  # "Syrian Democratic Forces": an association, not a location


class Mention(BaseModel):
    """One mention, with offsets into the original document text (never a normalised copy)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: MentionKind
    government_actor: bool = Field(
        default=False, description="Metonymy: 'Moscow said', 'Washington condemned'."
    )
    in_organisation: bool = Field(
        default=False,
        description="The place names part of an organisation ('Texas' in 'Texas Forest "
        "Service'): an association, never an event location.",
    )
    gazetteer_id: str | None = None
    geonameid: int | None = Field(
        default=None, description="GeoNames id of the resolved entry, where it has one."
    )
    name: str | None = Field(default=None, description="Canonical name of the resolved entry.")
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 of the entry.")
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    reason: str = ""

    @property
    def resolved(self) -> bool:
        return self.gazetteer_id is not None


class PlacesResult(BaseModel):
    """The places stage's output for one document."""

    document_id: str
    mentions: list[Mention] = Field(default_factory=list)


class _PlacesLine(BaseModel):
    id: str
    toponyms: list[Mention]


def places_json_line(result: PlacesResult) -> str:
    """One line of ``geo places --jsonl``: ``{"id", "toponyms": [...]}``, each toponym a
    mention without its canonical name (serialised by pydantic's core: twice as fast as
    building dicts for ``json.dumps``, which counts at a thousand documents a second)."""
    line = _PlacesLine.model_construct(id=result.document_id, toponyms=result.mentions)
    return line.model_dump_json(exclude={"toponyms": {"__all__": {"name"}}})
