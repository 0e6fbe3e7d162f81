// SPDX-License-Identifier: GPL-2.0
/* Notification parsing from hand-built messages, and the monitor output. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/udp.h>

#include "cli.h"
#include "internal.h"
#include "t.h"

static void base_hdr(struct xfrm_user_migrate_state *h)
{
	memset(h, 0, sizeof(*h));
	inet_pton(AF_INET, "10.0.0.1", &h->id.daddr.a4);
	h->id.spi = htonl(0x1000);
	h->id.family = AF_INET;
	h->id.proto = IPPROTO_ESP;
	inet_pton(AF_INET, "10.0.1.1", &h->new_daddr.a4);
	inet_pton(AF_INET, "10.0.1.2", &h->new_saddr.a4);
	h->new_family = AF_INET;
	h->new_reqid = 100;
}

/* A notification as the kernel (native) or the module (genl) sends it. */
static struct nlmsghdr *mk_notif(char *buf, enum xms_backend b,
				 const struct xfrm_user_migrate_state *h,
				 void (*add)(struct nlmsghdr *))
{
	struct nlmsghdr *nlh;

	memset(buf, 0, 1024);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_pid = 321;
	nlh->nlmsg_seq = 654;
	if (b == XMS_BACKEND_MODULE) {
		struct genlmsghdr *g;

		nlh->nlmsg_type = 0x20;
		g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
		g->cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE;
		g->version = 1;
	} else {
		nlh->nlmsg_type = XFRM_MSG_MIGRATE_STATE;
	}
	memcpy(mnl_nlmsg_put_extra_header(nlh, sizeof(*h)), h, sizeof(*h));
	if (add)
		add(nlh);
	return nlh;
}

static void add_all(struct nlmsghdr *nlh)
{
	struct xfrm_encap_tmpl e;
	struct xfrm_user_offload o;
	struct xfrm_mark m = { .v = 2, .m = 0xff };

	/* padding included: the two messages built must be byte-identical */
	memset(&e, 0, sizeof(e));
	e.encap_type = UDP_ENCAP_ESPINUDP;
	e.encap_sport = htons(4500);
	e.encap_dport = htons(4501);
	memset(&o, 0, sizeof(o));
	o.ifindex = 1;
	o.flags = XFRM_OFFLOAD_INBOUND;

	mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_ENCAP, sizeof(e), &e);
	mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_MARK, sizeof(m), &m);
	mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_OFFLOAD_DEV, sizeof(o), &o);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_SET_MARK, 0x30);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_SET_MARK_MASK, 0xf0);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_MTIMER_THRESH, 60);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL, 20);
	mnl_attr_put_u8(nlh, XFRM_MIGSTATE_XFRMA_SA_DIR, XMS_SA_DIR_IN);
}

static void add_removal(struct nlmsghdr *nlh)
{
	struct xfrm_encap_tmpl e;

	memset(&e, 0, sizeof(e));
	mnl_attr_put(nlh, XFRM_MIGSTATE_XFRMA_ENCAP, sizeof(e), &e);
	mnl_attr_put_u8(nlh, XFRM_MIGSTATE_XFRMA_SA_DIR, XMS_SA_DIR_OUT);
}

static void add_truncated(struct nlmsghdr *nlh)
{
	/* a MARK attribute of 4 bytes instead of 8 */
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_XFRMA_MARK, 1);
}

static char *render(const struct xms_notification *n, bool json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	xm_print_notification(f, n, json);
	fclose(f);
	return out;
}

