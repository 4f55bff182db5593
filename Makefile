# make run / make test / make bench: each sets up .venv itself on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench lint clean dist install-desktop uninstall-desktop

$(BIN)/opsdesk: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/opsdesk

# The app first checks the X11 libraries Qt needs, and names the install command if any lack.
run: $(BIN)/opsdesk
	$(BIN)/opsdesk

lint: $(BIN)/opsdesk
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(BIN)/opsdesk
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

# The desktop bundle (PyInstaller, one folder): built, then smoke-tested from dist/opsdesk.
$(BIN)/pyinstaller: pyproject.toml $(BIN)/opsdesk
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(BIN)/pyinstaller

dist: $(BIN)/pyinstaller
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/opsdesk.spec
	$(BIN)/python packaging/smoke_bundle.py dist/opsdesk

# The built bundle for this user, by the XDG rules (~/.local/share): menu, icon, file type.
install-desktop: dist
	$(BIN)/python packaging/install_desktop.py dist/opsdesk

uninstall-desktop:
	$(PYTHON) packaging/install_desktop.py --uninstall

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
