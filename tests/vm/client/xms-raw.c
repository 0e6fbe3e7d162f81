// SPDX-License-Identifier: GPL-2.0
/*
 * xms-raw: send hand-crafted XFRM_MSG_MIGRATE_STATE requests, natively
 * (NETLINK_XFRM, type 41) or through the generic netlink family
 * "xfrm_migstate" (cmd 1, version 1, the same body), and print the ACK as
 * exactly one line:
 *
 *	errno=<NAME|0> extack="<text>"
 *
 * Exit status 0 when the ACK's error is 0, 1 otherwise, 2 on usage errors
 * (and 3 on local failures: socket, family resolution, timeout).
 *
 * Plain AF_NETLINK sockets, no libmnl: it builds static for any guest.
 * Nothing is inherited or read from the kernel: every header field is what
 * the options say (defaults below), so tests can craft invalid requests.
 *
 * --info sends the module's GET_INFO and prints "info KEY=VALUE" lines
 * (with the attributes of --attr/--u32/..., if any).
 * --genl-cmd, --genl-reserved and --nlmsg-flags override those header
 * fields, for the tests of the family's header checks.
 * --probe sends the documented feature probe (non-existent SPI) natively.
 * --listen native|module|both prints one "notify ..." line per migration
 * notification (see print_notification()).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <linux/xfrm_migrate_state_compat.h>
#include <linux/xfrm_migstate.h>

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define BUFSZ 65536
#define MAX_ATTRS 32

enum backend { BK_AUTO, BK_NATIVE, BK_MODULE, BK_BOTH };

struct raw_attr {
	uint16_t type;
	uint16_t len;
	unsigned char data[256];
};

static struct xfrm_user_migrate_state um;
static struct raw_attr attrs[MAX_ATTRS];
static int nattrs;

static const char *prog = "xms-raw";

static void usage(void)
{
	fprintf(stderr,
"usage: %s [--backend native|module|auto] [--drop-cap] [--uid N]\n"
"   [--daddr A] [--spi N] [--family F] [--proto P]\n"
"   [--new-daddr A] [--new-saddr A] [--new-family F] [--old-mark V/M]\n"
"   [--sel-family F] [--sel-src A[/PL]] [--sel-dst A[/PL]] [--sel-plen-s N]\n"
"   [--sel-plen-d N] [--sel-proto N] [--sel-sport N] [--sel-dport N]\n"
"   [--reqid N] [--flags N] [--reserved N] [--pid N] [--seq N]\n"
"   [--attr TYPE:HEX] [--u8|--u16|--u32 TYPE:VAL] [--mark V/M]\n"
"   [--encap TYPE:SPORT:DPORT[:OADDR]] [--offload IFINDEX:FLAGS]\n"
"   [--body-len N (cut the 132-byte header to N bytes)] [--info | --probe]\n"
"   [--repeat N (send the migration N times, stop at the first error)]\n"
"   [--genl-cmd N] [--genl-reserved N] [--nlmsg-flags N]\n"
"%s --newsa --src A --daddr A --spi N [--reqid N] [--mode tunnel|transport]\n"
"   [--replay-window N] [--sel-*] [attributes, e.g. --u8 33:2 for dir out]\n"
"%s [--drop-cap] [--uid N] --exec CMD [ARGS]   (run CMD without privileges)\n"
"%s --listen native|module|both [--count N] [--timeout S] [--ready FILE]\n"
"F: inet, inet6 or a number; P: esp, ah, comp or a number.\n"
"Defaults: family from --daddr, proto esp, new-daddr = daddr,\n"
"new-family = family of new-daddr, everything else 0.\n",
		prog, prog, prog, prog);
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(3);
}

static void bad(const char *opt, const char *val)
{
	fprintf(stderr, "%s: bad value for %s: '%s'\n", prog, opt, val);
	exit(2);
}

static unsigned long long num(const char *opt, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end)
		bad(opt, s);
	return v;
}

static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
	{ EINTR, "EINTR" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
	{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
	{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { ENODEV, "ENODEV" },
	{ EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" }, { ERANGE, "ERANGE" },
	{ EPIPE, "EPIPE" }, { ENOSYS, "ENOSYS" }, { EMSGSIZE, "EMSGSIZE" },
	{ ENOPROTOOPT, "ENOPROTOOPT" },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { ENOBUFS, "ENOBUFS" },
	{ ETIMEDOUT, "ETIMEDOUT" },
};

static const char *errname(int e)
{
	static char buf[16];
	size_t i;

	if (!e)
		return "0";
	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == e)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static int parse_family(const char *opt, const char *s)
{
	if (!strcmp(s, "inet") || !strcmp(s, "4"))
		return AF_INET;
	if (!strcmp(s, "inet6") || !strcmp(s, "6"))
		return AF_INET6;
	if (!strcmp(s, "unspec"))
		return AF_UNSPEC;
	return (int)num(opt, s);
}

static int parse_proto(const char *opt, const char *s)
{
	if (!strcmp(s, "esp"))
		return IPPROTO_ESP;
	if (!strcmp(s, "ah"))
		return IPPROTO_AH;
	if (!strcmp(s, "comp"))
		return IPPROTO_COMP;
	return (int)num(opt, s);
}

/* Parse ADDR into a; returns its family. */
static int parse_addr(const char *opt, const char *s, xfrm_address_t *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &a->a4) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, s, &a->a6) == 1)
		return AF_INET6;
	bad(opt, s);
	return 0;
}

