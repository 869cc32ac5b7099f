"""Containment: "X in [the countryside of] Y" checks X against Y and places unknown X in Y."""

from __future__ import annotations

from functools import cache

import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.geodesy import CITY_UNCERTAINTY_KM, great_circle_km
from geo.documents import Document
from geo.events.containment import (
    DISTRICT_RADIUS_KM,
    container_after,
    holds_place,
    unknown_place_before,
)
from geo.events.model import Event, LocationPrecision
from geo.pipeline import extract_events
from geo.places.find import find_places
from geo.places.mentions import Mention, MentionKind


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _mention(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start=start, end=start + len(name), text=name, kind=MentionKind.TOPONYM)


@pytest.mark.parametrize(
    ("text", "contained", "container"),
    [
        ("Regime forces shelled Kafr Nubl in Idlib.", "Kafr Nubl", "Idlib"),
        ("Shells hit Kafr Nubl in the southern countryside of Idlib.", "Kafr Nubl", "Idlib"),
        ("Clashes in Tal Tamr village in western Hasakah.", "Tal Tamr", "Hasakah"),
        ("An IED exploded in Tal Tamr, Hasakah province.", "Tal Tamr", "Hasakah"),
        ("Killing of 22 in Dibilou village, Centre-Nord region", "Dibilou", "Centre-Nord"),
        ("Gunmen killed a farmer in Saraqib, in rural Idlib.", "Saraqib", "Idlib"),
        ("A drone struck Baiji on the outskirts of Tikrit.", "Baiji", "Tikrit"),
        ("Mortars fell on Khanaqin in Diyala province.", "Khanaqin", "Diyala"),
        # ACLED's notation: the location, then its admin areas in parentheses
        ("A drone struck a car near Soran (Rawanduz, Erbil).", "Rawanduz", "Erbil"),
        ("Shelling hit Khan Shaykhun (Maarrat an-Numan, Idlib).", "Khan Shaykhun",
         "Maarrat an-Numan"),
        # a district's name with its admin word, and a market named in its town
        ("Air strikes hit a house in Sahar district of Sa'ada governorate.", "Sahar", "Sa'ada"),
        ("Air strikes hit a house in Abs district in Hajjah.", "Abs", "Hajjah"),
        ("A car bomb exploded in the Jamila market in Baghdad.", "Jamila", "Baghdad"),
        # a comma and the side of a place: the first lies in it
        ("Forces raided a site in al-Dora, southern Baghdad, arresting 14 members.", "al-Dora",
         "Baghdad"),
    ],
)  # fmt: skip
def test_container_after(text: str, contained: str, container: str) -> None:
    x, y = _mention(text, contained), _mention(text, container)
    found = container_after(text, x, [x, y])
    assert found is not None and found.text == container


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Air strikes hit Aleppo, Idlib and Hama.", "Aleppo", "Idlib"),
        ("Air strikes hit Aleppo, northern Idlib and Hama.", "Aleppo", "Idlib"),
        ("Warplanes struck Idlib, northern Hama and western Aleppo.", "Idlib", "Hama"),
        ("Strikes hit the Gaza Strip, southern Lebanon and the West Bank.", "Gaza Strip",
         "Lebanon"),
        ("Forces shelled Idlib, northern Hama, the Ghab plain and Latakia.", "Idlib", "Hama"),
        ("Airstrikes hit Idlib, northern Hama or Latakia almost daily.", "Idlib", "Hama"),
        ("Fighting spread from Saraqib to Idlib.", "Saraqib", "Idlib"),
        ("Talks between Damascus and Ankara stalled.", "Damascus", "Ankara"),
        ("Shelling hit Saraqib near Idlib.", "Saraqib", "Idlib"),
        ("Shelling hit Saraqib on Monday; later in Idlib, a car bomb went off.", "Saraqib",
         "Idlib"),
        ("Shelling hit Saraqib (Idlib) and Ariha, Hama said.", "Idlib", "Ariha"),  # closed
        ("Shelling hit Saraqib (and Ariha, Idlib said).", "Ariha", "Idlib"),  # no chain end
    ],
)  # fmt: skip
def test_no_container(text: str, first: str, second: str) -> None:
    x, y = _mention(text, first), _mention(text, second)
    assert container_after(text, x, [x, y]) is None


