// SPDX-License-Identifier: GPL-2.0
/* Message encoding: golden bytes of the header and of every attribute. */
#include <errno.h>
#include <stddef.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>
#include <linux/udp.h>

#include "xfrm-migrate.h"
#include "t.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "golden bytes below are written for little-endian hosts"
#endif

static void fill_req(struct xfrm_user_migrate_state *r)
{
	memset(r, 0, sizeof(*r));
	inet_pton(AF_INET, "10.1.2.3", &r->id.daddr.a4);
	r->id.spi = htonl(0x11223344);
	r->id.family = AF_INET;
	r->id.proto = IPPROTO_ESP;
	inet_pton(AF_INET, "10.9.9.9", &r->new_daddr.a4);
	inet_pton(AF_INET, "10.8.8.8", &r->new_saddr.a4);
	r->old_mark.v = 0x5;
	r->old_mark.m = 0xff;
	inet_pton(AF_INET, "192.168.1.0", &r->new_sel.daddr.a4);
	inet_pton(AF_INET, "192.168.2.0", &r->new_sel.saddr.a4);
	r->new_sel.dport = htons(443);
	r->new_sel.dport_mask = 0xffff;
	r->new_sel.family = AF_INET;
	r->new_sel.prefixlen_d = 24;
	r->new_sel.prefixlen_s = 23;
	r->new_sel.proto = IPPROTO_TCP;
	r->new_sel.ifindex = 7;
	r->new_reqid = 0x01020304;
	r->flags = XFRM_MIGRATE_STATE_UPDATE_H2H_SEL;
	r->new_family = AF_INET6;
}

/* The 132-byte body of fill_req(), little-endian host fields. */
static const unsigned char golden_hdr[132] = {
	/* 0: id.daddr */
	0x0a, 0x01, 0x02, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 16: id.spi (be), 20: family, 22: proto, 23: pad */
	0x11, 0x22, 0x33, 0x44, 0x02, 0x00, 0x32, 0x00,
	/* 24: new_daddr */
	0x0a, 0x09, 0x09, 0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 40: new_saddr */
	0x0a, 0x08, 0x08, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 56: old_mark v, m */
	0x05, 0, 0, 0, 0xff, 0, 0, 0,
	/* 64: new_sel.daddr */
	0xc0, 0xa8, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 80: new_sel.saddr */
	0xc0, 0xa8, 0x02, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 96: dport, dport_mask, sport, sport_mask */
	0x01, 0xbb, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	/* 104: family, prefixlen_d, prefixlen_s, proto, pad[3] */
	0x02, 0x00, 24, 23, 6, 0, 0, 0,
	/* 112: ifindex, user */
	0x07, 0, 0, 0, 0, 0, 0, 0,
	/* 120: new_reqid */
	0x04, 0x03, 0x02, 0x01,
	/* 124: flags */
	0x02, 0, 0, 0,
	/* 128: new_family, 130: reserved */
	0x0a, 0x00, 0x00, 0x00,
};

static void test_layout(void)
{
	CHECK_EQ(sizeof(struct xfrm_user_migrate_state), 132);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, id), 0);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, new_daddr), 24);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, new_saddr), 40);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, old_mark), 56);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, new_sel), 64);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, new_reqid), 120);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, flags), 124);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, new_family), 128);
	CHECK_EQ(offsetof(struct xfrm_user_migrate_state, reserved), 130);
	CHECK_EQ(XFRM_MSG_MIGRATE_STATE, 41);
	CHECK_EQ(XFRM_MIGRATE_STATE_CLEAR_OFFLOAD, 1);
	CHECK_EQ(XFRM_MIGRATE_STATE_UPDATE_H2H_SEL, 2);
	CHECK_EQ(XFRM_MIGRATE_STATE_NO_OFFLOAD, 1);
	CHECK_EQ(XFRM_MIGRATE_STATE_UPDATE_SEL, 2);
}

static void test_header_golden(void)
{
	static const unsigned char nlhdr[16] = {
		148, 0, 0, 0,		/* nlmsg_len = 16 + 132 */
		41, 0,			/* XFRM_MSG_MIGRATE_STATE */
		0x05, 0x00,		/* NLM_F_REQUEST | NLM_F_ACK */
		0x78, 0x56, 0x34, 0x12,	/* seq */
		0, 0, 0, 0,		/* pid 0, like iproute2 */
	};
	struct xfrm_user_migrate_state r;
	unsigned char buf[512];
	int len;

	fill_req(&r);
	CHECK_MEM(&r, golden_hdr, 132);
	len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0,
				0x12345678, &r, NULL);
	CHECK_EQ(len, 148);
	CHECK_MEM(buf, nlhdr, 16);
	CHECK_MEM(buf + 16, golden_hdr, 132);
}

