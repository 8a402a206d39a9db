# tcop: a terminal common operating picture.
#
#   make                 build ./tcop (optimised)
#   make check           install what the tests need, build with ASan+UBSan, run every test
#   make demo            build and run the embedded scenario
#   make bench           run the benchmarks beside their peers, print the table
#   make fuzz            run every libFuzzer target (FUZZ_SECONDS each)
#   make soak            60 s of sustained load through relays (SOAK_SECONDS, SOAK_RATE)
#   make install PREFIX=/usr/local [DESTDIR=...]
#
# Sources are found by wildcard: every src/*/*.c is part of libtcop except
# src/cli/main.c; every tests/unit/*_test.c is one cmocka test program;
# every tests/e2e/*.sh is one end-to-end test; every tests/fuzz/fuzz_*.c is
# one libFuzzer target. Adding a module needs no change here.

CC       ?= cc
V        ?= 0
ifeq ($(V),0)
Q = @
SAY = @printf '  %-6s %s\n'
else
Q =
SAY = @true
endif
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/tcop
MANDIR    = $(PREFIX)/share/man/man1

PKGS      = ncursesw libcjson shapelib zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN      = -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
            -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
CSTD      = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE
CPPFLAGS += -Iinclude -Isrc -DTCOP_DATADIR='"$(DATADIR)"'
LIBS      = $(PKG_LIBS) -lnng -lmbedtls -lmbedx509 -lmbedcrypto -lpthread -lm

# Two build flavours in two trees: rel (optimised, ./tcop) and san (ASan+UBSan, tests).
REL_CFLAGS = $(CSTD) $(WARN) -O2 -g $(PKG_CFLAGS)
SAN_CFLAGS = $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer \
             -fsanitize=address,undefined -fno-sanitize-recover=undefined $(PKG_CFLAGS)
SAN_LDFLAGS = -fsanitize=address,undefined

LIB_SRCS  = $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
MAIN_SRC  = src/cli/main.c
TEST_SRCS = $(wildcard tests/unit/*_test.c)
FUZZ_SRCS = $(wildcard tests/fuzz/fuzz_*.c)
BENCH_SRCS = $(wildcard bench/*_bench.c)

REL_OBJS  = $(LIB_SRCS:%.c=build/rel/%.o)
SAN_OBJS  = $(LIB_SRCS:%.c=build/san/%.o)
TEST_BINS = $(TEST_SRCS:tests/unit/%.c=build/san/tests/%)
FUZZ_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
BENCH_BINS = $(BENCH_SRCS:bench/%.c=build/rel/bench/%)

.SECONDARY:

.PHONY: all check check-run deps-build deps-check deps-bench demo bench fuzz \
        fuzz-build install uninstall clean tests-build soak

all: tcop

tcop: build/rel/tcop
	$(Q)cp $< $@.tmp && mv -f $@.tmp $@

build/rel/tcop: build/rel/src/cli/main.o build/rel/libtcop.a
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $^ $(LIBS)

build/rel/libtcop.a: $(REL_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

build/san/libtcop.a: $(SAN_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

build/rel/%.o: %.c
	@mkdir -p $(@D)
	$(SAY) CC $<
	$(Q)$(CC) $(REL_CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(@D)
	$(SAY) CC-SAN $<
	$(Q)$(CC) $(SAN_CFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

build/san/tcop: build/san/src/cli/main.o build/san/libtcop.a
	$(SAY) LD $@
	$(Q)$(CC) $(SAN_LDFLAGS) -o $@ $^ $(LIBS)

build/san/tests/%: build/san/tests/unit/%.o build/san/libtcop.a
	@mkdir -p $(@D)
	$(SAY) LD $@
	$(Q)$(CC) $(SAN_LDFLAGS) -o $@ $^ -lcmocka $(LIBS)

build/rel/bench/%: build/rel/bench/%.o build/rel/libtcop.a
	@mkdir -p $(@D)
	$(SAY) LD $@
	$(Q)$(CC) -o $@ $^ $(LIBS)

# The batch SGP4 kernel vectorises only when sqrt need not set errno and
# compares may be if-converted; neither changes its results.
build/rel/src/orbit/sgp4_batch.o build/san/src/orbit/sgp4_batch.o \
build/fuzz/src/orbit/sgp4_batch.o: CPPFLAGS += -fno-math-errno -fno-trapping-math

-include $(shell find build -name '*.d' 2>/dev/null)

# ---- tests ---------------------------------------------------------------

deps-build:
	@sh scripts/deps.sh build
deps-check:
	@sh scripts/deps.sh check
deps-bench:
	@sh scripts/deps.sh bench

tests-build: build/san/tcop $(TEST_BINS)

# The packages are checked (and installed, as root) before anything is
# compiled, so the recursive make sees pkg-config's answers.
check: deps-check
	@$(MAKE) --no-print-directory check-run

check-run: tests-build fuzz-smoke-build build/rel/tcop
	@sh tests/run.sh

# ---- fuzzing (clang's libFuzzer) -----------------------------------------

FUZZ_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -g -O1 \
              -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS)
FUZZ_LIB_OBJS = $(LIB_SRCS:%.c=build/fuzz/%.o)
FUZZ_SECONDS ?= 60

build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(SAY) CC-FUZZ $<
	$(Q)clang $(filter-out -fsanitize=fuzzer%,$(FUZZ_CFLAGS)) -fsanitize=fuzzer-no-link,address,undefined \
	  $(CPPFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/libtcop.a: $(FUZZ_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libtcop.a
	@mkdir -p $(@D)
	$(SAY) LD $@
	$(Q)clang $(FUZZ_CFLAGS) $(CPPFLAGS) -o $@ $^ $(LIBS)

fuzz-smoke-build: $(FUZZ_BINS)

fuzz: deps-check
	@$(MAKE) --no-print-directory fuzz-smoke-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

# ---- soak (loopback load, optimised build) ----------------------------------

SOAK_SECONDS ?= 60
SOAK_RATE ?= 10000

soak: deps-check
	@$(MAKE) --no-print-directory tcop
	@sh tests/soak/soak.sh $(SOAK_SECONDS) $(SOAK_RATE)

# ---- demo, bench, install ------------------------------------------------

demo: deps-build
	@$(MAKE) --no-print-directory tcop
	./tcop demo

bench: deps-bench
	@$(MAKE) --no-print-directory tcop $(BENCH_BINS)
	@sh bench/run.sh

install: tcop
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/maps $(DESTDIR)$(MANDIR)
	install -m 755 tcop $(DESTDIR)$(BINDIR)/tcop
	cp -R maps/. $(DESTDIR)$(DATADIR)/maps/
	install -m 644 man/tcop.1 $(DESTDIR)$(MANDIR)/tcop.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tcop $(DESTDIR)$(MANDIR)/tcop.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build tcop tests/out
