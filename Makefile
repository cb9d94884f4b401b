# cindoc - Child in Need documents as PDF.
#
#   make            build gen/cindoc and its manual pages gen/man/ (installs nothing)
#   make install    install into PREFIX (/usr/local; DESTDIR stages it); make uninstall
#   make deb        a Debian package, out/cindoc_VERSION_ARCH.deb
#   make deps       install the Debian 12 packages cindoc needs (nothing if present), then
#                   the npm packages of package-lock.json (npm ci, when missing or changed)
#   make demo       deps + build + render the samples and the queue into out/, and a
#                   screenshot of each page of the web desk into out/web/
#   make serve      deps + build + the web desk on a copy of the samples (127.0.0.1:8080)
#   make check      deps + build + every test (tests/run); ends "N passed, N failed"
#   make SANITIZE=address,undefined check      the same under ASan/UBSan
#   make bench-render, make bench-queue        speed and memory (benchmarks, not tests)
#   make bench-finish                          what the PDF finishing pass costs (callgrind)
#   make bench-queue-memory                    the queue's peak memory for 10,000 cases (long)
#   make fuzz       fuzz the case loader and lints, then the FO reader, layout and writers,
#                   each for FUZZ_SECONDS (clang, libFuzzer)

CC      ?= cc
# the finishing pass (gen/writers/pdf-finish.cc) is C++, for libqpdf; built by the C compiler's partner
CXX      = $(if $(findstring clang,$(CC)),clang++,g++)
PKGS     = libxml-2.0 libxslt libexslt pango pangocairo pangofc fontconfig cairo cairo-pdf cairo-png glib-2.0 fribidi \
           libmicrohttpd libsodium sqlite3 libqpdf libdeflate nettle
DEBS     = build-essential pkg-config libxml2-dev libxslt1-dev libpango1.0-dev libcairo2-dev libfribidi-dev \
           libfontconfig-dev libhpdf-dev libqpdf-dev libdeflate-dev libpng-dev libxml2-utils poppler-utils qpdf python3 python3-pikepdf \
           fonts-dejavu-core fonts-dejavu-extra fonts-noto-core clang hyperfine time valgrind chromium \
           man-db bsdutils dpkg-dev lintian \
           libmicrohttpd-dev libsodium-dev libsqlite3-dev sqlite3 curl nettle-dev \
           libcups2-dev cups-daemon cups-client

OPT     ?= -O2 -g
CFLAGS  ?= $(OPT)
XCFLAGS  = -Igen -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -MMD -MP
XCXXFLAGS = -Igen -std=c++17 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -MMD -MP \
           -DPOINTERHOLDER_TRANSITION=4
# Where `make install` puts things (FHS); DESTDIR stages an install (packages, tests).
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/cindoc
MANDIR   = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
# Only util.c knows the data folder (see cd_datadir_found): the installed one, and the source
# tree for the program built here. Changing PREFIX rebuilds util.o alone.
DATAFLAGS = -DCINDOC_DATADIR='"$(DATADIR)"' -DCINDOC_SRCDIR='"$(CURDIR)"'
LDLIBS   = -lhpdf -lcups -lm -lstdc++
ifdef SANITIZE
XCFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
XCXXFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

SRCS     = $(filter-out gen/fuzz/%.c,$(wildcard gen/*.c gen/*/*.c))
CXXSRCS  = $(wildcard gen/*.cc gen/*/*.cc)
OBJS     = $(SRCS:.c=.o) $(CXXSRCS:.cc=.o)
BIN      = gen/cindoc

all: $(BIN) man

# Manual pages: cindoc(1) and cindoc-CMD(1), made by the program from the same description of
# each command that makes its --help (gen/cli.h), so the two never disagree.
man: gen/man/.stamp
gen/man/.stamp: $(BIN)
	@rm -rf gen/man && mkdir -p gen/man
	@export ASAN_OPTIONS=detect_leaks=0; set -e; \
	$(BIN) help --man > gen/man/cindoc.1; \
	for c in $$($(BIN) help --commands); do $(BIN) help --man $$c > gen/man/cindoc-$$c.1; done
	@touch $@

# Rebuild everything when the compiler or flags change (e.g. SANITIZE on and off).
FLAGS_NOW = $(CC) $(CFLAGS) $(XCFLAGS) $(LDFLAGS)
gen/.flags: FORCE
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@

gen/%.o: gen/%.c gen/.flags
	$(CC) $(CFLAGS) $(XCFLAGS) $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

gen/%.o: gen/%.cc gen/.flags
	$(CXX) $(CFLAGS) $(XCXXFLAGS) $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

gen/.dataflags: FORCE
	@echo '$(DATAFLAGS)' | cmp -s - $@ || echo '$(DATAFLAGS)' > $@

gen/base/util.o: gen/base/util.c gen/.flags gen/.dataflags
	$(CC) $(CFLAGS) $(XCFLAGS) $(DATAFLAGS) $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

$(BIN): $(OBJS)
	$(CXX) $(LDFLAGS) -o $@ $(OBJS) $$(pkg-config --libs $(PKGS)) $(LDLIBS)

