"""People found in a folder of news stories, scored against the people listed by hand.

For stories the rules were not written from: a folder of `.txt` files and a `gold.json`
that lists, per file name, each person the story names in the fullest form it uses:

    {"a01.txt": ["Amara Okonkwo", "Li Wei"], ...}

The folder is read by one call of `manage.py extract --json` (what an import stores), and
a person found matches a person listed as CoNLL's scorer matches them: after folding case
and accents, the last words agree and one name's words are all in the other's ("Okonkwo" ~
"Amara Okonkwo"); each listed person is matched once.

    .venv/bin/python bench/people_stories.py STORIES/ [--verbose]

When the folder also holds a `countries.json` (per file name, ISO 3166-1 alpha-2 codes a careful
reader finds: `{"a01.txt": {"required": ["KE"], "optional": ["GB"]}}`), countries are scored as
the seeds' scorer scores them: a code found that is neither required nor optional is wrong.

The last line is `score: persons_p=… r=… f1=…` (then `countries_p=… r=… f1=…`).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def words(name: str) -> list[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.findall(r"\w+", folded.casefold())


def same_person(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return set(wa) <= set(wb) or set(wb) <= set(wa)


def names_of(item) -> list[str]:
    if isinstance(item, str):
        return [item]
    return [n for n in [item.get("name", ""), *(item.get("aliases") or [])] if isinstance(n, str) and n]


def score(found: dict[str, list], gold: dict[str, list[str]], verbose: bool = False) -> tuple[int, int, int]:
    """(matched, found, listed) over all stories; prints each story's misses when verbose."""
    matched = n_found = n_gold = 0
    for name in sorted(gold):
        listed, used, false = gold[name], set(), []
        for item in found.get(name, []):
            hit = next((g for g in listed if g not in used and any(same_person(n, g) for n in names_of(item))), None)
            if hit is None:
                false.extend(names_of(item)[:1])
            else:
                used.add(hit)
        matched, n_found, n_gold = matched + len(used), n_found + len(found.get(name, [])), n_gold + len(listed)
        missed = [g for g in listed if g not in used]
        if verbose and (missed or false):
            print(f"{name}: missed={missed} false={false}")
    return matched, n_found, n_gold


def score_countries(found: dict[str, list], gold: dict[str, dict], verbose: bool = False) -> tuple[int, int, int]:
    """(right, found, required) over all stories; prints each story's misses when verbose."""
    right = n_found = n_gold = 0
    for name in sorted(gold):
        codes = {(c if isinstance(c, str) else c.get("code") or "").upper() for c in found.get(name, [])} - {""}
        required, optional = set(gold[name].get("required", [])), set(gold[name].get("optional", []))
        false, missed = codes - required - optional, required - codes
        right, n_found, n_gold = right + len(codes & required), n_found + len(codes - optional), n_gold + len(required)
        if verbose and (missed or false):
            print(f"{name}: countries missed={sorted(missed)} false={sorted(false)}")
    return right, n_found, n_gold


def prf(matched: int, n_found: int, n_gold: int) -> str:
    p = matched / n_found if n_found else 0.0
    r = matched / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"p={p:.3f} r={r:.3f} f1={f:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--gold", type=Path, help="default: FOLDER/gold.json")
    ap.add_argument("--verbose", action="store_true", help="print each story's misses")
    args = ap.parse_args()
    gold = json.loads((args.gold or args.folder / "gold.json").read_text(encoding="utf-8"))
    files = [str(args.folder / name) for name in sorted(gold)]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "extract", "--json", *files], capture_output=True, text=True
    )
    if proc.returncode:
        sys.exit(f"extract failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    output = {Path(str(o.get("file", ""))).name: o for o in json.loads(proc.stdout)}
    found = {name: o.get("persons") or [] for name, o in output.items()}
    matched, n_found, n_gold = score(found, gold, args.verbose)
    print(f"stories={len(gold)} listed={n_gold} found={n_found} matched={matched}")
    line = f"score: persons_{prf(matched, n_found, n_gold)}"
    countries_gold = args.folder / "countries.json"
    if countries_gold.is_file():
        countries = {name: o.get("countries") or [] for name, o in output.items()}
        counts = score_countries(countries, json.loads(countries_gold.read_text(encoding="utf-8")), args.verbose)
        print(f"countries required={counts[2]} found={counts[1]} right={counts[0]}")
        line += f" countries_{prf(*counts)}"
    print(line)


if __name__ == "__main__":
    main()
