# Tandem — build with pkg-config, as Redis and SQLite do.
#   make            build build/tandem
#   make check      build and run every test (unit, CLI, HTTP, browser)
#   make SAN=1 ...  the same under ASan+UBSan, in build-san/
#   make install PREFIX=/usr/local

PREFIX ?= /usr/local
CC ?= cc
PKGS = sqlite3 jansson libsodium xlsxwriter libzip expat
# Loaded with dlopen when first needed (src/base/dynlib.h), so not linked:
# their headers only. Linking them cost every process ~5 ms of start-up.
DLOPEN_PKGS = libpq libmicrohttpd
SAN ?=
ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT = -O1 -g
else
BUILD ?= build
SANFLAGS =
OPT = -O2 -g
endif

CFLAGS_BASE = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	-Wno-missing-field-initializers -Isrc -I$(BUILD)/gen
ALL_CFLAGS = $(CFLAGS_BASE) $(OPT) $(SANFLAGS) $(shell pkg-config --cflags $(PKGS) $(DLOPEN_PKGS)) $(CFLAGS)
LIBS = $(shell pkg-config --libs $(PKGS)) -lgmp -lm -lpthread
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC = $(sort $(wildcard src/base/*.c src/domain/*.c src/io/*.c src/store/*.c src/app/*.c \
	src/engine/*.c src/report/*.c src/web/*.c src/cli/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EMBED_SRC = $(shell find assets -type f 2>/dev/null | LC_ALL=C sort)
EMBED_C = $(BUILD)/gen/embedded.c

all: $(BUILD)/tandem

$(BUILD)/tandem: $(BUILD)/src/main.o $(BUILD)/libtandem.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libtandem.a: $(LIB_OBJ) $(BUILD)/gen/embedded.o
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c $(wildcard src/*/*.h) | $(BUILD)/gen/embedded.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Files under assets/ (web pages, the default model, the demo's names) are
# compiled into the binary by scripts/embed.sh, so the binary is one file.
$(BUILD)/gen/embedded.h $(EMBED_C) &: $(EMBED_SRC) scripts/embed.sh
	@mkdir -p $(BUILD)/gen
	sh scripts/embed.sh $(BUILD)/gen $(EMBED_SRC)

$(BUILD)/gen/embedded.o: $(EMBED_C)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libtandem.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtandem.a $(ALL_LDFLAGS) $(LIBS) -lcmocka

unit: $(UNIT_BIN)

check: all unit
	BUILD=$(BUILD) sh tests/run_all.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/tandem $(DESTDIR)$(PREFIX)/bin/tandem
	install -m 644 docs/tandem.1 $(DESTDIR)$(PREFIX)/share/man/man1/tandem.1

clean:
	rm -rf build build-san

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d

.PHONY: all unit check install clean

# Benchmarks (not part of the tests): bench/run drives them.
$(BUILD)/bench/gen: bench/gen.c $(BUILD)/libtandem.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtandem.a $(ALL_LDFLAGS) $(LIBS)

bench: all $(BUILD)/bench/gen
.PHONY: bench
