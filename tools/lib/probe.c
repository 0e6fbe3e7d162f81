// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which backend serves this network namespace, found by asking the
 * kernel (never by its version):
 *
 * native  XFRM_MSG_MIGRATE_STATE for an SA that does not exist. -ESRCH:
 *         supported. -EINVAL without extack: the kernel does not know the
 *         message type. -ENOPROTOOPT: CONFIG_XFRM_MIGRATE is off. -EPERM:
 *         no CAP_NET_ADMIN. The probe carries an XFRMA_ENCAP of an invalid
 *         type, checked only after the lookup: should an SA with the probe's
 *         SPI exist, the request fails with -EINVAL "Unsupported
 *         encapsulation type" and changes nothing.
 * module  CTRL_CMD_GETFAMILY "xfrm_migstate" (absent: module not loaded;
 *         resolving it lets the kernel autoload the module), then GET_INFO
 *         (needs CAP_NET_ADMIN like every command of the family).
 *
 * Positive results are cached per network namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

#include "internal.h"

#define PROBE_SPI	0xffffffffu
#define PROBE_ENCAP	0xffffu		/* no such encapsulation type */
#define LOAD_HINT	"load it with 'modprobe xfrm_migrate_state' " \
			"(or 'insmod xfrm_migrate_state.ko')"

/* ---- cache ---- */

#define CACHE_SLOTS 16
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	bool used;
	dev_t dev;
	ino_t ino;
	enum xms_backend want;
	struct xms_probe_result res;
} cache[CACHE_SLOTS];
static unsigned int cache_next;

void xms_netns_current(struct xms_netns *ns)
{
	struct stat st;

	memset(ns, 0, sizeof(*ns));
	if (stat("/proc/thread-self/ns/net", &st) && stat("/proc/self/ns/net", &st))
		return;
	ns->known = true;
	ns->dev = st.st_dev;
	ns->ino = st.st_ino;
}

static bool slot_is(int i, const struct xms_netns *ns)
{
	return cache[i].used && cache[i].dev == ns->dev && cache[i].ino == ns->ino;
}

bool xms_probe_cache_get(const struct xms_netns *ns, enum xms_backend want,
			 struct xms_probe_result *res)
{
	bool hit = false;
	int i;

	if (!ns->known)
		return false;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < CACHE_SLOTS; i++) {
		if (slot_is(i, ns) && cache[i].want == want) {
			*res = cache[i].res;
			hit = true;
			break;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	return hit;
}

static void cache_put(const struct xms_netns *ns, enum xms_backend want,
		      const struct xms_probe_result *res)
{
	int i, slot = -1;

	if (!ns->known)
		return;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < CACHE_SLOTS; i++)
		if (slot_is(i, ns) && cache[i].want == want)
			slot = i;
	if (slot < 0)
		slot = (int)(cache_next++ % CACHE_SLOTS);
	cache[slot].used = true;
	cache[slot].dev = ns->dev;
	cache[slot].ino = ns->ino;
	cache[slot].want = want;
	cache[slot].res = *res;
	pthread_mutex_unlock(&cache_lock);
}

void xms_probe_invalidate(const struct xms_netns *ns, enum xms_backend want)
{
	int i;

	if (!ns->known)
		return;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < CACHE_SLOTS; i++)
		if (slot_is(i, ns) &&
		    (want == XMS_BACKEND_AUTO || cache[i].want == want))
			cache[i].used = false;
	pthread_mutex_unlock(&cache_lock);
}

XMS_API void xms_probe_flush_cache(void)
{
	pthread_mutex_lock(&cache_lock);
	memset(cache, 0, sizeof(cache));
	pthread_mutex_unlock(&cache_lock);
}

/* ---- native ---- */

static int probe_native(const struct xms_chan *c, uint32_t seq,
			char *extack, size_t extack_len)
{
	char buf[512] __attribute__((aligned(4)));
	struct xfrm_user_migrate_state req;
	struct xms_attrs attrs;
	int len;

	memset(&req, 0, sizeof(req));
	memset(&attrs, 0, sizeof(attrs));
	req.id.spi = htonl(PROBE_SPI);
	req.id.family = AF_INET;
	req.id.proto = IPPROTO_ESP;
	req.new_family = AF_INET;
	attrs.present = XMS_ATTR_ENCAP;
	attrs.encap.encap_type = PROBE_ENCAP;
	len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, seq,
				&req, &attrs);
	if (len < 0)
		return len;
	return xms_nl_transact(c, (struct nlmsghdr *)buf, NULL, NULL, extack,
			       extack_len);
}