@pytest.mark.parametrize(
    ("text", "container", "unknown", "urban"),
    [
        ("Regime forces shelled Kafr Zita in the northern countryside of Hama.", "Hama",
         "Kafr Zita", False),
        ("An IED killed a shepherd in the village of Um Batna in Quneitra.", "Quneitra",
         "Um Batna", False),
        ("Clashes erupted in Tal al-Sawda village in Hasakah.", "Hasakah", "Tal al-Sawda", False),
        ("Shelling hit Deir Sunbul, in rural Idlib.", "Idlib", "Deir Sunbul", False),
        ("A car bomb went off in the Sheikh Maqsoud neighbourhood in Aleppo.", "Aleppo",
         "Sheikh Maqsoud", True),
        ("Gunmen killed a man in the Hay al-Askari quarter of Deir ez-Zor.", "Deir ez-Zor",
         "Hay al-Askari", True),
        ("US aircraft struck a mosque in Al-Jineh village (Atareb, Aleppo).", "Atareb",
         "Al-Jineh", False),
        ("A drone hit a car in Sidakan area (Soran, Erbil).", "Soran", "Sidakan", False),
        # ACLED's chain of two after a name makes it a place, whatever its words
        ("ISF retook Hamam al-Alil (Mosul, Ninewa) from ISIS.", "Mosul", "Hamam al-Alil", False),
    ],
)  # fmt: skip
def test_unknown_place_before(text: str, container: str, unknown: str, urban: bool) -> None:
    y = _mention(text, container)
    found = unknown_place_before(text, y, [y])
    assert found is not None
    assert (found.name, found.urban) == (unknown, urban)
    assert text[found.start : found.end] == unknown


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot a man in Hama.",
        "Clashes in Hama left three dead.",
        "Ahmad Ali in Idlib said the shelling went on.",  # a person: no place noun, no head
        "Fighters of the Syrian Democratic Forces in Raqqa withdrew.",
        "Regime forces and Hezbollah in Hama advanced.",
        "Spokesman Ahmad Ali (Hama) said so.",  # one name in parentheses is no chain
        # a word made an adjective by its participle says whose the town is, not which
        "The SDF took Hajeen, the largest ISIS-held town in Deir Ezzor.",
    ],
)
def test_no_unknown_place(text: str) -> None:
    container = next(name for name in ("Hama", "Idlib", "Raqqa", "Deir Ezzor") if name in text)
    y = _mention(text, container)
    actor = (text.index("Syrian"), text.index(" in Raqqa")) if "Syrian" in text else None
    assert unknown_place_before(text, y, [y], [actor] if actor else []) is None


@cache
def _events(text: str, gazetteer: Gazetteer) -> tuple[Event, ...]:
    document = Document(id="note", text=text)
    return tuple(extract_events([document], gazetteer=gazetteer).events)