static void test_parse_both(void)
{
	char buf[1024] __attribute__((aligned(4)));
	struct xfrm_user_migrate_state h;
	struct xms_notification n, g;
	struct nlmsghdr *nlh;

	base_hdr(&h);
	nlh = mk_notif(buf, XMS_BACKEND_NATIVE, &h, add_all);
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_NATIVE, 0, &n), 0);
	CHECK_EQ(n.backend, XMS_BACKEND_NATIVE);
	CHECK_EQ(n.nlmsg_pid, 321);
	CHECK_EQ(n.nlmsg_seq, 654);
	CHECK_MEM(&n.hdr, &h, sizeof(h));
	CHECK_EQ(n.attrs.present, XMS_ATTR_ENCAP | XMS_ATTR_MARK | XMS_ATTR_OFFLOAD |
		 XMS_ATTR_SET_MARK | XMS_ATTR_SET_MARK_MASK | XMS_ATTR_MTIMER_THRESH |
		 XMS_ATTR_NAT_KEEPALIVE | XMS_ATTR_SA_DIR);
	CHECK_EQ(ntohs(n.attrs.encap.encap_dport), 4501);
	CHECK_EQ(n.attrs.mark.v, 2);
	CHECK_EQ(n.attrs.offload.ifindex, 1);
	CHECK_EQ(n.attrs.set_mark, 0x30);
	CHECK_EQ(n.attrs.set_mark_mask, 0xf0);
	CHECK_EQ(n.attrs.mtimer_thresh, 60);
	CHECK_EQ(n.attrs.nat_keepalive, 20);
	CHECK_EQ(n.attrs.sa_dir, XMS_SA_DIR_IN);

	nlh = mk_notif(buf, XMS_BACKEND_MODULE, &h, add_all);
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_MODULE, 0x20, &g), 0);
	CHECK_EQ(g.backend, XMS_BACKEND_MODULE);
	/* one structure whichever backend */
	g.backend = XMS_BACKEND_NATIVE;
	CHECK_MEM(&g, &n, sizeof(n));

	/* wrong type / family / command */
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_MODULE, 0x21, &g), -ENOMSG);
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_NATIVE, 0, &g), -ENOMSG);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd = XFRM_MIGSTATE_CMD_GET_INFO;
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_MODULE, 0x20, &g), -ENOMSG);

	/* short body, bad attribute */
	nlh = mk_notif(buf, XMS_BACKEND_NATIVE, &h, NULL);
	nlh->nlmsg_len = 16 + 100;
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_NATIVE, 0, &n), -EINVAL);
	nlh = mk_notif(buf, XMS_BACKEND_NATIVE, &h, add_truncated);
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_NATIVE, 0, &n), -EINVAL);
	/* no attributes at all */
	nlh = mk_notif(buf, XMS_BACKEND_NATIVE, &h, NULL);
	CHECK_EQ(xms_parse_notification(nlh, XMS_BACKEND_NATIVE, 0, &n), 0);
	CHECK_EQ(n.attrs.present, 0);
}

static void test_text(void)
{
	char buf[1024] __attribute__((aligned(4)));
	struct xfrm_user_migrate_state h;
	struct xms_notification n;
	char *s;

	base_hdr(&h);
	h.old_mark.v = 5;
	h.old_mark.m = 0xff;
	xms_parse_notification(mk_notif(buf, XMS_BACKEND_NATIVE, &h, add_all),
			       XMS_BACKEND_NATIVE, 0, &n);
	s = render(&n, false);
	CHECK_STR(s, "Migrated state dir in proto esp spi 0x00001000 dst 10.0.0.1 mark 0x5/0xff\n"
		  " new-dst 10.0.1.1 new-src 10.0.1.2 new-reqid 100 new-mark 0x2/0xff "
		  "set-mark 0x30/0xf0 encap espinudp sport 4500 dport 4501 "
		  "offload dev lo dir in mtimer-thresh 60 nat-keepalive 20\n");
	free(s);

	base_hdr(&h);
	h.flags = XFRM_MIGRATE_STATE_CLEAR_OFFLOAD;
	xms_parse_notification(mk_notif(buf, XMS_BACKEND_NATIVE, &h, add_removal),
			       XMS_BACKEND_NATIVE, 0, &n);
	s = render(&n, false);
	CHECK_STR(s, "Migrated state dir out proto esp spi 0x00001000 dst 10.0.0.1\n"
		  " new-dst 10.0.1.1 new-src 10.0.1.2 new-reqid 100 encap none offload none\n");
	free(s);

	/* IPv4 -> IPv6, no dir */
	base_hdr(&h);
	h.new_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::1", &h.new_daddr);
	inet_pton(AF_INET6, "2001:db8::2", &h.new_saddr);
	h.id.proto = IPPROTO_COMP;
	xms_parse_notification(mk_notif(buf, XMS_BACKEND_MODULE, &h, NULL),
			       XMS_BACKEND_MODULE, 0x20, &n);
	s = render(&n, false);
	CHECK_STR(s, "Migrated state proto comp spi 0x00001000 dst 10.0.0.1\n"
		  " new-dst 2001:db8::1 new-src 2001:db8::2 new-reqid 100\n");
	free(s);
}

