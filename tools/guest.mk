# SPDX-License-Identifier: GPL-2.0
#
# make guest O=DIR [CROSS_COMPILE=aarch64-linux-gnu-] [MNL_SYSROOT=DIR] [MNL_SRC=DIR]
#
# A fully static xfrm-migrate for the test guests. libmnl.a is taken from
# MNL_SYSROOT/usr/lib/<multiarch>/libmnl.a (the system's when MNL_SYSROOT
# is empty). Debian's libmnl-dev ships no libmnl.a, so when there is none
# it is built from the libmnl sources in MNL_SRC (src/*.c and
# include/libmnl/libmnl.h of a libmnl release, e.g. Debian's source
# package, fetched by tools/scripts/fetch-libmnl-src.sh).

O ?=
MNL_SYSROOT ?=
MNL_SRC ?= /var/cache/xfrm-migrate-state/src/libmnl

GUEST_DIR := $(abspath $(or $(O),$(B)/guest))
GB := $(GUEST_DIR)/.xfrm-migrate-build
MNL_INC := $(if $(MNL_SYSROOT),-I$(MNL_SYSROOT)/usr/include,)
MNL_A_SYS := $(MNL_SYSROOT)/usr/lib/$(MULTIARCH)/libmnl.a
MNL_A := $(if $(wildcard $(MNL_A_SYS)),$(MNL_A_SYS),$(GB)/libmnl.a)
GUEST_CFLAGS := -std=gnu11 -I$(T)/include -I$(TOP)/include/uapi $(MNL_INC) \
	-DXMS_VERSION='"$(VERSION)"' $(WARN) -O2 -pthread

GUEST_OBJS := $(patsubst %.c,$(GB)/%.o,$(LIB_SRCS) $(CLI_SRCS))

guest: $(GUEST_DIR)/xfrm-migrate

$(GB)/%.o: $(T)/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GB)/libmnl.a:
	@test -f $(MNL_SRC)/src/socket.c || { \
	  echo "guest: no libmnl.a in $(MNL_A_SYS) and no libmnl sources in MNL_SRC=$(MNL_SRC);"; \
	  echo "       run tools/scripts/fetch-libmnl-src.sh or pass MNL_SRC=DIR"; exit 1; }
	@mkdir -p $(GB)/mnl
	for f in $(MNL_SRC)/src/*.c; do \
	  $(CC) -O2 -fvisibility=hidden -I$(MNL_SRC)/include -I$(MNL_SRC)/src \
	    -c -o $(GB)/mnl/$$(basename $$f .c).o $$f || exit 1; done
	$(AR) rcs $@ $(GB)/mnl/*.o

$(GUEST_DIR)/xfrm-migrate: $(GUEST_OBJS) $(MNL_A)
	$(CC) -static -pthread -o $@ $(GUEST_OBJS) $(MNL_A)