@pytest.mark.parametrize(
    ("text", "lat", "lon", "within_km"),
    [
        # Sinjar and Ariha are first elsewhere (Iraq, Jericho): the container picks Syria's.
        ("On 4 June 2019, regime aircraft struck Sinjar in the eastern countryside of Idlib.",
         35.59, 37.0, 10.0),
        ("On 2 February 2020, Russian jets bombed Ariha in Idlib province.", 35.81, 36.61, 10.0),
        # Known places stay themselves.
        ("On 3 May 2020, regime forces shelled Kafr Nubl in the southern countryside of Idlib.",
         35.61, 36.56, 10.0),
        # people called after their town are there: the town, not the province after it
        ("On 30 June 2018, residents of Ahvaz in Khuzestan province protested over water.",
         31.32, 48.67, 10.0),
        ("On 30 June 2018, hundreds of residents of Khoramshahr, Khuzestan province, "
         "protested over water shortages.", 30.44, 48.17, 10.0),
        # GeoNames codes At Tarmiyah in Baghdad; Natural Earth's outline leaves it out
        ("On 4 March 2018, gunmen shot dead three men in Tarmiyah (Tarmiya, Baghdad).",
         33.67, 44.40, 10.0),
        # a town named as ACLED's district stands for a district the gazetteer lacks (Tadmur's
        # reaches far into the desert): the province decides what holds the place
        ("On 12 August 2017, regime forces regained control of As-Sukhnah (Tadmur, Homs).",
         34.89, 38.87, 10.0),
        # ... as does a town before a district's word: Sehwan lies 118 km from Jamshoro
        ("On 16 February 2017, a suicide bomber killed 88 devotees at the shrine in the town "
         "of Sehwan, in Jamshoro district of Sindh province.", 26.42, 67.86, 10.0),
        # a district of a big city is a part of it, whatever village shares its name (an
        # Ortakoy lies in Istanbul province, 60 km west of the city)
        ("On 1 January 2017, a gunman opened fire at the Reina nightclub in the Ortakoy "
         "district of Istanbul, killing 39 people.", 41.01, 28.95, 15.0),
        ("On 28 November 2015, PKK militants clashed with police in Sur district of "
         "Diyarbakir.", 37.91, 40.22, 15.0),
        # a market of a name found abroad is a market of the town the text puts it in
        ("On 1 November 2017, coalition air strikes hit the Al-Layl market in Sahar district "
         "of Sa'ada governorate, killing 26 civilians.", 16.94, 43.76, 150.0),
    ],
)  # fmt: skip
def test_contained_place_is_the_one_inside(
    text: str, lat: float, lon: float, within_km: float, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert location.lat is not None and location.lon is not None
    assert great_circle_km(location.lat, location.lon, lat, lon) <= within_km, location.reason


@pytest.mark.parametrize(
    ("text", "area_id"),
    [
        ("On 3 May 2020, regime forces shelled the village of Qzxyrtah in Hama.", "admin1:SY.10"),
        ("On 3 May 2020, an IED killed a shepherd near Kafr Qzxyrt in Idlib province.",
         "admin1:SY.12"),
        # the area that holds the unknown place is the event's, not a town named elsewhere
        # in the clause
        ("On 12 March 2020, regime forces looted houses in Tal Qzxyrt (Tal Qzxyrt, Idleb), "
         "carrying the goods on trucks towards Hama.", "admin1:SY.12"),
    ],
)  # fmt: skip
def test_unknown_place_goes_to_the_area_around_it(
    text: str, area_id: str, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    index = gazetteer.index_of(area_id)
    assert index is not None
    assert location.gazetteer_id == area_id
    assert location.uncertainty_km == gazetteer.radius_km(index)
    assert "not in the gazetteer" in location.reason


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # the first of ACLED's two admin areas is a district named for its town: the town,
        # as far as a district reaches, not the province of the same name
        ("On 10 March 2019, residents demonstrated in Daraa al-Balad (Dar'a, Dar'a).", "Dar‘ā"),
        ("On 8 January 2020, the IRGC fired missiles from Iran at the Ain al-Asad air base "
         "near Al-Baghdadi (Hit, Anbar), which hosts US troops.", "Hīt"),
        # ... also where the places stage found the name but no reading of it in the province
        # closing the chain
        ("On 19 July 2019, a drone struck a PMF base near Amerli (Tooz, Salah al-Din), setting "
         "off explosions at a weapons depot.", "Ţūz Khūrmātū"),
        # ... and where ACLED's chain names a subdistrict the gazetteer lacks before it
        ("On 21 August 2021, Turkish forces shelled the outskirts of Abu Rasin (Abu Rasin, "
         "Ras Al Ain, Al-Hasakeh), damaging several homes.", "Ra’s al ‘Ayn"),
        ("On 8 May 2021, a drone targeted Ain al-Asad air base (Al-Baghdadi, Hit, Al-Anbar), "
         "causing material damage.", "Hīt"),
        # ... and where the text calls the town's name a district's ("cercle" in Mali)
        ("Between 27 and 31 March 2022, soldiers killed around 500 people in the village of "
         "Moura in the Djenne cercle of Mopti region.", "Djenné"),
    ],
)  # fmt: skip
def test_unknown_place_in_a_district_named_for_its_town(
    text: str, city: str, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert (location.name, location.uncertainty_km) == (city, DISTRICT_RADIUS_KM)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("On 3 May 2020, a car bomb exploded in the Qzxyrt neighbourhood in Aleppo.", "SY"),
        # a part "of" a city: the city's, not its province's
        ("On 14 August 2020, gunmen shot dead an activist in the al-Junaina area of Basra.",
         "IQ"),
        ("On 2 May 2019, a journalist was shot in the Qzxyrt district of Aden.", "YE"),
    ],
)  # fmt: skip
def test_unknown_place_in_a_city_quarter_stays_in_the_city(
    text: str, country: str, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert location.feature_class == "city" and location.country == country


def test_a_municipality_the_text_puts_a_homonym_in_holds_the_event(
    gazetteer: Gazetteer,
) -> None:
    # the gazetteer's Santa Catalina lies in Bolívar, 1,000 km from Samaniego
    text = ("On 15 August 2020, gunmen burst into a house in the rural area of Santa Catalina, "
            "in the municipality of Samaniego, Narino department, and shot dead eight people.")
    location = _events(text, gazetteer)[0].location
    assert location.name == "Samaniego", location.reason
    assert "no Santa Catalina is known in Samaniego" in location.reason


def test_a_homonym_abroad_of_a_place_put_in_a_city_s_side_is_placed_in_the_city(
    gazetteer: Gazetteer,
) -> None:
    # the gazetteer has no al-Dora of Baghdad; its only Dora is Dorra, a town of Djibouti
    text = ("On 25 June 2020, Counter-Terrorism Service forces raided a Kataib Hezbollah site in "
            "al-Dora, southern Baghdad, arresting 14 members.")
    location = _events(text, gazetteer)[0].location
    assert location.country == "IQ" and "Baghdad" in location.name, location.reason


def test_a_district_of_a_province_is_the_provinces(gazetteer: Gazetteer) -> None:
    text = "On 24 December 2019, shells struck the Qzxyrt district of Saada governorate."
    location = _events(text, gazetteer)[0].location
    assert location.feature_class == "admin1" and location.country == "YE"


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("On 3 May 2020, regime forces shelled Saraqib. Two civilians were killed.", True),
        ("On 3 May 2020, regime forces shelled Saraqib.\n\nTwo civilians were killed.", False),
    ],
)
def test_unplaced_event_takes_its_paragraphs_place(
    text: str, placed: bool, gazetteer: Gazetteer
) -> None:
    events = _events(text, gazetteer)
    shelling, killing = events[0], events[-1]
    assert killing.event_type != shelling.event_type
    assert (killing.location.gazetteer_id == shelling.location.gazetteer_id) is placed


