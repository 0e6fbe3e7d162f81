# SPDX-License-Identifier: GPL-2.0
#
# xfrm-migrate-state: top-level targets. See README.md.
#
#   make                 module for the running kernel (or KDIR=...)
#   make tools           library and CLI
#   make test            the whole test suite in QEMU (README: "run the tests")
#   make demo            boot a stock kernel and tell the migration story
#   make install         module, library, CLI, headers, man page, spec

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

test:
	tests/harness/run.sh

test-debug:
	tests/harness/debug-kernel.sh

vm-shell:
	tests/harness/vm-shell.sh $(KERNEL)

demo:
	tests/harness/demo.sh $(KERNEL)

checkpatch:
	scripts/checkpatch.sh

install: module tools
	install -D -m 0644 src/xfrm_migrate_state.ko \
		$(DESTDIR)$(MODDIR)/xfrm_migrate_state.ko
	if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER); fi
	$(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

uninstall:
	rm -f $(DESTDIR)$(MODDIR)/xfrm_migrate_state.ko
	if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER); fi
	$(MAKE) -C tools uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

clean:
	$(MAKE) -C src clean KDIR=$(KDIR) || rm -rf src/generated
	$(MAKE) -C tools clean
	rm -rf build

.PHONY: all module tools check-tools test test-debug vm-shell demo \
	checkpatch install uninstall clean
