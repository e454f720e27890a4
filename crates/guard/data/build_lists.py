#!/usr/bin/env python3
"""Rebuilds the shipped lexicons from their public sources (see NOTICE.md).

Run by hand, never at build or run time:
    pip download --no-deps names faker -d /tmp/phidata   # unpack both there
    apt-get install wamerican wspanish
    python3 build_lists.py /tmp/phidata
Entries are lower-cased and stripped of diacritics, one per line, sorted.
"""
import importlib
import re
import sys
import unicodedata
from pathlib import Path

SRC = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/phidata")
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(SRC / "fk"))

# Locales written in Latin script (or with romanised names) covering the origins of US and
# Spanish-speaking patients: Hispanic, African, South and East Asian, European.
LOCALES = """en_US en_GB en_IE en_IN en_KE en_NG en_NZ en_PK en_PH es es_AR es_CL es_CO es_ES es_MX
pt_BR pt_PT fr_FR fr_CA it_IT de_DE pl_PL vi_VN yo_NG ig_NG ha_NG zu_ZA tw_GH sw tr_TR id_ID
nl_NL ro_RO hr_HR cs_CZ sk_SK sv_SE no_NO da_DK fi_FI hu_HU ga_IE tl_PH fil_PH""".split()
ROMANISED = ["zh_CN", "zh_TW", "ja_JP"]
WORD = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


def fold(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def tokens(values):
    for v in values:
        for t in re.split(r"[\s]+", v):
            t = fold(t.strip(".,"))
            if len(t) >= 2 and WORD.match(t):
                yield t


def provider(loc):
    try:
        return importlib.import_module(f"faker.providers.person.{loc}").Provider
    except ModuleNotFoundError:
        return None


def attr(p, *names):
    out = []
    for n in names:
        v = getattr(p, n, ())
        if isinstance(v, dict):
            out.extend(v.keys())
        elif isinstance(v, (list, tuple, set, frozenset)):
            out.extend(v)
    return out


first, last = set(), set()
census = SRC / "names-0.3.0" / "names"
for f in ("dist.male.first", "dist.female.first"):
    first.update(tokens(line.split()[0] for line in open(census / f)))
# Census surnames by frequency: the first 25,000 cover about 85% of the population.
last.update(tokens(line.split()[0] for line in list(open(census / "dist.all.last"))[:25000]))
for loc in LOCALES:
    p = provider(loc)
    if p:
        first.update(tokens(attr(p, "first_names", "first_names_male", "first_names_female")))
        last.update(tokens(attr(p, "last_names", "last_names_male", "last_names_female")))
for loc in ROMANISED:
    p = provider(loc)
    if p:
        first.update(tokens(attr(p, "first_romanized_names")))
        last.update(tokens(attr(p, "last_romanized_names")))
PARTICLES = {"de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von", "der", "den",
             "di", "du", "le", "el", "al", "bin", "ibn", "y", "e", "mc", "st"}
first -= PARTICLES
last -= PARTICLES
supplement = OUT / "names_supplement.txt"
for line in open(supplement):
    line = line.strip()
    if line and not line.startswith("#"):
        kind, _, names = line.partition(":")
        target = first if kind.strip() == "first" else last
        target.update(tokens(names.split(",")))

en = {w for w in (l.strip() for l in open("/usr/share/dict/american-english"))
      if w and w[0].islower() and "'" not in w}
es = {fold(w) for w in (l.strip() for l in open("/usr/share/dict/spanish"))
      if w and w[0].islower()}
# wspanish lists many given names in lower case (pedro, carlos): drop the ones that the English
# list knows only as proper nouns, but keep everyday Spanish words that are also names.
en_proper = {fold(w) for w in (l.strip() for l in open("/usr/share/dict/american-english"))
             if w and w[0].isupper() and "'" not in w}
SPANISH_WORDS_THAT_ARE_NAMES = set("""alta ama amado bella bonita como cruz durante fe gloria le les
lima linda luna luz madera mercado merced mira ni ola ora rosa san santa se sal segundo ta tia un
verde vega esperanza consuelo amparo refugio socorro trinidad concepcion asuncion modesto rico
guerra huerta prado principe monte moreno serena blanca dulce cielo reina paloma perla palma
pura prima victoria caridad piedad remedios rosario soledad dolores pilar rocio mercedes angeles
nieves milagros estrella alba aurora flor sol paz amor dia vida""".split())
es -= ((es & (first | last)) & en_proper) - en
es |= SPANISH_WORDS_THAT_ARE_NAMES
(OUT / "first_names.txt").write_text("\n".join(sorted(first)) + "\n")
(OUT / "surnames.txt").write_text("\n".join(sorted(last)) + "\n")
(OUT / "words_en.txt").write_text("\n".join(sorted(en)) + "\n")
(OUT / "words_es.txt").write_text("\n".join(sorted(es - en)) + "\n")
print(len(first), len(last), len(en), len(es - en))
