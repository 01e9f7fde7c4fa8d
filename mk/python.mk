# Python: the hookseal wheel (bindings/python + python/). `make test-python`, `make bench-python`.
# One venv per purpose under .cache/python; the wheel is built once per run into the shared
# target dir, installed (not `maturin develop`), and tested as users get it.
TEST_TARGETS += test-python
BENCH_TARGETS += bench-python

PY_CACHE := $(ROOT)/.cache/python
PY_VENV := $(PY_CACHE)/venv
PY_BENCH_VENV := $(PY_CACHE)/bench-venv
# The real servers (gunicorn, uvicorn) of make soak and make test-hostile.
SERVERS_VENV := $(PY_CACHE)/servers-venv
PY_WHEELS := $(CARGO_TARGET_DIR)/wheels/python
PY_BIN := $(PY_VENV)/bin

.PHONY: test-python bench-python wheel-python lint-python deps-python

# Reinstall only when the requirements change.
$(PY_VENV)/.deps: python/requirements-dev.txt
	@test -x $(PY_BIN)/python || $(PYTHON) -m venv $(PY_VENV)
	$(PY_BIN)/python -m pip install -q --upgrade pip
	$(PY_BIN)/python -m pip install -q -r python/requirements-dev.txt
	@touch $@

deps-python: $(PY_VENV)/.deps

$(SERVERS_VENV)/.deps: tests/soak/requirements.txt
	@test -x $(SERVERS_VENV)/bin/python || $(PYTHON) -m venv $(SERVERS_VENV)
	$(SERVERS_VENV)/bin/python -m pip install -q -r tests/soak/requirements.txt
	@touch $@

.PHONY: deps-servers
deps-servers: $(SERVERS_VENV)/.deps

# Two abi3 wheels, as users get them: cp39-abi3 (the floor) and cp310-abi3, which pip prefers on
# 3.10+ (vectorcall methods, zero-copy str; see bindings/python/Cargo.toml). Giving --features
# replaces pyproject's list, hence extension-module again. Always asks cargo (incremental: a
# no-op when nothing changed), then repackages.
wheel-python: deps-python
	@rm -f $(PY_WHEELS)/hookseal-*.whl
	cd python && $(PY_BIN)/maturin build --release --quiet -o $(PY_WHEELS)
	cd python && $(PY_BIN)/maturin build --release --quiet -o $(PY_WHEELS) \
		--no-default-features --features abi3-py310,pyo3/extension-module

# Install into the venv $(1) the wheel pip itself picks for that interpreter.
py-install = $(1)/bin/python -m pip install -q --force-reinstall --no-deps --no-index --find-links $(PY_WHEELS) hookseal

# The binding's Rust (fmt; clippy runs for every crate in `make lint`) and the package's Python,
# tests, examples and generators (ruff, configured in python/pyproject.toml).
lint-python: deps-python
	$(CARGO) fmt -p hookseal-python -- --check
	cd python && $(PY_BIN)/ruff check --config pyproject.toml src tests bench ../examples ../tests/redis-cross ../tests/soak ../tests/hostile \
		../tests/vectors/generate.py ../tests/differential ../schema/generate.py ../scripts/dist.py

# redis-server (from mk/redis.mk's deps-redis, when that fragment is there) lets the Redis
# replay guard tests run against a real server; without it they are skipped.
test-python: wheel-python lint-python
	@$(MAKE) --no-print-directory deps-redis >/dev/null 2>&1 || echo "test-python: no redis-server, its tests will be skipped"
	$(call py-install,$(PY_VENV))
	cd python && HOOKSEAL_WHEELS="$(PY_WHEELS)" $(PY_BIN)/python -m pytest -q

$(PY_BENCH_VENV)/.deps: python/requirements-bench.txt
	@test -x $(PY_BENCH_VENV)/bin/python || $(PYTHON) -m venv $(PY_BENCH_VENV)
	$(PY_BENCH_VENV)/bin/python -m pip install -q --upgrade pip
	$(PY_BENCH_VENV)/bin/python -m pip install -q -r python/requirements-bench.txt
	@touch $@

bench-python: wheel-python $(PY_BENCH_VENV)/.deps
	$(call py-install,$(PY_BENCH_VENV))
	$(PY_BENCH_VENV)/bin/python python/bench/bench.py
