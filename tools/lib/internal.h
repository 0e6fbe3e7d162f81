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
/* Seconds to wait for a reply before -ETIMEDOUT. */
#define XMS_TIMEOUT	10

_Static_assert(sizeof(struct xfrm_user_migrate_state) == 132,
	       "struct xfrm_user_migrate_state must be 132 bytes");

struct xms_handle {
	pthread_mutex_t lock;
	enum xms_backend want;
	struct mnl_socket *xfrm;	/* NETLINK_XFRM, lazily opened */
	struct mnl_socket *genl;	/* NETLINK_GENERIC, lazily opened */
	uint32_t seq;
	bool probed;
	struct xms_probe_result probe;
	char *rxbuf;
};

/* nl.c: sockets and request/ACK exchange */
int xms_nl_open(int proto, struct mnl_socket **out);
typedef int (*xms_data_cb)(const struct nlmsghdr *nlh, void *data);
/*
 * Send nlh (with NLM_F_ACK) and read until its ACK. Messages other than
 * the ACK with the same sequence number go to cb. Returns the ACK's error
 * (0 or -errno), extack copied.
 */
int xms_nl_transact(struct mnl_socket *nl, struct nlmsghdr *nlh,
		    char *rxbuf, size_t rxlen, xms_data_cb cb, void *data,
		    char *extack, size_t extack_len);
/* Parse an NLMSG_ERROR message: returns its error; copies extack text. */
int xms_nl_parse_error(const struct nlmsghdr *nlh, char *extack,
		       size_t extack_len);
void xms_copy_str(char *dst, size_t len, const char *src);
uint32_t xms_seq_init(void);

/* handle.c */
int xms_handle_xfrm(struct xms_handle *h, struct mnl_socket **out);
int xms_handle_genl(struct xms_handle *h, struct mnl_socket **out);
uint32_t xms_handle_seq(struct xms_handle *h);
/* Probe with the handle's lock held. */
int xms_handle_probe_locked(struct xms_handle *h);

/* probe.c */
int xms_genl_resolve(struct mnl_socket *nl, char *rxbuf, size_t rxlen,
		     uint16_t *family_id, uint32_t *version,
		     uint32_t *mcgrp_id);
void xms_probe_invalidate(enum xms_backend want);

/* encode.c */
int xms_put_body(struct nlmsghdr *nlh, size_t buflen,
		 const struct xfrm_user_migrate_state *req,
		 const struct xms_attrs *attrs);

/* info.c */
int xms_parse_info(const struct nlmsghdr *nlh, struct xms_info *info);
void xms_native_info(struct xms_info *info);

/* getsa.c */
int xms_parse_sa(const struct nlmsghdr *nlh, struct xms_sa *sa);

#endif /* XMS_INTERNAL_H */