static void test_json(void)
{
	char buf[1024] __attribute__((aligned(4)));
	struct xfrm_user_migrate_state h;
	struct xms_notification n;
	char *s;

	base_hdr(&h);
	xms_parse_notification(mk_notif(buf, XMS_BACKEND_MODULE, &h, add_removal),
			       XMS_BACKEND_MODULE, 0x20, &n);
	s = render(&n, true);
	CHECK_STR(s, "{\"event\":\"migrated-state\",\"backend\":\"module\",\"nlmsg_pid\":321,"
		  "\"nlmsg_seq\":654,\"dir\":\"out\",\"proto\":\"esp\",\"spi\":\"0x00001000\","
		  "\"family\":\"inet\",\"dst\":\"10.0.0.1\",\"mark\":{\"value\":0,\"mask\":0},"
		  "\"new_family\":\"inet\",\"new_dst\":\"10.0.1.1\",\"new_src\":\"10.0.1.2\","
		  "\"new_reqid\":100,\"flags\":0,\"sel\":{\"family\":\"unspec\",\"proto\":0,"
		  "\"sport\":0,\"dport\":0,\"ifindex\":0},\"encap\":{\"type\":\"none\"}}\n");
	free(s);
}

/*
 * One output path: the same notification, every field present, in text
 * and in JSON; each field in both, in the same order, with the words of
 * `ip xfrm monitor` and the JSON keys users parse.
 */
