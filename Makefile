# Abdi - the two commands of the README, and the pieces they are made of.
#   make run    install what is missing, build, create abdi.db with demo data once, serve
#   make test   install what the tests need, build normal + ASan/UBSan, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := run
LISTEN ?= 127.0.0.1:8080
DB ?= sqlite:abdi.db

.PHONY: run test build build-san build-tsan build-fuzz deps deps-test unit fuzz bench clean

deps:
	@tools/deps.sh run

deps-test:
	@tools/deps.sh test

build/build.ninja:
	meson setup build --buildtype=release

# The embedded file lists (web/, migrations) are read when meson configures: reconfigure a
# build directory when files were added or removed there.
EMBED_LIST = $(shell find web src/db/migrations -type f | LC_ALL=C sort | md5sum | cut -c1-32)
define reconfigure_if_needed
	@if [ "$$(cat $(1)/.embed-list 2>/dev/null)" != "$(EMBED_LIST)" ]; then \
	    meson setup --reconfigure $(1) >/dev/null && echo "$(EMBED_LIST)" > $(1)/.embed-list; fi
endef

build: deps build/build.ninja
	$(call reconfigure_if_needed,build)
	ninja -C build

build-san/build.ninja:
	meson setup build-san --buildtype=debugoptimized -Db_sanitize=address,undefined -Db_lundef=false

build-san: build-san/build.ninja
	$(call reconfigure_if_needed,build-san)
	ninja -C build-san

build-tsan/build.ninja:
	meson setup build-tsan --buildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false

build-tsan: build-tsan/build.ninja
	$(call reconfigure_if_needed,build-tsan)
	ninja -C build-tsan abdi

build-fuzz/build.ninja:
	CC=clang meson setup build-fuzz --buildtype=debugoptimized -Dfuzz=true \
	    -Db_sanitize=address,undefined -Db_lundef=false

build-fuzz: build-fuzz/build.ninja
	$(call reconfigure_if_needed,build-fuzz)
	ninja -C build-fuzz fuzz_request fuzz_siasn

run: build
	@if [ ! -f abdi.db ]; then \
	    echo "Membuat abdi.db dengan data demo..."; \
	    umask 077; ./build/abdi --db $(DB) demo > abdi-demo.txt || { cat abdi-demo.txt; rm -f abdi-demo.txt abdi.db; exit 1; }; \
	fi
	@echo; echo "Abdi: http://$(LISTEN)/"; \
	 if [ -f abdi-demo.txt ]; then sed -n '2,$$p' abdi-demo.txt; fi; echo
	./build/abdi --db $(DB) serve --listen $(LISTEN)

test: deps-test
	$(MAKE) --no-print-directory build build-san build-tsan build-fuzz
	tests/run-all.sh

unit: build
	meson test -C build --print-errorlogs

fuzz: build-fuzz
	tests/fuzz/run.sh 60

bench: build
	bench/run

clean:
	rm -rf build build-san build-tsan build-fuzz
