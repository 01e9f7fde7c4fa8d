# Hostile HTTP through every framework adapter (issue 17): Flask and Django under gunicorn,
# FastAPI under uvicorn, Express, Fastify and fetch under node:http, over real sockets
# (tests/hostile/driver.py). About ten seconds, so it runs in `make test`.
TEST_TARGETS += test-hostile
HOSTILE_REPEAT ?= 20

.PHONY: test-hostile
test-hostile: wheel-python build-node deps-servers
	$(call py-install,$(SERVERS_VENV))
	$(SERVERS_VENV)/bin/python tests/hostile/driver.py --node $(NODE) --repeat $(HOSTILE_REPEAT)
