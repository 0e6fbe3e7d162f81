/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * XFRM_MSG_MIGRATE_STATE definitions (Linux 7.2 uapi) for system headers
 * that predate them.
 *
 * Include after <linux/xfrm.h>. When the system header already has the
 * message (it defines XFRM_MSG_MIGRATE_STATE as a macro, like every other
 * XFRM_MSG_* entry), nothing here is redefined except the older flag names
 * daemons already use.
 *
 * The layout of struct xfrm_user_migrate_state is fixed by the kernel ABI:
 * 132 bytes, no implicit padding:
 *
 *   off   0  struct xfrm_usersa_id id        (24) daddr, spi, family, proto
 *   off  24  xfrm_address_t new_daddr        (16)
 *   off  40  xfrm_address_t new_saddr        (16)
 *   off  56  struct xfrm_mark old_mark        (8)  lookup key: v & m
 *   off  64  struct xfrm_selector new_sel    (56)
 *   off 120  __u32 new_reqid
 *   off 124  __u32 flags                          XFRM_MIGRATE_STATE_*
 *   off 128  __u16 new_family
 *   off 130  __u16 reserved                       must be zero
 */
#ifndef _UAPI_LINUX_XFRM_MIGRATE_STATE_COMPAT_H
#define _UAPI_LINUX_XFRM_MIGRATE_STATE_COMPAT_H

#include <linux/types.h>
#include <linux/xfrm.h>

#ifndef XFRM_MSG_MIGRATE_STATE
#define XFRM_MSG_MIGRATE_STATE 41

struct xfrm_user_migrate_state {
	struct xfrm_usersa_id id;
	xfrm_address_t new_daddr;
	xfrm_address_t new_saddr;
	struct xfrm_mark old_mark;
	struct xfrm_selector new_sel;
	__u32 new_reqid;
	__u32 flags;
	__u16 new_family;
	__u16 reserved;
};

enum xfrm_migrate_state_flags {
	/* do not inherit offload from the existing SA */
	XFRM_MIGRATE_STATE_CLEAR_OFFLOAD = 1,
	/* derive a host-to-host selector from the new addresses */
	XFRM_MIGRATE_STATE_UPDATE_H2H_SEL = 2,
};
#endif /* XFRM_MSG_MIGRATE_STATE */

#ifndef XFRM_MIGRATE_STATE_KNOWN_FLAGS
#define XFRM_MIGRATE_STATE_KNOWN_FLAGS \
	(XFRM_MIGRATE_STATE_CLEAR_OFFLOAD | XFRM_MIGRATE_STATE_UPDATE_H2H_SEL)
#endif

/* Names used by earlier revisions of the patch series and by daemons. */
#ifndef XFRM_MIGRATE_STATE_NO_OFFLOAD
#define XFRM_MIGRATE_STATE_NO_OFFLOAD XFRM_MIGRATE_STATE_CLEAR_OFFLOAD
#endif
#ifndef XFRM_MIGRATE_STATE_UPDATE_SEL
#define XFRM_MIGRATE_STATE_UPDATE_SEL XFRM_MIGRATE_STATE_UPDATE_H2H_SEL
#endif

/*
 * XFRMA_* attribute numbers accepted by XFRM_MSG_MIGRATE_STATE. They are
 * part of the kernel ABI and never change; system headers older than the
 * kernel may lack the newer ones, so they are repeated here under our own
 * names.
 */
#define XFRM_MIGSTATE_XFRMA_ENCAP			4
#define XFRM_MIGSTATE_XFRMA_MARK			21
#define XFRM_MIGSTATE_XFRMA_OFFLOAD_DEV			28
#define XFRM_MIGSTATE_XFRMA_SET_MARK			29
#define XFRM_MIGSTATE_XFRMA_SET_MARK_MASK		30
#define XFRM_MIGSTATE_XFRMA_IF_ID			31
#define XFRM_MIGSTATE_XFRMA_MTIMER_THRESH		32
#define XFRM_MIGSTATE_XFRMA_SA_DIR			33
#define XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL	34
#define XFRM_MIGSTATE_XFRMA_SA_PCPU			35

#endif /* _UAPI_LINUX_XFRM_MIGRATE_STATE_COMPAT_H */
