"""Style-guide abbreviations of first-level areas, as news copy writes them.

US states follow the AP Stylebook ("Ga.", "W.Va."); two-letter postal codes are left out
because many are English words ("OK", "IN", "ME", "OR"). Canadian provinces and Australian
states use the forms their own press uses. Keys are GeoNames admin-1 codes.
"""

from __future__ import annotations

__all__ = ["ADMIN1_ABBREVIATIONS"]

_AP_STATES = {
    "AL": "Ala.",
    "AZ": "Ariz.",
    "AR": "Ark.",
    "CA": "Calif.",
    "CO": "Colo.",
    "CT": "Conn.",
    "DE": "Del.",
    "FL": "Fla.",
    "GA": "Ga.",
    "IL": "Ill.",
    "IN": "Ind.",
    "KS": "Kan.",
    "KY": "Ky.",
    "LA": "La.",
    "MD": "Md.",
    "MA": "Mass.",
    "MI": "Mich.",
    "MN": "Minn.",
    "MS": "Miss.",
    "MO": "Mo.",
    "MT": "Mont.",
    "NE": "Neb.",
    "NV": "Nev.",
    "NH": "N.H.",
    "NJ": "N.J.",
    "NM": "N.M.",
    "NY": "N.Y.",
    "NC": "N.C.",
    "ND": "N.D.",
    "OK": "Okla.",
    "OR": "Ore.",
    "PA": "Pa.",
    "RI": "R.I.",
    "SC": "S.C.",
    "SD": "S.D.",
    "TN": "Tenn.",
    "VT": "Vt.",
    "VA": "Va.",
    "WA": "Wash.",
    "WV": "W.Va.",
    "WI": "Wis.",
    "WY": "Wyo.",
    "DC": "D.C.",
}
_OLDER_US_FORMS = {"TX": ("Tex.",), "PA": ("Penn.", "Penna."), "NE": ("Nebr.",), "WI": ("Wisc.",)}

ADMIN1_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    **{f"US.{code}": (form, *_OLDER_US_FORMS.get(code, ())) for code, form in _AP_STATES.items()},
    "US.TX": ("Tex.",),
    "CA.01": ("Alta.",),
    "CA.02": ("B.C.",),
    "CA.03": ("Man.",),
    "CA.04": ("N.B.",),
    "CA.05": ("Nfld.", "N.L."),
    "CA.07": ("N.S.",),
    "CA.08": ("Ont.",),
    "CA.09": ("P.E.I.",),
    "CA.10": ("Que.",),
    "CA.11": ("Sask.",),
    "CA.13": ("N.W.T.",),
    "AU.01": ("ACT",),
    "AU.02": ("NSW", "N.S.W."),
    "AU.04": ("Qld", "QLD"),
    "AU.07": ("Vic.",),
    "AU.05": ("SA",),
    "AU.06": ("Tas.",),
    "AU.08": ("WA",),
    "AU.03": ("NT",),
}
