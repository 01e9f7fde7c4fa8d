# make soak (issue 17): receivers under load sharing one Redis replay guard, Redis stopped part way
# through (tests/soak/driver.py). Loopback only, stops by itself; not in `make test` (minutes).
# SOAK_MESSAGES message ids, each sent SOAK_COPIES times by SOAK_CONCURRENCY concurrent senders.
SOAK_MESSAGES ?= 50000
SOAK_COPIES ?= 3
SOAK_CONCURRENCY ?= 24

.PHONY: soak

soak: cli wheel-python build-node deps-redis deps-servers
	$(call py-install,$(SERVERS_VENV))
	$(PYTHON) tests/soak/driver.py --bin $(HOOKSEAL_BIN) --python $(SERVERS_VENV)/bin/python --node $(NODE) \
	  --messages $(SOAK_MESSAGES) --copies $(SOAK_COPIES) --concurrency $(SOAK_CONCURRENCY)
