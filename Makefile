PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test bench browser docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The venv holds factcheck as built from this tree (not an editable install): its claim extraction compiled
# with mypyc when a C compiler is at hand (COMPILE=false forces pure Python). Any change to the package or its
# rules rebuilds it. `make test` runs the suite against that build (python -P keeps the source tree off
# sys.path); `.venv/bin/python -m pytest` from the repository root runs it against the source instead.
COMPILE ?= $(shell command -v cc >/dev/null 2>&1 && echo true || echo false)
PACKAGE_SOURCES := pyproject.toml $(shell find factcheck rules -type f -not -name '*.pyc' -not -name '*.so')

$(STAMP): $(BIN)/python $(PACKAGE_SOURCES)
	HATCH_BUILD_HOOK_ENABLE_MYPYC=$(COMPILE) $(BIN)/python -m pip install --quiet .
	@# mypyc also leaves the compiled modules in the tree, where they would shadow the sources being edited.
	find . -maxdepth 1 -name '*__mypyc*.so' -delete; find factcheck -name '*.so' -delete
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['test'], sep='\n')" > $(VENV)/test-requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/test-requirements.txt
	touch $@

demo: $(STAMP)
	$(BIN)/factcheck check seeds/

# The HTML report is tested in a real headless Chromium. Install Debian's when we can (root with apt);
# otherwise those tests skip with the reason printed.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } \
	  || echo "note: chromium not installed; browser tests will be skipped"; }

test: $(TEST_STAMP) browser
	FACTCHECK_EXPECT_BUILD=$(COMPILE) $(BIN)/python -P -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/check.py
	$(BIN)/python benchmarks/store.py

docs: $(TEST_STAMP)
	$(BIN)/python -m factcheck.docs docs
	$(BIN)/python -m mkdocs build --strict

clean:
	rm -rf $(VENV) build dist site .pytest_cache