/* ADDR[/PL] for a selector; sets the prefix length only when given. */
static int parse_prefix(const char *opt, const char *s, xfrm_address_t *a,
			uint8_t *plen)
{
	char buf[128], *slash;
	int fam;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = 0;
	fam = parse_addr(opt, buf, a);
	if (slash)
		*plen = (uint8_t)num(opt, slash);
	else
		*plen = fam == AF_INET ? 32 : 128;
	return fam;
}

static void parse_mark(const char *opt, const char *s, struct xfrm_mark *m)
{
	char buf[64], *slash;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = 0;
	m->v = (uint32_t)num(opt, buf);
	m->m = slash ? (uint32_t)num(opt, slash) : 0xffffffff;
}

static struct raw_attr *new_attr(const char *opt, const char *s,
				 const char **rest)
{
	const char *colon = strchr(s, ':');
	char tbuf[16];
	struct raw_attr *a;

	if (!colon || colon - s >= (long)sizeof(tbuf))
		bad(opt, s);
	if (nattrs >= MAX_ATTRS) {
		fprintf(stderr, "%s: too many attributes\n", prog);
		exit(2);
	}
	memcpy(tbuf, s, colon - s);
	tbuf[colon - s] = 0;
	a = &attrs[nattrs++];
	a->type = (uint16_t)num(opt, tbuf);
	a->len = 0;
	*rest = colon + 1;
	return a;
}

static void add_hex(const char *opt, const char *s)
{
	const char *hex;
	struct raw_attr *a = new_attr(opt, s, &hex);
	size_t n = strlen(hex), i;

	if (!strncmp(hex, "0x", 2)) {
		hex += 2;
		n -= 2;
	}
	if (n % 2 || n / 2 > sizeof(a->data))
		bad(opt, s);
	for (i = 0; i < n / 2; i++) {
		char b[3] = { hex[2 * i], hex[2 * i + 1], 0 };
		char *end;

		a->data[i] = (unsigned char)strtoul(b, &end, 16);
		if (*end)
			bad(opt, s);
	}
	a->len = (uint16_t)(n / 2);
}

static void add_int(const char *opt, const char *s, int size)
{
	const char *val;
	struct raw_attr *a = new_attr(opt, s, &val);
	unsigned long long v = num(opt, val);
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	a->len = (uint16_t)size;
	memcpy(a->data, size == 1 ? (void *)&u8 :
			 size == 2 ? (void *)&u16 : (void *)&u32, size);
}

static void add_struct(uint16_t type, const void *p, size_t len)
{
	struct raw_attr *a = &attrs[nattrs++];

	a->type = type;
	a->len = (uint16_t)len;
	memcpy(a->data, p, len);
}

/* --encap TYPE:SPORT:DPORT[:OADDR] */
static void add_encap(const char *opt, const char *s)
{
	struct xfrm_encap_tmpl t;
	char buf[128], *f[4] = { 0 }, *p = buf;
	int i;

	memset(&t, 0, sizeof(t));
	snprintf(buf, sizeof(buf), "%s", s);
	for (i = 0; i < 4 && p; i++) {
		f[i] = p;
		p = i < 2 ? strchr(p, ':') : (i == 2 ? strchr(p, ':') : NULL);
		if (p)
			*p++ = 0;
	}
	if (!f[0] || !f[1] || !f[2])
		bad(opt, s);
	t.encap_type = (uint16_t)num(opt, f[0]);
	t.encap_sport = htons((uint16_t)num(opt, f[1]));
	t.encap_dport = htons((uint16_t)num(opt, f[2]));
	if (f[3])
		parse_addr(opt, f[3], &t.encap_oa);
	add_struct(XFRMA_ENCAP, &t, sizeof(t));
}

/* ---- netlink plumbing ---- */

static int nl_open(int proto)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	int one = 1;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (fd < 0)
		die("socket(AF_NETLINK)");
	/* Best effort: kernels without them still answer. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind(AF_NETLINK)");
	return fd;
}

static void nl_send(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (sendto(fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("sendto(netlink)");
}

static int nl_recv(int fd, void *buf, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);

	if (n < 0)
		die("poll");
	if (n == 0)
		return 0;
	n = recv(fd, buf, BUFSZ, 0);
	if (n < 0) {
		if (errno == ENOBUFS)
			return -ENOBUFS;
		die("recv(netlink)");
	}
	return n;
}

/* Extract the errno and the extack message of an NLMSG_ERROR. */
static int parse_ack(const struct nlmsghdr *nlh, char *msg, size_t msglen)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off = sizeof(*e);
	const unsigned char *p = (const unsigned char *)e;
	size_t total = nlh->nlmsg_len - NLMSG_HDRLEN;

	msg[0] = 0;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return -e->error;
	off = NLMSG_ALIGN(off);
	while (off + NLA_HDRLEN <= total) {
		const struct nlattr *a = (const struct nlattr *)(p + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > total)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			size_t l = a->nla_len - NLA_HDRLEN;

			if (l >= msglen)
				l = msglen - 1;
			memcpy(msg, p + off + NLA_HDRLEN, l);
			msg[l] = 0;
			l = strlen(msg);
			while (l && msg[l - 1] == '\n')
				msg[--l] = 0;
		}
		off += NLA_ALIGN(a->nla_len);
	}
	return -e->error;
}

typedef void (*reply_fn)(const struct nlmsghdr *nlh);

/* Wait for the ACK of seq; other messages go to fn. Returns errno (>= 0). */
static int wait_ack(int fd, uint32_t seq, char *msg, size_t msglen, reply_fn fn)
{
	static unsigned char buf[BUFSZ];

	for (;;) {
		int n = nl_recv(fd, buf, 5000);
		struct nlmsghdr *nlh;

		if (n == 0) {
			errno = ETIMEDOUT;
			die("waiting for the netlink ACK");
		}
		if (n < 0)
			continue;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (unsigned int)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return parse_ack(nlh, msg, msglen);
			if (nlh->nlmsg_type == NLMSG_DONE)
				continue;
			if (fn)
				fn(nlh);
		}
	}
}

