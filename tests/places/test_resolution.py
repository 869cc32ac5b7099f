"""Resolution: one gazetteer entry per recognised name, or none, with a confidence and a reason.

Tables of news sentences for each kind of evidence in issue 3: explicit qualifiers ("Aleppo,
Syria" vs "Damascus, Oregon"), the document's focus (Georgia the US state vs the country),
one sense per name per document, and names with no good candidate, which stay unresolved
without disturbing the rest of the document.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import changed, vocabulary_data
from pydantic import ValidationError

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import Candidate, FeatureClass, NameKind
from gazetteer.normalize import normalize
from geo.documents import Document
from geo.places import resolution
from geo.places.find import find_places, person_names, resolve_spans
from geo.places.mentions import Mention, MentionKind
from geo.places.recognition import Match, recognize
from geo.places.resolution import WEIGHTS, ResolutionFile, resolve_matches


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def resolved(text: str, gazetteer: Gazetteer) -> list[Mention]:
    mentions = find_places(Document(id="r", text=text), gazetteer).mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert 0.0 <= mention.confidence <= 1.0
        assert mention.reason.strip()
    return mentions


def first(mentions: list[Mention], surface: str) -> Mention:
    return next(m for m in mentions if m.text == surface)


# ------------------------------------------------------------------ qualifiers


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        ("Fighting raged near Aleppo, Syria, on Monday.", "Aleppo", "SY", None),
        ("Shelling hit Damascus, Syria, overnight.", "Damascus", "SY", None),
        ("A fire destroyed a barn in Damascus, Oregon, on Monday.", "Damascus", "US", "US.OR"),
        ("The festival in Paris, Texas, drew thousands.", "Paris", "US", "US.TX"),
        ("The plant in London, Ont., will close in May.", "London", "CA", "CA.08"),
        ("Storms hit Paris, France, and the north.", "Paris", "FR", None),
        ("Flooding closed roads in Athens, Ga., on Sunday.", "Athens", "US", "US.GA"),
        ("Police in Birmingham, Alabama, made arrests.", "Birmingham", "US", "US.AL"),
        # an area named by the side of its country (ACLED's notation, or an area's word)
        ("Thousands protested in Tripoli (Tripoli, North) against taxes.", "Tripoli", "LB",
         "LB.09"),
        ("Gunmen fired in a camp near Saida, South governorate.", "Saida", "LB", "LB.06"),
        # ACLED's district named for its town qualifies nothing: "(Saida" is no Algeria
        ("LAF commandos raided Ain al-Hilweh camp near Saida (Saida, South).", "Saida", "LB",
         "LB.06"),
        # "in" and a side of the country between them: Quito's alternate name is no rival
        ("He was born into a family of musicians in Kita, in western Mali, and toured Japan.",
         "Kita", "ML", None),
        # a country's abbreviation before a noun says whose, not where: "Jordan" is the country
        ("Jets struck a convoy near Syria's borders with Iraq and Jordan, U.S. officials said.",
         "Jordan", "JO", None),
    ],
)  # fmt: skip
def test_qualifier_picks_the_entry_in_the_named_area(
    text: str, surface: str, country: str, admin1: str | None, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.resolved and mention.country == country
    if admin1 is not None:
        entry = gazetteer.get(mention.gazetteer_id or "", geometry=False)
        assert entry is not None and entry.admin1_code == admin1


@pytest.mark.parametrize(
    ("text", "surface", "qualified_id"),
    [
        ("A barn burned in Damascus, Oregon.", "Damascus", "geonames:5722088"),
        ("Troops entered Damascus, Syria.", "Damascus", "geonames:170654"),
    ],
)
def test_qualifier_is_named_in_the_reason(
    text: str, surface: str, qualified_id: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.gazetteer_id == qualified_id
    assert "qualified" in mention.reason


@pytest.mark.parametrize(
    "text",
    [
        "Clashes were reported in al-Rami, Idlib province, on Monday.",
        "Fighting broke out in Joseph in Idlib governorate overnight.",
        # a village of a range, a quarter of a city, that the gazetteer lacks
        "Fierce clashes continue in Kabani in Jabal al-Akrad.",
        # a town of a country, whose only namesakes are in China
        "He was injured in 2004 in Taji, Iraq, during a mortar attack.",
        # a quarter of a city, not the town of Ad Dawr 100 km north
        "A car bomb exploded in the Dora district of Baghdad.",
        "A car bomb exploded in the Dora district of southern Baghdad.",
        # ... though a large city abroad shares the name's loose key (Karaj)
        "A truck bomb exploded in the Karrada district of Baghdad.",
        # ACLED's chain puts the district in the province, not in Egypt (Cairo's own name)
        "Fighters clashed in Al Qahirah (Al Qahirah, Taizz) on Monday.",
        # ... and a chain that ends in a country holds its place there (no Jisr of Israel)
        "Shelling hit Jisr (Jisr, Syria) on Monday.",
        # "the X of Y": the part of the city, not Jerusalem's Old City
        "Fighters clashed in the Old City of Taizz on Monday.",
        # a town across the border is none of the province's, however near; an area's word
        # may close the name
        "Border guards shot three porters in Chaldoran, West Azerbaijan province.",
        "Border guards shot three porters in Chaldoran county, West Azerbaijan province.",
    ],
)
def test_a_place_the_text_puts_in_a_province_is_no_namesake_abroad(
    text: str, gazetteer: Gazetteer
) -> None:
    mention = resolved(text, gazetteer)[0]
    assert not mention.resolved
    assert "no reading of the name lies in or near" in mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # a country after "district of" holds nothing
        ("Clashes hit the Gazakh district of Azerbaijan on Monday.", "Gazakh", "AZ"),
        ("Cases centred in the Cacuaco district of Angola's capital Luanda.", "Cacuaco", "AO"),
        # the larger place first says whose the part is
        ("They play a team from the Houston suburb of Katy, Texas.", "Houston", "US"),
    ],
)
def test_a_district_of_a_country_is_read_as_usual(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.resolved and mention.country == country, mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # a list of areas, the admin word the last one's
        ("Hotspots were detected in Riau, Jambi province and Central Kalimantan.", "Riau", "ID"),
        # a river crosses provinces
        ("The SDF advanced east of the Euphrates in Deir ez-Zor countryside.", "Euphrates",
         None),
        # GeoNames codes Abu Ghraib in Baghdad, Natural Earth's outline puts it in Anbar
        ("Clashes were reported in Abu Ghraib, Al-Anbar province, on Monday.", "Abu Ghraib",
         "IQ"),
        ("Shelling hit Saraqib, Idlib province.", "Saraqib", "SY"),
        ("Militiamen raided Sadr City in Baghdad.", "Sadr City", "IQ"),
        ("Shells fell on Kafr Zita in Hama.", "Kafr Zita", "SY"),  # the province's
        # "in" a country: what the qualifier weighs, not a hold ("Detroit in Canada")
        ("A plant in Windsor, across the river from Detroit in Canada.", "Detroit", "US"),
        ("An icebreaker sails from Punta Arenas in Chile.", "Punta Arenas", "CL"),
        # a large city before countries is a list, and a state of the country's name holds
        ("Fighters came from Tunis, Libya and Egypt.", "Tunis", "TN"),
        ("Police in Athens, Georgia, arrested two men.", "Athens", "US"),
    ],
)  # fmt: skip
def test_a_place_in_or_beside_the_province_named_after_it_is_kept(
    text: str, surface: str, country: str | None, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.resolved and mention.country == country


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Floods hit Lahore and Multan in Pakistan. Across the border, the Indian state of "
         "Punjab was also flooded.", "Punjab", "IN"),
        ("Lahore and Multan flooded in Pakistan's Punjab.", "Punjab", "PK"),
        ("Texas police said the Mexican border city of Juarez was calm.", "Juarez", "MX"),
        ("Lawmakers in Portland voted on Tuesday, days after the Australian state of "
         "Victoria passed a similar law.", "Victoria", "AU"),
        # a country's possessive says it as well: Kenya has an Eastern Region too
        ("Floods hit Kenya's Rift Valley and Uganda's Eastern Region.", "Eastern Region",
         "UG"),
    ],
)  # fmt: skip
def test_a_countrys_adjective_before_the_kind_of_place_says_its_country(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.resolved and mention.country == country, mention.reason


# ------------------------------------------------------------------ document focus


@pytest.mark.parametrize(
    ("text", "country", "feature_class"),
    [
        (
            "Atlanta and Savannah lead Georgia's growth, and Georgia lawmakers met in Atlanta "
            "on Tuesday. Officials in Macon and Augusta welcomed the vote.",
            "US",
            "admin1",
        ),
        (
            "Tbilisi said Georgia would seek closer ties with the EU. Georgia borders Russia, "
            "Armenia and Azerbaijan, and fought a war with Russia in 2008.",
            "GE",
            "country",
        ),
    ],
)
def test_document_focus_decides_georgia(
    text: str, country: str, feature_class: str, gazetteer: Gazetteer
) -> None:
    georgias = [m for m in resolved(text, gazetteer) if m.text == "Georgia"]
    assert len(georgias) == 2
    assert {(m.country, m.feature_class) for m in georgias} == {(country, feature_class)}


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Rebels in Idlib and Hama shelled Aleppo; Homs was quiet.", "Homs", "SY"),
        ("Residents of Portland, Salem and Eugene voted; Damascus did too.", "Damascus", "US"),
    ],
)
def test_nearby_names_pull_an_ambiguous_one(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    assert first(resolved(text, gazetteer), surface).country == country


def test_a_country_is_not_its_department_of_the_same_name(gazetteer: Gazetteer) -> None:
    """ "In Guatemala": the country, though its other places bring the department of that
    name into focus."""
    text = "In Guatemala, visitors love the markets of Chichicastenango."
    assert first(resolved(text, gazetteer), "Guatemala").feature_class == "country"


@pytest.mark.parametrize(
    ("text", "surface", "entry_id"),
    [
        # Syria's centre is nearer the province's than the city's point: the country named
        # pulls both alike, so the city stays the reading of its own name
        ("Clashes were reported in Daraa, Syria, on Monday.", "Daraa", "geonames:170905"),
        # ... and, with another country named, its own Tripoli
        (
            "Rioters in Tripoli set fire to bank branches and threw stones at the Lebanese "
            "army, Russian media reported.",
            "Tripoli",
            "geonames:266826",
        ),
    ],
)
def test_a_country_named_pulls_its_places_whatever_the_distance(
    text: str, surface: str, entry_id: str, gazetteer: Gazetteer
) -> None:
    assert first(resolved(text, gazetteer), surface).gazetteer_id == entry_id


# ------------------------------------------------------------------ one sense per discourse


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A barn burned in Damascus, Oregon. Later, Damascus residents cleaned up.", "Damascus"),
        ("Paris, Texas, held a fair. Paris officials said it went well.", "Paris"),
        ("Shelling hit Aleppo. Aleppo's old city burned. Aid reached Aleppo.", "Aleppo"),
    ],
)
def test_one_sense_per_name_per_document(text: str, surface: str, gazetteer: Gazetteer) -> None:
    mentions = [m for m in resolved(text, gazetteer) if m.text == surface]
    assert len(mentions) >= 2
    assert len({m.gazetteer_id for m in mentions}) == 1
    assert len({m.confidence for m in mentions}) == 1
    assert mentions[0].gazetteer_id is not None


# ------------------------------------------------------------------ unresolved, never breaking


def _match(text: str, surface: str, candidates: list[Candidate]) -> Match:
    start = text.index(surface)
    return Match(start, start + len(surface), surface, normalize(surface),
                 MentionKind.TOPONYM, candidates, first_token=-1, last_token=-1)  # fmt: skip


def _weak(name: str) -> Candidate:
    """A hamlet far too small to be chosen on its own."""
    importance = WEIGHTS["min_score"] - 2.5
    return Candidate(0, f"test:{name}", name, FeatureClass.CITY, "ZZ", None, 10, 1.0, 1.0,
                     importance, NameKind.ALT)  # fmt: skip


def test_name_without_candidates_is_unresolved_and_the_rest_resolve(
    gazetteer: Gazetteer,
) -> None:
    text = "Troops left Qwxzyville at dawn and reached Aleppo, Syria, by noon."
    people = person_names(gazetteer)
    context = recognize(text, gazetteer, people)
    matches = [_match(text, "Qwxzyville", []), *context]
    mentions = {m.text: m for m in resolve_matches(text, matches)}
    ghost = mentions["Qwxzyville"]
    assert ghost.gazetteer_id is None and ghost.lat is None and ghost.confidence == 0.0
    assert ghost.reason
    assert mentions["Aleppo"].gazetteer_id == "geonames:170063"
    assert mentions["Syria"].gazetteer_id == "country:SY"


def test_weak_candidate_is_reported_unresolved_with_why() -> None:
    text = "The patrol stopped at Tiny Hamlet."
    (mention,) = resolve_matches(text, [_match(text, "Tiny Hamlet", [_weak("Tiny Hamlet")])])
    assert not mention.resolved
    assert "too little support" in mention.reason
    assert (mention.start, mention.end) == (22, 33)


@pytest.mark.parametrize(
    "text",
    [
        "Troops left Qwxzyville at dawn.",
        "Qwxzyville",
        "Zzyzxq and Qwxzyville signed a pact.",
    ],
)
def test_unknown_names_are_not_forced(text: str, gazetteer: Gazetteer) -> None:
    assert all(not m.resolved for m in resolved(text, gazetteer) if "zy" in m.text)


def test_resolve_matches_of_nothing() -> None:
    assert resolve_matches("", []) == []


def test_context_matches_inform_but_are_not_reported(gazetteer: Gazetteer) -> None:
    text = "A barn burned in Damascus. Portland, Salem and Eugene in Oregon sent help."
    recognised = recognize(text, gazetteer, person_names(gazetteer))
    target = [m for m in recognised if m.text == "Damascus"]
    context = [m for m in recognised if m.text != "Damascus"]
    mentions = resolve_matches(text, target, context)
    assert [m.text for m in mentions] == ["Damascus"]
    assert mentions[0].country == "US"


# ------------------------------------------------------------------ every mention's contract


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it would treat any US jet flying west of the Euphrates River in Syria "
        "as a target.",
        "Officials in Fresno, Calif., and Atlanta, Ga., said the storm hit Macon.",
        "The Syrian Democratic Forces, backed by US jets, advanced on Raqqa and Tabqa.",
        "Refugees crossed from Şanlıurfa to Köln via Île-de-France.",
    ],
)
def test_every_resolved_mention_is_complete(text: str, gazetteer: Gazetteer) -> None:
    mentions = resolved(text, gazetteer)
    assert mentions
    for mention in mentions:
        if mention.resolved:
            assert mention.lat is not None and -90 <= mention.lat <= 90
            assert mention.lon is not None and -180 <= mention.lon <= 180
            assert mention.feature_class in {fc.value for fc in FeatureClass}
            assert mention.name and 0.0 < mention.confidence <= 1.0
        else:
            assert mention.confidence == 0.0 and mention.gazetteer_id is None


# ------------------------------------------------------------------ the words (resolution.toml)


# ------------------------------------------------------------------ admin words


@pytest.mark.parametrize(
    ("text", "surface", "feature_class", "admin1"),
    [
        ("A civilian was killed in northern Al-Raqqa countryside.", "Al-Raqqa", "admin1", "SY.04"),
        (
            "Regime forces shelled Kafr Nabl in the southern countryside of Idleb.",
            "Idleb",
            "admin1",
            "SY.12",
        ),
        ("Clashes erupted in Hama northern countryside.", "Hama", "admin1", "SY.10"),
        ("Drones struck targets in Idlib's countryside.", "Idlib", "admin1", "SY.12"),
        ("Airstrikes hit the province of Hama.", "Hama", "admin1", "SY.10"),
        ("Gunmen attacked a checkpoint in Hasakah province.", "Hasakah", "admin1", "SY.01"),
        ("Shelling hit rural Damascus overnight.", "rural Damascus", "admin1", "SY.08"),
        ("Shelling hit Reef Damascus overnight.", "Reef Damascus", "admin1", "SY.08"),
        ("Missiles struck an air base in the Homs desert.", "Homs", "admin1", "SY.11"),
        # the city where the text says so, or where no area of the name exists
        ("Airstrikes hit Idleb city.", "Idleb", "city", "SY.12"),
        ("Airstrikes hit Idleb on Monday.", "Idleb", "city", "SY.12"),
        ("Clashes on Shirawa frontlines in Afrin countryside.", "Afrin", "city", "SY.09"),
    ],
)
def test_admin_words_choose_the_area(
    text: str, surface: str, feature_class: str, admin1: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    entry = gazetteer.get(mention.gazetteer_id or "", geometry=False)
    assert mention.feature_class == feature_class
    assert entry is not None and entry.admin1_code == admin1


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # one mention of London in a story of four countries is no English focus: a great
        # city keeps its prior over an English town of its name
        ("Kenyan and Ethiopian runners swept the Boston marathon on Monday. The winner, who "
         "trains in Iten and in Boulder, Colorado, was second in London last year. Fans "
         "watched in Eldoret and Nairobi, and in Addis Ababa.", "Boston", "US"),
        # a local story's area still decides ("Paris" in a story about Lamar County, Texas)
        ("Paris police arrested two men in Lamar County. Deputies from Reno and Blossom, "
         "Texas, helped.", "Paris", "US"),
    ],
)  # fmt: skip
def test_an_area_named_once_in_a_story_of_many_countries_is_no_focus(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    assert first(resolved(text, gazetteer), surface).country == country


@pytest.mark.parametrize(
    ("text", "side", "entry_id"),
    [
        ("Thousands protested in Tripoli (Tripoli, North) against taxes.", "North",
         "admin1:LB.09"),
        ("Troops entered Kousseri in Cameroon's Far North and then Maroua (Diamare, North).",
         "North", "admin1:CM.13"),
        # a side with nothing in the text to say whose is left unresolved, not guessed
        ("Gunmen shot 3 guards of Kaftoun (Koura, North) and fled.", "North", None),
    ],
)  # fmt: skip
def test_a_side_read_as_an_area_needs_its_country_in_the_text(
    text: str, side: str, entry_id: str | None, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), side)
    assert (mention.gazetteer_id if mention.resolved else None) == entry_id, mention.reason


# ------------------------------------------------------------------ continents


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # a far reading needs evidence: Turku (Abo in Swedish) is not near Idlib
        ("Abo airport was shelled by regime forces in Idlib.", "Abo", None),
        # evidence: its own name and no reading nearer, a qualifier, its country named
        ("Russia said Moscow would respond to strikes on Aleppo and Idlib.", "Aleppo", "SY"),
        ("Russia said Moscow would respond to strikes on Aleppo and Idlib.", "Idlib", "SY"),
        ("Talks in Turku, Finland, followed the fighting in Aleppo.", "Turku", "FI"),
        ("Finland hosted talks in Abo while fighting went on in Aleppo.", "Abo", "FI"),
        # a large city is evidence enough
        ("Officials in Moscow discussed the shelling of Idlib.", "Moscow", "RU"),
        ("Startups in Berlin and Paris drew investors in San Francisco.", "San Francisco",
         "US"),
        # ... a small town is not: the Swan River near Perth is no town of Canada
        ("Fremantle lies at the mouth of the Swan River near Perth.", "Swan River", "AU"),
        # a demonym says whose, not where: it puts no place far off...
        ("A bomb killed a Russian general south of Deir Ezzor city.", "Deir Ezzor", "SY"),
        ("An Italian priest was abducted in Raqqa by gunmen.", "Raqqa", "SY"),
        # ... but still chooses between a name's readings
        ("Rioters in Tripoli threw stones at the Lebanese army.", "Tripoli", "LB"),
        ("Rioters in Tripoli threw stones at the Libyan army.", "Tripoli", "LY"),
        # on one continent too, when it is as large as Asia: a village of Hama is not read in
        # China through an alternate name of Yibin, nor Koysinjaq's short name in Japan
        ("HTS took control of Jibin and Tal Malah (Muhradah, Hama).", "Jibin", None),
        ("Shopkeepers in Sanandaj and Marivan protested the IRGC missile strike on Kurdish "
         "bases in Koya.", "Koya", None),
        # across a continent's edge, near the text's other places: Gaza beside Cairo and Luxor
        # is no province of Mozambique
        ("Tourist numbers rose in Cairo and Luxor despite the wars in neighbouring Sudan "
         "and Gaza.", "Gaza", "PS"),
        # ... while a large city's own name, or its country named, is evidence enough
        ("Officials in Beijing discussed the shelling of Idlib.", "Beijing", "CN"),
        # ... against a namesake no nearer the text's towns ("the United States" named)
        ("Fighting went on in El Fasher, Khartoum and Omdurman, and aid crossed from Chad "
         "at Adré. The United States and Egypt called for talks, a UN official in Geneva "
         "said.", "Geneva", "CH"),
        # ... but not where towns of other countries share the name: Chile's, Spain's and
        # Argentina's San Javier are no district of Medellín
        ("Tourists crowd Comuna 13 in Medellín and Laureles; a new cable car will reach "
         "San Javier and Belén.", "San Javier", None),
        ("Officials in Yibin, China, discussed the shelling of Idlib.", "Yibin", "CN"),
        # ... as is a town of some size's own name, its only reading: a resort of Mexico, a
        # town of Israel in a story from the United States
        ("A Denver woman was killed in Tulum, her family in Colorado said.", "Tulum", "MX"),
        ("Officials in Washington are monitoring the situation in Sderot after rockets hit "
         "homes.", "Sderot", "IL"),
    ],
)  # fmt: skip
def test_a_place_far_from_the_others_needs_evidence(
    text: str, surface: str, country: str | None, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.country == country
    if country is None:
        assert "another continent" in mention.reason or "far from" in mention.reason


def test_a_variant_reading_far_from_the_text_is_no_reading(gazetteer: Gazetteer) -> None:
    """A romanisation variant shares a key, not a name: "a woman in Koyra", in a story from
    Bangladesh, is no Cairo, metropolis though it is (a given span, as recognition, reads a
    variant only in a country the text names)."""
    text = "A woman in Koyra said the cyclone tore the roofs off homes in Khulna and Satkhira."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Koyra", "Khulna", "Satkhira")]
    mentions = resolve_spans(Document(id="t", text=text), spans, gazetteer).mentions
    koyra = first(mentions, "Koyra")
    assert not koyra.resolved and "countries the text does not name" in koyra.reason
    # ... and the places stage takes no variant there at all
    assert "Koyra" not in [m.text for m in resolved(text, gazetteer)]


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # the store's one Baharestan lies in Isfahan, 340 km from Tehran: none the text means
        ("Security forces shot dead ten protesters in Baharestan, a working-class town "
         "south-west of Tehran.", "Baharestan", None),
        # ... a town within reach keeps its reading
        ("Clashes erupted in Tal Abyad, a town 100 km north of Raqqa.", "Tal Abyad", "SY"),
    ],
)  # fmt: skip
def test_a_town_put_some_way_off_another_lies_within_reach_of_it(
    text: str, surface: str, country: str | None, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.country == country, mention.reason


def test_doubtful_towns_abroad_vouch_for_one_another_only_in_one_area(
    gazetteer: Gazetteer,
) -> None:
    """Westmorland (California) and Eden Valley (Minnesota), in a story from Cumbria, agreed
    on the United States, where none of the story's other places lies."""
    text = (
        "Shops in Penrith and Carlisle were clearing mud on Monday. Volunteers from Westmorland "
        "and the Eden Valley helped, and Brough and Kirkby Stephen reopened their roads."
    )
    found = {m.text: m for m in resolved(text, gazetteer)}
    assert found["Carlisle"].country == "GB"
    for name in ("Westmorland", "Eden Valley"):
        assert found[name].country != "US", found[name].reason