@pytest.mark.parametrize(
    ("text", "area_id"),
    [
        # the city's name as written has no area; the area is spelt like the city's entry
        ("On 10 January 2019, a drone exploded over a parade at Al-Anad air base, Lahj "
         "governorate, killing six soldiers.", "admin1:YE.24"),
        ("On 3 May 2020, regime aircraft bombed Idlib province, killing four people.",
         "admin1:SY.12"),
    ],
)  # fmt: skip
def test_an_administrative_word_after_a_city_name_places_the_event_in_the_area(
    text: str, area_id: str, gazetteer: Gazetteer
) -> None:
    assert _events(text, gazetteer)[0].location.gazetteer_id == area_id


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("On 13 February 2019, a car bomb hit a bus on the road between Khash and Zahedan.",
         "Khash", "Zahedan"),
        ("On 5 November 2023, a strike hit a car on the road between Tyre and Nabatieh.",
         "Tyre", "Nabatieh"),
    ],
)  # fmt: skip
def test_a_zone_radius_covers_the_zone_from_its_point(
    text: str, first: str, second: str, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    a, b = (gazetteer.candidates(name)[0] for name in (first, second))
    assert location.feature_class == "zone" and location.uncertainty_km is not None
    assert location.lat is not None and location.lon is not None
    for end in (a, b):  # both ends of the road lie within the event's own radius
        assert great_circle_km(location.lat, location.lon, end.lat, end.lon) <= (
            location.uncertainty_km
        )


@pytest.mark.parametrize(
    ("text", "contained", "container"),
    [
        ("A car bomb exploded at Hader, a Druze town in the northern countryside of Quneitra.",
         "Hader", "Quneitra"),
        ("Shells hit Kasab, a border village in Latakia.", "Kasab", "Latakia"),
    ],
)  # fmt: skip
def test_an_apposition_calling_a_name_a_place_links_it_to_its_container(
    text: str, contained: str, container: str
) -> None:
    x, y = _mention(text, contained), _mention(text, container)
    found = container_after(text, x, [x, y])
    assert found is not None and found.text == container
    unknown = unknown_place_before(text, y, [y])
    assert unknown is not None and unknown.name == contained


def test_a_district_the_gazetteer_lacks_is_placed_around_its_city(gazetteer: Gazetteer) -> None:
    text = "On 3 May 2020, gunmen killed two farmers in Khanaqin district, Diyala province."
    location = _events(text, gazetteer)[0].location
    assert location.feature_class == "city" and location.name == "Khānaqīn"
    assert location.uncertainty_km is not None and location.uncertainty_km >= 25.0


@pytest.mark.parametrize(
    ("text", "listed", "covered"),
    [
        ("On 11 May 2019, Houthi forces shelled the ports of Hodeidah and Saleef.",
         (("Hodeidah", "YE"), ("Saleef", "YE")), True),
        # ACLED's admin chain after a listed place does not end the list
        ("On 14 August 2016, government forces took control of Jaar (Khanfar, Abyan) and "
         "Zinjibar.",
         (("Jaar", "YE"), ("Zinjibar", "YE")), True),
        # too far apart for one event's area: the chosen place keeps its own radius
        ("On 3 May 2020, air strikes hit Aleppo, Idlib and Deir Ezzor.",
         (("Aleppo", "SY"), ("Deir Ezzor", "SY")), False),
    ],
)  # fmt: skip
def test_an_event_at_listed_places_reaches_them_all(
    text: str, listed: tuple[tuple[str, str], ...], covered: bool, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert location.lat is not None and location.lon is not None
    assert location.uncertainty_km is not None
    points = [
        next(c for c in gazetteer.candidates(name) if c.country_code == country)
        for name, country in listed
    ]
    reached = all(
        great_circle_km(location.lat, location.lon, p.lat, p.lon) <= location.uncertainty_km
        for p in points
    )
    assert reached is covered


def test_of_places_listed_alike_the_one_the_text_puts_in_an_area_is_the_event_s(
    gazetteer: Gazetteer,
) -> None:
    """ACLED writes its coded place's areas after it: the town of the chain, not the village
    named before it (here read as Sidon, in Lebanon)."""
    text = (
        "On 22 November 2020, Turkish forces shelled the villages of Mu'allaq and Sayda and "
        "Ein Issa town (Tell Abiad, Ar-Raqqa) with artillery."
    )
    (event,) = _events(text, gazetteer)
    assert (event.location.name, event.location.country) == ("‘Ayn ‘Īsá", "SY")


def test_places_listed_too_far_apart_are_an_event_each(gazetteer: Gazetteer) -> None:
    text = "On 3 May 2020, air strikes hit Aleppo, Idlib and Deir Ezzor."
    events = _events(text, gazetteer)
    assert len(events) == 2  # one trigger, two places: dedup keeps them apart
    by_place = {event.location.name: event.location for event in events}
    assert set(by_place) == {"Aleppo", "Deir ez-Zor"}
    idlib = next(c for c in gazetteer.candidates("Idlib") if c.feature_class == "city")
    aleppo = by_place["Aleppo"]
    assert aleppo.lat is not None and aleppo.lon is not None and aleppo.uncertainty_km
    assert great_circle_km(aleppo.lat, aleppo.lon, idlib.lat, idlib.lon) <= aleppo.uncertainty_km
    assert "too far" in by_place["Deir ez-Zor"].reason


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a noun that calls the first name a place does not end the list
        ("Fierce clashes take place in Jisr Al-Shughour countryside and Daraa city",
         {"Jisr ash Shughūr", "Dar‘ā"}),
        # an area that holds the place qualifies it: no event of its own
        ("On 16 November 2019, security forces fired live ammunition at protesters in "
         "Behbahan, Khuzestan, killing several of them.", {"Behbahān"}),
    ],
)  # fmt: skip
def test_where_a_list_makes_events_apart(text: str, places: set[str], gazetteer: Gazetteer) -> None:
    assert {event.location.name for event in _events(text, gazetteer)} == places


