# podplayer — `make run` opens the app on the seed episode; `make test` runs the tests.
# Both do all set-up on a fresh Debian machine: system packages (when missing), .venv, the project.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Debian packages the app needs at run time: ffmpeg (pydub, waveform, clips), PulseAudio client and
# the X11/EGL/font libraries Qt's xcb and offscreen platforms load.
SYSTEM_PACKAGES := ffmpeg libpulse0 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
	fonts-dejavu-core libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libx11-xcb1 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libglib2.0-0
# What the tests drive for real: desktop-file-validate and update-desktop-database (desktop-file-utils),
# GLib's launcher `gio launch` (libglib2.0-bin),
# a private D-Bus session bus (dbus-daemon, from dbus) and an MPRIS client (playerctl).
TEST_PACKAGES := desktop-file-utils libglib2.0-bin dbus playerctl

.PHONY: run test bench fuzz lint typecheck wheel-smoke screenshot demo system clean

run: $(STAMP)
	$(BIN)/podplayer demo

# The real-voice data is fetched once into benchmarks/.cache (the pyannote sample, from the
# pyannote.audio wheel); without a registry this only prints a note and the tests that need it skip.
test: $(STAMP)
	@$(MAKE) --no-print-directory system SYSTEM_PACKAGES="$(TEST_PACKAGES)"
	@$(BIN)/python -m benchmarks.real_data
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

fuzz: $(STAMP)
	QT_QPA_PLATFORM=offscreen PODPLAYER_FUZZ=long $(BIN)/python -m pytest -q tests/core/formats/test_fuzz_readers.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Build the sdist and wheel, install the wheel into a fresh venv, use it from outside the checkout.
wheel-smoke: $(STAMP)
	PYTHON=$(BIN)/python tools/wheel_smoke.sh

# The README's screenshot, rendered in a throw-away library.
screenshot: $(STAMP)
	tools/make_screenshot.sh

# Rebuild the demo episode's audio from the seed (needs Debian's flite; the result is committed).
demo: $(STAMP)
	@command -v flite >/dev/null || $(MAKE) system SYSTEM_PACKAGES=flite
	$(BIN)/python tools/make_demo_episode.py

system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "podplayer needs these system packages. Run, then retry:"; \
			echo "  sudo apt-get install -y$$missing"; exit 1; \
		fi; \
		echo "Installing system packages:$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y --no-install-recommends $$missing >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y --no-install-recommends $$missing; }; \
	fi

$(STAMP): pyproject.toml | system
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
