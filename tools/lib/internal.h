/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal declarations of libxfrm-migrate. Not installed. */
#ifndef XMS_INTERNAL_H
#define XMS_INTERNAL_H

#include <pthread.h>
#include <sys/types.h>
#include <libmnl/libmnl.h>

#include "xfrm-migrate.h"

#define XMS_API __attribute__((visibility("default")))

/* Receive buffer: a GETSA reply with a large ESN bitmap fits. */
#define XMS_RXBUF	65536
#define XMS_TXBUF	4096
/* The largest errno the kernel sends (MAX_ERRNO). */
#define XMS_MAX_ERRNO	4095
/* Seconds to wait for a reply before -ETIMEDOUT. */
#define XMS_TIMEOUT	10

_Static_assert(sizeof(struct xfrm_user_migrate_state) == 132,
	       "struct xfrm_user_migrate_state must be 132 bytes");
/*
 * ABI rules (xfrm-migrate.h): the caller-filled struct has no implicit
 * padding, so that "all zero but what .present names" is checkable.
 */
_Static_assert(offsetof(struct xms_attrs, pad) ==
	       offsetof(struct xms_attrs, sa_dir) + 1 &&
	       offsetof(struct xms_attrs, if_id) ==
	       offsetof(struct xms_attrs, pad) + 3 &&
	       offsetof(struct xms_attrs, reserved) ==
	       offsetof(struct xms_attrs, if_id) + 4 &&
	       sizeof(struct xms_attrs) == offsetof(struct xms_attrs, reserved) +
	       XMS_ATTRS_RESERVED * sizeof(uint32_t),
	       "struct xms_attrs: implicit padding");

/* A network namespace, as the probe cache knows it. */
struct xms_netns {
	bool known;
	dev_t dev;
	ino_t ino;
};

struct xms_handle {
	pthread_mutex_t lock;
	struct xms_netns netns;		/* of the sockets: the opener's */
	enum xms_backend want;
	struct mnl_socket *xfrm;	/* NETLINK_XFRM, lazily opened */
	struct mnl_socket *genl;	/* NETLINK_GENERIC, lazily opened */
	uint32_t seq;
	bool probed;
	struct xms_probe_result probe;
	char *rxbuf;
	struct xms_drop_stats drops;
};

/* rx.c: receiving */
/*
 * One datagram from fd into buf (recvmsg flags): its length or -errno. A
 * datagram not sent by the kernel (sender nl_pid != 0) is dropped,
 * counted in drops->not_kernel (drops may be NULL): 0 is returned.
 */
ssize_t xms_nl_recv(int fd, void *buf, size_t len, int flags,
		    struct xms_drop_stats *drops);
/*
 * The message at *off of a datagram of len bytes (advancing *off), or NULL
 * at its end. A message shorter than a header or whose nlmsg_len goes
 * beyond the bytes received ends the walk, counted in drops->bad_length
 * (drops may be NULL): no parser ever sees it.
 */
const struct nlmsghdr *xms_nlmsg_walk(const void *buf, size_t len,
				      size_t *off, struct xms_drop_stats *drops);

/*
 * The attributes of nlh after off bytes of its payload, bounded by
 * nlmsg_len itself (mnl_attr_for_each() walks to the aligned tail, up to
 * 3 bytes further). The caller checks that off fits the payload.
 */
#define xms_attr_for_each(attr, nlh, off)				\
	mnl_attr_for_each_payload(mnl_nlmsg_get_payload_offset(nlh, off), \
				  (mnl_nlmsg_get_payload_len(nlh) - (off)))

/* nl.c: sockets and request/ACK exchange */
int xms_nl_open(int proto, struct mnl_socket **out);
typedef int (*xms_data_cb)(const struct nlmsghdr *nlh, void *data);

/* A request/reply channel: a socket, its receive buffer, its counters. */
struct xms_chan {
	int fd;
	uint32_t portid;
	char *rxbuf;
	size_t rxlen;
	int timeout_ms;			/* 0: XMS_TIMEOUT seconds */
	struct xms_drop_stats *drops;	/* NULL: not counted */
};
void xms_chan_init(struct xms_chan *c, struct mnl_socket *nl, char *rxbuf,
		   size_t rxlen, struct xms_drop_stats *drops);
/*
 * Send nlh (with NLM_F_ACK) and read until its ACK, for at most the
 * channel's timeout in all (-ETIMEDOUT). Messages other than the ACK with
 * the same sequence number go to cb. Returns the ACK's error (0 or
 * -errno), extack copied.
 */
int xms_nl_transact(const struct xms_chan *c, struct nlmsghdr *nlh,
		    xms_data_cb cb, void *data, char *extack, size_t extack_len);