static struct nlattr *nla_put(struct nlmsghdr *nlh, uint16_t type,
			      const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	memset((char *)a + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

/* Resolve the genl family: id and the "migrate" group. */
static uint16_t genl_family_id;
static uint32_t genl_mcgrp_migrate;

static void parse_family_reply(const struct nlmsghdr *nlh)
{
	const struct nlattr *a;
	int rem = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	for (a = (const struct nlattr *)((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		const char *d = (const char *)a + NLA_HDRLEN;

		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&genl_family_id, d, 2);
		if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_MCAST_GROUPS) {
			const struct nlattr *g = (const struct nlattr *)d;
			int grem = a->nla_len - NLA_HDRLEN;

			for (; grem >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN &&
			       g->nla_len <= grem;
			     grem -= NLA_ALIGN(g->nla_len),
			     g = (const struct nlattr *)((const char *)g + NLA_ALIGN(g->nla_len))) {
				const struct nlattr *f = (const struct nlattr *)((const char *)g + NLA_HDRLEN);
				int frem = g->nla_len - NLA_HDRLEN;
				uint32_t id = 0;
				int is_migrate = 0;

				for (; frem >= NLA_HDRLEN && f->nla_len >= NLA_HDRLEN &&
				       f->nla_len <= frem;
				     frem -= NLA_ALIGN(f->nla_len),
				     f = (const struct nlattr *)((const char *)f + NLA_ALIGN(f->nla_len))) {
					const char *fd = (const char *)f + NLA_HDRLEN;

					if (f->nla_type == CTRL_ATTR_MCAST_GRP_ID)
						memcpy(&id, fd, 4);
					if (f->nla_type == CTRL_ATTR_MCAST_GRP_NAME &&
					    !strcmp(fd, XFRM_MIGSTATE_MCGRP_MIGRATE))
						is_migrate = 1;
				}
				if (is_migrate)
					genl_mcgrp_migrate = id;
			}
		}
	}
}

/* Returns 0 or the errno of CTRL_CMD_GETFAMILY (ENOENT: not registered). */
static int genl_resolve(int fd, char *msg, size_t msglen)
{
	static unsigned char buf[1024];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genlmsghdr *g;

	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 0x7fff0001;
	g = NLMSG_DATA(nlh);
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	nla_put(nlh, CTRL_ATTR_FAMILY_NAME, XFRM_MIGSTATE_GENL_NAME,
		sizeof(XFRM_MIGSTATE_GENL_NAME));
	nl_send(fd, buf, nlh->nlmsg_len);
	return wait_ack(fd, nlh->nlmsg_seq, msg, msglen, parse_family_reply);
}

/* ---- requests ---- */

static uint32_t opt_pid, opt_seq = 1;
static int opt_body_len = -1;	/* --body-len: truncate the fixed header */
static int opt_genl_cmd = -1;	/* --genl-cmd: the genl command as given */
static uint16_t opt_genl_reserved;	/* --genl-reserved */
static int opt_nlmsg_flags = -1;	/* --nlmsg-flags: instead of REQUEST|ACK */

static int build_msg(unsigned char *buf, enum backend bk, uint8_t cmd,
		     const struct xfrm_user_migrate_state *hdr, int with_attrs)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	unsigned char *body;
	int i;

	memset(buf, 0, 4096);
	nlh->nlmsg_flags = opt_nlmsg_flags >= 0 ? (uint16_t)opt_nlmsg_flags :
						  NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_pid = opt_pid;
	nlh->nlmsg_seq = opt_seq;
	body = NLMSG_DATA(nlh);
	if (bk == BK_NATIVE) {
		nlh->nlmsg_type = XFRM_MSG_MIGRATE_STATE;
		nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*hdr));
	} else {
		struct genlmsghdr *g = (struct genlmsghdr *)body;

		nlh->nlmsg_type = genl_family_id;
		g->cmd = opt_genl_cmd >= 0 ? (uint8_t)opt_genl_cmd : cmd;
		g->version = XFRM_MIGSTATE_GENL_VERSION;
		g->reserved = opt_genl_reserved;
		body += GENL_HDRLEN;
		nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + sizeof(*hdr));
	}
	memcpy(body, hdr, sizeof(*hdr));
	if (opt_body_len >= 0 && opt_body_len < (int)sizeof(*hdr)) {
		/* a malformed request: the fixed header cut short, no attributes */
		nlh->nlmsg_len -= sizeof(*hdr) - opt_body_len;
		memset(body + opt_body_len, 0, sizeof(*hdr) - opt_body_len);
		return (int)nlh->nlmsg_len;
	}
	for (i = 0; with_attrs && i < nattrs; i++)
		nla_put(nlh, attrs[i].type, attrs[i].data, attrs[i].len);
	return (int)nlh->nlmsg_len;
}

/* The documented probe: a request for an SPI that does not exist. */
static int native_probe(char *msg, size_t msglen)
{
	static unsigned char buf[4096];
	struct xfrm_user_migrate_state p;
	int fd = nl_open(NETLINK_XFRM), len, err;

	memset(&p, 0, sizeof(p));
	p.id.family = AF_INET;
	p.id.proto = IPPROTO_ESP;
	p.id.spi = htonl(0xfffffff0);
	inet_pton(AF_INET, "192.0.2.255", &p.id.daddr.a4);
	p.new_daddr = p.id.daddr;
	p.new_family = AF_INET;
	len = build_msg(buf, BK_NATIVE, 0, &p, 0);
	((struct nlmsghdr *)buf)->nlmsg_seq = 0x7fff0002;
	nl_send(fd, buf, len);
	err = wait_ack(fd, 0x7fff0002, msg, msglen, NULL);
	close(fd);
	return err;
}

