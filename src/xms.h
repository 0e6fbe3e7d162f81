/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of xfrm_migrate_state.ko.
 *
 * A migration runs in four steps, one file each:
 *   request.c  validate the request and resolve omit-to-inherit values
 *   clone.c    build the new state next to the old one (may sleep)
 *   swap.c     replace the old state by the new one under the old lock
 *   notify.c   tell listeners on the genl group and on XFRMNLGRP_MIGRATE
 * migrate.c drives them under the namespace's xfrm_cfg_mutex.
 */
#ifndef XMS_H
#define XMS_H

#include "compat/compat.h"

extern struct genl_family xms_family;
extern const struct nla_policy xms_migrate_state_policy[XMS_XFRMA_MAX + 1];

enum xms_mcgrp {
	XMS_MCGRP_MIGRATE,
};

/* A validated request, with every omitted optional value resolved. */
struct xms_request {
	const struct xfrm_user_migrate_state *um;
	/* parsed by the genl core: XMS_XFRMA_MAX + 1 entries */
	struct nlattr **attrs;
	u32 nlmsg_pid;
	u32 nlmsg_seq;

	/* NULL: no encapsulation on the new state */
	const struct xfrm_encap_tmpl *encap;
	/* NULL: no offload on the new state */
	const struct xfrm_user_offload *xuo;
	struct xfrm_user_offload inherited_xuo;
	/* the new state's mark: XFRMA_MARK, else the request's old_mark */
	struct xfrm_mark mark;
	bool mark_requested;
	struct xfrm_mark smark;
	u32 mapping_maxage;
	u32 nat_keepalive_interval;
};

/* request.c */
int xms_parse_attrs(struct xms_request *req, struct netlink_ext_ack *extack);
int xms_check_header(const struct xfrm_user_migrate_state *um,
		     struct netlink_ext_ack *extack);
int xms_resolve(struct xms_request *req, const struct xfrm_state *x,
		struct netlink_ext_ack *extack);

/* clone.c */
struct xfrm_state *xms_build_state(const struct xfrm_state *x,
				   const struct xms_request *req,
				   struct netlink_ext_ack *extack);
void xms_discard_state(struct xfrm_state *xc);

/* swap.c */
int xms_check_target_free(struct net *net, const struct xfrm_state *x,
			  const struct xms_request *req,
			  struct netlink_ext_ack *extack);
int xms_swap(struct xfrm_state *x, struct xfrm_state *xc,
	     struct netlink_ext_ack *extack);
void xms_delete_satisfied_acq(struct net *net, struct xfrm_state *xc);

/* notify.c */
int xms_notify(struct net *net, const struct xms_request *req,
	       const struct xfrm_state *xc);

/* migrate.c */
int xms_cmd_migrate_state(struct sk_buff *skb, struct genl_info *info);

/* info.c */
int xms_cmd_get_info(struct sk_buff *skb, struct genl_info *info);

#endif /* XMS_H */