struct attr_case {
	const char *name;
	struct xms_attrs a;
	unsigned int glen;
	unsigned char golden[40];
	uint32_t flags_or;
};

static void test_attr_golden(void)
{
	struct attr_case c[] = {
		{ "encap espinudp", { .present = XMS_ATTR_ENCAP,
		  .encap = { .encap_type = UDP_ENCAP_ESPINUDP,
			     .encap_sport = htons(4500), .encap_dport = htons(4501),
			     .encap_oa = { .a4 = htonl(0x01020304) } } }, 28,
		  { 28, 0, 4, 0, 2, 0, 0x11, 0x94, 0x11, 0x95, 0, 0,
		    1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0 },
		{ "encap none", { .present = XMS_ATTR_ENCAP_REMOVE }, 28,
		  { 28, 0, 4, 0 }, 0 },
		{ "new mark", { .present = XMS_ATTR_MARK,
		  .mark = { .v = 0x2, .m = 0xff } }, 12,
		  { 12, 0, 21, 0, 2, 0, 0, 0, 0xff, 0, 0, 0 }, 0 },
		{ "offload", { .present = XMS_ATTR_OFFLOAD,
		  .offload = { .ifindex = 3, .flags = XFRM_OFFLOAD_INBOUND |
			       XFRM_OFFLOAD_PACKET } }, 12,
		  { 12, 0, 28, 0, 3, 0, 0, 0, 6, 0, 0, 0 }, 0 },
		{ "set-mark", { .present = XMS_ATTR_SET_MARK, .set_mark = 0x10 }, 8,
		  { 8, 0, 29, 0, 0x10, 0, 0, 0 }, 0 },
		{ "set-mark mask", { .present = XMS_ATTR_SET_MARK | XMS_ATTR_SET_MARK_MASK,
		  .set_mark = 0x10, .set_mark_mask = 0xf0 }, 16,
		  { 8, 0, 29, 0, 0x10, 0, 0, 0, 8, 0, 30, 0, 0xf0, 0, 0, 0 }, 0 },
		{ "if-id (encoded; kernels refuse it)", { .present = XMS_ATTR_IF_ID,
		  .if_id = 0x2a }, 8,
		  { 8, 0, 31, 0, 0x2a, 0, 0, 0 }, 0 },
		{ "mtimer", { .present = XMS_ATTR_MTIMER_THRESH, .mtimer_thresh = 60 }, 8,
		  { 8, 0, 32, 0, 60, 0, 0, 0 }, 0 },
		{ "nat keepalive", { .present = XMS_ATTR_NAT_KEEPALIVE, .nat_keepalive = 20 }, 8,
		  { 8, 0, 34, 0, 20, 0, 0, 0 }, 0 },
		{ "offload clear", { .present = XMS_ATTR_OFFLOAD_CLEAR }, 0, { 0 },
		  XFRM_MIGRATE_STATE_CLEAR_OFFLOAD },
		{ "sa dir (output only, not sent)", { .present = XMS_ATTR_SA_DIR,
		  .sa_dir = 1 }, 0, { 0 }, 0 },
	};
	struct xfrm_user_migrate_state r;
	unsigned char buf[512];
	size_t i;

	fill_req(&r);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct xfrm_user_migrate_state *h = (void *)(buf + 16);
		int len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE,
					    0, 1, &r, &c[i].a);

		CHECK_EQ(len, 148 + (int)c[i].glen);
		if (len != 148 + (int)c[i].glen) {
			fprintf(stderr, "  case %s\n", c[i].name);
			continue;
		}
		CHECK_MEM(buf + 148, c[i].golden, c[i].glen);
		CHECK_EQ(h->flags, r.flags | c[i].flags_or);
	}
}

