# SPDX-License-Identifier: GPL-2.0
#
# xfrm-migrate-state: top-level targets. See README.md.
#
#   make                 module for the running kernel (or KDIR=...)
#   make tools           library and CLI
#   make test            the whole test suite in QEMU (README: "run the tests")
#   make demo            boot a stock kernel and tell the migration story
#   make stress          the fuzz and stress tests for hours (STRESS_SECS=)
#   make bench           the benchmark on every kernel (KERNELS=), build/bench/
#   make lint            the fast lane: checkpatch, shellcheck, builds
#   make install         module, library, CLI, headers, man page, spec
#   make deb             Debian packages in build/deb/
#   make checkpatch      checkpatch --strict; make sparse: sparse (C=2)
#   make upstream-diff   each function next to its Linux 7.x twin

VERSION := $(shell cat VERSION)
KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr
DESTDIR ?=
MODDIR ?= /lib/modules/$(KVER)/updates
DKMS_NAME := xfrm-migrate-state
DKMS_SRC := /usr/src/$(DKMS_NAME)-$(VERSION)

all: module

module:
	$(MAKE) -C src KDIR=$(KDIR)

tools:
	$(MAKE) -C tools

check-tools:
	$(MAKE) -C tools check

# SUITES="unit host vm" (default; add debug); KERNELS=, TESTS=, ARCHES= subset.
test:
	tests/suite.sh

test-debug:
	tests/harness/debug-kernel.sh

# The long forms of the fuzz and stress tests (tests/vm/lib-stress.sh):
# hours per kernel. STRESS_SECS, FUZZ_N and CYCLES (t_95's rmmod/insmod
# cycles) scale them.
STRESS_SECS ?= 3600
FUZZ_N ?= 5000000
CYCLES ?= 200
stress:
	$(MAKE) test TESTS="t_95 t_96 t_97" XMS_SKIP_TESTS= XMS_TEST_TIMEOUT=$$(($(STRESS_SECS) + 600)) \
		XMS_STALL=$$(($(STRESS_SECS) + 600)) XMS_TIMEOUT=$$((3 * $(STRESS_SECS) + 1800)) \
		XMS_APPEND="XMS_FUZZ_N=$(FUZZ_N) XMS_FUZZ_SECS=$(STRESS_SECS) XMS_STRESS_SECS=$(STRESS_SECS) XMS_CYCLES=$(CYCLES)"

# The benchmark (tests/harness/bench.sh, README "Benchmarks"): each
# kernel of the matrix in turn, 2 vCPUs; raw output and the table in
# build/bench/. KERNELS= subsets; XMS_BENCH_* set the sizes.
bench:
	tests/harness/bench.sh

vm-shell:
	tests/harness/vm-shell.sh $(KERNEL)

demo:
	tests/demo/demo.sh $(KERNEL)

checkpatch:
	scripts/checkpatch.sh

# The fast lane of make test: checkpatch, shell syntax and shellcheck,
# the builds for every stock kernel (tests/lint.sh).
lint:
	tests/lint.sh

shellcheck:
	tests/lint.sh shell

# sparse (C=2) over the module against one kernel's headers (KDIR=,
# default: the harness's Debian 6.12 headers).
sparse:
	scripts/sparse.sh $(if $(filter command line,$(origin KDIR)),$(KDIR))

# Each function of the module next to its 7.x twin (UPSTREAM_DIFF_ARGS=
# "-u" for a unified diff, or a name pattern).
upstream-diff:
	@scripts/upstream-diff.sh $(UPSTREAM_DIFF_ARGS)

install: module tools
	install -D -m 0644 src/xfrm_migrate_state.ko \
		$(DESTDIR)$(MODDIR)/xfrm_migrate_state.ko
	if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER); fi
	$(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

uninstall:
	rm -f $(DESTDIR)$(MODDIR)/xfrm_migrate_state.ko
	if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER); fi
	$(MAKE) -C tools uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

# Exactly the files DKMS needs, version filled in from VERSION.
DKMS_FILES := VERSION dkms.conf include/uapi/linux/xfrm_migstate.h \
	include/uapi/linux/xfrm_migrate_state_compat.h \
	$(filter-out %.mod.c,$(wildcard src/*.c src/*.h)) src/Kbuild src/Makefile \
	$(wildcard src/compat/*.sh src/compat/*.c src/compat/*.h src/compat/probes/*.c)

dkms-install:
	rm -rf $(DESTDIR)$(DKMS_SRC)
	for f in $(DKMS_FILES); do \
		install -D -m 0644 $$f $(DESTDIR)$(DKMS_SRC)/$$f || exit 1; \
	done
	chmod 0755 $(DESTDIR)$(DKMS_SRC)/src/compat/*.sh
	sed -i 's/@VERSION@/$(VERSION)/' $(DESTDIR)$(DKMS_SRC)/dkms.conf
	if [ -z "$(DESTDIR)" ] && command -v dkms >/dev/null; then \
		dkms add -m $(DKMS_NAME) -v $(VERSION); fi

dkms-uninstall:
	if command -v dkms >/dev/null; then \
		dkms remove -m $(DKMS_NAME) -v $(VERSION) --all || true; fi
	rm -rf $(DESTDIR)$(DKMS_SRC)

# Debian packages (xfrm-migrate-state-dkms, libxfrm-migrate0,
# libxfrm-migrate-dev, xfrm-migrate) into build/deb/, from a clean copy.
deb:
	debian/make-deb.sh $(CURDIR)/build/deb

# Fail early, naming the option, on kernels without what the module needs.
check-config:
	scripts/check-config.sh $(KDIR)

# Sign a manual build: make sign KEY=mok.priv CERT=mok.der [KDIR=...]
# The key and certificate are checked before anything is built.
sign:
	@test -n "$(KEY)" -a -n "$(CERT)" || { echo "make sign KEY=<private key> CERT=<certificate>" >&2; exit 2; }
	@test -r "$(KEY)" -a -r "$(CERT)" || { echo "make sign: cannot read $(KEY) or $(CERT)" >&2; exit 2; }
	$(MAKE) module KDIR=$(KDIR)
	$(KDIR)/scripts/sign-file sha256 $(KEY) $(CERT) src/xfrm_migrate_state.ko

clean:
	$(MAKE) -C src clean KDIR=$(KDIR) || rm -rf src/generated
	$(MAKE) -C tools clean
	rm -rf build

.PHONY: dkms-install dkms-uninstall check-config sign deb
.PHONY: all module tools check-tools test test-debug stress bench vm-shell demo \
	checkpatch lint shellcheck sparse upstream-diff install uninstall clean
