// SPDX-License-Identifier: GPL-2.0
/* The shared corpus: see corpus.h. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/udp.h>

#include "xfrm-migrate.h"
#include "corpus.h"

#define MAX_ENTRIES 32
static struct corpus_entry entries[MAX_ENTRIES];
static size_t n_entries;

static void add(const char *name, const void *data, size_t len)
{
	struct corpus_entry *e = &entries[n_entries++];

	e->name = name;
	memcpy(e->data, data, len);
	e->len = len;
}

static struct nlmsghdr *start(void *buf, uint16_t type, uint32_t seq)
{
	struct nlmsghdr *nlh;

	memset(buf, 0, 1024);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = CORPUS_PORTID;
	return nlh;
}

size_t corpus_notif(void *buf, size_t len, int module)
{
	struct xfrm_user_migrate_state h;
	struct xfrm_encap_tmpl e;
	struct nlmsghdr *nlh;

	(void)len;
	nlh = start(buf, module ? CORPUS_FAMILY : XFRM_MSG_MIGRATE_STATE, 654);
	if (module) {
		struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

		g->cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE;
		g->version = 1;
	}
	memset(&h, 0, sizeof(h));
	h.id.daddr.a4 = htonl(0x0a000001);
	h.id.spi = htonl(0x1000);
	h.id.family = AF_INET;
	h.id.proto = IPPROTO_ESP;
	h.new_daddr.a4 = htonl(0x0a000101);
	h.new_saddr.a4 = htonl(0x0a000102);
	h.new_family = AF_INET;
	h.new_reqid = 100;
	memcpy(mnl_nlmsg_put_extra_header(nlh, sizeof(h)), &h, sizeof(h));
	memset(&e, 0, sizeof(e));
	e.encap_type = UDP_ENCAP_ESPINUDP;
	e.encap_sport = htons(4500);
	e.encap_dport = htons(4500);
	mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_ENCAP, sizeof(e), &e);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_SET_MARK, 7);
	mnl_attr_put_u8(nlh, XFRM_MIGSTATE_XFRMA_SA_DIR, XMS_SA_DIR_OUT);
	return nlh->nlmsg_len;
}

size_t corpus_ack(void *buf, uint32_t seq, int error)
{
	struct nlmsghdr *nlh = start(buf, NLMSG_ERROR, seq);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	nlh->nlmsg_flags = NLM_F_CAPPED;
	e->error = error;
	e->msg.nlmsg_len = NLMSG_HDRLEN;
	e->msg.nlmsg_seq = seq;
	return nlh->nlmsg_len;
}

static size_t ack_extack(void *buf, int error, const char *msg, int capped)
{
	struct nlmsghdr *nlh = start(buf, NLMSG_ERROR, CORPUS_SEQ);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = error;
	e->msg.nlmsg_len = NLMSG_HDRLEN + 132;
	e->msg.nlmsg_type = XFRM_MSG_MIGRATE_STATE;
	e->msg.nlmsg_seq = CORPUS_SEQ;
	if (capped)
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	else
		memset(mnl_nlmsg_put_extra_header(nlh, 132), 0xee, 132);
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	return nlh->nlmsg_len;
}

static size_t newsa(void *buf)
{
	struct nlmsghdr *nlh = start(buf, XFRM_MSG_NEWSA, CORPUS_SEQ);
	struct xfrm_usersa_info *sa = mnl_nlmsg_put_extra_header(nlh, sizeof(*sa));
	struct xfrm_mark m = { .v = 5, .m = 0xff };
	char key[36];

	sa->family = AF_INET;
	sa->id.proto = IPPROTO_ESP;
	sa->id.spi = htonl(0x1000);
	sa->reqid = 100;
	mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_MARK, sizeof(m), &m);
	memset(key, 0x5a, sizeof(key));
	mnl_attr_put(nlh, 2 /* XFRMA_ALG_CRYPT */, sizeof(key), key);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_MTIMER_THRESH, 30);
	return nlh->nlmsg_len;
}

static size_t info(void *buf)
{
	struct nlmsghdr *nlh = start(buf, CORPUS_FAMILY, CORPUS_SEQ);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	g->cmd = XFRM_MIGSTATE_CMD_GET_INFO;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct xfrm_user_migrate_state));
	mnl_attr_put_strz(nlh, XFRM_MIGSTATE_INFO_MODULE_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_FAMILY_VERSION, 1);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS, 3);
	mnl_attr_put_u16(nlh, XFRM_MIGSTATE_INFO_ATTR, 4);
	mnl_attr_put_strz(nlh, XFRM_MIGSTATE_INFO_KERNEL_RELEASE, "6.1.0");
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_CAPS, 1);
	return nlh->nlmsg_len;
}

size_t corpus_family(void *buf, uint8_t cmd, uint16_t id, uint32_t seq)
{
	struct nlmsghdr *nlh = start(buf, GENL_ID_CTRL, seq);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct nlattr *grps, *grp;

	g->cmd = cmd;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, XFRM_MIGSTATE_GENL_NAME);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, id);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, 1);
	grps = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, XFRM_MIGSTATE_MCGRP_MIGRATE);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 9);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, grps);
	return nlh->nlmsg_len;
}

static void build(void)
{
	static const unsigned char hang[16] = { 0xff, 0xff, 0xff, 0xff, 0x10 };
	static const unsigned char crash[16] = { 0, 0, 0, 0xf0, 0x10 };
	static const unsigned char below[16] = { 0x0a, 0, 0, 0, 0x10 };
	static const unsigned char beyond[20] = { 0x40, 0, 0, 0, 0x10 };
	unsigned char b[1024] __attribute__((aligned(4)));
	size_t n;

	add("len-ffffffff", hang, sizeof(hang));
	add("len-f0000000", crash, sizeof(crash));
	add("len-below-header", below, sizeof(below));
	add("len-beyond-received", beyond, sizeof(beyond));
	add("short-header", hang, 8);
	n = corpus_notif(b, sizeof(b), 0);
	add("notif-native", b, n);
	memcpy(b + n, hang, 3);
	add("notif-native-trailing-3", b, n + 3);
	n = corpus_notif(b, sizeof(b), 1);
	add("notif-genl", b, n);
	n = corpus_ack(b, CORPUS_SEQ, -ESRCH);
	add("ack-esrch", b, n);
	add("ack-int-min", b, corpus_ack(b, CORPUS_SEQ, INT_MIN));
	add("ack-positive-61", b, corpus_ack(b, CORPUS_SEQ, 61));
	add("ack-extack-capped", b, ack_extack(b, -22, "Unknown flags: 0x4", 1));
	add("ack-extack-echo", b, ack_extack(b, -17, "New SA tuple already occupied", 0));
	add("getsa-newsa", b, newsa(b));
	add("get-info", b, info(b));
	add("ctrl-family", b, corpus_family(b, CTRL_CMD_NEWFAMILY, CORPUS_FAMILY,
					     CORPUS_SEQ));
	add("ctrl-delfamily", b, corpus_family(b, CTRL_CMD_DELFAMILY, CORPUS_FAMILY, 0));
}

const struct corpus_entry *corpus_get(size_t *n)
{
	if (!n_entries)
		build();
	*n = n_entries;
	return entries;
}
