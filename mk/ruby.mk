# Ruby: the gem in ruby/ (magnus extension bindings/ruby + lib/). Ruby and its gems come from
# Debian's packages (rubygems.org is not reachable from CI); `gem build` still makes a normal gem
# whose extconf.rb compiles the extension through rb_sys on a user's machine.
# Included by the root Makefile.
TEST_TARGETS += test-ruby
BENCH_TARGETS += bench-ruby

RUBY ?= ruby
RUBY_DIR := $(ROOT)/ruby
RUBY_EXT := $(RUBY_DIR)/lib/hookseal/hookseal_native.so
RUBY_DEBS := ruby ruby-dev libclang-dev ruby-minitest ruby-rack-test ruby-sinatra ruby-webrick ruby-redis rake
# `rbs` ships inside Debian's ruby3.1 as a bundled gem, without its executable.
RBS := $(RUBY) -e 'require "rbs"; require "rbs/cli"; RBS::CLI.new(stdout: $$stdout, stderr: $$stderr).run(ARGV)' --

.PHONY: deps-ruby build-ruby test-ruby bench-ruby ruby-gem

deps-ruby:
	@missing=""; for p in $(RUBY_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "apt-get install$$missing"; \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

# One release build serves the tests and the bench; it lands where `require "hookseal"` finds it,
# as an installed gem's would.
build-ruby: deps-ruby
	$(CARGO) build --release -p hookseal-ruby
	@cp -f $(CARGO_TARGET_DIR)/release/libhookseal_native.so $(RUBY_EXT).tmp && mv -f $(RUBY_EXT).tmp $(RUBY_EXT)

# Lint, the minitest suite (vectors, errors, hostile input, the ImageKit client, the Rack
# middleware, the Sinatra example, the Redis guard against a real redis-server, sig/ against the
# loaded gem), `rbs validate`, then the gem: built, and its extension compiled from the staged
# sources alone (what extconf.rb's cargo build does on a user's machine).
test-ruby: build-ruby deps-redis deps-vectors
	$(PYTHON) schema/generate.py --check
	$(CARGO) clippy -p hookseal-ruby --all-targets -- -D warnings
	cd $(RUBY_DIR) && $(RUBY) -w -Ilib -Itest -e 'Dir["test/*_test.rb"].sort.each { |f| require File.expand_path(f) }'
	cd $(RUBY_DIR) && $(RBS) -I sig validate > $(ROOT)/target/rbs-validate.log 2>&1 || { tail -20 $(ROOT)/target/rbs-validate.log; exit 1; }
	@echo "rbs validate: ok"
	$(MAKE) --no-print-directory ruby-gem

ruby-gem:
	$(PYTHON) scripts/ruby-gem.py --compile

bench-ruby: build-ruby
	cd $(RUBY_DIR) && $(RUBY) -Ilib bench/bench.rb
