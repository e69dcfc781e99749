"""The synthetic world the benchmark writes about: names built from syllable
tables (Chinese-like, Arabic-like, Slavic-like, English-like), organizations,
events, their true facts, and the ways a source may write each of them.

Nothing here is a list of real people: every name is assembled from
syllables, so the same seed always yields the same world.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

# -- syllable tables -----------------------------------------------------------
ZH_FAMILY = ("Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang "
             "Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Du Ye Wei Su Lu "
             "Ding Ren Shen Yao Qian Qiu").split()
ZH_GIVEN = ("dan fang wei jun xiao ming hua qiang lei yan jing ping hong zhi xin yu hao jie kai lan mei ning "
            "qing rui shan tao xia yong zhen bo chao di feng gang hui jian kun na peng qi rong shu ting wen "
            "xue yi ying yun zhong").split()
AR_GIVEN_A = ("Ka Ra Sa Na Ha Fa Ta Ja Ya Ma Za Ba Wa Mu Ab Is Khal Tar Sul Mus Yus Ham Fai Nas Jam Has Bas "
              "Wal Zay Sal Kar Mah").split()
AR_GIVEN_B = "mil shid mir bil lid san rik sif hir kim dir sin med jid zim rouf ik ad im ir af ul ah an ".split()
AR_FAMILY_A = "Had Man Kha Sa Ka Na Ba Ma Ja Ta Qa Ra Zu Ha Da Ya Shar Naj Ghan Tam Bak Far Ous Sab".split()
AR_FAMILY_B = ("dad sour lil sim rim jar kar rak bir ssan mal oud lani wari bbas qub afi ouri aydi ilawi "
               "umi ahir").split()
SL_GIVEN_A = "Mi Dmi Ser Ale I Pa O Yu Bo Ni Vla A Ar Ko Le Ti Fe Ma Ro Sta".split()
SL_GIVEN_B = ("khail tri gei ksei van vel leg ri ris kolai dimir nton kadiy nstantin onid mofei dor ksim man "
              "nislav").split()
SL_ROOT = ("Petr Ivan Smirn Kuzn Sokol Volk Moroz Lebed Kozl Novik Orl Zayts Pavl Sem Egor Vinogr Bogd Kovalen "
           "Fedor Grom").split()
SL_SUFFIX = "ov ovsky enko in ev ovich sky ovets yuk chenko".split()
SL_FEMALE = {"ov": "ova", "in": "ina", "ev": "eva", "sky": "skaya", "ovsky": "ovskaya"}
EN_GIVEN_A = "Jo Ja Ro Mi Wil Da Ma Li Sa E Ha Pe Tho Ka Ste Ri Gra Lau Ed Ben".split()
EN_GIVEN_B = "hn mes bert chael liam vid ry nda rah mily rold ter mas ren ven chard ham ra win nett".split()
EN_ROOT = "Smith Wal Har Ben Cal Mor Whit Thorn Ash Brad Fair Hol Kent Lang Pres Rad Stan Wes Cran Dun".split()
EN_SUFFIX = ["", "ers", "son", "ton", "ley", "ford", "wood", "ington", "well", "by"]
ORG_A = ("Vel Nor Tar Kal Bren Cor Dal Fen Gral Hal Jor Lum Mar Ost Pel Quin Ros Sel Tor Val Wex Zan Ar Bel "
         "Cas Dra Ex Fal Gar Hes Is Kor Lin Mon Nev Or Pra Riv Sol Tre").split()
ORG_MID = ["", "", "", "a", "i", "o", "en", "er", "an", "u"]
ORG_B = "trix haven ova ix ora eon ent ara ium ex ance ell ane ico una ity on ar ia ux ada ost erra iant ode".split()
ORG_SECTOR = "Systems Labs Industries Capital Media Logistics Partners Energy Foods Motors Analytics Pharma".split()
EVENT_A = "Aur Bal Cre Dor Ely Gen Ily Kes Lor Mer Nal Ost Per Rav Sar Tul Ves Yar Zor Hel".split()
EVENT_B = "ia on ara ent ica ova ium is ea ora".split()
EVENT_KIND = "Summit Forum Accord Conference Expo Talks".split()
CITY_A = "Bra Ko Lu Ma Ne Os Pe Ri Sa Te Va Zo Ka Do Gri".split()
CITY_B = "vik dor nsk lia ren burg pol mara tane sova grad holm".split()
HONORIFICS = ["Dr.", "Mr.", "Ms.", "Prof."]
SHAPES = ("zh", "ar", "sl", "en")
VOWELS = "aeiou"

MONTHS = ("January February March April May June July August September October November December").split()

# -- titles --------------------------------------------------------------------
BASE_TITLES = ["engineer", "software engineer", "manager", "product manager", "analyst", "director",
               "deputy director", "vice president", "consultant", "researcher", "accountant", "developer",
               "executive", "lawyer", "editor"]
INFLATE = {"engineer": "senior engineer", "software engineer": "senior software engineer",
           "manager": "senior manager", "product manager": "senior product manager",
           "analyst": "senior analyst", "director": "executive director", "deputy director": "director",
           "vice president": "senior vice president", "consultant": "senior consultant",
           "researcher": "lead researcher", "accountant": "chief accountant", "developer": "lead developer",
           "executive": "chief executive", "lawyer": "senior lawyer", "editor": "senior editor"}
# Rungs of a corporate ladder (higher is more senior). Two titles on different rungs are a
# conflict AND an inflation ("analyst" vs "manager"): the gold accepts either code for them.
RANK = {"engineer": 2, "software engineer": 2, "analyst": 2, "consultant": 2, "developer": 2,
        "manager": 5, "product manager": 5, "deputy director": 7, "director": 8, "vice president": 10}
CONFLICT_POOL = ["engineer", "manager", "analyst", "consultant", "researcher", "accountant", "lawyer", "editor"]
TITLE_EQUIV = {"vice president": ["VP", "Vice President"], "executive": ["exec"], "manager": ["Manager"],
               "director": ["Director"], "software engineer": ["Software Engineer"], "engineer": ["Engineer"]}



def ranks_differ(a: str, b: str) -> bool:
    return a in RANK and b in RANK and RANK[a] != RANK[b]


# -- hedges --------------------------------------------------------------------
HEDGES = {"exact": ["{n}"], "ge": ["at least {n}", "no fewer than {n}", "{n} or more"],
          "gt": ["more than {n}", "over {n}"], "approx": ["about {n}", "around {n}", "roughly {n}"],
          "lt": ["fewer than {n}", "less than {n}"], "le": ["no more than {n}", "up to {n}"]}
HEDGE_WEIGHTS = (("exact", 40), ("ge", 25), ("gt", 10), ("approx", 15), ("lt", 10))
BOUND = {"ge": "gt", "gt": "ge", "lt": "le"}  # a hedge whose interval differs only at its edge

# -- statements (`said`) ---------------------------------------------------------
# (canonical, paraphrases that keep the meaning, negated form)
STATEMENTS = [
    ("We will cut {n} jobs in {c} next year",
     ["Next year we will cut {n} jobs in {c}", "We are going to cut {n} jobs in {c} next year",
      "We will eliminate {n} jobs in {c} next year"],
     "We will not cut {n} jobs in {c} next year"),
    ("Our team in {c} has grown to {n} people",
     ["The team in {c} has grown to {n} people", "In {c}, our team has grown to {n} people"],
     "Our team in {c} has not grown to {n} people"),
    ("We opened {n} new stores in {c} this year",
     ["This year we opened {n} new stores in {c}", "In {c}, we opened {n} new stores this year"],
     "We did not open {n} new stores in {c} this year"),
    ("The {c} office will hire {n} engineers",
     ["The office in {c} will hire {n} engineers", "{n} engineers will be hired by the {c} office"],
     "The {c} office will not hire {n} engineers"),
    ("Sales in {c} rose {n} percent last year",
     ["Last year, sales in {c} rose {n} percent", "Sales rose {n} percent in {c} last year"],
     "Sales in {c} did not rise {n} percent last year"),
    ("We met the regulators in {c} {n} times",
     ["We met {n} times with the regulators in {c}", "In {c}, we met the regulators {n} times"],
     "We never met the regulators in {c} {n} times"),
]

PERSON_PREDICATES = ("title", "age", "employer", "said")
ORG_PREDICATES = ("employees", "founded", "anniversary")
EVENT_PREDICATES = ("date",)
PREDICATE_SYNONYMS = {
    "title": ["job title", "position"], "age": ["age"], "employer": ["works for", "employed by"],
    "said": ["says", "stated"], "employees": ["staff", "headcount", "number of employees"],
    "founded": ["founded in", "established"], "anniversary": ["anniversary"], "date": ["took place on"],
}


@dataclass(slots=True)
class Entity:
    """One real thing of the world with its true facts."""

    idx: int
    kind: str  # person | organization | event
    shape: str  # zh | ar | sl | en | org | event
    tokens: list[str]  # the name as words, in canonical written order
    surname: str = ""  # the word a source may use alone (persons), or the org's root
    facts: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def gid(self) -> str:
        return f"g{self.idx}"


def cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def person_name(rng: random.Random, shape: str) -> tuple[list[str], str]:
    """(tokens, surname) for a new person of one name shape."""
    if shape == "zh":
        family = rng.choice(ZH_FAMILY)
        given = rng.choice(ZH_GIVEN) + (rng.choice(ZH_GIVEN) if rng.random() < 0.7 else "")
        return [family, cap(given)], family
    if shape == "ar":
        family = rng.choice(AR_FAMILY_A) + rng.choice(AR_FAMILY_B)
        return [rng.choice(AR_GIVEN_A) + rng.choice(AR_GIVEN_B), family], family
    if shape == "sl":
        family = rng.choice(SL_ROOT) + rng.choice(SL_SUFFIX)
        return [rng.choice(SL_GIVEN_A) + rng.choice(SL_GIVEN_B), family], family
    family = rng.choice(EN_ROOT) + rng.choice(EN_SUFFIX)
    return [rng.choice(EN_GIVEN_A) + rng.choice(EN_GIVEN_B), family], family


def decoy_name(rng: random.Random, shape: str, tokens: list[str]) -> tuple[list[str], str] | None:
    """A genuinely different person whose name is close to `tokens` (Wang Dan / Wang Fang,
    John Smith / John Smithers, Ivanov / Ivanova, Karim / Karima)."""
    given, family = (tokens[1], tokens[0]) if shape == "zh" else (tokens[0], tokens[1])
    if shape == "zh":
        other = cap(rng.choice(ZH_GIVEN) + (rng.choice(ZH_GIVEN) if len(given) > 4 else ""))
        return ([family, other], family) if other != given else None
    if shape == "en":
        for root in EN_ROOT:
            if family.startswith(root):
                suffix = rng.choice([s for s in EN_SUFFIX if root + s != family])
                return [given, root + suffix], root + suffix
        return None
    if shape == "sl":
        for short, female in SL_FEMALE.items():
            if family.endswith(short):
                other = rng.choice(SL_GIVEN_A) + rng.choice(SL_GIVEN_B)
                return [other, family[: -len(short)] + female], family[: -len(short)] + female
        return None
    return ([given + "a", family], family) if not given.endswith("a") else None


def _root(rng: random.Random, first: Sequence[str], last: Sequence[str]) -> str:
    """A made-up name root: a first and a last syllable around one or two middle ones."""
    r = rng.random()
    if r < 0.34:
        return rng.choice(first) + rng.choice(ORG_MID) + rng.choice(last)
    if r < 0.67:
        return rng.choice(first) + rng.choice(ORG_A).lower() + rng.choice(last)
    return rng.choice(first) + rng.choice(ORG_MID) + rng.choice(ORG_A).lower() + rng.choice(last)


def org_name(rng: random.Random) -> tuple[list[str], str]:
    root = _root(rng, ORG_A, ORG_B)
    return [root, rng.choice(ORG_SECTOR)], root


def org_decoy(rng: random.Random, tokens: list[str]) -> tuple[list[str], str] | None:
    """A different organization with the same distinctive word ("Veltrix Media" / "Veltrix Energy")."""
    sector = rng.choice([x for x in ORG_SECTOR if x != tokens[1]])
    return [tokens[0], sector], tokens[0]


def event_name(rng: random.Random) -> tuple[list[str], str]:
    root = _root(rng, EVENT_A, EVENT_B)
    return [root, rng.choice(EVENT_KIND)], root


def near_keys(word: str) -> list[str]:
    """The word and its one-letter deletions: two words one edit apart share one of these."""
    low = word.lower()
    return [low] + [low[:i] + low[i + 1:] for i in range(len(low))]


class Spacing:
    """Keeps accidental names apart: a new name may not be within one edit of an existing
    one on every word (deliberate decoys are let through by the caller). Candidates come
    from one-deletion keys of the last word; the other words are checked by edit distance."""

    def __init__(self) -> None:
        self.index: dict[str, list[int]] = {}
        self.names: list[list[str]] = []

    def near(self, tokens: list[str]) -> bool:
        from rapidfuzz.distance import Levenshtein

        low = [t.lower() for t in tokens]
        for i in {i for k in near_keys(low[-1]) for i in self.index.get(k, ())}:
            other = self.names[i]
            if len(other) == len(low) and all(Levenshtein.distance(a, b, score_cutoff=1) <= 1
                                              for a, b in zip(low[:-1], other[:-1], strict=True)):
                return True
        return False

    def add(self, tokens: list[str]) -> None:
        low = [t.lower() for t in tokens]
        for k in set(near_keys(low[-1])):
            self.index.setdefault(k, []).append(len(self.names))
        self.names.append(low)


def city(rng: random.Random) -> str:
    return rng.choice(CITY_A) + rng.choice(CITY_B)


# -- garbles: one token written wrongly ---------------------------------------------
_TRANSLIT = (("x", "sh"), ("sh", "x"), ("zh", "j"), ("q", "ch"), ("ou", "u"), ("kh", "h"), ("ks", "x"),
             ("y", "i"), ("ch", "zh"))


def garble_token(rng: random.Random, word: str) -> tuple[str, str] | None:
    """A misspelling of `word` as transliteration or machine translation makes them, with its kind."""
    low = word.lower()
    kinds = ["vowel", "drop", "double", "translit"]
    rng.shuffle(kinds)
    for kind in kinds:
        out = None
        if kind == "translit":
            hits = [(a, b) for a, b in _TRANSLIT if a in low and not (a == "y" and not low.endswith("y"))]
            if hits:
                a, b = rng.choice(hits)
                at = low.find(a) if a != "y" else len(low) - 1
                out = low[:at] + b + low[at + len(a):]
        elif kind == "vowel":
            spots = [i for i, c in enumerate(low) if c in VOWELS]
            if spots and len(low) >= 3:
                i = rng.choice(spots)
                out = low[:i] + rng.choice([v for v in VOWELS if v != low[i]]) + low[i + 1:]
        elif kind == "drop" and len(low) >= 5:
            i = rng.randrange(1, len(low) - 1)
            if low[i] != low[i - 1]:
                out = low[:i] + low[i + 1:]
        elif kind == "double" and len(low) >= 4:
            spots = [i for i in range(1, len(low)) if low[i] not in VOWELS and low[i] != low[i - 1]]
            if spots:
                i = rng.choice(spots)
                out = low[:i] + low[i] + low[i:]
        if out and out != low:
            return (cap(out) if word[:1].isupper() else out), kind
    return None


# -- how a source writes a value -----------------------------------------------------
def ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def figure(rng: random.Random, n: int) -> str:
    return f"{n:,}" if n >= 1000 and rng.random() < 0.6 else str(n)


def hedged(rng: random.Random, hedge: str, n: int) -> str:
    return rng.choice(HEDGES[hedge]).format(n=figure(rng, n))


def month_year(m: int, y: int) -> str:
    return f"{MONTHS[m - 1]} {y}"


def day_date(rng: random.Random, y: int, m: int, d: int) -> str:
    form = rng.random()
    if form < 0.5:
        return f"{d} {MONTHS[m - 1]} {y}"
    if form < 0.85:
        return f"{MONTHS[m - 1]} {d}, {y}"
    return f"{y}-{m:02d}-{d:02d}"


def round_count(rng: random.Random) -> int:
    return rng.choice([12, 15, 20, 25, 30, 40, 45, 60, 75, 80, 120, 150, 200, 250, 300, 400, 450, 600,
                       750, 800, 1200, 1500, 2000, 2500, 3000, 4500, 6000, 12000, 15000, 40000])


def other_count(rng: random.Random, n: int, far: bool = False) -> int:
    """A figure that clearly differs from n (at least 1.3x off; 2x when `far`)."""
    factor = rng.choice([2, 3] if far else [1.4, 1.5, 2, 0.5, 0.6])
    m = int(round(n * factor))
    return m if m != n and m > 0 else n + 7
