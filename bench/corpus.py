"""Build a synthetic archive of N articles from BBC sentences, with realistic skew.

About 40 outlets, 5,000 people, 200 countries and 200 organizations, a few of
each very common (Zipf-like), dates over 20 years. The rows are those an import
would write (Article with fingerprint and stored original, Outlet, Person with
aliases, Country, Organization, *Mention rows with counts and spellings), built
with bulk_create in batches and without entity extraction: the generator knows
which names it put in each text. The index documents are made by the configured
backend from those rows, exactly as after an import.

    ARCHIVE_DATA_DIR=/tmp/bench-10k .venv/bin/python bench/corpus.py --articles 10000
    DATABASE_URL=postgres://archive@127.0.0.1:55432/bench10k .venv/bin/python bench/corpus.py --articles 10000

The database must hold no article yet (migrations are applied first).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import resource
import sys
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"

OUTLETS = 40
PEOPLE = 5000
COUNTRIES = 200
ORGANIZATIONS = 200
FIRST_DAY = datetime.date(2006, 1, 1)
DAYS = 20 * 365
# The big ones first: Zipf ranks follow this order, then the rest of ISO 3166.
_BIG_COUNTRIES = "GB US FR DE CN RU UA IN JP IT ES IL IR IQ SY TR BR CA AU KR KP PK AF EG SA MX ZA NG PL NL".split()
_OUTLET_NAMES = (
    "Reuters,Associated Press,BBC News,The Guardian,Agence France-Presse,The New York Times,Bloomberg,"
    "The Washington Post,Financial Times,Al Jazeera,The Times,Deutsche Welle,The Independent,CNN,Sky News,"
    "The Economist,Politico,NPR,The Telegraph,Le Monde,Der Spiegel,El Pais,The Irish Times,ABC News,"
    "The Hindu,South China Morning Post,The Japan Times,The Moscow Times,Kyiv Independent,Haaretz,"
    "The Globe and Mail,Sydney Morning Herald,Radio Free Europe,Euronews,The Local,Balkan Insight,"
    "Mediamax,Dan Tri,Caucasus Watch,Eurasianet"
).split(",")
_SURNAMES = (
    "Smith Jones Brown Taylor Wilson Davies Evans Thomas Johnson Roberts Walker Wright Robinson Thompson White "
    "Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward "
    "Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Lee Bell Parker "
    "Dubois Durand Lefebvre Moreau Laurent Simon Michel Garnier Rousseau Fontaine Muller Schmidt Schneider Fischer "
    "Weber Meyer Wagner Becker Hoffmann Schulz Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino "
    "Garcia Fernandez Gonzalez Rodriguez Lopez Martinez Sanchez Perez Gomez Ivanov Petrov Sidorov Smirnov Kuznetsov "
    "Popov Volkov Sokolov Novak Kowalski Nowak Horvath Papadopoulos Yilmaz Kaya Demir Sahin Aliyev Mammadov "
    "Hovhannisyan Petrosyan Sargsyan Grigoryan Beridze Kapanadze Nazarbayev Tokayev Rahman Khan Hussain Ahmed "
    "Singh Sharma Gupta Kumar Das Chen Wang Li Zhang Liu Yang Huang Zhao Tanaka Suzuki Takahashi Watanabe Kim "
    "Park Choi Nguyen Tran Pham Okafor Adeyemi Mensah Kamau Otieno Dlamini Nkosi Mbeki Diallo Traore Haddad "
    "Nasser Khalil Cohen Levi Mizrahi Peretz Silva Santos Oliveira Souza Pereira Costa Almeida Carvalho"
).split()
_SUFFIXES = ["Group", "Holdings", "Industries", "Bank", "Foundation", "Energy", "Telecom", "Motors", "Airlines",
             "Pharmaceuticals"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1000, help="articles per database transaction")
    parser.add_argument("--index-batch", type=int, default=50,
                        help="articles per index commit (50 = archive.search.sync.BATCH, as an import)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*/*.txt"))
    if not files:
        print(f"skipped: no articles under {args.corpus} (the shared corpus is absent)")
        return 0
    setup_django()
    from django.core.management import call_command

    from archive.models import Article

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        print("refused: the database already holds articles; point ARCHIVE_DATA_DIR/DATABASE_URL at an empty one")
        return 1
    started = time.perf_counter()
    stats = load(files, args.articles, batch=args.batch, index_batch=args.index_batch, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(f"articles:        {args.articles:,}")
    for key, value in stats.items():
        print(f"{key + ':':16} {value:,.1f}" if isinstance(value, float) else f"{key + ':':16} {value:,}")
    print(f"wall time:       {elapsed:.1f} s ({args.articles / elapsed:.0f} articles/s)")
    print(f"peak memory:     {peak_rss_mb():.0f} MiB")
    print(f"backend:         {describe_setup()}")
    return 0


def refuse_to_start(corpus: Path, data_dir: Path) -> int | None:
    """The exit status when a benchmark cannot run (no corpus: skipped; a data dir in use: refused), else None."""
    if not list(corpus.glob("*/*.txt")):
        print(f"skipped: no articles under {corpus} (the shared corpus is absent)")
        return 0
    if data_dir.exists() and any(data_dir.iterdir()):
        print(f"refused: {data_dir} is not empty")
        return 1
    data_dir.mkdir(parents=True, exist_ok=True)
    return None


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    # DEBUG keeps the SQL of the last 9,000 queries (bulk inserts included) in memory.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()


def open_archive(data_dir: Path) -> None:
    """Set Django up on an archive of its own in `data_dir` (DATABASE_URL, if set, for the database), migrated."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def describe_setup() -> str:
    from django.conf import settings
    from django.db import connection

    return f"{connection.vendor} + {settings.ARCHIVE_SEARCH['BACKEND'].rsplit('.', 1)[-1]}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    import platform

    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}"


