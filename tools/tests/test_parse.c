// SPDX-License-Identifier: GPL-2.0
/* CLI argument parsing: every option, and the request built from an SA. */
#include <errno.h>
#include <arpa/inet.h>
#include <linux/udp.h>

#include "cli.h"
#include "t.h"

static char err[256];

/* Split a command line (words separated by single spaces). */
static int parse_line(const char *line, struct xm_opts *o)
{
	static char copy[1024];
	char *argv[64];
	int argc = 0;
	char *p;

	argv[argc++] = "xfrm-migrate";
	snprintf(copy, sizeof(copy), "%s", line);
	for (p = strtok(copy, " "); p && argc < 63; p = strtok(NULL, " "))
		argv[argc++] = p;
	argv[argc] = NULL;
	err[0] = '\0';
	return xm_parse_args(argc, argv, o, err, sizeof(err));
}

static uint32_t v4(const char *s)
{
	uint32_t a;

	inet_pton(AF_INET, s, &a);
	return a;
}

static void test_global(void)
{
	struct xm_opts o;

	CHECK_EQ(parse_line("probe", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_PROBE);
	CHECK(!o.json);
	CHECK_EQ(o.backend, XMS_BACKEND_AUTO);
	CHECK_EQ(parse_line("-j --backend module -n blue info", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_INFO);
	CHECK(o.json);
	CHECK_EQ(o.backend, XMS_BACKEND_MODULE);
	CHECK_STR(o.netns, "blue");
	CHECK_EQ(parse_line("--json --backend=native --netns red version", &o), 0);
	CHECK_EQ(o.backend, XMS_BACKEND_NATIVE);
	CHECK_STR(o.netns, "red");
	CHECK_EQ(o.cmd, XM_CMD_VERSION);
	CHECK_EQ(parse_line("--backend auto monitor", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_MONITOR);
	CHECK_EQ(parse_line("--help", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_HELP);
	CHECK_EQ(parse_line("-V", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_VERSION);
	CHECK_EQ(parse_line("help", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_HELP);

	CHECK_EQ(parse_line("", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "no command given");
	CHECK_EQ(parse_line("--backend foo probe", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("--backend", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("-n", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("-x probe", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "unknown option \"-x\"");
	CHECK_EQ(parse_line("frobnicate", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "unknown command \"frobnicate\"");
	CHECK_EQ(parse_line("probe extra", &o), XM_EXIT_USAGE);
}

static void test_monitor_opts(void)
{
	struct xm_opts o;

	CHECK_EQ(parse_line("monitor --count 3 --timeout 10 --both --ready /tmp/r", &o), 0);
	CHECK_EQ(o.mon.count, 3);
	CHECK_EQ(o.mon.timeout, 10);
	CHECK_EQ(o.mon.which, XMS_MON_NATIVE | XMS_MON_MODULE);
	CHECK_STR(o.mon.ready_file, "/tmp/r");
	CHECK_EQ(parse_line("monitor --native", &o), 0);
	CHECK_EQ(o.mon.which, XMS_MON_NATIVE);
	CHECK_EQ(parse_line("monitor --module", &o), 0);
	CHECK_EQ(o.mon.which, XMS_MON_MODULE);
	CHECK_EQ(parse_line("monitor", &o), 0);
	CHECK_EQ(o.mon.which, 0);
	CHECK_EQ(o.mon.count, 0);
	CHECK_EQ(parse_line("monitor --count 0", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("monitor --count", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("monitor --count x", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("monitor --bogus", &o), XM_EXIT_USAGE);
}

static void test_migrate_minimal(void)
{
	struct xm_opts o;
	struct xm_migrate *m = &o.mig;

	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x1000", &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_MIGRATE);
	CHECK_EQ(m->dst.family, AF_INET);
	CHECK_EQ(m->dst.a.a4, v4("10.0.0.1"));
	CHECK_EQ(m->proto, IPPROTO_ESP);
	CHECK_EQ(m->spi, 0x1000);
	CHECK_EQ(m->src.family, 0);
	CHECK(!m->has_mark);
	CHECK_EQ(m->attrs.present, 0);
	CHECK(!m->has_sel && !m->h2h_sel && !m->has_new_reqid);

	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto ah spi 4096", &o), 0);
	CHECK_EQ(m->proto, IPPROTO_AH);
	CHECK_EQ(m->spi, 4096);
	CHECK_EQ(parse_line("migrate dst 2001:db8::1 proto comp spi 0x4001", &o), 0);
	CHECK_EQ(m->proto, IPPROTO_COMP);
	CHECK_EQ(m->dst.family, AF_INET6);

	CHECK_EQ(parse_line("migrate proto esp spi 1", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "dst ADDR is required");
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 spi 1", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto gre spi 1", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.300 proto esp spi 1", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x100000000", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi -1", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 dst 10.0.0.2 proto esp spi 1", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 bogus", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "unknown argument \"bogus\"");
	CHECK_EQ(parse_line("migrate src 2001:db8::2 dst 10.0.0.1 proto esp spi 1", &o), XM_EXIT_USAGE);
}

static void test_migrate_all(void)
{
	struct xm_opts o;
	struct xm_migrate *m = &o.mig;
	struct xms_attrs *a = &m->attrs;

	CHECK_EQ(parse_line("migrate src 10.0.0.2 dst 10.0.0.1 proto esp spi 0x1000 "
			    "mark 0x5 mask 0xff new-src 10.0.1.2 new-dst 10.0.1.1 "
			    "new-reqid 100 new-mark 0x2 mask 0xf set-mark 0x30 mask 0xf0 "
			    "encap espinudp 4500 4501 10.9.9.9 offload dev lo dir in packet "
			    "mtimer-thresh 60 nat-keepalive 20 h2h-sel", &o), 0);
	CHECK_EQ(m->src.a.a4, v4("10.0.0.2"));
	CHECK(m->has_mark);
	CHECK_EQ(m->mark.v, 5);
	CHECK_EQ(m->mark.m, 0xff);
	CHECK_EQ(m->new_src.a.a4, v4("10.0.1.2"));
	CHECK_EQ(m->new_dst.a.a4, v4("10.0.1.1"));
	CHECK(m->has_new_reqid);
	CHECK_EQ(m->new_reqid, 100);
	CHECK(a->present & XMS_ATTR_MARK);
	CHECK_EQ(a->mark.v, 2);
	CHECK_EQ(a->mark.m, 0xf);
	CHECK(a->present & XMS_ATTR_SET_MARK);
	CHECK(a->present & XMS_ATTR_SET_MARK_MASK);
	CHECK_EQ(a->set_mark, 0x30);
	CHECK_EQ(a->set_mark_mask, 0xf0);
	CHECK(a->present & XMS_ATTR_ENCAP);
	CHECK_EQ(a->encap.encap_type, UDP_ENCAP_ESPINUDP);
	CHECK_EQ(ntohs(a->encap.encap_sport), 4500);
	CHECK_EQ(ntohs(a->encap.encap_dport), 4501);
	CHECK_EQ(a->encap.encap_oa.a4, v4("10.9.9.9"));
	CHECK(a->present & XMS_ATTR_OFFLOAD);
	CHECK_STR(m->offload_dev, "lo");
	CHECK_EQ(a->offload.flags, XFRM_OFFLOAD_INBOUND | XFRM_OFFLOAD_PACKET);
	CHECK(a->present & XMS_ATTR_MTIMER_THRESH);
	CHECK_EQ(a->mtimer_thresh, 60);
	CHECK(a->present & XMS_ATTR_NAT_KEEPALIVE);
	CHECK_EQ(a->nat_keepalive, 20);
	CHECK(m->h2h_sel);

	/* defaults: masks 0xffffffff; set-mark without mask sends no mask */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 mark 7 new-mark 8 set-mark 9", &o), 0);
	CHECK_EQ(m->mark.m, 0xffffffff);
	CHECK_EQ(a->mark.v, 8);
	CHECK_EQ(a->mark.m, 0xffffffff);
	CHECK(a->present & XMS_ATTR_SET_MARK);
	CHECK(!(a->present & XMS_ATTR_SET_MARK_MASK));

	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 encap none offload none", &o), 0);
	CHECK_EQ(a->present, XMS_ATTR_ENCAP_REMOVE | XMS_ATTR_OFFLOAD_CLEAR);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 no-offload update-h2h-sel", &o), 0);
	CHECK_EQ(a->present, XMS_ATTR_OFFLOAD_CLEAR);
	CHECK(m->h2h_sel);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload dev eth0 dir out", &o), 0);
	CHECK_EQ(a->offload.flags, 0);
	CHECK_STR(m->offload_dev, "eth0");

	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 encap espinudp 4500 4500", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 encap espintcp 1 2 0.0.0.0", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 encap espinudp 70000 1 0.0.0.0", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 encap none encap none", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload dev eth0 dir sideways", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload dev eth0", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload none offload none", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 mark", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 mark 1 mask", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 new-reqid x", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 mtimer-thresh", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 nat-keepalive -5", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 new-src 10.0.0.2 new-dst 2001:db8::1", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 h2h-sel h2h-sel", &o), XM_EXIT_USAGE);
}

/* iproute2's spellings: output-mark, offload [crypto|packet] dev DEV dir DIR. */
static void test_iproute2_words(void)
{
	struct xm_opts o, p;
	struct xm_migrate *m = &o.mig;
	struct xms_attrs *a = &m->attrs;

	/* output-mark is set-mark, with or without mask */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 output-mark 0x30 mask 0xf0", &o), 0);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 set-mark 0x30 mask 0xf0", &p), 0);
	CHECK_MEM(&o.mig, &p.mig, sizeof(o.mig));
	CHECK_EQ(a->present, XMS_ATTR_SET_MARK | XMS_ATTR_SET_MARK_MASK);
	CHECK_EQ(a->set_mark, 0x30);
	CHECK_EQ(a->set_mark_mask, 0xf0);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 output-mark 9", &o), 0);
	CHECK_EQ(a->present, XMS_ATTR_SET_MARK);
	CHECK_EQ(a->set_mark, 9);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 output-mark", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "output-mark needs a number");
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 output-mark 1 mask", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "output-mark mask needs a number");

	/* offload packet dev DEV dir DIR == the old offload dev DEV dir DIR packet */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev eth0 dir in new-reqid 3", &o), 0);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload dev eth0 dir in packet new-reqid 3", &p), 0);
	CHECK_MEM(&o.mig, &p.mig, sizeof(o.mig));
	CHECK_EQ(a->present, XMS_ATTR_OFFLOAD);
	CHECK_EQ(a->offload.flags, XFRM_OFFLOAD_INBOUND | XFRM_OFFLOAD_PACKET);
	CHECK_STR(m->offload_dev, "eth0");
	CHECK_EQ(m->new_reqid, 3);
	/* crypto: the default, named */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload crypto dev eth0 dir out", &o), 0);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload dev eth0 dir out", &p), 0);
	CHECK_MEM(&o.mig, &p.mig, sizeof(o.mig));
	CHECK_EQ(a->offload.flags, 0);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev eth0 dir out", &o), 0);
	CHECK_EQ(a->offload.flags, XFRM_OFFLOAD_PACKET);

	/* a mode once, in one place; the rest of the syntax as before */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload crypto dev eth0 dir out packet", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "unknown argument \"packet\"");
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev eth0 dir in packet", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet crypto dev eth0 dir in", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev eth0", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "offload [ crypto | packet ] dev DEV dir { in | out } | offload none");
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev eth0 dir up", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet none", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev eth0 dir in offload none", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "offload given twice");
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 offload packet dev 0123456789abcdefX dir in", &o), XM_EXIT_USAGE);
	CHECK_STR(err, "offload: device name too long");
}

static void test_migrate_sel(void)
{
	struct xm_opts o;
	struct xm_migrate *m = &o.mig;

	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 192.168.1.0/24 "
			    "dst 192.168.2.0/23 proto tcp sport 1000 dport 443 dev lo", &o), 0);
	CHECK(m->has_sel);
	CHECK_EQ(m->sel.family, AF_INET);
	CHECK_EQ(m->sel.saddr.a4, v4("192.168.1.0"));
	CHECK_EQ(m->sel.prefixlen_s, 24);
	CHECK_EQ(m->sel.daddr.a4, v4("192.168.2.0"));
	CHECK_EQ(m->sel.prefixlen_d, 23);
	CHECK_EQ(m->sel.proto, IPPROTO_TCP);
	CHECK_EQ(ntohs(m->sel.sport), 1000);
	CHECK_EQ(m->sel.sport_mask, 0xffff);
	CHECK_EQ(ntohs(m->sel.dport), 443);
	CHECK_EQ(m->sel.dport_mask, 0xffff);
	CHECK_STR(m->sel_dev, "lo");
	CHECK_EQ(m->dst.a.a4, v4("10.0.0.1"));
	CHECK_EQ(m->proto, IPPROTO_ESP);

	/* a repeated key after the selector belongs to the command */
	CHECK_EQ(parse_line("migrate sel src 10.1.0.0/16 dst 10.2.0.0/16 dst 10.0.0.1 proto esp spi 1", &o), 0);
	CHECK_EQ(m->sel.prefixlen_s, 16);
	CHECK_EQ(m->dst.a.a4, v4("10.0.0.1"));
	CHECK_EQ(m->sel.proto, 0);
	CHECK_EQ(m->proto, IPPROTO_ESP);
	/* host prefix by default; IPv6 */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 2001:db8::1 dst 2001:db8::/32 proto 58", &o), 0);
	CHECK_EQ(m->sel.family, AF_INET6);
	CHECK_EQ(m->sel.prefixlen_s, 128);
	CHECK_EQ(m->sel.prefixlen_d, 32);
	CHECK_EQ(m->sel.proto, 58);

	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 10.0.0.0/8", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 10.0.0.0/33 dst 10.0.0.0/8", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 10.0.0.0/8 dst ::/0", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 10.0.0.0/8 dst 10.0.0.0/8 sport 5", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 10.0.0.0/8 dst 10.0.0.0/8 proto nope", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 1 sel src 10.0.0.0/8 dst 10.0.0.0/8 h2h-sel", &o), XM_EXIT_USAGE);
}

static void fake_sa(struct xms_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->info.id.daddr.a4 = v4("10.0.0.1");
	sa->info.id.spi = htonl(0x1000);
	sa->info.id.proto = IPPROTO_ESP;
	sa->info.saddr.a4 = v4("10.0.0.2");
	sa->info.family = AF_INET;
	sa->info.reqid = 7;
	sa->info.mode = XFRM_MODE_TUNNEL;
	sa->info.sel.family = AF_INET;
	sa->info.sel.saddr.a4 = v4("192.168.1.0");
	sa->info.sel.prefixlen_s = 24;
	sa->info.sel.daddr.a4 = v4("192.168.2.0");
	sa->info.sel.prefixlen_d = 24;
	sa->attrs.present = XMS_ATTR_MARK | XMS_ATTR_ENCAP;
	sa->attrs.mark.v = 5;
	sa->attrs.mark.m = 0xff;
}

static void test_build(void)
{
	struct xfrm_user_migrate_state r;
	struct xms_attrs a;
	struct xm_opts o;
	struct xms_sa sa;
	char e[256];

	fake_sa(&sa);
	/* nothing named: everything as it is now */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x1000", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), 0);
	CHECK_EQ(r.id.daddr.a4, v4("10.0.0.1"));
	CHECK_EQ(r.id.spi, htonl(0x1000));
	CHECK_EQ(r.id.family, AF_INET);
	CHECK_EQ(r.id.proto, IPPROTO_ESP);
	CHECK_EQ(r.new_daddr.a4, v4("10.0.0.1"));
	CHECK_EQ(r.new_saddr.a4, v4("10.0.0.2"));
	CHECK_EQ(r.new_family, AF_INET);
	CHECK_EQ(r.new_reqid, 7);
	CHECK_MEM(&r.new_sel, &sa.info.sel, sizeof(r.new_sel));
	CHECK_EQ(r.old_mark.v, 5);
	CHECK_EQ(r.old_mark.m, 0xff);
	CHECK_EQ(r.flags, 0);
	CHECK_EQ(r.reserved, 0);
	CHECK_EQ(a.present, 0);	/* the SA's encap is inherited, not re-sent */

	/* address, reqid and h2h */
	CHECK_EQ(parse_line("migrate src 10.0.0.2 dst 10.0.0.1 proto esp spi 0x1000 new-dst 10.0.9.1 "
			    "new-reqid 0 h2h-sel offload none encap none", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), 0);
	CHECK_EQ(r.new_daddr.a4, v4("10.0.9.1"));
	CHECK_EQ(r.new_saddr.a4, v4("10.0.0.2"));
	CHECK_EQ(r.new_reqid, 0);
	CHECK_EQ(r.flags, XFRM_MIGRATE_STATE_UPDATE_H2H_SEL | XFRM_MIGRATE_STATE_CLEAR_OFFLOAD);
	CHECK_EQ(a.present, XMS_ATTR_ENCAP_REMOVE);

	/* family change needs both addresses */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x1000 new-dst 2001:db8::1", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x1000 new-dst 2001:db8::1 new-src 2001:db8::2", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), 0);
	CHECK_EQ(r.new_family, AF_INET6);
	CHECK_EQ(r.id.family, AF_INET);
	CHECK_EQ(r.new_daddr.a6[0], htonl(0x20010db8));
	CHECK_MEM(&r.new_sel, &sa.info.sel, sizeof(r.new_sel));

	/* explicit selector */
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x1000 sel src 0.0.0.0/0 dst 0.0.0.0/0", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), 0);
	CHECK_EQ(r.new_sel.prefixlen_d, 0);
	CHECK_EQ(r.new_sel.family, AF_INET);

	/* a wrong src is "not found" */
	CHECK_EQ(parse_line("migrate src 10.0.0.3 dst 10.0.0.1 proto esp spi 0x1000", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), XM_EXIT_KERNEL);

	/* SA without a mark: old_mark 0/0 */
	sa.attrs.present = 0;
	CHECK_EQ(parse_line("migrate dst 10.0.0.1 proto esp spi 0x1000 new-mark 1 set-mark 2 mask 3", &o), 0);
	CHECK_EQ(xm_build_request(&o.mig, &sa, &r, &a, e, sizeof(e)), 0);
	CHECK_EQ(r.old_mark.v, 0);
	CHECK_EQ(r.old_mark.m, 0);
	CHECK_EQ(a.present, XMS_ATTR_MARK | XMS_ATTR_SET_MARK | XMS_ATTR_SET_MARK_MASK);
}