def test_the_area_a_place_is_put_in_is_no_place_listed_beside_it(gazetteer: Gazetteer) -> None:
    text = (
        "On 11 October 2017, an air strike killed five civilians in Abu Kamal, Deir Ezzor "
        "governorate."
    )
    location = _events(text, gazetteer)[0].location
    assert (location.country, location.precision) == ("SY", LocationPrecision.CITY)
    assert location.uncertainty_km == CITY_UNCERTAINTY_KM
    assert "listed with" not in location.reason


def test_a_zone_around_a_homonym_outside_its_container_gives_way_to_the_container_side(
    gazetteer: Gazetteer,
) -> None:
    # "Nassib" meets Nisab (Yemen) by its loose key; the text puts it in Daraa
    text = (
        "On 6 July 2018, Syrian regime forces regained the border crossing with Jordan near "
        "Nassib town in the south-eastern countryside of Daraa."
    )
    location = _events(text, gazetteer)[0].location
    assert (location.country, location.feature_class) == ("SY", "zone")
    assert location.name is not None and location.name.startswith("southeastern ")
    assert location.lat is not None and location.lon is not None
    assert location.uncertainty_km is not None
    nassib_crossing = (32.54, 36.20)
    assert great_circle_km(location.lat, location.lon, *nassib_crossing) <= location.uncertainty_km