# -- the material: sentences and headlines of the BBC set ------------------------

def read_bbc(files: list[Path]) -> tuple[list[str], list[str]]:
    """(headlines, sentences) of the BBC articles."""
    headlines, sentences = [], []
    splitter = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
    for path in files:
        lines = path.read_text(encoding="utf-8", errors="replace").strip().split("\n", 1)
        headlines.append(" ".join(lines[0].split()))
        for paragraph in (lines[1] if len(lines) > 1 else "").split("\n"):
            sentences += [s for s in splitter.split(" ".join(paragraph.split())) if len(s) > 30]
    return headlines, sentences


def zipf(n: int, s: float) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n, for random.choices(cum_weights=...)."""
    return list(accumulate(1 / (rank ** s) for rank in range(1, n + 1)))


def distinct(rng: random.Random, population: list, cum_weights: list[float], k: int) -> list:
    picked: list = []
    while len(picked) < k:
        for item in rng.choices(population, cum_weights=cum_weights, k=k - len(picked)):
            if item not in picked:
                picked.append(item)
    return picked


# -- entities --------------------------------------------------------------------

def make_entities(rng: random.Random):
    """Create outlets, people (10 % with a second spelling), countries and organizations."""
    import pycountry
    from django.utils.text import slugify

    from archive.entities.gazetteer import country_name
    from archive.entities.identity import match_key
    from archive.models import Country, Organization, OrganizationAlias, Outlet, Person, PersonAlias

    outlets = Outlet.objects.bulk_create([Outlet(name=n, slug=slugify(n)) for n in _OUTLET_NAMES[:OUTLETS]])

    given = [w for line in (ROOT / "archive/entities/data/given_names.txt").read_text().splitlines()
             if not line.startswith("#") for w in line.split()]
    names: set[str] = set()
    while len(names) < PEOPLE:
        names.add(f"{rng.choice(given)} {rng.choice(_SURNAMES)}")
    people, aliases, slugs = [], {}, set()
    for name in sorted(names):
        slug = slugify(name)
        while slug in slugs:
            slug += "-2"
        slugs.add(slug)
        people.append(Person(name=name, slug=slug, key=match_key(name),
                             surname_key=match_key(name).rsplit(" ", 1)[-1]))
    rng.shuffle(people)  # Zipf rank: list order
    people = Person.objects.bulk_create(people, batch_size=1000)
    alias_rows = []
    for person in people:
        if rng.random() < 0.1:
            first, last = person.name.rsplit(" ", 1)
            other = f"{first} {last[:-1] + 'h' + last[-1:] if len(last) > 3 else last + 'e'}"
            aliases[person.pk] = other
            alias_rows.append(PersonAlias(person=person, name=other, key=match_key(other)))
    PersonAlias.objects.bulk_create(alias_rows, batch_size=1000)

    codes = _BIG_COUNTRIES + sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in _BIG_COUNTRIES)
    countries = Country.objects.bulk_create([Country(code=c, name=country_name(c)) for c in codes[:COUNTRIES]])

    known = _known_organizations()
    org_names = [names[0] for names in known]
    while len(org_names) < ORGANIZATIONS:
        name = f"{rng.choice(_SURNAMES)} {rng.choice(_SUFFIXES)}"
        if name not in org_names:
            org_names.append(name)
    organizations = [Organization(name=n, slug=slugify(n)[:100], key=match_key(n),
                                  surname_key=match_key(n).rsplit(" ", 1)[-1]) for n in org_names]
    rng.shuffle(organizations)
    organizations = Organization.objects.bulk_create(organizations)
    by_name = {o.name: o for o in organizations}
    OrganizationAlias.objects.bulk_create([
        OrganizationAlias(organization=by_name[names[0]], name=a, key=match_key(a))
        for names in known for a in names[1:]
    ])
    return outlets, people, aliases, countries, organizations


def _known_organizations() -> list[list[str]]:
    import json

    data = json.loads((ROOT / "archive/entities/data/organizations.json").read_text())
    seen, out = set(), []
    for line in data["organizations"]:
        names = [n for n in line.split("|") if n]
        if names[0] not in seen:
            seen.add(names[0])
            out.append(names)
    return out


# -- articles --------------------------------------------------------------------

_PERSON_LINES = ["{name} said: \"{s}\"", "According to {name}, {s}", "{s} {name} told reporters.",
                 "{name}, speaking on Tuesday, added that {s}"]
_COUNTRY_LINES = ["Officials in {name} said {s}", "{s} The news was followed closely in {name}.",
                  "In {name}, {s}"]
_ORG_LINES = ["A spokesperson for {name} said {s}", "{s} {name} declined to comment."]


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:] if sentence[:2].isalpha() and not sentence[:2].isupper() else sentence


class Generator:
    def __init__(self, rng: random.Random, headlines, sentences, outlets, people, aliases, countries, organizations):
        self.rng = rng
        self.headlines, self.sentences = headlines, sentences
        self.outlets, self.people, self.aliases = outlets, people, aliases
        self.countries, self.organizations = countries, organizations
        self.outlet_w = zipf(len(outlets), 1.1)
        self.people_w = zipf(len(people), 1.0)
        self.country_w = zipf(len(countries), 1.3)
        self.org_w = zipf(len(organizations), 1.1)

    def article(self, number: int):
        """(Article fields, [(kind, entity, spellings)]) of one synthetic article."""
        rng = self.rng
        outlet = rng.choices(self.outlets, cum_weights=self.outlet_w)[0]
        published = None if rng.random() < 0.01 else FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        lines = [rng.choice(self.sentences) for _ in range(rng.randint(6, 22))]
        mentions = []
        for person in distinct(rng, self.people, self.people_w, rng.choice([0, 1, 1, 2, 2, 3, 4, 5])):
            spellings = {}
            for _ in range(rng.choice([1, 1, 2, 3])):
                name = self.aliases.get(person.pk, person.name) if rng.random() < 0.3 else person.name
                spellings[name] = spellings.get(name, 0) + 1
                lines.insert(rng.randrange(len(lines) + 1), rng.choice(_PERSON_LINES).format(
                    name=name, s=_lower_first(rng.choice(self.sentences))))
            mentions.append(("person", person, spellings))
        for kind, items, weights, templates, k in (
            ("country", self.countries, self.country_w, _COUNTRY_LINES, rng.choice([0, 1, 1, 1, 2, 2, 3])),
            ("organization", self.organizations, self.org_w, _ORG_LINES, rng.choice([0, 0, 1, 1, 2])),
        ):
            for entity in distinct(rng, items, weights, k):
                n = rng.choice([1, 1, 2])
                for _ in range(n):
                    lines.insert(rng.randrange(len(lines) + 1), rng.choice(templates).format(
                        name=entity.name, s=_lower_first(rng.choice(self.sentences))))
                mentions.append((kind, entity, {entity.name: n}))
        paragraphs, i = [], 0
        while i < len(lines):
            step = rng.randint(1, 4)
            paragraphs.append(" ".join(lines[i:i + step]))
            i += step
        title = rng.choice(self.headlines)
        return dict(title=title, outlet=outlet, published=published, body="\n\n".join(paragraphs)), mentions


def build_article(fields: dict, number: int):
    from archive.ingest.originals import store_original
    from archive.ingest.parse import ParsedArticle
    from archive.models import Article

    parsed = ParsedArticle(
        title=fields["title"], source=fields["outlet"].name, published=fields["published"], author="", url="",
        language="", body_text=fields["body"], body_html="", entities=[],
    )
    # The upload as an import would have had it: the text file, with outlet and
    # date given as metadata (a manifest), which wins over the text.
    data = f"{parsed.title}\n\n{parsed.body_text}\n".encode("utf-8")
    metadata = {"source": parsed.source}
    if parsed.published:
        metadata["published"] = parsed.published.isoformat()
    sha256 = store_original(data)
    return Article(
        title=parsed.title, outlet=fields["outlet"], published=parsed.published, body_text=parsed.body_text,
        body_html="", fingerprint=parsed.fingerprint, original_name=f"synthetic/{number:06d}.txt",
        original_type="text/plain", original_sha256=sha256, original_size=len(data), upload_metadata=metadata,
    )


def load(files: list[Path], count: int, *, batch: int, index_batch: int, seed: int) -> dict:
    """Create `count` articles with their entities and index them; return timings and row counts."""
    from django.db import transaction

    from archive.models import Article, CountryMention, OrganizationMention, PersonMention
    from archive.search import get_backend
    from archive.search.sync import articles_for_index

    rng = random.Random(seed)
    headlines, sentences = read_bbc(files)
    with transaction.atomic():
        entities = make_entities(rng)
    generator = Generator(rng, headlines, sentences, *entities)
    mention_models = {"person": (PersonMention, "person"), "country": (CountryMention, "country"),
                      "organization": (OrganizationMention, "organization")}
    backend = get_backend()
    db_seconds = index_seconds = 0.0
    done = 0
    while done < count:
        started = time.perf_counter()
        size = min(batch, count - done)
        generated = [generator.article(done + i) for i in range(size)]
        with transaction.atomic():
            articles = Article.objects.bulk_create([build_article(f, done + i) for i, (f, _) in enumerate(generated)])
            rows: dict[str, list] = {kind: [] for kind in mention_models}
            for article, (_, mentions) in zip(articles, generated):
                for kind, entity, spellings in mentions:
                    model, field = mention_models[kind]
                    spelling = max(spellings, key=lambda s: (len(s.split()), spellings[s], len(s)))
                    rows[kind].append(model(article=article, count=sum(spellings.values()), spelling=spelling,
                                            spellings=spellings, **{field: entity}))
            for kind, objs in rows.items():
                mention_models[kind][0].objects.bulk_create(objs, batch_size=2000)
        ids = [a.pk for a in articles]
        del generated, articles, rows
        db_seconds += time.perf_counter() - started
        started = time.perf_counter()
        for start in range(0, len(ids), index_batch):
            backend.index(articles_for_index(ids[start:start + index_batch]))
        index_seconds += time.perf_counter() - started
        done += size
        print(f"  {done:,} articles, database {db_seconds:.0f} s, index {index_seconds:.0f} s", file=sys.stderr,
              flush=True)
    return {
        "outlets": len(entities[0]), "people": len(entities[1]), "countries": len(entities[3]),
        "organizations": len(entities[4]), "person mentions": PersonMention.objects.count(),
        "country mentions": CountryMention.objects.count(), "org mentions": OrganizationMention.objects.count(),
        "database s": db_seconds, "index s": index_seconds,
    }


if __name__ == "__main__":
    sys.exit(main())