static void print_result(int err, const char *msg)
{
	printf("errno=%s extack=\"%s\"\n", errname(err), msg);
	fflush(stdout);
}

static void print_info(const struct nlmsghdr *nlh)
{
	const struct nlattr *a;
	int off = GENL_HDRLEN + NLMSG_ALIGN(sizeof(struct xfrm_user_migrate_state));
	int rem = (int)nlh->nlmsg_len - NLMSG_HDRLEN - off;

	if (nlh->nlmsg_type != genl_family_id)
		return;
	for (a = (const struct nlattr *)((const char *)NLMSG_DATA(nlh) + off);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		const char *d = (const char *)a + NLA_HDRLEN;
		uint32_t u32 = 0;
		uint16_t u16 = 0;

		switch (a->nla_type) {
		case XFRM_MIGSTATE_INFO_MODULE_VERSION:
			printf("info module_version=%s\n", d);
			break;
		case XFRM_MIGSTATE_INFO_KERNEL_RELEASE:
			printf("info kernel_release=%s\n", d);
			break;
		case XFRM_MIGSTATE_INFO_FAMILY_VERSION:
			memcpy(&u32, d, 4);
			printf("info family_version=%u\n", u32);
			break;
		case XFRM_MIGSTATE_INFO_SUPPORTED_FLAGS:
			memcpy(&u32, d, 4);
			printf("info flags=0x%x\n", u32);
			break;
		case XFRM_MIGSTATE_INFO_CAPS:
			memcpy(&u32, d, 4);
			printf("info caps=0x%x\n", u32);
			break;
		case XFRM_MIGSTATE_INFO_ATTR:
			memcpy(&u16, d, 2);
			printf("info attr=%u\n", u16);
			break;
		default:
			printf("info unknown_attr=%u\n", a->nla_type);
		}
	}
	fflush(stdout);
}

/* ---- notifications ---- */

static const char *addr_str(int family, const xfrm_address_t *a, char *buf)
{
	if (family == AF_INET6)
		return inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
	if (family == AF_INET)
		return inet_ntop(AF_INET, a, buf, INET6_ADDRSTRLEN);
	/* unknown family: show it as IPv6-sized raw data */
	return inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
}

/*
 * One line:
 * notify backend=B type=T portid=P seq=S daddr=A spi=0x.. family=F proto=P
 *  new_daddr=A new_saddr=A new_family=F old_mark=0xV/0xM
 *  sel=SRC/PL-DST/PL sel_family=F sel_proto=P sel_sport=N sel_dport=N
 *  reqid=N flags=0xN reserved=N attrs=T,T,..
 *  [encap=TYPE:SPORT:DPORT:OA] [offload=IFINDEX:FLAGS] [mark=0xV/0xM]
 *  [set_mark=0xV] [set_mark_mask=0xM] [mtimer=N] [nat_keepalive=N] [sa_dir=N]
 */
static void print_notification(const char *bk, const struct nlmsghdr *nlh,
			       const struct xfrm_user_migrate_state *h,
			       const unsigned char *attrp, int rem)
{
	char a1[INET6_ADDRSTRLEN], a2[INET6_ADDRSTRLEN], a3[INET6_ADDRSTRLEN];
	char a4[INET6_ADDRSTRLEN], a5[INET6_ADDRSTRLEN];
	char types[256] = "", extra[1024] = "";
	const struct nlattr *a;
	size_t tl = 0, el = 0;

	for (a = (const struct nlattr *)attrp;
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		const unsigned char *d = (const unsigned char *)a + NLA_HDRLEN;
		int l = a->nla_len - NLA_HDRLEN;
		uint32_t u32 = 0;

		if (l >= 4)
			memcpy(&u32, d, 4);
		tl += snprintf(types + tl, sizeof(types) - tl, "%s%u",
			       tl ? "," : "", a->nla_type);
		if (tl >= sizeof(types))
			tl = sizeof(types) - 1;
		switch (a->nla_type) {
		case XFRMA_ENCAP: {
			struct xfrm_encap_tmpl t;

			memset(&t, 0, sizeof(t));
			memcpy(&t, d, l < (int)sizeof(t) ? l : (int)sizeof(t));
			el += snprintf(extra + el, sizeof(extra) - el,
				       " encap=%u:%u:%u:%s", t.encap_type,
				       ntohs(t.encap_sport), ntohs(t.encap_dport),
				       addr_str(h->new_family, &t.encap_oa, a5));
			break;
		}
		case XFRMA_OFFLOAD_DEV: {
			struct xfrm_user_offload o;

			memset(&o, 0, sizeof(o));
			memcpy(&o, d, l < (int)sizeof(o) ? l : (int)sizeof(o));
			el += snprintf(extra + el, sizeof(extra) - el,
				       " offload=%d:0x%x", o.ifindex, o.flags);
			break;
		}
		case XFRMA_MARK: {
			struct xfrm_mark m = { 0, 0 };

			memcpy(&m, d, l < (int)sizeof(m) ? l : (int)sizeof(m));
			el += snprintf(extra + el, sizeof(extra) - el,
				       " mark=0x%x/0x%x", m.v, m.m);
			break;
		}
		case XFRM_MIGSTATE_XFRMA_SET_MARK:
			el += snprintf(extra + el, sizeof(extra) - el,
				       " set_mark=0x%x", u32);
			break;
		case XFRM_MIGSTATE_XFRMA_SET_MARK_MASK:
			el += snprintf(extra + el, sizeof(extra) - el,
				       " set_mark_mask=0x%x", u32);
			break;
		case XFRM_MIGSTATE_XFRMA_MTIMER_THRESH:
			el += snprintf(extra + el, sizeof(extra) - el,
				       " mtimer=%u", u32);
			break;
		case XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL:
			el += snprintf(extra + el, sizeof(extra) - el,
				       " nat_keepalive=%u", u32);
			break;
		case XFRM_MIGSTATE_XFRMA_SA_DIR:
			el += snprintf(extra + el, sizeof(extra) - el,
				       " sa_dir=%u", l >= 1 ? d[0] : 0);
			break;
		default:
			el += snprintf(extra + el, sizeof(extra) - el,
				       " attr%u_len=%d", a->nla_type, l);
		}
		if (el >= sizeof(extra))
			el = sizeof(extra) - 1;
	}
	printf("notify backend=%s type=%u portid=%u seq=%u daddr=%s spi=0x%x "
	       "family=%u proto=%u new_daddr=%s new_saddr=%s new_family=%u "
	       "old_mark=0x%x/0x%x sel=%s/%u-%s/%u sel_family=%u sel_proto=%u "
	       "sel_sport=%u sel_dport=%u reqid=%u flags=0x%x reserved=%u "
	       "attrs=%s%s\n",
	       bk, nlh->nlmsg_type, nlh->nlmsg_pid, nlh->nlmsg_seq,
	       addr_str(h->id.family, &h->id.daddr, a1), ntohl(h->id.spi),
	       h->id.family, h->id.proto,
	       addr_str(h->new_family, &h->new_daddr, a2),
	       addr_str(h->new_family, &h->new_saddr, a3),
	       h->new_family, h->old_mark.v, h->old_mark.m,
	       addr_str(h->new_sel.family, &h->new_sel.saddr, a4),
	       h->new_sel.prefixlen_s,
	       addr_str(h->new_sel.family, &h->new_sel.daddr, a5),
	       h->new_sel.prefixlen_d, h->new_sel.family, h->new_sel.proto,
	       ntohs(h->new_sel.sport), ntohs(h->new_sel.dport),
	       h->new_reqid, h->flags, h->reserved,
	       types[0] ? types : "-", extra);
	fflush(stdout);
}