def test_a_river_s_point_is_no_anchor_of_the_text(gazetteer: Gazetteer) -> None:
    """The Nile's point is its mouth, 400 km from Karameh in Jordan: no reason to read
    "Karuma", a town of Uganda the store lacks, as that variant."""
    text = (
        "Officials want the road from Karuma, where the highway crosses the Nile, rebuilt to "
        "ease traffic from Gulu, Lira and Kampala."
    )
    names = ("Karuma", "Nile", "Gulu", "Lira", "Kampala")
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    karuma = resolve_spans(Document(id="t", text=text), spans, gazetteer).mentions[0]
    assert not karuma.resolved, karuma.reason


def test_a_variant_reading_yields_to_the_name_as_written(gazetteer: Gazetteer) -> None:
    # "Deraa" is GeoNames' spelling of the city; the governorate (Dar`a) is only a variant
    mention = first(resolved("Clashes were reported in Deraa, Syria.", gazetteer), "Deraa")
    assert mention.feature_class == "city"
    assert "romanisation variant" not in mention.reason


def _words() -> dict[str, Any]:
    return vocabulary_data("geo/places/resolution.toml")


def test_the_shipped_words_are_the_patterns_words() -> None:
    words = ResolutionFile.model_validate(_words())
    assert "oblast" in words.admin_words and resolution._ADMIN_AFTER.match("Donetsk Oblast", 7)
    assert resolution._ADMIN_AFTER.match("Hama's northern countryside", 4)
    assert resolution._ADMIN_BEFORE.search("the countryside of the ")
    assert resolution._ADMIN_BEFORE.search("shelled Rif-") and "rif" in words.admin_words_before
    assert resolution._CITY_AFTER.match("Gaza City", 4)
    assert resolution._WATER_WORDS.search("Great Lakes")
    assert not resolution._ADMIN_AFTER.match("Gaza City", 4)


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("admin_words", ["province", "district", "province"], "listed more than once: province"),
        ("city_words", ["City"], "'City' is not in lower case"),
        ("city_words", ["city", "state"], "both an area's and a city's word: state"),
        ("water_words", ["river", "sea|lake"], "'sea|lake' holds a top-level '|'"),
        ("admin_words", ["province", "(oblast)"], "'(oblast)' has a capturing group"),
        ("water_words", [], "at least 1 item"),
        ("hill_words", ["hill"], "hill_words\n  Extra inputs are not permitted"),
        ("admin_words_before", ["rural", "rural"], "listed more than once: rural"),
        ("directions", ["Northern"], "'Northern' is not in lower case"),
    ],
)
def test_malformed_words_are_refused(key: str, value: list[str], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        ResolutionFile.model_validate(changed(_words(), key, value))


@pytest.mark.parametrize(
    ("word", "text"),
    [("canton", "Zug canton"), ("autonomous region", "Tibet Autonomous Region")],
)
def test_an_admin_word_added_to_the_list_is_matched(word: str, text: str) -> None:
    end = text.index(" ")
    assert resolution._ADMIN_AFTER.match(text, end) is None
    words = ResolutionFile.model_validate(
        changed(_words(), "admin_words", [*_words()["admin_words"], word])
    )
    assert resolution._followed_by(words.admin_words).match(text, end) is not None


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        # listed only with large cities: the large city, not the Georgia town of the name
        ("Officials in Albany will repair the dam at Cuba Lake in Allegany County, New York. "
         "Summer people come from Buffalo and Pittsburgh and Cleveland to sit on this lake.",
         "Cleveland", "US.OH"),
        # ... even where a travel story's region has a village of the name
        ("Oaxaca has long been Mexico's kitchen, and a long weekend here is best planned "
         "around meals. Start at the market, then work through the seven moles of the "
         "region. A day trip to Santiago Matatlán, the self-styled world capital of mezcal, "
         "reveals family distilleries roasting agave in earth pits. Work it off with a climb "
         "among the Zapotec ruins of Monte Albán, on a hill above the city. Direct flights "
         "now link Oaxaca with Mexico City, Houston and Los Angeles.", "Los Angeles", "US.CA"),
        # ... a list of towns keeps its towns
        ("Fans came from Athens, Macon and Valdosta to the game in Albany, Georgia.",
         "Athens", "US.GA"),
        # ... a list of cities abroad is no village of the story's county
        ("TRALEE — A Kerry builder who spent twenty years on sites in London and Boston has "
         "come home to train apprentices in Listowel.", "Boston", "US.MA"),
        ("The clinic in Killarney now sends samples to laboratories in Dublin, London and "
         "Boston.", "Boston", "US.MA"),
        ("The seaweed extract goes to clinics in Chicago and Melbourne and São Paulo, the "
         "Galway firm said.", "Melbourne", "AU.07"),
        # ... but a list of the story's own country keeps the story's town
        ("SKEGNESS, Lincolnshire — Coach firms run daily services from the seafront to London "
         "and Boston.", "Boston", "GB.ENG"),
    ],
)  # fmt: skip
def test_a_name_listed_with_large_cities_is_the_large_city(
    text: str, surface: str, admin1: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    entry = gazetteer.get(mention.gazetteer_id or "", geometry=False)
    assert entry is not None and entry.admin1_code == admin1, mention.reason


def test_a_state_listed_with_large_cities_is_its_city(gazetteer: Gazetteer) -> None:
    text = "The seaweed extract goes to clinics in Chicago and Melbourne and São Paulo."
    mention = first(resolved(text, gazetteer), "São Paulo")
    entry = gazetteer.get(mention.gazetteer_id or "", geometry=False)
    assert entry is not None and entry.feature_class == FeatureClass.CITY, mention.reason


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds protested in Isfahan (Isfahan, Isfahan) against rising prices.",
        "Rockets struck near Erbil International Airport (Erbil, Erbil) on Wednesday.",
    ],
)
def test_a_chain_naming_the_town_twice_is_no_list(text: str, gazetteer: Gazetteer) -> None:
    # ACLED's "(town, district, province)" repeats a name: the town is the city, and the
    # name listed with itself says nothing of first-order areas
    mention = resolved(text, gazetteer)[0]
    assert mention.feature_class == "city", mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "lat"),
    [
        # the county is finer than GeoNames' first-order area (England): its outline, not
        # the state's code, tells the town from its namesakes in London and Wales
        ("RICHMOND, North Yorkshire — Sheep farmers from the town sell lambs to butchers in "
         "London, Kingston and Twickenham.", "RICHMOND", 54.4),
        ("Newport, Shropshire, twinned with a town near Cardiff and Swansea.", "Newport", 52.8),
    ],
)  # fmt: skip
def test_a_town_qualified_by_its_county_is_the_county_s(
    text: str, surface: str, lat: float, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.lat == pytest.approx(lat, abs=0.1), mention.reason
    assert "lies in the county named after it" in mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # Kent (an English county, finer than GeoNames' England) holds a Canterbury: evidence
        # for the city against New Zealand's region of the name
        ("Growers in Kent say the fruit show at Canterbury draws crowds every summer.",
         "Canterbury", "GB"),
        # ... where no such area is named, the region keeps its name
        ("Canterbury's farmers in New Zealand lost lambs to snow near Christchurch.",
         "Canterbury", "NZ"),
    ],
)  # fmt: skip
def test_a_town_inside_an_area_the_text_names_is_that_area_s(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    assert first(resolved(text, gazetteer), surface).country == country


def test_a_region_s_name_is_a_village_only_inside_the_named_county(
    gazetteer: Gazetteer,
) -> None:
    # the village of Wales (South Yorkshire) lies 4 km outside Derbyshire: no evidence
    # against the first-order region
    text = ("Glamorgan will play in Colwyn Bay, bringing first-class cricket to north Wales. "
            "Derbyshire return to the park in Chesterfield.")  # fmt: skip
    wales = first(resolved(text, gazetteer), "Wales")
    assert wales.feature_class == "admin1", wales.reason


def test_a_region_abroad_is_the_town_of_the_text_s_state(gazetteer: Gazetteer) -> None:
    # the text's places lie in New Mexico, none in Argentina: the state capital, not the
    # Argentine province
    text = ("TAOS, N.M. — Rents in Taos climb toward those of Santa Fe. Workers commute from "
            "Española, and towns from Red River to Angel Fire debate the same rules.")  # fmt: skip
    mention = first(resolved(text, gazetteer), "Santa Fe")
    assert mention.feature_class == "city", mention.reason
    assert mention.lat == pytest.approx(35.7, abs=0.1)
    assert "the state of the text's other places" in mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # a town of the name far from the text's places is no evidence: "Sonora" in a story
        # from San Diego is the Mexican state, not Sonora, California, 660 km off
        ("SAN DIEGO, Calif. — Chula Vista police said the tunnel ran to a warehouse in "
         "Sonora.", "Sonora", "MX"),
        # nor where the text places people in the region's country
        ("EL PASO, Texas — Mexican officials said cartel violence in Sonora had pushed "
         "families to El Paso and Las Cruces.", "Sonora", "MX"),
        # listed with first-order areas: the province, whatever state the text is in
        ("TOLEDO, Ohio — Farmers near Findlay and Defiance must cut runoff into Lake Erie. "
         "Ohio, Michigan and Ontario have agreed to cut phosphorus.", "Ontario", "CA"),
        # a place of the region's country named: the region ("Santa Fe" beside Rosario)
        ("Soy growers near Rosario and in Santa Fe fear the drought, farmers in Taos and "
         "Española, New Mexico, said.", "Santa Fe", "AR"),
    ],
)  # fmt: skip
def test_a_region_abroad_keeps_its_name_where_the_text_says_so(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.feature_class == "admin1" and mention.country == country, mention.reason


@pytest.mark.parametrize(
    ("text", "name", "readings"),
    [
        # the chain's province, then the city the text calls one
        ("Clashes in Ramouseh (Jebel Saman, Jebel Saman, Aleppo), on the south-western edge "
         "of Aleppo city.", "Aleppo", [("admin1", "SY"), ("city", "SY")]),
        ("Shelling hit the city of Idlib and villages across Idlib province.", "Idlib",
         [("city", "SY"), ("admin1", "SY")]),
        # a dateline calls the name a city too
        ("ALEPPO, Syria — Shells hit the city of Aleppo and villages across Aleppo province.",
         "Aleppo", [("city", "SY"), ("city", "SY"), ("admin1", "SY")]),
        # the place before an ACLED chain opening with its name, the district named for it
        ("IS suicide bombers detonated three car bombs in Al Qubbah (Al Qubbah, Derna).",
         "Al Qubbah", [("city", "LY"), ("admin1", "LY")]),
        # called a city nowhere: one place of the name throughout
        ("Shelling hit Idlib on Monday; Idlib's hospitals were full.", "Idlib",
         [("city", "SY"), ("city", "SY")]),
        # ... nor an area: the dateline's qualified town throughout
        ("TRIPOLI, Lebanon — Protesters set fire to the municipality building in the "
         "northern city of Tripoli.", "Tripoli", [("city", "LB"), ("city", "LB")]),
        # ... and only in the countries that name provinces for their romanised capitals:
        # "rural Paris" in a story from Paris, Tennessee, is the town's countryside
        ("PARIS, Tenn. — Deputies said two men of rural Paris were arrested at Paris City "
         "Hall on Monday.", "Paris", [("city", "US"), ("city", "US")]),
    ],
)  # fmt: skip
def test_a_name_the_text_calls_a_city_is_the_city_there(
    text: str, name: str, readings: list[tuple[str, str]], gazetteer: Gazetteer
) -> None:
    mentions = [m for m in resolved(text, gazetteer) if m.text.lower() == name.lower()]
    assert [(m.feature_class, m.country) for m in mentions] == readings, [
        m.reason for m in mentions
    ]


def test_an_apposition_calling_a_town_a_capital_puts_it_in_the_area(
    gazetteer: Gazetteer,
) -> None:
    # Lahij's town is also written al-Hawtah; Hadramawt has a Hawtah of its own, 500 km off
    text = ("Gunmen opened fire at the northern entrance of al-Houta, the capital of Lahij "
            "governorate, killing him.")  # fmt: skip
    mention = first(resolved(text, gazetteer), "al-Houta")
    assert mention.name == "Laḩij" and mention.lat == pytest.approx(13.06, abs=0.1), (
        mention.reason
    )


def test_a_name_written_before_river_is_no_town(gazetteer: Gazetteer) -> None:
    # the store has no Sajur river, only a village of Israel of the name, 465 km off
    text = (
        "Turkish and US forces began joint patrols along the Sajur river front line north of "
        "Manbij, Syria."
    )
    mention = first(resolved(text, gazetteer), "Sajur")
    assert mention.feature_class != "city", mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "at", "feature_class"),
    [
        # "river" after the name: the river, not the state named after it
        ("Plans to deepen a channel in the Tocantins river so barges can carry grain from "
         "Marabá, Brazil.", "Tocantins", 0, "river"),
        # ... also after a list of two
        ("Floods displaced thousands in Nigeria after the Niger and Benue rivers overflowed.",
         "Benue", 0, "river"),
        # the river is a place of its own beside the province of its name
        ("Fighting in Helmand province drove families to the Helmand river.", "Helmand", 0,
         "admin1"),
        ("Fighting in Helmand province drove families to the Helmand river.", "Helmand", 1,
         "river"),
        # ... and the bare name after "the" where the text calls the name an area too
        ("Floodwaters from the Niger have submerged fields in Niger State; at Lokoja, where "
         "the Niger meets the Benue River, the water rose.", "Niger", 1, "river"),
        ("Floodwaters from the Niger have submerged fields in Niger State; at Lokoja, where "
         "the Niger meets the Benue River, the water rose.", "Niger", 0, "river"),
        # ... not where it does not ("the Gambia" is the country as often as the river)
        ("Farmers in the Gambia said the Gambia's government in Banjul would help.", "Gambia",
         0, "country"),
    ],
)  # fmt: skip
def test_a_name_written_before_river_is_the_river(
    text: str, surface: str, at: int, feature_class: str, gazetteer: Gazetteer
) -> None:
    mentions = [m for m in resolved(text, gazetteer) if m.text == surface]
    assert mentions[at].feature_class == feature_class, mentions[at].reason