/* ---- module ---- */

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return xms_parse_family(nlh, data);
}

int xms_genl_resolve_family(const struct xms_chan *c, struct xms_family *f)
{
	char buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int err;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = xms_seq_init();
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME,
			  f->name ? f->name : XFRM_MIGSTATE_GENL_NAME);
	err = xms_nl_transact(c, nlh, family_cb, f, NULL, 0);
	if (err)
		return err;
	return f->found ? 0 : -ENOENT;
}

int xms_genl_resolve(const struct xms_chan *c, uint16_t *family_id,
		     uint32_t *version, uint32_t *mcgrp_id)
{
	struct xms_family r = { 0 };
	int err;

	err = xms_genl_resolve_family(c, &r);
	if (err)
		return err;
	*family_id = r.id;
	if (version)
		*version = r.version;
	if (mcgrp_id)
		*mcgrp_id = r.mcgrp;
	return 0;
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	return xms_parse_info(nlh, data);
}

static int probe_module(const struct xms_chan *c, uint32_t seq,
			struct xms_probe_result *res, char *extack,
			size_t extack_len)
{
	char buf[512] __attribute__((aligned(4)));
	struct xms_info info;
	struct nlmsghdr *nlh;
	int err;

	err = xms_genl_resolve(c, &res->family_id, &res->family_version,
			       &res->mcgrp_id);
	if (err)
		return err;

	nlh = xms_put_get_info(buf, sizeof(buf), res->family_id, seq);
	if (!nlh)
		return -EMSGSIZE;
	memset(&info, 0, sizeof(info));
	err = xms_nl_transact(c, nlh, info_cb, &info, extack, extack_len);
	if (err)
		return err;
	xms_copy_str(res->module_version, sizeof(res->module_version),
		     info.module_version);
	return 0;
}

/* ---- the probe ---- */

static void describe_native(int err, const char *extack, char *buf, size_t len)
{
	char e[320];

	switch (err) {
	case -ESRCH:
		xms_strfmt(buf, len, "kernel has XFRM_MSG_MIGRATE_STATE");
		break;
	case -EINVAL:
		xms_strfmt(buf, len, "kernel lacks XFRM_MSG_MIGRATE_STATE");
		break;
	case -ENOPROTOOPT:
		xms_strfmt(buf, len, "kernel has XFRM_MSG_MIGRATE_STATE but "
			 "CONFIG_XFRM_MIGRATE is off");
		break;
	case -EPERM:
		xms_strfmt(buf, len, "no CAP_NET_ADMIN in this network namespace");
		break;
	default:
		xms_strfmt(buf, len, "native probe failed: %s",
			 xms_strerror(err, extack, e, sizeof(e)));
	}
}

static bool native_supported(int err, const char *extack)
{
	return err == -ESRCH ||
	       (err == -EINVAL && !strcmp(extack, "Unsupported encapsulation type"));
}

static int probe_sockets(struct mnl_socket *xfrm, int xfrm_err,
			 struct mnl_socket *genl, int genl_err,
			 enum xms_backend want, uint32_t seq,
			 struct xms_drop_stats *drops,
			 struct xms_probe_result *res)
{
	char nat_ext[XMS_EXTACK_LEN] = "", mod_ext[XMS_EXTACK_LEN] = "";
	char ntext[160] = "", mtext[400] = "";
	struct xms_chan c;
	char *rxbuf;
	int nerr = 1, merr = 1;

	memset(res, 0, sizeof(*res));
	res->backend = XMS_BACKEND_NONE;
	res->native_err = 1;
	res->module_err = 1;
	rxbuf = malloc(XMS_RXBUF);
	if (!rxbuf)
		return -ENOMEM;