static void test_same_both(void)
{
	char buf[1024] __attribute__((aligned(4)));
	struct xfrm_user_migrate_state h;
	struct xms_notification n;
	char *s;

	base_hdr(&h);
	h.old_mark.v = 5;
	h.old_mark.m = 0xff;
	h.flags = XFRM_MIGRATE_STATE_UPDATE_H2H_SEL;
	h.new_sel.family = AF_INET;
	inet_pton(AF_INET, "10.0.1.2", &h.new_sel.saddr.a4);
	inet_pton(AF_INET, "10.0.1.1", &h.new_sel.daddr.a4);
	h.new_sel.prefixlen_s = 32;
	h.new_sel.prefixlen_d = 32;
	h.new_sel.proto = IPPROTO_UDP;
	h.new_sel.dport = htons(53);
	xms_parse_notification(mk_notif(buf, XMS_BACKEND_NATIVE, &h, add_all),
			       XMS_BACKEND_NATIVE, 0, &n);
	n.attrs.offload.flags |= XFRM_OFFLOAD_PACKET;
	inet_pton(AF_INET, "192.0.2.9", &n.attrs.encap.encap_oa.a4);

	s = render(&n, false);
	CHECK_STR(s, "Migrated state dir in proto esp spi 0x00001000 dst 10.0.0.1 mark 0x5/0xff\n"
		  " new-dst 10.0.1.1 new-src 10.0.1.2 new-reqid 100 new-mark 0x2/0xff "
		  "set-mark 0x30/0xf0 encap espinudp sport 4500 dport 4501 addr 192.0.2.9 "
		  "offload dev lo dir in packet mtimer-thresh 60 nat-keepalive 20\n");
	free(s);
	s = render(&n, true);
	CHECK_STR(s, "{\"event\":\"migrated-state\",\"backend\":\"native\",\"nlmsg_pid\":321,"
		  "\"nlmsg_seq\":654,\"dir\":\"in\",\"proto\":\"esp\",\"spi\":\"0x00001000\","
		  "\"family\":\"inet\",\"dst\":\"10.0.0.1\",\"mark\":{\"value\":5,\"mask\":255},"
		  "\"new_family\":\"inet\",\"new_dst\":\"10.0.1.1\",\"new_src\":\"10.0.1.2\","
		  "\"new_reqid\":100,\"flags\":2,\"sel\":{\"family\":\"inet\",\"src\":\"10.0.1.2\","
		  "\"prefixlen_s\":32,\"dst\":\"10.0.1.1\",\"prefixlen_d\":32,\"proto\":17,"
		  "\"sport\":0,\"dport\":53,\"ifindex\":0},"
		  "\"new_mark\":{\"value\":2,\"mask\":255},\"set_mark\":{\"value\":48,\"mask\":240},"
		  "\"encap\":{\"type\":\"espinudp\",\"sport\":4500,\"dport\":4501,\"oa\":\"192.0.2.9\"},"
		  "\"offload\":{\"dev\":\"lo\",\"ifindex\":1,\"dir\":\"in\",\"packet\":true},"
		  "\"mtimer_thresh\":60,\"nat_keepalive\":20}\n");
	free(s);

	/* an unknown encapsulation type and a set-mark without mask */
	n.attrs.encap.encap_type = 7;
	memset(&n.attrs.encap.encap_oa, 0, sizeof(n.attrs.encap.encap_oa));
	n.attrs.present &= ~(XMS_ATTR_SET_MARK_MASK | XMS_ATTR_OFFLOAD |
			     XMS_ATTR_MARK | XMS_ATTR_MTIMER_THRESH |
			     XMS_ATTR_NAT_KEEPALIVE | XMS_ATTR_SA_DIR);
	s = render(&n, false);
	CHECK_STR(s, "Migrated state proto esp spi 0x00001000 dst 10.0.0.1 mark 0x5/0xff\n"
		  " new-dst 10.0.1.1 new-src 10.0.1.2 new-reqid 100 "
		  "set-mark 0x30/0xffffffff encap 7 sport 4500 dport 4501\n");
	free(s);
	s = render(&n, true);
	CHECK(s && strstr(s, ",\"set_mark\":{\"value\":48,\"mask\":4294967295},"
			  "\"encap\":{\"type\":7,\"sport\":4500,\"dport\":4501,"
			  "\"oa\":\"0.0.0.0\"}}\n"));
	free(s);
}