@pytest.mark.parametrize(
    ("text", "surface", "country", "feature_class"),
    [
        # the apposition's town noun calls the place the city, not the state of its name
        ("In Bilbao, Spain, clubs got emails from cyclists in Durango, the Mexican city of the "
         "same name.", "Durango", "MX", "city"),
        # ... not an area's noun before a clause's town noun
        ("Violence has spread across Chihuahua, a state where the city of Juarez lies.",
         "Chihuahua", "MX", "admin1"),
        # ... and a noun that goes on into a person's title is no apposition of the place
        ("At a summit in Paris, the American state senator met French ministers in France.",
         "Paris", "FR", "city"),
        # ... nor the state that qualifies the town before it: the pair is the town
        ("In Mexico, Maine, a mill town bets on trails after the paper mill closed.", "Maine",
         "US", "admin1"),
        ("Peru, Indiana, a town of 11,000 on the Wabash, hosts a circus.", "Indiana", "US",
         "admin1"),
        # ... which a word that is no place does not make one ("In March,")
        ("In March, Lebanon, a small town in Ohio, banned fireworks.", "Lebanon", "US",
         "city"),
    ],
)  # fmt: skip
def test_an_apposition_s_noun_says_what_kind_of_place(
    text: str, surface: str, country: str, feature_class: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert (mention.country, mention.feature_class) == (country, feature_class), mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "at", "country"),
    [
        # an apposition with a country's adjective says whose the place is
        ("SANTIAGO, Dominican Republic — Cigar rollers here had a visit from importers from "
         "Santiago, the Chilean capital, last month.", "Santiago", 1, "CL"),
        ("SANTIAGO, Dominican Republic — Cigar rollers here had a visit from importers from "
         "Santiago, the Chilean capital, last month.", "Santiago", 0, "DO"),
        # ... for that mention only: the text's other mentions keep their reading
        ("TRIPOLI, Lebanon — Soap makers in Tripoli say visitors confuse their city with "
         "Tripoli, the Libyan capital. Tripoli's old souks are busy.", "Tripoli", 2, "LY"),
        ("TRIPOLI, Lebanon — Soap makers in Tripoli say visitors confuse their city with "
         "Tripoli, the Libyan capital. Tripoli's old souks are busy.", "Tripoli", 3, "LB"),
    ],
)  # fmt: skip
def test_an_apposition_with_a_country_s_adjective_places_its_mention_there(
    text: str, surface: str, at: int, country: str, gazetteer: Gazetteer
) -> None:
    mentions = [m for m in resolved(text, gazetteer) if m.text.upper() == surface.upper()]
    assert mentions[at].country == country, mentions[at].reason