-include $(OBJS:.o=.d)

# The objects and libraries gen/cindoc is linked from, for test tools linked against them.
print-objs:
	@echo $(OBJS)
print-ldlibs:
	@echo $$(pkg-config --libs $(PKGS)) $(LDLIBS)

# Install what is missing, and only that (Debian 12; root or sudo).
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  echo "make deps: installing nodejs npm"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends nodejs npm; \
	fi
	@$(MAKE) --no-print-directory node_modules/.stamp

# The npm packages, exactly as package-lock.json pins them (govuk-frontend for the desk's look;
# playwright-core and axe-core for the browser tests), again whenever the lock file changes.
# Node.js 18 (Debian 12's nodejs) or later; a node already on the machine is used as it is.
node_modules/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# Copy the pinned fonts in from their Debian packages and check every sum.
fonts: fonts/.stamp
# The files are removed first: a new folder time makes fontconfig rescan (and re-apply the
# scan rules of fonts.conf) instead of trusting a cache made under older rules.
fonts/.stamp: fonts/MANIFEST fonts/fonts.conf
	@set -e; rm -f fonts/*.ttf; grep -v '^#' fonts/MANIFEST | while read pkg src sum; do \
	  [ -n "$$pkg" ] || continue; \
	  dst=fonts/$$(basename $$src); \
	  cp "$$src" "$$dst"; chmod 0644 "$$dst"; \
	  echo "$$sum  $$dst" | sha256sum -c --quiet - || { echo "fonts: $$dst does not match fonts/MANIFEST" >&2; rm -f "$$dst"; exit 1; }; \
	  cp /usr/share/doc/$$pkg/copyright fonts/LICENSE.$$pkg; \
	done
	@touch $@

# Install (FHS): the program, its data (templates, styles, the pinned fonts with fonts.conf and
# their licences), the manual pages and the bash completion. DESTDIR stages it elsewhere.
GOVUK = node_modules/govuk-frontend/dist/govuk
install: all fonts node_modules/.stamp
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/cindoc
	@set -e; for f in $$(find templates styles -type f | LC_ALL=C sort); do \
	  install -D -m 0644 $$f $(DESTDIR)$(DATADIR)/$$f; done
	install -d $(DESTDIR)$(DATADIR)/fonts
	install -m 0644 fonts/*.ttf fonts/fonts.conf fonts/MANIFEST fonts/LICENSE.* $(DESTDIR)$(DATADIR)/fonts/
	install -m 0644 gen/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 dist/cindoc.bash $(DESTDIR)$(BASHCOMPDIR)/cindoc
	@# the web desk's look: only the files cindoc serves (no fonts: GDS Transport is for gov.uk only)
	install -d $(DESTDIR)$(DATADIR)/govuk-frontend/assets/images
	install -m 0644 $(GOVUK)/govuk-frontend.min.css $(GOVUK)/govuk-frontend.min.js \
	  node_modules/govuk-frontend/package.json $(DESTDIR)$(DATADIR)/govuk-frontend/
	install -m 0644 $(GOVUK)/assets/images/* $(DESTDIR)$(DATADIR)/govuk-frontend/assets/images/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cindoc $(DESTDIR)$(BASHCOMPDIR)/cindoc
	rm -f $(DESTDIR)$(MANDIR)/man1/cindoc.1 $(DESTDIR)$(MANDIR)/man1/cindoc-*.1
	rm -rf $(DESTDIR)$(DATADIR)

# The Debian package: a build of a copy of this tree for PREFIX=/usr with Debian's hardening
# flags and never a sanitizer (this tree's own build stays as it is), installed into out/deb/root, then packed by
# dist/debian/build-deb (Depends from dpkg-shlibdeps). Prints the .deb's path.
VERSION  = $(shell sed -n 's/^\#define CINDOC_VERSION "\(.*\)"/\1/p' gen/base/cindoc.h)
deb: fonts node_modules/.stamp
	@rm -rf out/deb && mkdir -p out/deb/src
	@tar -cf - --exclude='*.o' --exclude='*.d' --exclude='gen/.*flags' --exclude=gen/cindoc \
	  --exclude='gen/man' --exclude='gen/fuzz-case' --exclude='gen/fuzz-fo' Makefile gen templates styles fonts dist \
	  node_modules/govuk-frontend/package.json $(GOVUK)/govuk-frontend.min.css \
	  $(GOVUK)/govuk-frontend.min.js $(GOVUK)/assets/images | tar -xf - -C out/deb/src
	@$(MAKE) --no-print-directory -s -C out/deb/src PREFIX=/usr CC='$(CC)' SANITIZE= \
	  CFLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	  LDFLAGS="$$(dpkg-buildflags --get LDFLAGS)" all >out/deb/build.log 2>&1 || { cat out/deb/build.log; exit 1; }
	@$(MAKE) --no-print-directory -s -C out/deb/src -o all -o fonts -o node_modules/.stamp PREFIX=/usr SANITIZE= DESTDIR=$(CURDIR)/out/deb/root install
	@dist/debian/build-deb out/deb/root out $(VERSION)

demo: deps
	$(MAKE) all fonts
	./tests/demo
	@echo "== the web desk: a screenshot of each page in out/web/"
	@node tests/web/screens.js out/web || echo "make demo: some pages of the web desk are missing (listed above)"

# The web desk on a copy of the samples (out/desk/cases), with three demo users:
# demo-mt (minute taker), demo-chair, demo-admin; the password of each is "demo-password".
SERVE_LISTEN ?= 127.0.0.1:8080
serve: deps
	$(MAKE) all fonts
	@mkdir -p out/desk/cases && chmod 700 out/desk out/desk/cases
	@[ -n "$$(ls out/desk/cases/*.xml 2>/dev/null)" ] || cp samples/*.xml out/desk/cases/
	@for u in demo-mt:minute-taker demo-chair:chair demo-admin:admin; do \
	  gen/cindoc user list out/desk/cases 2>/dev/null | grep -q "^$${u%%:*}	" || \
	  echo demo-password | gen/cindoc user add out/desk/cases $${u%%:*} $${u##*:}; \
	done
	@echo "make serve: sign in as demo-mt, demo-chair or demo-admin with the password demo-password"
	gen/cindoc serve --listen $(SERVE_LISTEN) --today 2026-11-25 out/desk/cases

check: deps
	$(MAKE) all fonts
	./tests/run

# libFuzzer (clang): fuzz-case drives the case loader and the lints, fuzz-fo the XSL-FO reader,
# the layout and the trace, cairo and haru writers. Both link every object of gen/cindoc but main
# and the command files (the same list as the binary, whatever files layout is split into),
# built again with the fuzzer's instrumentation in gen/.fuzz/. `make fuzz` runs each for
# FUZZ_SECONDS (FUZZ_JOBS processes each), keeping its corpus in out/fuzz-corpus/NAME and any
# crash in out/fuzz-crashes/.
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_CFLAGS  = -Igen -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -std=c11 -Wall -Wextra -Werror \
               -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(DATAFLAGS)
FUZZ_LIB     = $(filter-out gen/main.c gen/cmd/%.c gen/web/%.c,$(SRCS))
FUZZ_OBJS    = $(patsubst gen/%.c,gen/.fuzz/%.o,$(FUZZ_LIB)) $(patsubst gen/%.cc,gen/.fuzz/%.o,$(CXXSRCS))
FUZZERS      = gen/fuzz-case gen/fuzz-fo

gen/.fuzz/%.o: gen/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

gen/.fuzz/%.o: gen/%.cc
	@mkdir -p $(dir $@)
	clang++ $(XCXXFLAGS) -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize=vptr -fsanitize=fuzzer-no-link \
	  $$(pkg-config --cflags $(PKGS)) -c -o $@ $<

$(FUZZERS): gen/fuzz-%: gen/fuzz/fuzz-%.c $(FUZZ_OBJS)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer $$(pkg-config --cflags $(PKGS)) -o $@ $< $(FUZZ_OBJS) \
	  $$(pkg-config --libs $(PKGS)) $(LDLIBS)

-include $(FUZZ_OBJS:.o=.d)

fuzzers: $(FUZZERS)

# run-fuzz NAME SEEDS...: one fuzzer for FUZZ_SECONDS over its corpus and the seeds.
run-fuzz = mkdir -p out/fuzz-corpus/$(1) out/fuzz-crashes && \
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
	  CINDOC_HOME=$(CURDIR) gen/fuzz-$(1) -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=2 \
	  -timeout=30 -rss_limit_mb=2048 -jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS) \
	  -artifact_prefix=out/fuzz-crashes/$(1)- $(2) out/fuzz-corpus/$(1) $(3)

fuzz: $(FUZZERS)
	$(call run-fuzz,case,-max_len=65536,samples tests/check)
	$(call run-fuzz,fo,-max_len=16384 -dict=tests/fuzz/fo.dict,tests/fo tests/pdf)

bench-render: all fonts
	./tests/bench render

bench-finish: all fonts
	./tests/bench finish

BENCH_CASES ?= 400
bench-queue: all fonts
	./tests/bench queue $(BENCH_CASES)

# one queue run over 10,000 invented cases: the peak memory of the largest process (long)
BENCH_MEMORY_CASES ?= 10000
bench-queue-memory: all fonts
	./tests/bench queue-memory $(BENCH_MEMORY_CASES)

clean:
	rm -f gen/*.o gen/*.d gen/*/*.o gen/*/*.d gen/.flags gen/.dataflags $(BIN) \
	      $(FUZZERS)
	rm -rf gen/.fuzz
	rm -rf gen/man out tests/out fonts/cache fonts/*.ttf fonts/LICENSE.* fonts/.stamp

.PHONY: all man deps fonts install uninstall deb demo serve check fuzz fuzzers bench-render bench-finish bench-queue bench-queue-memory clean print-objs print-ldlibs FORCE