/* Probe and info: "word: value" lines, and JSON with the same fields. */
static void test_probe_info_both(void)
{
	struct xms_probe_result r;
	struct xms_info info;
	char *out = NULL;
	size_t len = 0;
	FILE *f;
	int json;

	memset(&r, 0, sizeof(r));
	r.backend = XMS_BACKEND_MODULE;
	r.reason = XMS_REASON_OK;
	r.native_err = -EINVAL;
	r.module_err = 0;
	strcpy(r.reason_text, "module: \"x\"");
	strcpy(r.module_version, "0.2.0");
	r.family_version = 1;
	r.family_id = 0x20;
	r.mcgrp_id = 9;
	for (json = 0; json < 2; json++) {
		f = open_memstream(&out, &len);
		xm_print_probe(f, &r, json);
		fclose(f);
		CHECK_STR(out, json ?
			  "{\"backend\":\"module\",\"reason_code\":\"ok\","
			  "\"reason\":\"module: \\\"x\\\"\",\"native_errno\":\"EINVAL\","
			  "\"module_errno\":\"0\",\"module_version\":\"0.2.0\","
			  "\"family_version\":1,\"family_id\":32,\"mcast_group_id\":9}\n" :
			  "backend: module\nreason: module: \"x\"\n"
			  "module-version: 0.2.0\nfamily-version: 1\n");
		free(out);
	}
	r.backend = XMS_BACKEND_NONE;
	r.module_err = 1;	/* not tried */
	f = open_memstream(&out, &len);
	xm_print_probe(f, &r, true);
	fclose(f);
	CHECK(out && strstr(out, "\"native_errno\":\"EINVAL\",\"module_errno\":null}\n"));
	free(out);

	xms_native_info(&info);
	strcpy(info.kernel_release, "7.2.0");
	for (json = 0; json < 2; json++) {
		f = open_memstream(&out, &len);
		xm_print_info(f, &info, json);
		fclose(f);
		CHECK_STR(out, json ?
			  "{\"backend\":\"native\",\"module_version\":\"native\","
			  "\"family_version\":0,\"flags\":3,"
			  "\"attributes\":[4,21,28,29,30,32,34],"
			  "\"kernel_release\":\"7.2.0\",\"caps\":31,"
			  "\"cap_names\":[\"nat-keepalive\",\"sa-dir\",\"packet-offload\","
			  "\"mtimer\",\"native-notify\"]}\n" :
			  "backend: native\nmodule-version: native\nfamily-version: 0\n"
			  "flags: 0x3 clear-offload update-h2h-sel\n"
			  "attributes: encap mark offload-dev set-mark set-mark-mask "
			  "mtimer-thresh nat-keepalive-interval\n"
			  "kernel-release: 7.2.0\n"
			  "caps: 0x1f nat-keepalive sa-dir packet-offload mtimer native-notify\n");
		free(out);
	}
	info.n_attrs = 0;
	info.n_attrs_total = 2;
	info.caps = 0;
	info.flags = 0;
	for (json = 0; json < 2; json++) {
		f = open_memstream(&out, &len);
		xm_print_info(f, &info, json);
		fclose(f);
		CHECK(out && strstr(out, json ?
			  "\"flags\":0,\"attributes\":[],\"attributes_total\":2,"
			  "\"kernel_release\":\"7.2.0\",\"caps\":0,\"cap_names\":[]}\n" :
			  "flags: 0x0\nattributes: (+2 not shown)\nkernel-release: 7.2.0\n"
			  "caps: 0x0\n"));
		free(out);
	}
}