def test_an_area_named_for_a_side_is_no_reading_on_another_continent(
    gazetteer: Gazetteer,
) -> None:
    # Singapore has a district named South East; England's region has no entry here
    text = (
        "There are two towns with that name in the South East and we took the wrong one, said "
        "a couple from Kent who booked a hotel in Ashford, near Canterbury."
    )
    mention = first(resolved(text, gazetteer), "South East")
    assert mention.country != "SG", mention.reason


def test_the_province_closing_an_acled_chain_holds_the_place_before_it(
    gazetteer: Gazetteer,
) -> None:
    # the store has no Bashiqa of Iraq; its nearest spelling is Başak, a village of Turkey
    text = (
        "Militants fired rockets at the Turkish military camp near Bashiqa (Bashiqa, Mosul, "
        "Ninewa) on Wednesday."
    )
    mention = first(resolved(text, gazetteer), "Bashiqa")
    assert mention.country != "TR", mention.reason
    assert "where the text puts it" in mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # Miami County, Indiana, holds a town named Mexico: the list outweighs the county
        ("The Miami County fair in Peru, Indiana, drew exhibitors from Mexico and Canada.",
         "Mexico", "country:MX"),
        # the next country of the list is no qualifier: Japan has a town named China
        ("The port hosts military bases for the United States, France, China, Japan and "
         "Italy, watching the strait across from Yemen.", "China", "country:CN"),
    ],
)  # fmt: skip
def test_a_name_listed_with_countries_is_the_country(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.gazetteer_id == country, mention.reason
    assert "listed with countries" in mention.reason


def test_a_country_named_after_a_country_s_name_alone_qualifies_it(gazetteer: Gazetteer) -> None:
    # a dateline, no list: Costa Rica's Liberia (a list going on would make both countries)
    text = "LIBERIA, Costa Rica — Tanker trucks rumbled through the dry province on Monday."
    mention = first(resolved(text, gazetteer), "LIBERIA")
    assert (mention.feature_class, mention.country) == ("city", "CR"), mention.reason


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # Edmonton's and Montreal's readings all lie in Canada: they steer the story there
        ("Edmonton beat Florida 4-2 to level the final. Game five is in Sunrise, Florida. No "
         "Canadian team has won since Montreal in 1993, a talking point from Vancouver to "
         "Halifax.", "Vancouver", "CA"),
    ],
)  # fmt: skip
def test_names_whose_readings_share_a_country_steer_the_focus(
    text: str, surface: str, country: str, gazetteer: Gazetteer
) -> None:
    assert first(resolved(text, gazetteer), surface).country == country