static int listen_mode(enum backend bk, int count, int timeout_s,
		       const char *ready)
{
	static unsigned char buf[BUFSZ];
	struct pollfd p[2];
	int native[2] = { 0, 0 };
	int nfd = 0, seen = 0, i;
	char msg[256];
	time_t end = time(NULL) + timeout_s;

	if (bk == BK_NATIVE || bk == BK_BOTH) {
		int fd = nl_open(NETLINK_XFRM), grp = XFRMNLGRP_MIGRATE;

		if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
			       &grp, sizeof(grp)) < 0)
			die("joining XFRMNLGRP_MIGRATE");
		native[nfd] = 1;
		p[nfd].fd = fd;
		p[nfd++].events = POLLIN;
	}
	if (bk == BK_MODULE || bk == BK_BOTH) {
		int fd = nl_open(NETLINK_GENERIC), err;
		int grp;

		err = genl_resolve(fd, msg, sizeof(msg));
		if (err) {
			errno = err;
			die("resolving family " XFRM_MIGSTATE_GENL_NAME);
		}
		if (!genl_mcgrp_migrate) {
			fprintf(stderr, "%s: family has no group \"migrate\"\n", prog);
			exit(3);
		}
		grp = (int)genl_mcgrp_migrate;
		if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
			       &grp, sizeof(grp)) < 0)
			die("joining genl group migrate");
		p[nfd].fd = fd;
		p[nfd++].events = POLLIN;
	}
	if (ready) {
		int fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			die(ready);
		close(fd);
	}
	while (!count || seen < count) {
		int left = (int)(end - time(NULL)), n;

		if (left <= 0)
			break;
		n = poll(p, nfd, left * 1000);
		if (n < 0)
			die("poll");
		if (n == 0)
			break;
		for (i = 0; i < nfd; i++) {
			int len;
			struct nlmsghdr *nlh;

			if (!(p[i].revents & POLLIN))
				continue;
			len = (int)recv(p[i].fd, buf, sizeof(buf), 0);
			if (len < 0) {
				if (errno == ENOBUFS) {
					printf("notify overrun=ENOBUFS\n");
					continue;
				}
				die("recv");
			}
			for (nlh = (struct nlmsghdr *)buf;
			     NLMSG_OK(nlh, (unsigned int)len);
			     nlh = NLMSG_NEXT(nlh, len)) {
				const unsigned char *body = NLMSG_DATA(nlh);
				int blen = (int)nlh->nlmsg_len - NLMSG_HDRLEN;
				const char *name;
				struct xfrm_user_migrate_state h;

				if (native[i]) {
					if (nlh->nlmsg_type != XFRM_MSG_MIGRATE_STATE)
						continue;
					name = "native";
				} else if (nlh->nlmsg_type == genl_family_id) {
					const struct genlmsghdr *g = (const void *)body;

					if (g->cmd != XFRM_MIGSTATE_CMD_MIGRATE_STATE)
						continue;
					name = "module";
					body += GENL_HDRLEN;
					blen -= GENL_HDRLEN;
				} else {
					continue;
				}
				if (blen < (int)sizeof(h)) {
					printf("notify backend=%s short=%d\n", name, blen);
					continue;
				}
				memcpy(&h, body, sizeof(h));
				print_notification(name, nlh, &h,
					body + NLMSG_ALIGN(sizeof(h)),
					blen - (int)NLMSG_ALIGN(sizeof(h)));
				seen++;
			}
		}
	}
	if (count && seen < count) {
		fprintf(stderr, "%s: timeout: %d of %d notifications\n",
			prog, seen, count);
		return 1;
	}
	return 0;
}

