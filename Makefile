# `make run` and `make test` set everything up on a fresh machine (Python 3.11+).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test setup migrate check-python clean bench bench-100k bench-1m fuzz

# The web server and one import worker together; Ctrl-C stops both.
# PORT=8001 make run serves on another port; DJANGO_DEBUG=1 make run shows Django's
# debug pages (for developers: they print settings and every URL pattern).
PORT ?= 8000
run: export DJANGO_DEBUG ?= 0
run: migrate
	@$(BIN)/python manage.py ensure_admin
	@echo "News Archive on http://127.0.0.1:$(PORT)  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@$(BIN)/python manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver --noreload 127.0.0.1:$(PORT)

# The PostgreSQL half: DATABASE_URL if set, else a throwaway cluster on 127.0.0.1
# (skipped with one line when PostgreSQL's server programs are not installed).
PG_TESTS := tests.search tests.test_copies tests.test_feeds tests.test_filters tests.test_index_sync tests.test_curation tests.test_pipeline tests.test_api tests.test_views tests.test_processes tests.test_jobs tests.test_job_workers tests.test_edits tests.test_hostile_input tests.test_properties

# The Whoosh backend (the embedded default before tantivy, still selectable) runs again what
# searches through it: the API, the pages, filters, index sync, several processes, the browser's filters.
WHOOSH := archive.search.whoosh.WhooshBackend
WHOOSH_TESTS := tests.test_api tests.test_views tests.test_filters tests.test_index_sync tests.test_processes tests.test_browser_filters

test: setup
	$(BIN)/python manage.py test --settings=newsarchive.settings.test --noinput tests
	ARCHIVE_SEARCH_BACKEND=$(WHOOSH) $(BIN)/python manage.py test --settings=newsarchive.settings.test --noinput $(WHOOSH_TESTS)
	$(BIN)/python -m tests.pgcluster -- $(BIN)/python manage.py test --settings=newsarchive.settings.test --noinput $(PG_TESTS)

setup: $(INSTALLED)

# group_copies: articles stored before stories existed get theirs (a no-op once done).
# rebuild_index --if-empty: an archive kept with another search backend (Whoosh before tantivy
# became the default) is indexed for this one on its first start; otherwise a no-op.
migrate: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py group_copies -v 0
	$(BIN)/python manage.py rebuild_index --if-empty

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "News Archive needs Python 3.11 or newer; found " + sys.version.split()[0])'

# requirements.txt is the lock (every package, with hashes); see the README.
$(INSTALLED): requirements.txt | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip check
	touch $@

clean:
	rm -rf $(VENV)

# Benchmarks (minutes, not part of `make test`); figures go to bench/README.md.
BENCH := /tmp/archive-bench
bench: setup
	rm -rf $(BENCH) && mkdir -p $(BENCH)
	ARCHIVE_DATA_DIR=$(BENCH)/t10k $(BIN)/python bench/corpus.py --articles 10000
	ARCHIVE_DATA_DIR=$(BENCH)/t10k $(BIN)/python bench/search_latency.py --runs 100
	ARCHIVE_SEARCH_BACKEND=$(WHOOSH) ARCHIVE_DATA_DIR=$(BENCH)/w10k $(BIN)/python bench/corpus.py --articles 10000
	ARCHIVE_SEARCH_BACKEND=$(WHOOSH) ARCHIVE_DATA_DIR=$(BENCH)/w10k $(BIN)/python bench/search_latency.py --runs 100
	$(BIN)/python bench/ranking.py --data-dir $(BENCH)/rank
	ARCHIVE_SEARCH_BACKEND=$(WHOOSH) $(BIN)/python bench/ranking.py --data-dir $(BENCH)/rank-whoosh
	$(BIN)/python bench/import_speed.py --data-dir $(BENCH)/import
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python -m tests.pgcluster -- sh -c 'ARCHIVE_DATA_DIR=$(BENCH)/pg10k $(BIN)/python bench/corpus.py --articles 10000 && ARCHIVE_DATA_DIR=$(BENCH)/pg10k $(BIN)/python bench/search_latency.py --runs 100'
	$(BIN)/python -m tests.pgcluster -- $(BIN)/python bench/ranking.py --data-dir $(BENCH)/rank-pg
	$(BIN)/python -m tests.pgcluster -- $(BIN)/python bench/load_test.py --seconds 120
	$(BIN)/python bench/load_test.py --seconds 120
	$(BIN)/python bench/history_overhead.py --articles 600 --rounds 4

# Hostile and broken input for a long while, against gunicorn (prod settings) and a worker.
fuzz: setup
	$(BIN)/python -u bench/fuzz.py --uploads 1000 --queries 1000

# The 100,000-article runs: hours, most of them the import with entity extraction.
bench-100k: setup
	rm -rf $(BENCH)/t100k $(BENCH)/w100k $(BENCH)/pg100k $(BENCH)/import100k && mkdir -p $(BENCH)
	ARCHIVE_DATA_DIR=$(BENCH)/t100k $(BIN)/python bench/corpus.py --articles 100000 --index-batch 5000
	ARCHIVE_DATA_DIR=$(BENCH)/t100k $(BIN)/python bench/search_latency.py --runs 20 --warmup 2
	ARCHIVE_SEARCH_BACKEND=$(WHOOSH) ARCHIVE_DATA_DIR=$(BENCH)/w100k $(BIN)/python bench/corpus.py --articles 100000 --index-batch 1000
	ARCHIVE_SEARCH_BACKEND=$(WHOOSH) ARCHIVE_DATA_DIR=$(BENCH)/w100k $(BIN)/python bench/search_latency.py --runs 20 --warmup 2
	$(BIN)/python -m tests.pgcluster -- sh -c 'ARCHIVE_DATA_DIR=$(BENCH)/pg100k $(BIN)/python bench/corpus.py --articles 100000 --index-batch 1000 && ARCHIVE_DATA_DIR=$(BENCH)/pg100k $(BIN)/python bench/search_latency.py --runs 20 --warmup 2'
	$(BIN)/python bench/import_scale.py --data-dir $(BENCH)/import100k --articles 100000

# A million articles on SQLite + tantivy, through the bulk path (bench/corpus.py, 5,000 per index
# commit): the build's indexing time, then search latency beside raw tantivy and the searching
# process's memory. About 12 GB of disk and two hours on two cores.
bench-1m: setup
	rm -rf $(BENCH)/t1m && mkdir -p $(BENCH)
	ARCHIVE_DATA_DIR=$(BENCH)/t1m $(BIN)/python bench/corpus.py --articles 1000000 --batch 5000 --index-batch 5000
	ARCHIVE_DATA_DIR=$(BENCH)/t1m $(BIN)/python bench/search_latency.py --runs 20 --warmup 2
	ARCHIVE_DATA_DIR=$(BENCH)/t1m $(BIN)/python bench/search_latency.py --runs 20 --warmup 2 --collapse