@pytest.mark.parametrize(
    ("text", "surface", "admin1s"),
    [
        # each qualification is a place of its own; a bare mention is the place last named
        ("FLORENCE, Alabama — A designer from Florence will show her collection in Florence, "
         "Italy, next month.", "Florence", ["US.AL", "US.AL", "IT.16"]),
        ("Kingston, Ontario, signed a twinning deal with Kingston, Jamaica. Its mayor said "
         "Kingston is a port.", "Kingston", ["CA.08", "JM.17", "JM.17"]),
        # the qualified place is what its qualifier fits, whatever the story's focus
        ("PLYMOUTH, Mass. — Town Meeting voters approved a seawall for Plymouth, in Plymouth "
         "County, near Cape Cod Bay and Boston. Next year the town will host a delegation from "
         "Plymouth, England.", "Plymouth", ["US.MA", "US.MA", "GB.ENG"]),
        # an unqualified dateline is the story's own place, a qualified namesake another
        ("NEWPORT — A railway station in Caerleon has backing from the Welsh Government. "
         "Trains would stop between Newport and Abergavenny. The town's festival is smaller "
         "than the one in its namesake, Newport, Rhode Island.", "Newport",
         ["GB.WLS", "GB.WLS", "US.RI"]),
        # one qualification only: one place, as everywhere else
        ("LEBANON, Tennessee — Lebanon's council met on Monday.", "Lebanon", ["US.TN", "US.TN"]),
    ],
)  # fmt: skip
def test_a_name_qualified_by_two_places_is_two_places(
    text: str, surface: str, admin1s: list[str], gazetteer: Gazetteer
) -> None:
    mentions = [m for m in resolved(text, gazetteer) if m.text.title() == surface]
    entries = [gazetteer.get(m.gazetteer_id or "", geometry=False) for m in mentions]
    assert [e.admin1_code if e else None for e in entries] == admin1s