	if (want == XMS_BACKEND_AUTO || want == XMS_BACKEND_NATIVE) {
		if (xfrm)
			xms_chan_init(&c, xfrm, rxbuf, XMS_RXBUF, drops);
		nerr = xfrm ? probe_native(&c, seq, nat_ext, sizeof(nat_ext)) :
			xfrm_err;
		res->native_err = nerr;
		describe_native(nerr, nat_ext, ntext, sizeof(ntext));
		if (native_supported(nerr, nat_ext)) {
			res->backend = XMS_BACKEND_NATIVE;
			res->reason = XMS_REASON_OK;
			xms_strfmt(res->reason_text, sizeof(res->reason_text),
				 "native: %s", ntext);
			goto out;
		}
	}
	if (want == XMS_BACKEND_AUTO || want == XMS_BACKEND_MODULE) {
		if (genl)
			xms_chan_init(&c, genl, rxbuf, XMS_RXBUF, drops);
		merr = genl ? probe_module(&c, seq + 1, res, mod_ext,
					   sizeof(mod_ext)) : genl_err;
		res->module_err = merr;
		if (!merr && res->family_version < 1) {
			res->reason = XMS_REASON_MODULE_VERSION;
			xms_strfmt(res->reason_text, sizeof(res->reason_text),
				 "module: family %s has unknown version %u",
				 XFRM_MIGSTATE_GENL_NAME, res->family_version);
			res->module_err = merr = -EPROTO;
			goto out;
		}
		if (!merr) {
			res->backend = XMS_BACKEND_MODULE;
			res->reason = XMS_REASON_OK;
			xms_strfmt(res->reason_text, sizeof(res->reason_text),
				 "module: xfrm_migrate_state %s (family %s version %u)%s%s",
				 res->module_version[0] ? res->module_version : "?",
				 XFRM_MIGSTATE_GENL_NAME, res->family_version,
				 want == XMS_BACKEND_AUTO ? "; " : "", ntext);
			goto out;
		}
		if (merr == -ENOENT)
			xms_strfmt(mtext, sizeof(mtext),
				 "module not loaded: generic netlink family %s is absent; %s",
				 XFRM_MIGSTATE_GENL_NAME, LOAD_HINT);
		else if (merr == -EPERM)
			xms_strfmt(mtext, sizeof(mtext),
				 "no CAP_NET_ADMIN in this network namespace");
		else {
			char e[320];

			xms_strfmt(mtext, sizeof(mtext), "module probe failed: %s",
				 xms_strerror(merr, mod_ext, e, sizeof(e)));
		}
	}

	/* nothing serves: pick the most useful reason */
	if (nerr == -EPERM || merr == -EPERM)
		res->reason = XMS_REASON_PERMISSION;
	else if (merr == -ENOENT)
		res->reason = XMS_REASON_MODULE_NOT_LOADED;
	else if (nerr == -ENOPROTOOPT)
		res->reason = XMS_REASON_NO_XFRM_MIGRATE;
	else if (merr == 1 && nerr == -EINVAL)
		res->reason = XMS_REASON_NATIVE_MISSING;
	else
		res->reason = XMS_REASON_ERROR;

	if (res->reason == XMS_REASON_PERMISSION)
		xms_strfmt(res->reason_text, sizeof(res->reason_text),
			 "no CAP_NET_ADMIN in this network namespace");
	else if (mtext[0] && ntext[0])
		xms_strfmt(res->reason_text, sizeof(res->reason_text), "%s; %s",
			 ntext, mtext);
	else
		xms_strfmt(res->reason_text, sizeof(res->reason_text), "%s",
			 mtext[0] ? mtext : ntext);
out:
	free(rxbuf);
	if (res->backend != XMS_BACKEND_NONE)
		return 0;
	if (res->reason == XMS_REASON_PERMISSION)
		return -EPERM;
	if (res->reason == XMS_REASON_NO_XFRM_MIGRATE)
		return -ENOPROTOOPT;
	return -EOPNOTSUPP;
}

int xms_probe_socks(const struct xms_netns *ns, struct mnl_socket *xfrm,
		    int xerr, struct mnl_socket *genl, int gerr,
		    enum xms_backend want, bool refresh, uint32_t seq,
		    struct xms_drop_stats *drops, struct xms_probe_result *res)
{
	int err;

	if (!refresh && xms_probe_cache_get(ns, want, res))
		return 0;
	err = probe_sockets(xfrm, xerr, genl, gerr, want, seq, drops, res);
	if (!err)
		cache_put(ns, want, res);
	return err;
}

XMS_API int xms_probe(enum xms_backend want, bool refresh,
		      struct xms_probe_result *res)
{
	struct mnl_socket *xfrm = NULL, *genl = NULL;
	int xerr = 0, gerr = 0, err;
	struct xms_netns ns;

	if (want == XMS_BACKEND_NONE)
		return -EINVAL;
	xms_netns_current(&ns);
	if (!refresh && xms_probe_cache_get(&ns, want, res))
		return 0;
	if (want != XMS_BACKEND_MODULE)
		xerr = xms_nl_open(NETLINK_XFRM, &xfrm);
	if (want != XMS_BACKEND_NATIVE)
		gerr = xms_nl_open(NETLINK_GENERIC, &genl);
	err = xms_probe_socks(&ns, xfrm, xerr, genl, gerr, want, true,
			   xms_seq_init(), NULL, res);
	if (xfrm)
		mnl_socket_close(xfrm);
	if (genl)
		mnl_socket_close(genl);
	return err;
}