/* ---- privileges ---- */

static void drop_net_admin(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	int i;

	if (syscall(SYS_capget, &h, d) < 0)
		die("capget");
	for (i = 0; i < 2; i++) {
		uint32_t bit = i == CAP_TO_INDEX(CAP_NET_ADMIN) ? CAP_TO_MASK(CAP_NET_ADMIN) : 0;

		d[i].effective &= ~bit;
		d[i].permitted &= ~bit;
		d[i].inheritable &= ~bit;
	}
	if (syscall(SYS_capset, &h, d) < 0)
		die("capset");
	if (prctl(PR_CAPBSET_DROP, CAP_NET_ADMIN, 0, 0, 0) < 0)
		die("prctl(PR_CAPBSET_DROP)");
}

static void become_uid(unsigned int uid)
{
	if (setgroups(0, NULL) < 0)
		die("setgroups");
	if (setgid(uid) < 0)
		die("setgid");
	if (setuid(uid) < 0)
		die("setuid");
}

/*
 * --newsa: XFRM_MSG_NEWSA for tests that need what iproute2 6.1 (the
 * guest's) cannot express, e.g. an SA direction (XFRMA_SA_DIR). ESP
 * rfc4106(gcm(aes)) with the fixed key of lib.sh, the selector of the
 * --sel-* options, then every attribute of --attr/--u8/--u32/--mark/--encap.
 */
static int newsa(const xfrm_address_t *saddr, int mode, int replay_window,
		 char *msg, size_t msglen)
{
	static unsigned char buf[4096];
	static const unsigned char key[20] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		17, 18, 19, 20,
	};
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct xfrm_usersa_info *p;
	struct {
		struct xfrm_algo_aead a;
		unsigned char key[20];
	} aead;
	int fd = nl_open(NETLINK_XFRM), i, err;

	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_type = XFRM_MSG_NEWSA;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	nlh->nlmsg_seq = opt_seq;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*p));
	p = NLMSG_DATA(nlh);
	p->sel = um.new_sel;
	p->id.daddr = um.id.daddr;
	p->id.spi = um.id.spi;
	p->id.proto = um.id.proto;
	p->saddr = *saddr;
	p->family = um.id.family;
	p->reqid = um.new_reqid;
	p->mode = (uint8_t)mode;
	p->replay_window = (uint8_t)replay_window;
	p->lft.soft_byte_limit = XFRM_INF;
	p->lft.hard_byte_limit = XFRM_INF;
	p->lft.soft_packet_limit = XFRM_INF;
	p->lft.hard_packet_limit = XFRM_INF;
	memset(&aead, 0, sizeof(aead));
	snprintf(aead.a.alg_name, sizeof(aead.a.alg_name), "rfc4106(gcm(aes))");
	aead.a.alg_key_len = 160;
	aead.a.alg_icv_len = 128;
	memcpy(aead.key, key, sizeof(key));
	nla_put(nlh, XFRMA_ALG_AEAD, &aead, sizeof(aead));
	for (i = 0; i < nattrs; i++)
		nla_put(nlh, attrs[i].type, attrs[i].data, attrs[i].len);
	nl_send(fd, buf, nlh->nlmsg_len);
	err = wait_ack(fd, opt_seq, msg, msglen, NULL);
	close(fd);
	return err;
}

