# Two commands do all set-up: `make lab` (open the kit) and `make test` (run every check).
# Both create .venv on first use and reuse it afterwards. requirements.txt is the whole
# set-up: the pinned packages, requirements-peers.txt, and this package (`-e .`, editable).
# `make lab LAB_ARGS='--port 8899 --no-browser'` passes options on to `jupyter lab`.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready

# JupyterLab offline, without noise (no news, no update check, a read-only extension
# manager, notebook 00 as the landing page): requirements.txt installs .jupyter/'s settings
# into the environment, so `make lab` and a plain `jupyter lab` start the same way. Only
# root needs a flag, which stays explicit (README, "Without make").
LAB_FLAGS :=
ifeq ($(shell id -u),0)
LAB_FLAGS += --allow-root
endif

.PHONY: lab test lint course notebooks bench testnet-check conformance lite lite-record clean

$(READY): requirements.txt requirements-peers.txt pyproject.toml \
		.jupyter/pyproject.toml .jupyter/jupyter_lab_config.json .jupyter/lab-settings/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The kit's own notebooks are trusted so their stored HTML/SVG outputs render as saved.
lab: $(READY)
	$(BIN)/jupyter trust notebooks/[0-9]*.ipynb
	$(BIN)/jupyter lab $(LAB_FLAGS) $(LAB_ARGS)

lint: $(READY)
	$(BIN)/ruff check helpers tests notebooks

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

# The generated parts of the notebooks and the README (front door, 30-minute path, map, time
# per notebook, glossary), rewritten from helpers/data/course.toml between <!-- kit:NAME -->
# markers; `$(BIN)/python -m helpers.course --check` lists stale ones (a test runs it).
course: $(READY)
	$(BIN)/python -m helpers.course --write

# Re-execute every notebook in place, the same way every time: a timeout (a stalled
# kernel fails instead of hanging), no widget state (it would store typed secrets), and
# the reference solution instead of any my_signer.py (helpers.exercises.your_signer).
NOTEBOOKS ?= notebooks/[0-9]*.ipynb

notebooks: $(READY) course
	KIT_REFERENCE_SIGNER=1 $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=120 \
		--ExecutePreprocessor.store_widget_state=False \
		$(NOTEBOOKS)
	$(BIN)/python tests/clean_notebooks.py $(NOTEBOOKS)

# Run any signer through the conformance corpus: make conformance CMD='node sign.js'
conformance: $(READY)
	$(BIN)/python -m helpers.conformance --cmd "$(CMD)" $(CONFORMANCE_ARGS)

# Ratios measured in one run on this machine (not a test): see benchmarks/bench.py.
bench: $(READY)
	$(BIN)/python benchmarks/bench.py

# Opt-in, never run by `make test` or CI: replays the pitfall catalogue against the real
# Spot Testnet with your own keys (BINANCE_API_KEY, BINANCE_API_SECRET in the environment)
# and prints a dated transcript to compare with the local exchange's assumptions.
testnet-check: $(READY)
	$(BIN)/python -m helpers.testnet_check

# The browser edition: the notebooks in JupyterLite on Pyodide, a static site in build/lite/
# (open build/lite/lab/index.html?path=notebooks/00-start-here.ipynb through any static
# server). Its own build venv, so .venv and its pins stay untouched; downloads (npm's
# pyodide, PyPI's wheels) are cached in .lite-cache/. See lite/build.py.
LITE_VENV := .venv-lite

$(LITE_VENV)/.ready: lite/requirements.txt
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r lite/requirements.txt
	touch $@

lite: $(LITE_VENV)/.ready
	$(LITE_VENV)/bin/python lite/build.py

# Run every notebook in the built browser edition and compare with lite/browser_record.json
# (KIT_WRITE_RECORD=1 rewrites it); minutes, so not part of `make test`.
lite-record: lite $(READY)
	$(BIN)/pytest -m record tests/browser/test_lite_record.py

clean:
	rm -rf $(VENV)