static void test_all_attrs_order(void)
{
	struct xfrm_user_migrate_state r;
	struct xms_attrs a = { 0 }, back;
	unsigned char buf[512];
	uint16_t types[9];
	unsigned int n = 0, off;
	int len;

	fill_req(&r);
	a.present = XMS_ATTR_ENCAP | XMS_ATTR_MARK | XMS_ATTR_OFFLOAD |
		    XMS_ATTR_SET_MARK | XMS_ATTR_SET_MARK_MASK |
		    XMS_ATTR_MTIMER_THRESH | XMS_ATTR_NAT_KEEPALIVE | XMS_ATTR_IF_ID;
	a.encap.encap_type = UDP_ENCAP_ESPINUDP;
	a.encap.encap_sport = htons(4500);
	a.encap.encap_dport = htons(4500);
	a.mark.v = 1;
	a.mark.m = 0xffffffff;
	a.offload.ifindex = 9;
	a.set_mark = 7;
	a.set_mark_mask = 0xff;
	a.mtimer_thresh = 30;
	a.nat_keepalive = 15;
	a.if_id = 0xdeadbeef;
	len = xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, &r, &a);
	CHECK_EQ(len, 148 + 28 + 12 + 12 + 8 + 8 + 8 + 8 + 8);
	for (off = 148; off + 4 <= (unsigned int)len && n < 9; n++) {
		uint16_t l, t;

		memcpy(&l, buf + off, 2);
		memcpy(&t, buf + off + 2, 2);
		types[n] = t;
		off += (l + 3u) & ~3u;
	}
	CHECK_EQ(n, 8);
	CHECK_EQ(types[0], 4);
	CHECK_EQ(types[1], 21);
	CHECK_EQ(types[2], 28);
	CHECK_EQ(types[3], 29);
	CHECK_EQ(types[4], 30);
	CHECK_EQ(types[5], 31);
	CHECK_EQ(types[6], 32);
	CHECK_EQ(types[7], 34);
	/* round trip through the parser */
	CHECK_EQ(xms_parse_attrs(buf + 148, (size_t)len - 148, &back), 0);
	CHECK_EQ(back.present, a.present);
	CHECK_MEM(&back.encap, &a.encap, sizeof(a.encap));
	CHECK_MEM(&back.mark, &a.mark, sizeof(a.mark));
	CHECK_EQ(back.offload.ifindex, 9);
	CHECK_EQ(back.set_mark, 7);
	CHECK_EQ(back.set_mark_mask, 0xff);
	CHECK_EQ(back.mtimer_thresh, 30);
	CHECK_EQ(back.nat_keepalive, 15);
	CHECK_EQ(back.if_id, 0xdeadbeef);
}

/* ABI rules: fixed sizes, reserved space checked zero on input. */
static void test_abi_rules(void)
{
	struct xfrm_user_migrate_state r;
	struct xms_attrs a = { .present = XMS_ATTR_MARK, .mark = { 1, 1 } };
	unsigned char buf[512];
	struct xms_handle *h = NULL;
	unsigned int i;

#if defined(__x86_64__) || defined(__aarch64__)
	/* the sizes of 0.2.0 on LP64: they never change */
	CHECK_EQ(sizeof(struct xms_probe_result), 380);
	CHECK_EQ(sizeof(struct xms_attrs), 196);
	CHECK_EQ(sizeof(struct xms_notification), 404);
	CHECK_EQ(sizeof(struct xms_info), 376);
	CHECK_EQ(sizeof(struct xms_sa), 488);
	CHECK_EQ(sizeof(struct xms_drop_stats), 64);
#endif
	/* the reserved tail ends each caller-allocated struct */
	CHECK(offsetof(struct xms_attrs, reserved) + sizeof(a.reserved) ==
	      sizeof(struct xms_attrs));
	CHECK(offsetof(struct xms_info, reserved) + sizeof(((struct xms_info *)0)->reserved) ==
	      sizeof(struct xms_info));
	CHECK(offsetof(struct xms_probe_result, reserved) +
	      sizeof(((struct xms_probe_result *)0)->reserved) ==
	      sizeof(struct xms_probe_result));
	CHECK(offsetof(struct xms_notification, reserved) +
	      sizeof(((struct xms_notification *)0)->reserved) ==
	      sizeof(struct xms_notification));
	CHECK(offsetof(struct xms_sa, reserved) + sizeof(((struct xms_sa *)0)->reserved) +
	      8 > sizeof(struct xms_sa));

	fill_req(&r);
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, &r, &a),
		 148 + 12);
	/* any non-zero reserved word: -EINVAL, nothing built */
	for (i = 0; i < XMS_ATTRS_RESERVED; i += XMS_ATTRS_RESERVED - 1) {
		a.reserved[i] = 1;
		CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1,
					   &r, &a), -EINVAL);
		CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_MODULE, 7, 1,
					   &r, &a), -EINVAL);
		a.reserved[i] = 0;
	}
	a.pad[2] = 0x80;
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, &r, &a),
		 -EINVAL);
	a.pad[2] = 0;
	/* a presence bit of a later version: refused, not ignored */
	a.present |= XMS_ATTR_KNOWN + 1;
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, &r, &a),
		 -EINVAL);
	a.present = 1u << 31;
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, &r, &a),
		 -EINVAL);
	/* xms_migrate() refuses before it probes or sends anything */
	CHECK_EQ(xms_open(XMS_BACKEND_NATIVE, &h), 0);
	if (h) {
		char ext[XMS_EXTACK_LEN] = "x";

		CHECK_EQ(xms_migrate(h, &r, &a, ext, sizeof(ext), NULL), -EINVAL);
		a.present = XMS_ATTR_MARK;
		a.reserved[3] = 5;
		CHECK_EQ(xms_migrate(h, &r, &a, ext, sizeof(ext), NULL), -EINVAL);
		xms_close(h);
	}
}