static void test_raw(void)
{
	struct xfrm_user_migrate_state r = { 0 };
	static struct xm_opts o;
	unsigned char msg[256], back[8];
	char hex[1024], *p = hex;
	int len, i;

	r.id.spi = htonl(0x1000);
	r.id.family = AF_INET;
	r.id.proto = IPPROTO_ESP;
	r.new_family = AF_INET;
	len = xms_build_request(msg, sizeof(msg), XMS_BACKEND_NATIVE, 0, 5, &r, NULL);
	CHECK_EQ(len, 148);
	p += sprintf(p, "raw ");
	for (i = 0; i < len; i++)
		p += sprintf(p, "%02x", msg[i]);
	CHECK_EQ(parse_line(hex, &o), 0);
	CHECK_EQ(o.cmd, XM_CMD_RAW);
	CHECK_EQ(o.raw_len, 148);
	CHECK_MEM(o.raw, msg, 148);
	/* truncated, wrong type, odd digits, junk */
	hex[strlen(hex) - 2] = '\0';
	CHECK_EQ(parse_line(hex, &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("raw 9400000010000500", &o), XM_EXIT_USAGE);
	CHECK_EQ(parse_line("raw", &o), XM_EXIT_USAGE);
	CHECK_EQ(xm_parse_hex("0x01:02 0a", back, sizeof(back)), 3);
	CHECK_EQ(back[2], 0x0a);
	CHECK_EQ(xm_parse_hex("012", back, sizeof(back)), -EINVAL);
	CHECK_EQ(xm_parse_hex("zz", back, sizeof(back)), -EINVAL);
	CHECK_EQ(xm_parse_hex("000102030405060708", back, sizeof(back)), -EINVAL);
}

/* A value that does not parse leaves nothing behind (nor reads garbage). */
static void test_failed_values(void)
{
	static const char *const lines[] = {
		"migrate dst 10.0.0.1 proto esp spi 1 set-mark 8x",
		"migrate dst 10.0.0.1 proto esp spi 1 set-mark 8 mask 8x",
		"migrate dst 10.0.0.1 proto esp spi 1 new-mark 8x",
		"migrate dst 10.0.0.1 proto esp spi 1 mtimer-thresh x",
		"migrate dst 10.0.0.1 proto esp spi 1 nat-keepalive -1",
		"migrate dst 10.0.0.1 proto esp spi 1 mark 8x",
		"migrate dst 10.0.0.1 proto esp spi 1 new-reqid 0x1g",
	};
	static struct xm_opts o;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CHECK_EQ(parse_line(lines[i], &o), XM_EXIT_USAGE);
		CHECK_EQ(o.mig.attrs.present, 0);
		CHECK(!o.mig.has_mark && !o.mig.has_new_reqid);
	}
	parse_line(lines[0], &o);
	CHECK_STR(err, "set-mark needs a number");
	parse_line(lines[1], &o);
	CHECK_STR(err, "set-mark mask needs a number");
}

void test_parse(void)
{
	test_failed_values();
	test_raw();
	test_global();
	test_monitor_opts();
	test_migrate_minimal();
	test_migrate_all();
	test_iproute2_words();
	test_migrate_sel();
	test_build();
}
