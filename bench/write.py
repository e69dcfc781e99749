"""Writing the claim files: one YAML file per source with plain string formatting (values
quoted as JSON strings, which are valid YAML double-quoted scalars), the texts of the few
sources that carry one, and the gold entries found while writing."""

from __future__ import annotations

import os
import random
from collections import Counter, defaultdict
from json.encoder import encode_basestring as q

from bench import world as w
from bench.world import Entity


def said_index(sidx: int, ent: Entity) -> int:
    """Which of a person's statements a source quotes (most quote the first)."""
    return 1 if len(ent.facts["said"]) > 1 and sidx % 4 == 3 else 0


SWAP = {"spoke": "talked", "told": "informed", "works": "worked", "lives": "lived", "said": "says",
        "employs": "employed", "has": "had", "was": "is", "celebrated": "marked", "took": "takes",
        "which": "that", "who": "that", "joined": "left"}
FILLERS = ["according to the report", "people familiar with the matter said", "the filing shows",
           "records show", "a spokesperson confirmed", "the company's website says"]


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


class Writer:
    """Writes one claim file per source, collecting gold as it goes."""

    def __init__(self, seed: int, ents: list[Entity], inj, kinds: list[str], texts: list[bool],
                 bare: list[bool], claims_dir: str, opts):
        self.seed, self.ents, self.inj = seed, ents, inj
        self.kinds, self.texts, self.bare, self.dir, self.opts = kinds, texts, bare, claims_dir, opts
        self.gold: dict[tuple, dict] = {}
        self.benign: list[dict] = []
        self.names: list[tuple[str, str, str]] = []
        self.ceo: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add_gold(self, code: str, e: int, pred: str | None, sid: str, detail: str, **extra) -> None:
        key = (code, e, pred, sid)
        if key in self.gold and "alt" in extra:
            self.gold[key]["alt"] = extra["alt"]
        if key not in self.gold:
            self.gold[key] = {"code": code, "entity": f"g{e}", "predicate": pred, "sources": [sid],
                              "detail": detail, **extra}

    # forms a source uses for one entity
    def person_forms(self, rng, e: int, sidx: int, surnames: Counter) -> tuple[str, str]:
        """(full form, surname alone or "") as this source writes a person."""
        ent = self.ents[e]
        g = self.inj.garbles.get((e, sidx))
        tokens = list(g[0]) if g else list(ent.tokens)
        family = 0 if ent.shape == "zh" else len(tokens) - 1
        if not g and self.kinds[sidx] != "primary":
            r = rng.random()
            if r < 0.06:
                tokens, family = [rng.choice(w.HONORIFICS)] + tokens, family + 1
            elif r < 0.16 and ent.shape == "zh":
                tokens, family = tokens[::-1], len(tokens) - 1 - family
        alias = tokens[family] if surnames[ent.surname] == 1 and rng.random() < 0.2 else ""
        return " ".join(tokens), alias

    def org_form(self, rng, o: int, sidx: int) -> str:
        ent = self.ents[o]
        g = self.inj.garbles.get((o, sidx))
        if g:
            return " ".join(g[0])
        if ent.facts["root_alias"] and self.kinds[sidx] != "primary" and rng.random() < 0.2:
            return ent.surname
        return ent.name

    def write_source(self, sidx: int, plan) -> int:
        rng = random.Random(self.seed * 1_000_003 + sidx)
        sid, ents, inj = f"s{sidx:05d}", self.ents, self.inj
        kind, has_text, bare = self.kinds[sidx], self.texts[sidx], self.bare[sidx]
        surnames = Counter(ents[e].surname for e, _ in plan if ents[e].kind == "person")
        org_forms: dict[int, str] = {}

        def oform(o: int) -> str:
            if o not in org_forms:
                org_forms[o] = self.org_form(rng, o, sidx)
            return org_forms[o]

        head = [f"source:\n  id: {sid}\n  title: {q(f'Report {sidx} on the companies of the region')}\n"
                f"  publisher: {q(f'Publisher {sidx % 97}')}\n  language: en\n  kind: {kind}\n"]
        if has_text:
            head.append(f"  text: texts/{sid}.txt\n")
        ent_lines: list[str] = [] if bare else ["entities:\n"]
        lines = ["claims:\n"]
        sentences: list[str] = []
        n = 0
        for local, (e, preds) in enumerate(plan, 1):
            ent = ents[e]
            if ent.kind == "person":
                full, alias = self.person_forms(rng, e, sidx, surnames)
            elif ent.kind == "organization":
                full, alias = oform(e), ""
                if full == ent.surname:  # the source calls it by its root alone: declare both
                    full, alias = ent.name, ent.surname
                    if (e, sidx) in inj.garbles:
                        full = " ".join(inj.garbles[(e, sidx)][0])
            else:
                full, alias = " ".join(inj.garbles[(e, sidx)][0]) if (e, sidx) in inj.garbles else ent.name, ""
            if (e, sidx) in inj.garbles:
                tokens, gk, why = inj.garbles[(e, sidx)]
                self.add_gold("name.variant", e, None, sid, f"{ent.name!r} written {full!r} ({gk})")
            elif full != ent.name:
                self.benign.append({"code": "name.form", "entity": ent.gid, "predicate": None, "sources": [sid],
                                    "detail": f"{ent.name!r} written {full!r}", "form": full,
                                    "expect": "not-flagged"})
            key = f"k{local}"
            if not bare:
                ent_lines.append(f"  {key}:\n    name: {q(full)}\n    type: {ent.kind}\n")
                if alias:
                    ent_lines.append(f"    aliases: [{q(alias)}]\n")
            self.names.append((sid, full, ent.gid))
            used_alias = not bare and bool(alias)
            for i, pred in enumerate(preds):
                n += 1
                subject_name = alias if alias and rng.random() < 0.3 else full
                if bare:
                    subject = subject_name if i else full
                    subject_name = subject
                    used_alias = used_alias or (subject == alias and alias != full)
                else:
                    subject = key
                value, text, quote, quals = self.claim(rng, sidx, sid, ent, pred, subject_name, oform)
                spoken = pred if rng.random() > 0.12 else rng.choice(w.PREDICATE_SYNONYMS[pred])
                lines.append(f"  - id: c{n}\n    subject: {q(subject)}\n    predicate: {q(spoken)}\n"
                             f"    value: {value}\n")
                if has_text:
                    sentences.append(f"{quote}, {rng.choice(FILLERS)}.")
                    r = rng.random()  # every text source gets at least one of each (claims 1 and 2)
                    if r < self.opts.misquote_rate or n == 1:
                        quote = self.misquote(rng, quote, sid, e, pred) or quote
                    elif r < self.opts.misquote_rate + self.opts.missing_rate or n == 2:
                        quote = f"{subject_name} refused to discuss the {w.city(rng)} deal with reporters"
                        self.add_gold("quote.missing", e, pred, sid, f"claim c{n}: quote not in the text")
                lines.append(f"    quote: {q(quote)}\n")
                if quals:
                    lines.append(f"    qualifiers:\n      organization: {q(quals)}\n")
            if alias and used_alias:
                self.names.append((sid, alias, ent.gid))
            if alias and used_alias and (e, sidx) not in inj.garbles:
                self.benign.append({"code": "name.form", "entity": ent.gid, "predicate": None, "sources": [sid],
                                    "detail": f"{ent.name!r} called {alias!r} alone", "form": alias,
                                    "expect": "not-flagged"})
        if ent_lines == ["entities:\n"]:
            ent_lines = []
        with open(os.path.join(self.dir, f"{sid}.yaml"), "w", encoding="utf-8") as fh:
            fh.write("".join(head + ent_lines + lines))
        if has_text:
            paras = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
            with open(os.path.join(self.dir, "texts", f"{sid}.txt"), "w", encoding="utf-8") as fh:
                fh.write(f"Report {sidx} on the companies of the region\n\n" + "\n\n".join(paras) + "\n")
        return n

    def misquote(self, rng, quote: str, sid: str, e: int, pred: str) -> str | None:
        words = quote.split(" ")
        spots = [i for i, x in enumerate(words) if x in SWAP]
        if not spots:
            return None
        i = rng.choice(spots)
        old = words[i]
        words[i] = SWAP[old]
        self.add_gold("quote.mismatch", e, pred, sid, f"{old!r} -> {words[i]!r} in the quote")
        return " ".join(words)

    def claim(self, rng, sidx: int, sid: str, ent: Entity, pred: str, name: str, oform):
        """(YAML value, value text, quote, organization qualifier) of one claim."""
        f = ent.facts
        hit = self.inj.values.get((ent.idx, pred))
        dev = hit if hit and hit[0] == sidx else None
        if dev:
            alt = {}
            if dev[1] == "title.conflict" and w.ranks_differ(f["title"], dev[2]):
                alt = {"alt": [{"code": "title.inflated", "entity": ent.gid, "predicate": "title"}]}
            self.add_gold(dev[1], ent.idx, pred, sid, dev[3], **alt)
        if pred == "title":
            t = dev[2] if dev else f["title"]
            if not dev and t in w.TITLE_EQUIV and rng.random() < 0.2:
                t = rng.choice(w.TITLE_EQUIV[t])
            org = oform(f["org"])
            if dev and t == "chief executive":
                self.ceo[f["org"]][ent.idx].append(sid)
            tpl = rng.randrange(3)
            quote = (f"{name}, {_a(t)} {t} at {org}, spoke to reporters", f"{org} {t} {name} told staff",
                     f"{name}, who works as {_a(t)} {t} for {org}, said")[tpl]
            return q(t), t, quote, org
        if pred == "age":
            a = dev[2] if dev else f["age"]
            form = rng.randrange(3)
            if form == 2:
                return q(f"{a}-year-old"), f"{a}-year-old", f"the {a}-year-old {name} lives in {w.city(rng)}", ""
            return (str(a) if form == 0 else q(str(a))), str(a), f"{name}, {a}, lives in {w.city(rng)}", ""
        if pred == "employer":
            o = dev[2] if dev else f["org"]
            org = oform(o)
            if (o, sidx) in self.inj.garbles and not (dev and dev[1] == "value.conflict"):
                self.add_gold("value.variant", ent.idx, pred, sid,
                              f"{self.ents[o].name!r} written {org!r}",
                              alt=[{"code": "name.variant", "entity": self.ents[o].gid}])
            self.names.append((sid, org, self.ents[o].gid))
            quote = (f"{name}, who works for {org}, spoke to reporters", f"{name} of {org} told reporters")[
                rng.randrange(2)]
            return q(org), org, quote, ""
        if pred == "said":
            which = said_index(sidx, ent)
            tpl, n, c = f["said"][which]
            if dev:
                text = dev[2]
            elif self.inj.paraphrase.get((ent.idx, pred), (None,))[0] == sidx:
                paras = w.STATEMENTS[tpl][1]
                text = paras[self.inj.paraphrase[(ent.idx, pred)][1] % len(paras)].format(n=n, c=c)
                self.benign.append({"code": "text.paraphrase", "entity": ent.gid, "predicate": "said",
                                    "sources": [sid], "detail": f"{w.STATEMENTS[tpl][0].format(n=n, c=c)!r}"
                                    f" paraphrased {text!r}", "expect": "not-high"})
            else:
                text = w.STATEMENTS[tpl][0].format(n=n, c=c)
            quote = (f'"{text}," {name} said', f'{name} said: "{text}"')[rng.randrange(2)]
            return q(text), text, quote, ""
        if pred == "employees":
            if dev:
                v = dev[2]
            else:
                v = w.hedged(rng, *f["employees"])
            quote = (f"{name} employs {v} people", f"{name}, which has {v} employees, told reporters")[rng.randrange(2)]
            return q(v), v, quote, ""
        if pred == "founded":
            y, m = f["founded"]
            v = dev[2] if dev else (w.month_year(m, y) if m else str(y))
            quote = (f"{name} was founded in {v}", f"founded in {v}, {name} has grown")[rng.randrange(2)]
            return q(v), v, quote, ""
        if pred == "anniversary":
            v = dev[2] if dev else w.ordinal(f["anniversary"])
            return q(v), v, f"{name} celebrated its {v} anniversary", ""
        if pred == "date":
            v = dev[2] if dev else w.day_date(rng, *f["date"])
            quote = (f"the {name} took place on {v}", f"the {name} was held on {v}")[rng.randrange(2)]
            return q(v), v, quote, ""
        raise ValueError(pred)
