# SPDX-License-Identifier: GPL-2.0
#
# make guest O=DIR [CROSS_COMPILE=aarch64-linux-gnu-] [MNL_SYSROOT=DIR] [MNL_SRC=DIR]
#
# A fully static xfrm-migrate for the test guests. libmnl.a is taken from
# MNL_SYSROOT/usr/lib/<multiarch>/libmnl.a (the system's when MNL_SYSROOT
# is empty). Debian's libmnl-dev ships no libmnl.a; when there is none,
# libmnl.a is built from the sources of a libmnl release in MNL_SRC
# (src/*.c, include/; unconfigured: an empty config.h stands in for
# configure's) when they are there, otherwise (also when MNL_SRC
# names a directory without them) from tools/guest/mnl-lite.c, the subset of the libmnl API the library uses.
# The headers always come from libmnl-dev (MNL_SYSROOT/usr/include).

O ?=
MNL_SYSROOT ?=
MNL_SRC ?=

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

$(GB)/libmnl.a: $(T)/guest/mnl-lite.c
	@rm -rf $(GB)/mnl; mkdir -p $(GB)/mnl
	if [ -n "$(MNL_SRC)" ] && [ -f "$(MNL_SRC)/src/socket.c" ]; then \
	  echo "#define HAVE_VISIBILITY_HIDDEN 1" > $(GB)/mnl/config.h; \
	  for f in $(MNL_SRC)/src/*.c; do \
	    $(CC) -O2 -I$(MNL_SRC)/include -I$(MNL_SRC)/src -I$(GB)/mnl \
	      -c -o $(GB)/mnl/$$(basename $$f .c).o $$f || exit 1; done; \
	else \
	  $(CC) $(GUEST_CFLAGS) -c -o $(GB)/mnl/mnl-lite.o $(T)/guest/mnl-lite.c; \
	fi
	$(AR) rcs $@ $(GB)/mnl/*.o

$(GUEST_DIR)/xfrm-migrate: $(GUEST_OBJS) $(MNL_A)
	$(CC) -static -pthread -o $@ $(GUEST_OBJS) $(MNL_A)