/* Parse an NLMSG_ERROR message: returns its error; copies extack text. */
int xms_nl_parse_error(const struct nlmsghdr *nlh, char *extack,
		       size_t extack_len);
void xms_copy_str(char *dst, size_t len, const char *src);
/*
 * snprintf() for text meant to be cut to fit (probe reasons): truncation
 * is expected, so -Wformat-truncation, which warns about it at -O0/-O1
 * only, does not apply.
 */
void xms_strfmt(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* CLOCK_MONOTONIC in milliseconds. */
long long xms_now_ms(void);
uint32_t xms_seq_init(void);

/*
 * Layers: a file calls only into the files of the layers below its own,
 * never back up (tests/lib-layers.sh checks it on the objects):
 *
 *   migrate.c getsa.c info.c   requests through a handle
 *   notify.c                   monitors (resolve the family, probe)
 *   handle.c                   handles: sockets, sequence, probe once
 *   probe.c                    backend probe over given sockets, cache
 *   encode.c decode.c errors.c messages built and parsed, no I/O
 *   nl.c                       request/ACK exchange
 *   rx.c                       receiving
 */

/* encode.c */
int xms_put_body(struct nlmsghdr *nlh, size_t buflen,
		 const struct xfrm_user_migrate_state *req,
		 const struct xms_attrs *attrs);
/* attrs keeps the ABI rules: known .present bits, zero pad and reserved. */
int xms_attrs_check(const struct xms_attrs *attrs);
/* A GET_INFO request of family_id in buf (zeroed), or NULL if too small. */
struct nlmsghdr *xms_put_get_info(void *buf, size_t len, uint16_t family_id,
				  uint32_t seq);

/* decode.c */
/* A CTRL_CMD_NEWFAMILY reply: fills what it finds in *f (0). */
struct xms_family {
	const char *name;	/* in: the family (NULL: xfrm_migstate) */
	const char *group;	/* in: the group (NULL: "migrate") */
	uint16_t id;
	uint32_t version;
	uint32_t mcgrp;		/* id of the group */
	bool found;		/* a family id was there */
	bool named;		/* the reply names that family */
};
int xms_parse_family(const struct nlmsghdr *nlh, struct xms_family *f);
/* A GET_INFO reply of the module. */
int xms_parse_info(const struct nlmsghdr *nlh, struct xms_info *info);

/* probe.c */
/* CTRL_CMD_GETFAMILY f->name: 0 or -ENOENT/-errno, *f filled. */
int xms_genl_resolve_family(const struct xms_chan *c, struct xms_family *f);
int xms_genl_resolve(const struct xms_chan *c, uint16_t *family_id,
		     uint32_t *version, uint32_t *mcgrp_id);
/* The calling thread's network namespace (known false if unreadable). */
void xms_netns_current(struct xms_netns *ns);
/* Cached positive probe result of namespace ns for want. */
bool xms_probe_cache_get(const struct xms_netns *ns, enum xms_backend want,
			 struct xms_probe_result *res);
void xms_probe_invalidate(const struct xms_netns *ns, enum xms_backend want);
/*
 * Probe for want through sockets living in namespace ns (NULL with its
 * open error in xerr/gerr), with sequence numbers seq and seq + 1; the
 * cached result unless refresh, a positive one cached under ns.
 */
int xms_probe_socks(const struct xms_netns *ns, struct mnl_socket *xfrm,
		    int xerr, struct mnl_socket *genl, int gerr,
		    enum xms_backend want, bool refresh, uint32_t seq,
		    struct xms_drop_stats *drops, struct xms_probe_result *res);

/* handle.c */
/* The handle's NETLINK_XFRM or NETLINK_GENERIC channel. */
int xms_handle_chan(struct xms_handle *h, int proto, struct xms_chan *c);
uint32_t xms_handle_seq(struct xms_handle *h);
/*
 * A reload of the module gives the family a new id; a request to the old
 * one fails with -ENOENT or -EOPNOTSUPP and no extack. True when err is
 * that: the handle will probe (resolve the family) again, once.
 */
bool xms_handle_family_gone(struct xms_handle *h, int err, const char *extack);
/* Probe with the handle's lock held (once; the namespace's cache first). */
int xms_handle_probe_locked(struct xms_handle *h);

/* info.c */
void xms_native_info(struct xms_info *info);

/* notify.c: a monitor over given sockets (nl NULL: fd not closed) */
struct xms_monitor *xms_monitor_alloc(uint16_t family_id);
int xms_monitor_add_fd(struct xms_monitor *m, struct mnl_socket *nl, int fd,
		       enum xms_backend backend);

/* getsa.c */
int xms_parse_sa(const struct nlmsghdr *nlh, struct xms_sa *sa);

#endif /* XMS_INTERNAL_H */
