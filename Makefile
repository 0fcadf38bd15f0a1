# The README's two commands: `make lab` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAB_ARGS ?=
APP_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab test proof proof-hub bench app clean-venv

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-lab: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[app]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[test,app]"
	touch $(VENV)/.installed-lab $@

lab: $(VENV)/.installed-lab
	cd notebooks && ../$(BIN)/jupyter lab 00-start-here.ipynb $(LAB_ARGS)

# The accessibility tests run axe-core (from the npm registry) in Chromium; it lives
# in the project folder and is never fetched at test time.
AXE := .ci/node/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null; then npm install --silent --prefix .ci/node axe-core@4 >/dev/null; \
	else echo "npm is not installed, so the accessibility tests will skip (apt-get install -y npm)"; fi

test: $(VENV)/.installed-test $(AXE)
	$(BIN)/ruff check kit tests bench proofs deploy scripts conftest.py
	$(BIN)/mypy
	$(BIN)/python -m pytest --nbval-lax --nbval-sanitize-with tests/nbval-sanitize.cfg \
		tests notebooks $(PYTEST_ARGS)

proof: $(VENV)/.installed-test
	$(BIN)/python -m proofs
	@if command -v configurable-http-proxy >/dev/null; then $(MAKE) proof-hub; \
	else echo "proof-hub skipped: configurable-http-proxy is not installed"; fi

# A workshop of thirty on one JupyterHub, with faults (root; about ten minutes).
HUB_ARGS ?=
proof-hub: $(VENV)/.installed-test
	$(BIN)/python -m proofs.hub_load $(HUB_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/vault_speed.py
	$(BIN)/python bench/app_ready.py

# The forms and the trend as apps without code (Voila), on this machine only. Run from
# notebooks/ so Voila reads notebooks/voila.json: one kernel per app started ahead.
app: $(VENV)/.installed-lab
	@echo "Open 01-during-an-incident, 02-after-the-incident or 04-your-trend: each runs as an app, without code."
	cd notebooks && ../$(BIN)/voila . --Voila.ip=127.0.0.1 $(APP_ARGS)

clean-venv:
	rm -rf $(VENV)