@pytest.mark.parametrize(
    "text",
    [
        "Traders in Kano said the closure of the border with Niger had doubled onion prices.",
        "Traders in Kano said the Niger border had been closed since July.",
    ],
)
def test_a_frontier_word_speaks_for_the_country(text: str, gazetteer: Gazetteer) -> None:
    niger = first(resolved(text, gazetteer), "Niger")
    assert niger.feature_class == "country", niger.reason


@pytest.mark.parametrize(
    ("text", "feature_class"),
    [
        # the name says sea: the text's focus on Sudan and Port Sudan's state do not make it
        # the state named for the sea
        ("The government moved to Port Sudan on the Red Sea after fighting engulfed Khartoum.",
         "sea"),
        ("Floods hit Red Sea state in eastern Sudan, officials in Port Sudan said.", "admin1"),
        ("Tourists returned to Hurghada in Egypt's Red Sea governorate.", "admin1"),
    ],
)  # fmt: skip
def test_a_name_holding_sea_is_the_sea_unless_called_an_area(
    text: str, feature_class: str, gazetteer: Gazetteer
) -> None:
    mention = first(resolved(text, gazetteer), "Red Sea")
    assert mention.feature_class == feature_class, mention.reason


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rebels withdrew from Rubaya, near Goma, and Congo will now send police.", "CD"),
        ("Officials in Brazzaville and Pointe-Noire said Congo would hold elections.", "CG"),
    ],
)
def test_a_name_two_countries_share_goes_to_the_text_s_country(
    text: str, code: str, gazetteer: Gazetteer
) -> None:
    assert first(resolved(text, gazetteer), "Congo").country == code


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("BUENOS AIRES — Argentina's government said on Monday the peso would float.",
         "BUENOS AIRES"),
        ("Council votes today. TOLEDO, Ohio (AP) — The council voted on Monday.", "TOLEDO"),
    ],
)  # fmt: skip
def test_a_dateline_is_a_city(text: str, surface: str, gazetteer: Gazetteer) -> None:
    mention = first(resolved(text, gazetteer), surface)
    assert mention.feature_class == "city", mention.reason
    assert "dateline" in mention.reason