static void test_genl_wrap(void)
{
	struct xfrm_user_migrate_state r;
	struct xms_attrs a = { 0 };
	unsigned char nat[512], gen[512], wrap[512];
	struct nlmsghdr *n = (void *)nat, *g = (void *)gen;
	struct genlmsghdr *gh = (void *)(gen + 16);
	int nl, gl, wl;

	fill_req(&r);
	a.present = XMS_ATTR_ENCAP_REMOVE | XMS_ATTR_MARK | XMS_ATTR_SET_MARK |
		    XMS_ATTR_OFFLOAD_CLEAR;
	a.mark.v = 3;
	a.mark.m = 0xf;
	a.set_mark = 0x100;
	nl = xms_build_request(nat, sizeof(nat), XMS_BACKEND_NATIVE, 0, 77, &r, &a);
	gl = xms_build_request(gen, sizeof(gen), XMS_BACKEND_MODULE, 0x1234, 77, &r, &a);
	CHECK(nl > 148);
	CHECK_EQ(gl, nl + 4);
	CHECK_EQ(g->nlmsg_type, 0x1234);
	CHECK_EQ(g->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	CHECK_EQ(g->nlmsg_seq, 77);
	CHECK_EQ(gh->cmd, XFRM_MIGSTATE_CMD_MIGRATE_STATE);
	CHECK_EQ(gh->version, 1);
	CHECK_EQ(gh->reserved, 0);
	/* the body is byte for byte the native body */
	CHECK_MEM(gen + 20, nat + 16, (size_t)nl - 16);
	CHECK_EQ(n->nlmsg_type, 41);

	/* raw pass-through re-wrapping gives the same message */
	n->nlmsg_pid = 0;
	wl = xms_native_to_genl(wrap, sizeof(wrap), n, 0x1234, 77);
	CHECK_EQ(wl, gl);
	CHECK_MEM(wrap, gen, (size_t)gl);
	/* pid and seq of the native message are kept */
	n->nlmsg_pid = 4242;
	wl = xms_native_to_genl(wrap, sizeof(wrap), n, 0x1234, 78);
	CHECK_EQ(((struct nlmsghdr *)wrap)->nlmsg_pid, 4242);
	CHECK_EQ(((struct nlmsghdr *)wrap)->nlmsg_seq, 78);
	/* a non-migrate message is refused */
	n->nlmsg_type = XFRM_MSG_NEWSA;
	CHECK_EQ(xms_native_to_genl(wrap, sizeof(wrap), n, 0x1234, 1), -EINVAL);
	n->nlmsg_type = 41;
	n->nlmsg_len = 100;
	CHECK_EQ(xms_native_to_genl(wrap, sizeof(wrap), n, 0x1234, 1), -EINVAL);
}

static void test_encode_errors(void)
{
	struct xfrm_user_migrate_state r;
	struct xms_attrs a = { .present = XMS_ATTR_ENCAP | XMS_ATTR_ENCAP_REMOVE };
	unsigned char buf[512];

	fill_req(&r);
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, &r, &a), -EINVAL);
	CHECK_EQ(xms_build_request(buf, 100, XMS_BACKEND_NATIVE, 0, 1, &r, NULL), -EMSGSIZE);
	a.present = XMS_ATTR_MARK;
	CHECK_EQ(xms_build_request(buf, 150, XMS_BACKEND_NATIVE, 0, 1, &r, &a), -EMSGSIZE);
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NONE, 0, 1, &r, NULL), -EINVAL);
	CHECK_EQ(xms_build_request(buf, sizeof(buf), XMS_BACKEND_NATIVE, 0, 1, NULL, NULL), -EINVAL);
}

void test_encode(void)
{
	test_layout();
	test_header_golden();
	test_attr_golden();
	test_all_attrs_order();
	test_genl_wrap();
	test_encode_errors();
	test_abi_rules();
}