static void test_info_parse(void)
{
	char buf[1024] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct xms_info info;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 0x20;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = XFRM_MIGSTATE_CMD_GET_INFO;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct xfrm_user_migrate_state));
	mnl_attr_put_strz(nlh, XFRM_MIGSTATE_INFO_MODULE_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_FAMILY_VERSION, 1);
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS, 3);
	mnl_attr_put_u16(nlh, XFRM_MIGSTATE_INFO_ATTR, 4);
	mnl_attr_put_u16(nlh, XFRM_MIGSTATE_INFO_ATTR, 21);
	mnl_attr_put_strz(nlh, XFRM_MIGSTATE_INFO_KERNEL_RELEASE, "6.1.0-test");
	mnl_attr_put_u32(nlh, XFRM_MIGSTATE_INFO_CAPS, XFRM_MIGSTATE_CAP_MTIMER);
	CHECK_EQ(xms_parse_info(nlh, &info), 0);
	CHECK_STR(info.module_version, "0.1.0");
	CHECK_EQ(info.family_version, 1);
	CHECK_EQ(info.flags, 3);
	CHECK_EQ(info.n_attrs, 2);
	CHECK_EQ(info.attrs[1], 21);
	CHECK_STR(info.kernel_release, "6.1.0-test");
	CHECK_EQ(info.caps, XFRM_MIGSTATE_CAP_MTIMER);

	f = open_memstream(&out, &len);
	xm_print_info(f, &info, false);
	fclose(f);
	CHECK_STR(out, "backend: module\nmodule-version: 0.1.0\nfamily-version: 1\n"
		  "flags: 0x3 clear-offload update-h2h-sel\nattributes: encap mark\n"
		  "kernel-release: 6.1.0-test\ncaps: 0x8 mtimer\n");
	free(out);

	/*
	 * An unaligned nlmsg_len, in a buffer of exactly that size: the walk
	 * stops at nlmsg_len, not at its aligned tail (ASan checks).
	 */
	{
		uint32_t n = nlh->nlmsg_len + 1;
		struct nlmsghdr *exact = malloc(n);

		memcpy(exact, nlh, n);
		exact->nlmsg_len = n;
		CHECK_EQ(xms_parse_info(exact, &info), 0);
		CHECK_EQ(info.caps, XFRM_MIGSTATE_CAP_MTIMER);
		free(exact);
	}

	xms_native_info(&info);
	CHECK_STR(info.module_version, "native");
	CHECK_EQ(info.flags, 3);
	CHECK_EQ(info.n_attrs, 7);
	CHECK_EQ(info.n_attrs_total, 7);
	CHECK_EQ(info.backend, XMS_BACKEND_NATIVE);
	CHECK_EQ(xms_info_accepts(&info, XFRM_MIGSTATE_XFRMA_ENCAP), 1);
	CHECK_EQ(xms_info_accepts(&info, XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL), 1);
	/* upstream 7.2 refuses XFRMA_IF_ID in MIGRATE_STATE */
	CHECK_EQ(xms_info_accepts(&info, XFRM_MIGSTATE_XFRMA_IF_ID), 0);
	CHECK_EQ(xms_info_accepts(NULL, 4), -EINVAL);
}

/* More accepted types than 0.1's 16 slots: kept; beyond the array: said. */
static void test_info_many_attrs(void)
{
	char buf[2048] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct xms_info info;
	unsigned int i, n;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	for (n = 40; n <= XMS_INFO_MAX_ATTRS + 6; n += XMS_INFO_MAX_ATTRS + 6 - 40) {
		memset(buf, 0, sizeof(buf));
		nlh = mnl_nlmsg_put_header(buf);
		nlh->nlmsg_type = 0x20;
		g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
		g->cmd = XFRM_MIGSTATE_CMD_GET_INFO;
		mnl_nlmsg_put_extra_header(nlh, sizeof(struct xfrm_user_migrate_state));
		for (i = 0; i < n; i++)
			mnl_attr_put_u16(nlh, XFRM_MIGSTATE_INFO_ATTR, (uint16_t)(i + 1));
		CHECK_EQ(xms_parse_info(nlh, &info), 0);
		CHECK_EQ(info.n_attrs_total, n);
		CHECK_EQ(info.n_attrs, n < XMS_INFO_MAX_ATTRS ? n : XMS_INFO_MAX_ATTRS);
		CHECK_EQ(info.attrs[info.n_attrs - 1], info.n_attrs);
		CHECK_EQ(xms_info_accepts(&info, 17), 1);	/* 0.1 lost it */
		CHECK_EQ(xms_info_accepts(&info, 36), 1);
		CHECK_EQ(xms_info_accepts(&info, 0), n > XMS_INFO_MAX_ATTRS ? -ERANGE : 0);
		CHECK_EQ(xms_info_accepts(&info, n + 1),
			 n > XMS_INFO_MAX_ATTRS ? -ERANGE : 0);
	}
	/* the text output says how many it could not show */
	f = open_memstream(&out, &len);
	xm_print_info(f, &info, false);
	fclose(f);
	CHECK(out && strstr(out, " 64 (+6 not shown)\n"));
	free(out);
}

void test_notify(void)
{
	test_parse_both();
	test_text();
	test_json();
	test_same_both();
	test_probe_info_both();
	test_info_parse();
	test_info_many_attrs();
}