def test_a_name_in_capitals_inside_a_sentence_is_no_dateline(gazetteer: Gazetteer) -> None:
    mention = first(resolved("Farmers in BUENOS AIRES province - the grain belt - cheered.",
                             gazetteer), "BUENOS AIRES")  # fmt: skip
    assert mention.feature_class == "admin1", mention.reason


def test_a_name_listed_with_first_order_areas_is_the_area(gazetteer: Gazetteer) -> None:
    text = ("TOLEDO, Ohio — The city's water is safe despite the algal bloom. Ohio, Michigan "
            "and Ontario have agreed to cut phosphorus flowing into Lake Erie.")  # fmt: skip
    ontario = first(resolved(text, gazetteer), "Ontario")
    assert ontario.feature_class == "admin1" and ontario.country == "CA", ontario.reason


@pytest.mark.parametrize(
    ("text", "surface", "called"),
    [
        ("Dairy farmers in the town of Mexico, New York, signed a deal.", "Mexico", True),
        # a rank within the area is no call to a town: Kakheti stays the region
        ("Winemakers in Telavi, the main town of Kakheti, bury clay jars.", "Kakheti", False),
        ("Houston, the largest city of Texas, voted.", "Texas", False),
    ],
)
def test_the_town_of_versus_the_main_town_of(text: str, surface: str, called: bool) -> None:
    start = text.index(surface)
    match = Match(start, start + len(surface), surface, normalize(surface),
                  MentionKind.TOPONYM, [], first_token=-1, last_token=-1)  # fmt: skip
    assert resolution._called_a_town_before(text, match) is called