int main(int argc, char **argv)
{
	enum {
		O_BACKEND = 256, O_DROP, O_UID, O_DADDR, O_SPI, O_FAMILY,
		O_PROTO, O_NDADDR, O_NSADDR, O_NFAMILY, O_OMARK, O_SFAMILY,
		O_SSRC, O_SDST, O_SPLS, O_SPLD, O_SPROTO, O_SSPORT, O_SDPORT,
		O_REQID, O_FLAGS, O_RESERVED, O_PID, O_SEQ, O_ATTR, O_U8,
		O_U16, O_U32, O_MARK, O_ENCAP, O_OFFLOAD, O_INFO, O_PROBE,
		O_LISTEN, O_COUNT, O_TIMEOUT, O_READY, O_NEWSA, O_SRC,
		O_MODE, O_RWIN, O_EXEC, O_BODYLEN, O_REPEAT, O_GCMD, O_GRES,
		O_NLFLAGS,
	};
	static const struct option opts[] = {
		{ "backend", 1, 0, O_BACKEND }, { "drop-cap", 0, 0, O_DROP },
		{ "uid", 1, 0, O_UID }, { "daddr", 1, 0, O_DADDR },
		{ "spi", 1, 0, O_SPI }, { "family", 1, 0, O_FAMILY },
		{ "proto", 1, 0, O_PROTO }, { "new-daddr", 1, 0, O_NDADDR },
		{ "new-saddr", 1, 0, O_NSADDR }, { "new-family", 1, 0, O_NFAMILY },
		{ "old-mark", 1, 0, O_OMARK }, { "sel-family", 1, 0, O_SFAMILY },
		{ "sel-src", 1, 0, O_SSRC }, { "sel-dst", 1, 0, O_SDST },
		{ "sel-plen-s", 1, 0, O_SPLS }, { "sel-plen-d", 1, 0, O_SPLD },
		{ "sel-proto", 1, 0, O_SPROTO }, { "sel-sport", 1, 0, O_SSPORT },
		{ "sel-dport", 1, 0, O_SDPORT }, { "reqid", 1, 0, O_REQID },
		{ "flags", 1, 0, O_FLAGS }, { "reserved", 1, 0, O_RESERVED },
		{ "pid", 1, 0, O_PID }, { "seq", 1, 0, O_SEQ },
		{ "attr", 1, 0, O_ATTR }, { "u8", 1, 0, O_U8 },
		{ "u16", 1, 0, O_U16 }, { "u32", 1, 0, O_U32 },
		{ "mark", 1, 0, O_MARK }, { "encap", 1, 0, O_ENCAP },
		{ "offload", 1, 0, O_OFFLOAD }, { "info", 0, 0, O_INFO },
		{ "probe", 0, 0, O_PROBE }, { "listen", 1, 0, O_LISTEN },
		{ "count", 1, 0, O_COUNT }, { "timeout", 1, 0, O_TIMEOUT },
		{ "ready", 1, 0, O_READY }, { "help", 0, 0, 'h' },
		{ "newsa", 0, 0, O_NEWSA }, { "src", 1, 0, O_SRC },
		{ "exec", 0, 0, O_EXEC }, { "body-len", 1, 0, O_BODYLEN }, { "mode", 1, 0, O_MODE }, { "replay-window", 1, 0, O_RWIN },
		{ "repeat", 1, 0, O_REPEAT },
		{ "genl-cmd", 1, 0, O_GCMD }, { "genl-reserved", 1, 0, O_GRES },
		{ "nlmsg-flags", 1, 0, O_NLFLAGS },
		{ 0, 0, 0, 0 },
	};
	static unsigned char buf[4096];
	enum backend bk = BK_AUTO, lbk = BK_AUTO;
	int family = -1, nfamily = -1, ndaddr_set = 0, daddr_fam = AF_INET;
	int ndaddr_fam = 0, info = 0, probe = 0, listen = 0, drop = 0;
	int count = 0, timeout_s = 10, c, fd, len, err;
	int do_exec = 0, do_newsa = 0, mode = XFRM_MODE_TUNNEL, rwin = 0;
	unsigned long repeat = 1, done;
	xfrm_address_t src;
	long uid = -1;
	const char *ready = NULL;
	char msg[512];

	memset(&um, 0, sizeof(um));
	memset(&src, 0, sizeof(src));
	um.id.proto = IPPROTO_ESP;
	/* "+": stop at the first non-option (the command of --exec) */
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case O_BACKEND:
			if (!strcmp(optarg, "native"))
				bk = BK_NATIVE;
			else if (!strcmp(optarg, "module"))
				bk = BK_MODULE;
			else if (!strcmp(optarg, "auto"))
				bk = BK_AUTO;
			else
				bad("--backend", optarg);
			break;
		case O_DROP: drop = 1; break;
		case O_UID: uid = (long)num("--uid", optarg); break;
		case O_DADDR:
			daddr_fam = parse_addr("--daddr", optarg, &um.id.daddr);
			break;
		case O_SPI: um.id.spi = htonl((uint32_t)num("--spi", optarg)); break;
		case O_FAMILY: family = parse_family("--family", optarg); break;
		case O_PROTO: um.id.proto = (uint8_t)parse_proto("--proto", optarg); break;
		case O_NDADDR:
			ndaddr_fam = parse_addr("--new-daddr", optarg, &um.new_daddr);
			ndaddr_set = 1;
			break;
		case O_NSADDR: parse_addr("--new-saddr", optarg, &um.new_saddr); break;
		case O_NFAMILY: nfamily = parse_family("--new-family", optarg); break;
		case O_OMARK: parse_mark("--old-mark", optarg, &um.old_mark); break;
		case O_SFAMILY:
			um.new_sel.family = (uint16_t)parse_family("--sel-family", optarg);
			break;
		case O_SSRC:
			c = parse_prefix("--sel-src", optarg, &um.new_sel.saddr,
					 &um.new_sel.prefixlen_s);
			if (!um.new_sel.family)
				um.new_sel.family = (uint16_t)c;
			break;
		case O_SDST:
			c = parse_prefix("--sel-dst", optarg, &um.new_sel.daddr,
					 &um.new_sel.prefixlen_d);
			if (!um.new_sel.family)
				um.new_sel.family = (uint16_t)c;
			break;
		case O_SPLS: um.new_sel.prefixlen_s = (uint8_t)num("--sel-plen-s", optarg); break;
		case O_SPLD: um.new_sel.prefixlen_d = (uint8_t)num("--sel-plen-d", optarg); break;
		case O_SPROTO: um.new_sel.proto = (uint8_t)num("--sel-proto", optarg); break;
		case O_SSPORT:
			um.new_sel.sport = htons((uint16_t)num("--sel-sport", optarg));
			um.new_sel.sport_mask = 0xffff;
			break;
		case O_SDPORT:
			um.new_sel.dport = htons((uint16_t)num("--sel-dport", optarg));
			um.new_sel.dport_mask = 0xffff;
			break;
		case O_REQID: um.new_reqid = (uint32_t)num("--reqid", optarg); break;
		case O_FLAGS: um.flags = (uint32_t)num("--flags", optarg); break;
		case O_RESERVED: um.reserved = (uint16_t)num("--reserved", optarg); break;
		case O_PID: opt_pid = (uint32_t)num("--pid", optarg); break;
		case O_SEQ: opt_seq = (uint32_t)num("--seq", optarg); break;
		case O_ATTR: add_hex("--attr", optarg); break;
		case O_U8: add_int("--u8", optarg, 1); break;
		case O_U16: add_int("--u16", optarg, 2); break;
		case O_U32: add_int("--u32", optarg, 4); break;
		case O_MARK: {
			struct xfrm_mark m;

			if (nattrs >= MAX_ATTRS)
				bad("--mark", optarg);
			parse_mark("--mark", optarg, &m);
			add_struct(XFRMA_MARK, &m, sizeof(m));
			break;
		}
		case O_ENCAP:
			if (nattrs >= MAX_ATTRS)
				bad("--encap", optarg);
			add_encap("--encap", optarg);
			break;
		case O_OFFLOAD: {
			struct xfrm_user_offload o;
			char *colon;

			if (nattrs >= MAX_ATTRS)
				bad("--offload", optarg);
			memset(&o, 0, sizeof(o));
			colon = strchr(optarg, ':');
			if (!colon)
				bad("--offload", optarg);
			*colon = 0;
			o.ifindex = (int)num("--offload", optarg);
			o.flags = (uint8_t)num("--offload", colon + 1);
			add_struct(XFRMA_OFFLOAD_DEV, &o, sizeof(o));
			break;
		}
		case O_INFO: info = 1; break;
		case O_PROBE: probe = 1; break;
		case O_LISTEN:
			listen = 1;
			if (!strcmp(optarg, "native"))
				lbk = BK_NATIVE;
			else if (!strcmp(optarg, "module"))
				lbk = BK_MODULE;
			else if (!strcmp(optarg, "both"))
				lbk = BK_BOTH;
			else
				bad("--listen", optarg);
			break;
		case O_COUNT: count = (int)num("--count", optarg); break;
		case O_TIMEOUT: timeout_s = (int)num("--timeout", optarg); break;
		case O_READY: ready = optarg; break;
		case O_NEWSA: do_newsa = 1; break;
		case O_EXEC: do_exec = 1; break;
		case O_BODYLEN: opt_body_len = (int)num("--body-len", optarg); break;
		case O_GCMD: opt_genl_cmd = (uint8_t)num("--genl-cmd", optarg); break;
		case O_GRES: opt_genl_reserved = (uint16_t)num("--genl-reserved", optarg); break;
		case O_NLFLAGS: opt_nlmsg_flags = (uint16_t)num("--nlmsg-flags", optarg); break;
		case O_SRC: parse_addr("--src", optarg, &src); break;
		case O_MODE:
			mode = !strcmp(optarg, "tunnel") ? XFRM_MODE_TUNNEL :
			       !strcmp(optarg, "transport") ? XFRM_MODE_TRANSPORT :
			       (int)num("--mode", optarg);
			break;
		case O_RWIN: rwin = (int)num("--replay-window", optarg); break;
		case O_REPEAT:
			repeat = (unsigned long)num("--repeat", optarg);
			if (!repeat)
				bad("--repeat", optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc && !do_exec)
		usage();
	if (do_exec && optind == argc)
		usage();

	um.id.family = (uint16_t)(family >= 0 ? family : daddr_fam);
	if (!ndaddr_set) {
		um.new_daddr = um.id.daddr;
		ndaddr_fam = daddr_fam;
	}
	um.new_family = (uint16_t)(nfamily >= 0 ? nfamily :
				   ndaddr_set ? ndaddr_fam : um.id.family);

	if (drop)
		drop_net_admin();
	if (uid >= 0)
		become_uid((unsigned int)uid);

	if (do_exec) {
		execvp(argv[optind], argv + optind);
		die(argv[optind]);
	}

	if (listen)
		return listen_mode(lbk, count, timeout_s, ready);

	if (do_newsa) {
		err = newsa(&src, mode, rwin, msg, sizeof(msg));
		print_result(err, msg);
		return err ? 1 : 0;
	}

	if (probe) {
		err = native_probe(msg, sizeof(msg));
		print_result(err, msg);
		return err ? 1 : 0;
	}

	if (info && bk == BK_NATIVE) {
		fprintf(stderr, "%s: --info needs the module backend\n", prog);
		return 2;
	}
	if (info)
		bk = BK_MODULE;
	if (bk == BK_AUTO) {
		err = native_probe(msg, sizeof(msg));
		bk = err == ESRCH ? BK_NATIVE : BK_MODULE;
	}

	if (bk == BK_NATIVE) {
		fd = nl_open(NETLINK_XFRM);
	} else {
		fd = nl_open(NETLINK_GENERIC);
		err = genl_resolve(fd, msg, sizeof(msg));
		if (err) {
			/* Family absent (module not loaded): report it as such. */
			printf("errno=%s extack=\"%s\" family=unresolved\n",
			       errname(err), msg);
			return 1;
		}
	}

	if (info) {
		struct xfrm_user_migrate_state zero;

		memset(&zero, 0, sizeof(zero));
		len = build_msg(buf, bk, XFRM_MIGSTATE_CMD_GET_INFO, &zero,
				nattrs > 0);
	} else {
		/*
		 * --repeat: the same request again and again on one socket,
		 * as fast as the ACKs come (no process start in between).
		 */
		for (done = 1; done < repeat; done++, opt_seq++) {
			len = build_msg(buf, bk, XFRM_MIGSTATE_CMD_MIGRATE_STATE,
					&um, 1);
			nl_send(fd, buf, len);
			err = wait_ack(fd, opt_seq, msg, sizeof(msg), NULL);
			if (err) {
				printf("repeat=%lu failed_at=%lu\n", repeat, done);
				print_result(err, msg);
				close(fd);
				return 1;
			}
		}
		len = build_msg(buf, bk, XFRM_MIGSTATE_CMD_MIGRATE_STATE, &um, 1);
	}
	nl_send(fd, buf, len);
	err = wait_ack(fd, opt_seq, msg, sizeof(msg), info ? print_info : NULL);
	if (repeat > 1)
		printf("repeat=%lu%s\n", repeat, err ? " failed_at=last" : "");
	print_result(err, msg);
	close(fd);
	return err ? 1 : 0;
}
