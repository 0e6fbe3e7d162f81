/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xms-bench: netlink requests, one function per kernel operation, each a
 * full round trip (request, reply if any, ACK). The benchmark times them.
 */
#ifndef XMS_BENCH_NL_H
#define XMS_BENCH_NL_H

#include <stdint.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <linux/xfrm_migrate_state_compat.h>

#ifndef IPSEC_ULPROTO_ANY
#define IPSEC_ULPROTO_ANY 255	/* linux/ipsec.h: any upper protocol */
#endif

#define NL_BUFSZ 16384

struct nlsk {
	int fd;
	uint32_t seq;
	uint16_t genl_id;	/* the xfrm_migstate family, 0: none */
};

/* An SA: where it is (its lookup tuple) and how to reach it. */
struct sa_ref {
	uint16_t family;
	xfrm_address_t saddr, daddr;
	uint32_t spi;		/* network order */
	uint32_t reqid;
	struct xfrm_selector sel;
};

enum method {
	M_MODULE,	/* genl xfrm_migstate MIGRATE_STATE */
	M_NATIVE,	/* XFRM_MSG_MIGRATE_STATE (7.2+) */
	M_COPY,		/* GETSA + GETAE + DELSA + NEWSA (strongSwan update_sa) */
	M_LEGACY,	/* XFRM_MSG_MIGRATE (policy-driven) */
	M_NEWSA,	/* NEWSA alone (a fresh SA) */
	M_DELSA,	/* DELSA alone (of that SA) */
	M_NONE,		/* nothing: the disruption baseline */
	M_COUNT
};

extern const char *const method_name[M_COUNT];

/* The policy a legacy XFRM_MSG_MIGRATE names (selector and direction). */
struct legacy_pol {
	struct xfrm_selector sel;
	uint8_t dir;
};

int nl_open(struct nlsk *s, int proto);
void nl_close(struct nlsk *s);
/* Resolve the module's family on a NETLINK_GENERIC socket: 0 or -errno. */
int genl_resolve(struct nlsk *s);
/* Native XFRM_MSG_MIGRATE_STATE answers an unknown SPI with ESRCH. */
int native_probe(struct nlsk *x);

/* NEWSA of a tunnel-mode rfc4106(gcm(aes)) SA (null: ecb(cipher_null)). */
int sa_new(struct nlsk *x, const struct sa_ref *r, int null_alg);
int sa_del(struct nlsk *x, const struct sa_ref *r);
/* GETSA: the reply (XFRM_MSG_NEWSA) into buf; its length or -errno. */
int sa_get(struct nlsk *x, const struct sa_ref *r, void *buf, int len);
/* Fill r from the SA (daddr, spi, family given). */
int sa_lookup(struct nlsk *x, struct sa_ref *r);

/*
 * Move SA r to (family, saddr, daddr) of to; r becomes to on success.
 * x: NETLINK_XFRM socket, g: NETLINK_GENERIC (module); pol for M_LEGACY.
 */
int sa_move(enum method m, struct nlsk *x, struct nlsk *g, struct sa_ref *r,
	    const struct sa_ref *to, const struct legacy_pol *pol);

/*
 * M_COPY waits this long between GETAE and DELSA (a slow daemon; the
 * smoke test uses it to show that reused sequence numbers are seen).
 */
extern long copy_delay_us;

/* A policy for M_LEGACY: selector sel, template r. */
int pol_add(struct nlsk *x, const struct legacy_pol *p, const struct sa_ref *r);

#endif