def test_town_words_cannot_take_away_a_name_s_only_reading(gazetteer: Gazetteer) -> None:
    mention = first(resolved("Wine from the town of Kakheti is sold in Tbilisi.", gazetteer),
                    "Kakheti")  # fmt: skip
    assert mention.feature_class == "admin1", mention.reason


def test_a_first_order_area_by_its_own_name_may_lie_on_another_continent(
    gazetteer: Gazetteer,
) -> None:
    text = ("Every year, shorebirds fly from Australia and New Zealand to breed in the far "
            "north, stopping on the mudflats of the Yellow Sea, shared by China, North Korea "
            "and South Korea. Bar-tailed godwits fly nonstop from Alaska to New Zealand. In "
            "China, wetlands near Bohai Bay are under pressure. Many of the birds breed in "
            "Siberia and western Alaska.")  # fmt: skip
    alaska = first(resolved(text, gazetteer), "Alaska")
    assert alaska.feature_class == "admin1" and alaska.country == "US", alaska.reason


@pytest.mark.parametrize(
    ("text", "feature_class"),
    [
        # after "in" a name of a river and a province is the province
        ("Scores of insurgents killed, wounded in operations in Helmand: MoD", "admin1"),
        ("Clashes erupted in Kunar on Monday.", "admin1"),
        # the river, when the text writes it as one
        ("A boat sank in the Helmand river on Monday.", "river"),
        ("Farmers along the Helmand lost their crops.", "river"),
        # "the" before a bare name ending its phrase is a river's way, not a village's
        ("Commuters from Lower Saxony, south of the Elbe, would benefit, Hamburg said.", "river"),
    ],
)
def test_a_bare_name_after_in_is_the_land_not_the_river(
    text: str, feature_class: str, gazetteer: Gazetteer
) -> None:
    mention = next(m for m in resolved(text, gazetteer) if m.text in ("Helmand", "Kunar", "Elbe"))
    assert mention.feature_class == feature_class, mention.reason


def test_a_river_inside_a_longer_name_keeps_its_reading(gazetteer: Gazetteer) -> None:
    """The back-off's "Fraser" of "in Fraser Valley" is the river the valley is named for."""
    text = "A cow found in Fraser Valley, a farming community, had BSE, Canada's agency said."
    span = (text.index("Fraser Valley"), text.index("Fraser Valley") + len("Fraser Valley"))
    mention = resolve_spans(Document(id="g", text=text), [span], gazetteer).mentions[0]
    assert mention.feature_class == "river", mention.reason