@pytest.mark.parametrize(
    ("text", "lat", "lon", "within_km"),
    [
        # an unknown village in "(district town, province)": around the district's town
        ("On 16 March 2017, US aircraft struck a mosque in Al-Jineh village (Atareb, Aleppo), "
         "killing 49.", 36.139, 36.830, 25.0),
        ("On 11 August 2020, a Turkish drone struck a car in Sidakan area (Soran, Erbil), "
         "killing three.", 36.65, 44.54, 25.0),
        # a homonym abroad is checked against every container of the chain: the one in Aden
        ("On 29 August 2016, a suicide bomber struck a school in Al-Mansoura (Al Mansura, "
         "Aden), killing 71.", 12.85, 44.98, 15.0),
        # a container resolved outside the next one out (Cairo for a quarter of Taiz) is a
        # wrong homonym, not a container
        ("On 17 January 2022, Houthi forces shelled neighbourhoods in Taiz city (Al Qahirah, "
         "Taiz), injuring 2 children.", 13.58, 44.02, 10.0),
        # the last of the chain is a province: Al Bayda governorate, Yemen, not Libya's city
        ("On 29 January 2017, US special forces raided houses in Yakkla (Walad Rabi, Al "
         "Bayda); clashes killed 30.", 14.50, 45.18, 80.0),
        # "Rask (Sarbaz county, ...)": a district of the town's name the gazetteer lacks holds
        # places about its town
        ("On 15 December 2023, militants attacked the police headquarters in Rask (Sarbaz "
         "county, Sistan and Baluchestan).", 26.24, 61.40, 10.0),
    ],
)  # fmt: skip
def test_acled_parentheses_name_the_containers(
    text: str, lat: float, lon: float, within_km: float, gazetteer: Gazetteer
) -> None:
    location = _events(text, gazetteer)[0].location
    assert location.lat is not None and location.lon is not None
    km = great_circle_km(location.lat, location.lon, lat, lon)
    assert km <= within_km, location.reason
    assert location.uncertainty_km is not None and km <= location.uncertainty_km + 1.0


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("On 12 February 2020, a US patrol was stopped at a checkpoint in Qamishli. Gunmen "
         "opened fire; US forces returned fire, killing a man.", True),
        ("On 12 February 2020, a US patrol was stopped at a checkpoint in Qamishli.\n\nGunmen "
         "opened fire; US forces returned fire, killing a man.", False),
    ],
)  # fmt: skip
def test_unplaced_event_takes_the_place_of_the_sentence_before(
    text: str, placed: bool, gazetteer: Gazetteer
) -> None:
    killing = _events(text, gazetteer)[-1]
    assert (killing.location.name == "Al Qāmishlī") is placed, killing.location.reason


def test_a_river_in_a_country_is_held_by_the_part_of_it_there(gazetteer: Gazetteer) -> None:
    # the river's point is its mouth in Iraq: the part of it in Syria is what the text means
    text = (
        "On 3 May 2020, Russia warned that it would target any jet flying west of the "
        "Euphrates River in Syria."
    )
    location = _events(text, gazetteer)[0].location
    assert location.name == "Syria west of the Euphrates", location.reason


@pytest.mark.parametrize(("country", "held"), [("Syria", True), ("Egypt", False)])
def test_holds_place_reads_a_river_by_its_line(
    country: str, held: bool, gazetteer: Gazetteer
) -> None:
    text = f"Fighting along the Euphrates in {country}."
    mentions = {m.text: m for m in find_places(Document(id="t", text=text), gazetteer).mentions}
    assert holds_place(gazetteer, mentions[country], mentions["Euphrates"]) is held
