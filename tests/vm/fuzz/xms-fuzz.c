// SPDX-License-Identifier: GPL-2.0
/*
 * xms-fuzz: seeded netlink fuzzer for XFRM_MSG_MIGRATE_STATE, through the
 * generic netlink family "xfrm_migstate" (module kernels) or natively on
 * NETLINK_XFRM (kernels >= 7.2).
 *
 *	xms-fuzz [-s SEED] [-n COUNT] [-t SECONDS] [-b auto|native|module]
 *		 [-E ERRNO,...] [-V] [-k SPI,...] [-q] [-c] [-v] [-w USEC]
 *		 [-r CORPUS-FILE]
 *
 * At start it dumps the SA table of its network namespace (XFRM_MSG_GETSA):
 * those SAs are the targets ("home" state). Each request is a valid
 * migration of one target (from its current tuple to home, or to an
 * alternative tuple: other addresses or family, encap on or off, another
 * reqid or mark), then mutated 0-4 times (see mutate()). After each request
 * a NLMSG_NOOP barrier with NLM_F_ACK is sent: the replies between the two
 * are exactly the replies to the request.
 *
 * Checks (a violation prints the seed, the request number and bytes in hex,
 * and exits 1):
 *  - a request with NLM_F_ACK gets exactly one NLMSG_ERROR; one without it
 *    gets none on success and at most one error; no reply for a message
 *    the kernel must drop (nlmsg_len beyond the datagram);
 *  - an error is a negative errno of the allowed set (allowed_default);
 *  - data replies only to GET_INFO (or to nlctrl requests);
 *  - the SA table: after each success at most one target changed, and the
 *    table is re-read; every 64 requests and at the end it must equal the
 *    model exactly: each target SPI once, no other SA, nothing changed by
 *    a request that failed.
 *
 * -V (valid-only, for stress with concurrent writers): no mutations, each
 * target toggles between home and its alternative tuples; ESRCH/EEXIST
 * (another writer moved or deleted it) re-read the SA; table checks are left
 * to the caller. -k restricts the targets. -E replaces the allowed errno
 * set (the test uses it to show that a violation is caught).
 * -r replays one corpus file and prints its reply (reproduction).
 *
 * The built-in corpus (the .hex files of corpus/, compiled in by the Makefile) is
 * replayed first, with the same checks.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/udp.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <linux/xfrm_migrate_state_compat.h>
#include <linux/xfrm_migstate.h>

#include "corpus.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define BUFSZ		65536
#define MAXMSG		8192
#define MAXSA		64
#define CHECK_EVERY	64

static const char *prog = "xms-fuzz";

/* ---- PRNG: xorshift64*, seeded, the only source of randomness ---- */

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(unsigned int percent)
{
	return below(100) < percent;
}

/* ---- errnos ---- */

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

#define NERRNAMES (sizeof(errnames) / sizeof(errnames[0]))

static const char *errname(int e)
{
	static char buf[16];
	size_t i;

	if (!e)
		return "0";
	for (i = 0; i < NERRNAMES; i++)
		if (errnames[i].err == e)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static int errnum(const char *name)
{
	size_t i;

	for (i = 0; i < NERRNAMES; i++)
		if (!strcmp(errnames[i].name, name))
			return errnames[i].err;
	return atoi(name);
}

/*
 * The allowed errors, each for a documented reason:
 *  EINVAL      every validation of the request (spec, upstream), netlink
 *              attribute parsing (bad nla_len, NLA_F_NESTED on a flat type)
 *  ESRCH       no SA for the lookup tuple, SA deleted meanwhile
 *  EEXIST      the new tuple is occupied by another SA
 *  EAFNOSUPPORT IPv6 disabled; no afinfo for the new family
 *  EPROTONOSUPPORT no xfrm type/mode for proto and new family (init_state)
 *  EOPNOTSUPP  genl: unknown or missing command, NLM_F_DUMP on a do-only
 *              command; offload not supported by the device
 *  ENOENT      genl: nlmsg_type is no registered family
 *  ENODEV      XFRMA_OFFLOAD_DEV with an ifindex that does not exist
 *  ERANGE      netlink policy range of an attribute (SA_DIR, ...)
 *  ENOMEM, ENOBUFS, EMSGSIZE  allocation/reply size (module: ENOMEM kept
 *              where upstream says EINVAL)
 * EPERM is not allowed: the fuzzer runs with CAP_NET_ADMIN.
 */
static const int allowed_default[] = {
	EINVAL, ESRCH, EEXIST, EAFNOSUPPORT, EPROTONOSUPPORT, EOPNOTSUPP,
	ENOENT, ENODEV, ERANGE, ENOMEM, ENOBUFS, EMSGSIZE,
};

static int allowed[64], nallowed;

static int errno_allowed(int e)
{
	int i;

	for (i = 0; i < nallowed; i++)
		if (allowed[i] == e)
			return 1;
	return 0;
}

static unsigned long replies_by_errno[4096];
static unsigned long data_replies, no_reply_expected;

/* ---- SA model ---- */

struct sa {
	uint32_t spi;		/* network order */
	uint8_t proto;
	uint8_t mode;
	uint16_t family;
	xfrm_address_t daddr, saddr;
	uint32_t reqid;
	struct xfrm_mark mark;
	struct xfrm_selector sel;
	int has_encap;
	struct xfrm_encap_tmpl encap;
	int seen;
};

static struct sa home[MAXSA], cur[MAXSA];
static int nsa;

static int sa_same(const struct sa *a, const struct sa *b)
{
	return a->spi == b->spi && a->proto == b->proto &&
	       a->family == b->family && a->reqid == b->reqid &&
	       !memcmp(&a->daddr, &b->daddr, sizeof(a->daddr)) &&
	       !memcmp(&a->saddr, &b->saddr, sizeof(a->saddr)) &&
	       a->mark.v == b->mark.v && a->mark.m == b->mark.m &&
	       !memcmp(&a->sel, &b->sel, sizeof(a->sel)) &&
	       a->has_encap == b->has_encap &&
	       (!a->has_encap || !memcmp(&a->encap, &b->encap, sizeof(a->encap)));
}

static void sa_print(const char *tag, const struct sa *s)
{
	char d[INET6_ADDRSTRLEN], sr[INET6_ADDRSTRLEN];
	int af = s->family == AF_INET6 ? AF_INET6 : AF_INET;

	inet_ntop(af, &s->daddr, d, sizeof(d));
	inet_ntop(af, &s->saddr, sr, sizeof(sr));
	fprintf(stderr, "  %s: spi 0x%08x proto %u family %u src %s dst %s reqid %u mark 0x%x/0x%x encap %d\n",
		tag, ntohl(s->spi), s->proto, s->family, sr, d, s->reqid,
		s->mark.v, s->mark.m, s->has_encap ? s->encap.encap_type : 0);
}

/* ---- netlink ---- */

static int fd;
static int native;
static uint16_t family_id;
static uint32_t seq = 1;
static unsigned char rbuf[BUFSZ];

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(3);
}

static int nl_open(int proto)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	int one = 1, sz = 1 << 20;

	if (s < 0)
		die("socket(AF_NETLINK)");
	setsockopt(s, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind(AF_NETLINK)");
	return s;
}

static void nl_send(int s, const void *buf, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (sendto(s, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("sendto(netlink)");
}

/* One datagram; 0 on timeout. */
static int nl_recv(int s, int timeout_ms)
{
	struct pollfd p = { .fd = s, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);

	if (n < 0)
		die("poll");
	if (!n)
		return 0;
	n = recv(s, rbuf, sizeof(rbuf), 0);
	if (n < 0)
		die("recv(netlink)");
	return n;
}

static void put_attr(unsigned char *msg, uint32_t *len, uint16_t type,
		     const void *data, size_t dlen)
{
	struct nlattr *a = (struct nlattr *)(msg + NLMSG_ALIGN(*len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + dlen);
	if (dlen)
		memcpy((char *)a + NLA_HDRLEN, data, dlen);
	memset((char *)a + NLA_HDRLEN + dlen, 0, NLA_ALIGN(dlen) - dlen);
	*len = NLMSG_ALIGN(*len) + NLA_ALIGN(a->nla_len);
}

/* Resolve the family id through nlctrl; 0 on success. */
static int genl_resolve(void)
{
	unsigned char msg[256];
	struct nlmsghdr *nlh = (struct nlmsghdr *)msg;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	uint32_t s = seq++;

	memset(msg, 0, sizeof(msg));
	nlh->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = s;
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	put_attr(msg, &nlh->nlmsg_len, CTRL_ATTR_FAMILY_NAME,
		 XFRM_MIGSTATE_GENL_NAME, sizeof(XFRM_MIGSTATE_GENL_NAME));
	nl_send(fd, msg, nlh->nlmsg_len);
	for (;;) {
		int n = nl_recv(fd, 5000);
		struct nlmsghdr *r;

		if (!n)
			return ETIMEDOUT;
		for (r = (struct nlmsghdr *)rbuf; NLMSG_OK(r, (unsigned int)n);
		     r = NLMSG_NEXT(r, n)) {
			struct nlattr *a;
			int rem;

			if (r->nlmsg_seq != s)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR)
				return -((struct nlmsgerr *)NLMSG_DATA(r))->error;
			a = (struct nlattr *)((char *)NLMSG_DATA(r) + GENL_HDRLEN);
			rem = (int)r->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
			for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
			       a->nla_len <= rem;
			     rem -= NLA_ALIGN(a->nla_len),
			     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
				if (a->nla_type == CTRL_ATTR_FAMILY_ID)
					memcpy(&family_id, (char *)a + NLA_HDRLEN, 2);
		}
	}
}

/* ---- SA table dump (NETLINK_XFRM, XFRM_MSG_GETSA | NLM_F_DUMP) ---- */

static void parse_sa(const struct nlmsghdr *r, struct sa *s)
{
	const struct xfrm_usersa_info *p = NLMSG_DATA(r);
	const struct nlattr *a;
	int rem;

	memset(s, 0, sizeof(*s));
	s->spi = p->id.spi;
	s->proto = p->id.proto;
	s->family = p->family;
	s->mode = p->mode;
	s->daddr = p->id.daddr;
	s->saddr = p->saddr;
	s->reqid = p->reqid;
	s->sel = p->sel;
	a = (const struct nlattr *)((const char *)p + NLMSG_ALIGN(sizeof(*p)));
	rem = (int)r->nlmsg_len - NLMSG_LENGTH(sizeof(*p));
	for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		const void *d = (const char *)a + NLA_HDRLEN;

		if (a->nla_type == XFRMA_MARK && a->nla_len >= NLA_HDRLEN + sizeof(s->mark))
			memcpy(&s->mark, d, sizeof(s->mark));
		if (a->nla_type == XFRMA_ENCAP && a->nla_len >= NLA_HDRLEN + sizeof(s->encap)) {
			memcpy(&s->encap, d, sizeof(s->encap));
			s->has_encap = 1;
		}
	}
}

/* Dump the table into out[]; returns the number of SAs. */
static int dump_table(struct sa *out, int max)
{
	static int xfd = -1;
	unsigned char msg[NLMSG_SPACE(sizeof(struct xfrm_usersa_info))];
	struct nlmsghdr *nlh = (struct nlmsghdr *)msg;
	uint32_t s = seq++;
	int count = 0;

	if (xfd < 0)
		xfd = native ? fd : nl_open(NETLINK_XFRM);
	memset(msg, 0, sizeof(msg));
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(struct xfrm_usersa_info));
	nlh->nlmsg_type = XFRM_MSG_GETSA;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = s;
	nl_send(xfd, msg, nlh->nlmsg_len);
	for (;;) {
		int n = nl_recv(xfd, 5000);
		struct nlmsghdr *r;

		if (!n) {
			errno = ETIMEDOUT;
			die("dumping the SA table");
		}
		for (r = (struct nlmsghdr *)rbuf; NLMSG_OK(r, (unsigned int)n);
		     r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq != s)
				continue;
			if (r->nlmsg_type == NLMSG_DONE)
				return count;
			if (r->nlmsg_type == NLMSG_ERROR) {
				errno = -((struct nlmsgerr *)NLMSG_DATA(r))->error;
				if (errno == EINTR || errno == EBUSY)
					return -1;	/* table changed: retry */
				die("XFRM_MSG_GETSA dump");
			}
			if (r->nlmsg_type == XFRM_MSG_NEWSA && count < max)
				parse_sa(r, &out[count++]);
		}
	}
}

/* ---- requests ---- */

struct req {
	unsigned char buf[MAXMSG];
	uint32_t len;		/* datagram length */
	int want_ack;		/* NLM_F_ACK set */
	int want_none;		/* kernel must drop it silently */
	int info;		/* GET_INFO (data reply allowed) */
	int ctrl;		/* to nlctrl (data replies allowed) */
	const char *what;	/* mutation trail */
};

static struct req rq;
static int valid_only, probing, verbose;
static char trail[512];
static unsigned long nreq, fails;
static uint64_t seed;
static long cur_index;		/* request number, -1.. for corpus */

static void hexdump(const unsigned char *p, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		fprintf(stderr, "%02x", p[i]);
	fputc('\n', stderr);
}

static void violation(const char *fmt, const char *arg)
{
	if (probing) {
		fails++;
		return;
	}
	fprintf(stderr, "%s: VIOLATION: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s: seed %llu request #%ld (mutations:%s)\n", prog,
		(unsigned long long)seed, cur_index, trail[0] ? trail : " none");
	if (cur_index >= 0)
		fprintf(stderr, "%s: reproduce: xms-fuzz -s %llu -n %ld\n", prog,
			(unsigned long long)seed, cur_index + 1);
	else
		fprintf(stderr, "%s: reproduce: corpus entry (xms-fuzz -r FILE)\n", prog);
	fprintf(stderr, "%s: request (%u bytes): ", prog, rq.len);
	hexdump(rq.buf, rq.len);
	fails++;
}

static void note(const char *m)
{
	size_t l = strlen(trail);

	snprintf(trail + l, sizeof(trail) - l, " %s", m);
}

static const uint32_t alt4[][2] = {
	{ 0x0a000101, 0x0a000102 },	/* 10.0.1.1 -> 10.0.1.2 */
	{ 0x0a000102, 0x0a000101 },
	{ 0x0a000001, 0x0a000002 },
};

static void alt_addr(uint16_t fam, int i, xfrm_address_t *s, xfrm_address_t *d)
{
	memset(s, 0, sizeof(*s));
	memset(d, 0, sizeof(*d));
	if (fam == AF_INET) {
		s->a4 = htonl(alt4[i % 3][0]);
		d->a4 = htonl(alt4[i % 3][1]);
		return;
	}
	/* fd00:1::1 -> fd00:1::2, fd00::2 -> fd00::1, ... */
	s->a6[0] = d->a6[0] = htonl(i % 2 ? 0xfd000000 : 0xfd000001);
	s->a6[3] = htonl(i % 2 ? 2 : 1);
	d->a6[3] = htonl(i % 2 ? 1 : 2);
}

static struct xfrm_user_migrate_state um;
static unsigned char attrs[MAXMSG];
static uint32_t alen;

static void attr(uint16_t type, const void *data, size_t dlen)
{
	if (alen + NLA_HDRLEN + dlen + 8 > 4096)
		return;
	put_attr(attrs, &alen, type, data, dlen);
}

/* A valid migration of target k: to home, or with -V / by chance elsewhere. */
static void base_request(int k, int away)
{
	const struct sa *c = &cur[k], *h = &home[k];
	struct xfrm_encap_tmpl e;

	memset(&um, 0, sizeof(um));
	alen = 0;
	um.id.daddr = c->daddr;
	um.id.spi = c->spi;
	um.id.family = c->family;
	um.id.proto = c->proto;
	um.old_mark = c->mark;
	um.new_daddr = h->daddr;
	um.new_saddr = h->saddr;
	um.new_family = h->family;
	um.new_sel = h->sel;
	um.new_reqid = h->reqid;
	if (h->mark.v || h->mark.m || c->mark.v || c->mark.m)
		attr(XFRMA_MARK, &h->mark, sizeof(h->mark));
	if (h->has_encap)
		attr(XFRMA_ENCAP, &h->encap, sizeof(h->encap));
	else if (c->has_encap) {
		memset(&e, 0, sizeof(e));
		attr(XFRMA_ENCAP, &e, sizeof(e));
	}
	if (!away)
		return;
	note("away");
	/* tunnel mode may change family; transport keeps it (upstream) */
	if (h->mode == XFRM_MODE_TUNNEL && chance(50))
		um.new_family = h->family == AF_INET ? AF_INET6 : AF_INET;
	alt_addr(um.new_family, (int)below(3), &um.new_saddr, &um.new_daddr);
	if (um.new_family != h->family || !h->sel.family) {
		memset(&um.new_sel, 0, sizeof(um.new_sel));
		um.new_sel.family = um.new_family;
	}
	if (h->mode == XFRM_MODE_TRANSPORT)
		um.flags |= XFRM_MIGRATE_STATE_UPDATE_H2H_SEL;
	if (chance(50))
		um.new_reqid = 1 + below(40);
	if (chance(30)) {
		struct xfrm_mark m = { .v = 0x10 + below(8), .m = 0xff };

		alen = 0;	/* the mark attribute goes first, again */
		attr(XFRMA_MARK, &m, sizeof(m));
		if (c->has_encap && !h->has_encap) {
			memset(&e, 0, sizeof(e));
			attr(XFRMA_ENCAP, &e, sizeof(e));
		}
	}
	if (h->proto == IPPROTO_ESP && um.new_family == AF_INET && chance(40)) {
		memset(&e, 0, sizeof(e));
		e.encap_type = UDP_ENCAP_ESPINUDP;
		e.encap_sport = htons(4500);
		e.encap_dport = htons(4500 + below(2));
		attr(XFRMA_ENCAP, &e, sizeof(e));
	}
}

/* ---- mutations ---- */

static void rand_bytes(void *p, size_t n)
{
	unsigned char *b = p;

	while (n--)
		*b++ = (unsigned char)rnd();
}

static void rand_addr(xfrm_address_t *a)
{
	memset(a, 0, sizeof(*a));
	if (chance(50))
		a->a4 = rnd();
	else
		rand_bytes(a, sizeof(*a));
}

static uint16_t rand_family(void)
{
	static const uint16_t f[] = { AF_UNSPEC, AF_INET, AF_INET6, AF_INET6,
				      AF_INET, 3, 17, 0xffff };

	return chance(90) ? f[below(8)] : (uint16_t)rnd();
}

/* Mutations of the fixed header (before serialisation). */
static void mutate_header(void)
{
	switch (below(12)) {
	case 0: um.id.family = rand_family(); note("id.family"); break;
	case 1: um.new_family = rand_family(); note("new_family"); break;
	case 2:
		um.flags = chance(50) ? below(8) : rnd();
		note("flags");
		break;
	case 3:
		um.new_sel.family = rand_family();
		um.new_sel.prefixlen_s = (uint8_t)below(160);
		um.new_sel.prefixlen_d = (uint8_t)below(160);
		note("sel.family/plen");
		break;
	case 4:
		rand_bytes(&um.new_sel, sizeof(um.new_sel));
		if (chance(50))
			um.new_sel.family = rand_family();
		note("sel.random");
		break;
	case 5:
		um.old_mark.v = chance(50) ? below(16) : rnd();
		um.old_mark.m = chance(50) ? 0xff : rnd();
		note("old_mark");
		break;
	case 6: um.new_reqid = rnd(); note("reqid"); break;
	case 7: um.reserved = (uint16_t)rnd(); note("reserved"); break;
	case 8:
		um.id.spi = chance(50) ? htonl(below(0x9000)) : cur[below(nsa)].spi;
		note("spi");
		break;
	case 9: rand_addr(&um.new_daddr); note("new_daddr"); break;
	case 10: rand_addr(&um.new_saddr); note("new_saddr"); break;
	default:
		um.id.proto = chance(50) ? (uint8_t)rnd() : IPPROTO_AH;
		note("proto");
	}
}

/* Attributes the module/upstream know, with random bodies and sizes. */
static void mutate_add_attr(void)
{
	static const uint16_t known[] = {
		XFRMA_ENCAP, XFRMA_MARK, 28 /* OFFLOAD_DEV */, 29, 30, 31, 32,
		33, 34, 35, XFRMA_SEC_CTX, XFRMA_LTIME_VAL, XFRMA_REPLAY_VAL,
		XFRMA_SRCADDR, XFRMA_COADDR, XFRMA_ALG_AEAD, XFRMA_TFCPAD,
	};
	unsigned char d[512];
	uint16_t type;
	size_t dlen;

	switch (below(6)) {
	case 0:
		type = known[below(sizeof(known) / sizeof(known[0]))];
		dlen = below(4) ? below(40) : below(sizeof(d));
		note("attr.known");
		break;
	case 1:
		type = (uint16_t)(36 + below(40));
		dlen = below(16);
		note("attr.unknown");
		break;
	case 2:
		type = (uint16_t)(rnd() & 0x3fff);
		dlen = below(64);
		note("attr.random-type");
		break;
	case 3:
		type = (uint16_t)(known[below(4)] | NLA_F_NESTED);
		dlen = 0;
		note("attr.nested");
		break;
	case 4:
		type = (uint16_t)(known[below(10)] | NLA_F_NET_BYTEORDER);
		dlen = 4;
		note("attr.byteorder");
		break;
	default: {
		struct xfrm_encap_tmpl e;

		rand_bytes(&e, sizeof(e));
		e.encap_type = chance(70) ? UDP_ENCAP_ESPINUDP : (uint16_t)below(8);
		if (chance(50))
			memset(&e.encap_oa, 0, sizeof(e.encap_oa));
		attr(XFRMA_ENCAP, &e, sizeof(e));
		note("attr.encap");
		return;
	}
	}
	rand_bytes(d, dlen);
	if (type & NLA_F_NESTED) {
		/* a nested attribute holding one or two plausible ones */
		uint32_t nl = 0;
		struct xfrm_mark m = { .v = rnd(), .m = rnd() };

		put_attr(d, &nl, XFRMA_MARK, &m, sizeof(m));
		if (chance(50))
			put_attr(d, &nl, (uint16_t)below(40), &m, below(9));
		dlen = nl;
	}
	attr(type, d, dlen);
}

/* Walk the attributes; returns the offset of the i-th (mod count) or -1. */
static long pick_attr(void)
{
	uint32_t off = 0, n = 0, want;

	while (off + NLA_HDRLEN <= alen) {
		const struct nlattr *a = (const struct nlattr *)(attrs + off);

		if (a->nla_len < NLA_HDRLEN)
			break;
		n++;
		off += NLA_ALIGN(a->nla_len);
	}
	if (!n)
		return -1;
	want = below(n);
	off = 0;
	while (want--)
		off += NLA_ALIGN(((const struct nlattr *)(attrs + off))->nla_len);
	return off;
}

static void mutate_attrs(void)
{
	long off = pick_attr();
	struct nlattr *a;

	if (off < 0 || chance(40)) {
		mutate_add_attr();
		return;
	}
	a = (struct nlattr *)(attrs + off);
	switch (below(4)) {
	case 0: {		/* duplicate */
		unsigned char copy[1024];
		uint16_t l = a->nla_len;

		if (l <= sizeof(copy) && alen + NLA_ALIGN(l) < 4096) {
			memcpy(copy, a, l);
			memcpy(attrs + alen, copy, NLA_ALIGN(l));
			alen += NLA_ALIGN(l);
		}
		note("attr.dup");
		break;
	}
	case 1:			/* wrong nla_len */
		a->nla_len = chance(50) ? (uint16_t)below(8) :
			     (uint16_t)(a->nla_len + 1 + below(600));
		note("attr.nla_len");
		break;
	case 2:			/* short payload */
		if (a->nla_len > NLA_HDRLEN)
			a->nla_len = (uint16_t)(NLA_HDRLEN + below(a->nla_len - NLA_HDRLEN));
		note("attr.short");
		break;
	default:		/* type bits */
		a->nla_type ^= (uint16_t)(1u << below(16));
		note("attr.type-bit");
	}
}

/* Byte-level mutations of the body (fixed header + attributes). */
static void mutate_bytes(unsigned char *body, uint32_t *blen)
{
	uint32_t i, n;

	switch (below(5)) {
	case 0:
		n = 1 + below(4);
		for (i = 0; i < n && *blen; i++)
			body[below(*blen)] ^= (unsigned char)(1u << below(8));
		note("bitflip");
		break;
	case 1:
		if (*blen)
			body[below(*blen)] = (unsigned char)rnd();
		note("byte");
		break;
	case 2:
		*blen = below(*blen + 1);
		note("truncate");
		break;
	case 3:
		n = chance(80) ? below(64) : below(MAXMSG / 2);
		if (*blen + n > MAXMSG - 64)
			n = 0;
		rand_bytes(body + *blen, n);
		*blen += n;
		note("oversize");
		break;
	default:		/* a huge attribute */
		n = 1024 + below(2048);
		if (*blen + n + NLA_HDRLEN < MAXMSG - 64) {
			struct nlattr *a = (struct nlattr *)(body + NLMSG_ALIGN(*blen));

			*blen = NLMSG_ALIGN(*blen);
			a->nla_type = (uint16_t)below(36);
			a->nla_len = (uint16_t)(NLA_HDRLEN + n);
			rand_bytes((char *)a + NLA_HDRLEN, n);
			*blen += NLA_HDRLEN + n;
		}
		note("huge-attr");
	}
}

static uint16_t nl_flags(void)
{
	static const uint16_t odd[] = {
		NLM_F_REQUEST, NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO,
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP,
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_ROOT,
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_MATCH | NLM_F_ATOMIC,
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_EXCL |
			NLM_F_CREATE | NLM_F_APPEND,
		NLM_F_REQUEST | NLM_F_ACK | NLM_F_MULTI,
		NLM_F_ACK, 0,
	};

	if (chance(80))
		return odd[below(sizeof(odd) / sizeof(odd[0]))];
	return (uint16_t)rnd();
}

/* Serialise um + attrs into rq, then mutate the netlink level. */
static void build(int nmut)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)rq.buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	unsigned char *body;
	uint32_t blen, hdr = native ? NLMSG_HDRLEN : NLMSG_HDRLEN + GENL_HDRLEN;
	int i, cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE;
	/* 0: header fields, 1: attributes, 2: bytes, 3: netlink/genl */
	int stage[4] = { 0 };

	memset(rq.buf, 0, sizeof(rq.buf));
	rq.info = rq.ctrl = rq.want_none = 0;

	for (i = 0; i < nmut; i++)
		stage[below(4)]++;
	for (i = 0; i < stage[0]; i++)
		mutate_header();
	for (i = 0; i < stage[1]; i++)
		mutate_attrs();
	if (!native && !valid_only && chance(nmut ? 8 : 3)) {
		cmd = XFRM_MIGSTATE_CMD_GET_INFO;
		if (!nmut || chance(50)) {
			memset(&um, 0, sizeof(um));
			alen = 0;
		}
		note("GET_INFO");
		rq.info = 1;
	}
	body = rq.buf + hdr;
	memcpy(body, &um, sizeof(um));
	memcpy(body + NLMSG_ALIGN(sizeof(um)), attrs, alen);
	blen = NLMSG_ALIGN(sizeof(um)) + alen;
	for (i = 0; i < stage[2]; i++)
		mutate_bytes(body, &blen);

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_type = native ? XFRM_MSG_MIGRATE_STATE : family_id;
	if (!native) {		/* native: g would alias the body */
		g->cmd = (uint8_t)cmd;
		g->version = XFRM_MIGSTATE_GENL_VERSION;
	}
	for (i = 0; i < stage[3]; i++) {
		switch (below(native ? 3 : 6)) {
		case 0:
			nlh->nlmsg_flags = nl_flags();
			note("nlmsg_flags");
			break;
		case 1:
			/*
			 * control types are acked unread; native > XFRM_MSG_MAX:
			 * EINVAL; genl 0x3f00.. is no family: ENOENT
			 */
			nlh->nlmsg_type = chance(50) ? (uint16_t)below(16) :
					  native ? (uint16_t)(200 + below(60000)) :
					  (uint16_t)(0x3f00 + below(0xff));
			note("nlmsg_type");
			if (!native && nlh->nlmsg_type == GENL_ID_CTRL)
				rq.ctrl = 1;
			break;
		case 2:
			nlh->nlmsg_pid = rnd();
			note("nlmsg_pid");
			break;
		case 3:
			g->cmd = (uint8_t)(chance(50) ? below(4) : rnd());
			rq.info = g->cmd == XFRM_MIGSTATE_CMD_GET_INFO;
			note("genl.cmd");
			break;
		case 4:
			g->version = (uint8_t)rnd();
			note("genl.version");
			break;
		default:
			g->reserved = (uint16_t)rnd();
			note("genl.reserved");
		}
	}
	rq.len = hdr + blen;
	if (!native && hdr + blen < NLMSG_HDRLEN + GENL_HDRLEN)
		rq.len = NLMSG_HDRLEN + GENL_HDRLEN;
	nlh->nlmsg_len = rq.len;
	nlh->nlmsg_seq = seq;
	if (nmut && chance(2)) {
		/* beyond the datagram: netlink_rcv_skb drops it silently */
		nlh->nlmsg_len = rq.len + 1 + below(100);
		rq.want_none = 1;
		note("nlmsg_len-beyond");
	}
	rq.want_ack = !!(nlh->nlmsg_flags & NLM_F_ACK);
}

/* ---- send, barrier, judge ---- */

static int last_err;

static void send_barrier(uint32_t s)
{
	struct nlmsghdr b = {
		.nlmsg_len = NLMSG_HDRLEN,
		.nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		.nlmsg_seq = s,
	};

	nl_send(fd, &b, sizeof(b));
}

/* Send rq, collect its replies up to the barrier; 0 if it was judged ok. */
static int exchange(void)
{
	uint32_t s = seq, bs = seq + 1;
	int acks = 0, datas = 0, done = 0, bad = 0;
	char why[128];

	seq += 2;
	last_err = -1;
	nl_send(fd, rq.buf, rq.len);
	send_barrier(bs);
	while (!done) {
		int n = nl_recv(fd, 10000);
		struct nlmsghdr *r;

		if (!n) {
			violation("%s", "no reply to the barrier within 10 s (kernel stuck?)");
			return 1;
		}
		for (r = (struct nlmsghdr *)rbuf; NLMSG_OK(r, (unsigned int)n);
		     r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq == bs && r->nlmsg_type == NLMSG_ERROR) {
				done = 1;
				continue;
			}
			if (r->nlmsg_seq != s) {
				snprintf(why, sizeof(why), "reply with foreign seq %u type %u",
					 r->nlmsg_seq, r->nlmsg_type);
				violation("%s", why);
				bad = 1;
				continue;
			}
			if (r->nlmsg_type != NLMSG_ERROR) {
				datas++;
				continue;
			}
			acks++;
			last_err = -((struct nlmsgerr *)NLMSG_DATA(r))->error;
		}
	}
	nreq++;
	if (rq.want_none) {
		no_reply_expected++;
		if (acks || datas) {
			violation("%s", "reply to a message the kernel must drop (nlmsg_len beyond the datagram)");
			return 1;
		}
		return bad;
	}
	if (acks > 1 || (rq.want_ack && acks != 1)) {
		snprintf(why, sizeof(why), "%d ACK/error replies (NLM_F_ACK %s)",
			 acks, rq.want_ack ? "set" : "clear");
		violation("%s", why);
		return 1;
	}
	if (!rq.want_ack && acks && !last_err) {
		violation("%s", "ACK with error 0 for a request without NLM_F_ACK");
		return 1;
	}
	if (datas) {
		data_replies++;
		if (!rq.info && !rq.ctrl) {
			violation("%s", "data reply to a request that is not GET_INFO");
			return 1;
		}
	}
	if (!acks)
		last_err = 0;
	if (last_err < 0 || last_err >= 4096) {
		snprintf(why, sizeof(why), "error %d is not a negative errno", -last_err);
		violation("%s", why);
		return 1;
	}
	replies_by_errno[last_err]++;
	if (last_err && !errno_allowed(last_err)) {
		snprintf(why, sizeof(why), "errno %s (%d) is not in the allowed set",
			 errname(last_err), last_err);
		violation("%s", why);
		return 1;
	}
	return bad;
}

/* ---- table checks ---- */

static struct sa tab[MAXSA * 4];

static int read_table(void)
{
	int n, tries;

	for (tries = 0; tries < 10; tries++) {
		n = dump_table(tab, MAXSA * 4);
		if (n >= 0)
			return n;
	}
	errno = EBUSY;
	die("SA table dump interrupted 10 times");
	return 0;
}

static int find_tab(int n, const struct sa *s)
{
	int i, hit = -1;

	for (i = 0; i < n; i++) {
		if (tab[i].spi != s->spi || tab[i].proto != s->proto)
			continue;
		if (hit >= 0)
			return -2;
		hit = i;
	}
	return hit;
}

/*
 * Compare the table with the model. max_changed: targets allowed to differ
 * (1 after a successful request, 0 otherwise). Updates the model.
 */
static int check_table(int max_changed, const char *when)
{
	int n = read_table(), i, changed = 0, bad = 0;
	char why[160];

	for (i = 0; i < nsa; i++) {
		int j = find_tab(n, &cur[i]);

		if (j < 0) {
			snprintf(why, sizeof(why), "%s: SA spi 0x%08x proto %u %s", when,
				 ntohl(cur[i].spi), cur[i].proto,
				 j == -1 ? "lost" : "duplicated");
			violation("%s", why);
			sa_print("model", &cur[i]);
			bad = 1;
			continue;
		}
		if (!sa_same(&tab[j], &cur[i])) {
			changed++;
			if (changed > max_changed) {
				sa_print("model", &cur[i]);
				sa_print("table", &tab[j]);
			}
			tab[j].mode = cur[i].mode;
			cur[i] = tab[j];
		}
	}
	if (n != nsa) {
		snprintf(why, sizeof(why), "%s: %d SAs in the table, %d expected", when, n, nsa);
		violation("%s", why);
		for (i = 0; i < n; i++)
			sa_print("table", &tab[i]);
		bad = 1;
	}
	if (changed > max_changed) {
		snprintf(why, sizeof(why), "%s: %d SAs changed, at most %d may", when,
			 changed, max_changed);
		violation("%s", why);
		bad = 1;
	}
	return bad;
}

static void load_targets(const char *spis)
{
	int n = read_table(), i;

	nsa = 0;
	for (i = 0; i < n && nsa < MAXSA; i++) {
		char buf[16];

		snprintf(buf, sizeof(buf), "0x%x,", ntohl(tab[i].spi));
		if (spis) {
			char list[512];

			snprintf(list, sizeof(list), ",%s,", spis);
			snprintf(buf, sizeof(buf), ",0x%x,", ntohl(tab[i].spi));
			if (!strstr(list, buf))
				continue;
		}
		home[nsa] = cur[nsa] = tab[i];
		nsa++;
	}
}

/* -V: re-read one target after ESRCH/EEXIST (another writer moved it). */
static void refresh(int k)
{
	int n = read_table(), j = find_tab(n, &cur[k]);

	if (j >= 0) {
		tab[j].mode = cur[k].mode;
		cur[k] = tab[j];
	}
}

/* ---- corpus ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A corpus entry: "flags N", "cmd N", "type N" lines (optional), then the
 * body (fixed header + attributes) in hex; '#' starts a comment. The
 * nlmsg/genl headers are built here (the family id differs per boot).
 */
static int load_entry(const char *text)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)rq.buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	uint32_t hdr = native ? NLMSG_HDRLEN : NLMSG_HDRLEN + GENL_HDRLEN;
	unsigned char *body = rq.buf + hdr;
	uint32_t blen = 0;
	const char *p = text;
	int hi = -1, cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE;

	memset(rq.buf, 0, sizeof(rq.buf));
	memset(&rq, 0, sizeof(rq));
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_type = native ? XFRM_MSG_MIGRATE_STATE : family_id;
	for (; *p; p += strcspn(p, "\n"), p += !!*p) {
		long v;

		if (*p == '#')
			continue;
		if (sscanf(p, "flags %li", &v) == 1) {
			nlh->nlmsg_flags = (uint16_t)v;
		} else if (sscanf(p, "cmd %li", &v) == 1) {
			cmd = (int)v;
		} else if (sscanf(p, "type %li", &v) == 1) {
			nlh->nlmsg_type = (uint16_t)v;
		} else {
			for (; *p && *p != '\n'; p++) {
				int h = hexval(*p);

				if (h < 0)
					continue;
				if (hi < 0) {
					hi = h;
				} else if (blen < MAXMSG - hdr) {
					body[blen++] = (unsigned char)(hi << 4 | h);
					hi = -1;
				}
			}
		}
	}
	if (native && cmd != XFRM_MIGSTATE_CMD_MIGRATE_STATE)
		return -1;	/* genl-only entry */
	if (!native) {
		/* after the body: the genl header must not be overwritten */
		g->cmd = (uint8_t)cmd;
		g->version = XFRM_MIGSTATE_GENL_VERSION;
		rq.info = cmd == XFRM_MIGSTATE_CMD_GET_INFO;
	}
	rq.len = hdr + blen;
	nlh->nlmsg_len = rq.len;
	nlh->nlmsg_seq = seq;
	rq.want_ack = !!(nlh->nlmsg_flags & NLM_F_ACK);
	return 0;
}

static void replay_corpus(void)
{
	size_t i;

	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		cur_index = -1 - (long)i;
		snprintf(trail, sizeof(trail), " corpus:%s", corpus[i].name);
		if (load_entry(corpus[i].text))
			continue;
		exchange();
		if (!last_err)
			check_table(1, "after a corpus request");
	}
	check_table(0, "after the corpus");
}

static int replay_file(const char *path)
{
	static char text[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		die(path);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = 0;
	fclose(f);
	cur_index = 0;
	snprintf(trail, sizeof(trail), " file:%s", path);
	if (load_entry(text)) {
		fprintf(stderr, "%s: %s: not for this backend\n", prog, path);
		return 2;
	}
	exchange();
	printf("errno=%s\n", errname(last_err));
	return fails ? 1 : 0;
}

/* ---- main ---- */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr,
"usage: %s [-s SEED] [-n COUNT] [-t SECONDS] [-b auto|native|module]\n"
"          [-E ERRNO,...] [-V] [-k SPI,...] [-q] [-c] [-v] [-w USEC]\n"
"          [-r CORPUS-FILE]\n"
"  -c: continue after a violation, -v: one line per request,\n"
"  -w: pause after each request of -V (leave CPU to other writers)\n", prog);
	exit(2);
}

static void set_allowed(const char *list)
{
	char buf[512], *tok, *save;

	nallowed = 0;
	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok && nallowed < 64;
	     tok = strtok_r(NULL, ",", &save))
		allowed[nallowed++] = errnum(tok);
}

/* Native if the kernel answers a migration of SPI 0 ... with ESRCH/EINVAL. */
static int probe_native(void)
{
	int s = nl_open(NETLINK_XFRM), save = fd, saved_native = native, err;

	fd = s;
	native = 1;
	memset(&um, 0, sizeof(um));
	um.id.family = um.new_family = AF_INET;
	um.id.proto = IPPROTO_ESP;
	um.id.spi = htonl(0xfffffff0);
	memset(&rq, 0, sizeof(rq));
	memcpy(rq.buf + NLMSG_HDRLEN, &um, sizeof(um));
	rq.len = NLMSG_LENGTH(sizeof(um));
	((struct nlmsghdr *)rq.buf)->nlmsg_len = rq.len;
	((struct nlmsghdr *)rq.buf)->nlmsg_type = XFRM_MSG_MIGRATE_STATE;
	((struct nlmsghdr *)rq.buf)->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	((struct nlmsghdr *)rq.buf)->nlmsg_seq = seq;
	rq.want_ack = 1;
	nallowed = 1;
	allowed[0] = ESRCH;
	probing = 1;
	exchange();
	probing = 0;
	err = last_err;
	nreq = 0;
	fails = 0;
	memset(replies_by_errno, 0, sizeof(replies_by_errno));
	close(s);
	fd = save;
	native = saved_native;
	return err == ESRCH;
}

static void print_summary(double secs)
{
	int e;

	printf("xms-fuzz: seed %llu backend %s targets %d requests %lu in %.1f s (%.0f/s)\n",
	       (unsigned long long)seed, native ? "native" : "module", nsa, nreq,
	       secs, secs > 0 ? nreq / secs : 0.0);
	printf("xms-fuzz: replies:");
	for (e = 0; e < 4096; e++)
		if (replies_by_errno[e])
			printf(" %s=%lu", errname(e), replies_by_errno[e]);
	printf(" (data replies %lu, silently dropped %lu)\n", data_replies,
	       no_reply_expected);
	printf("xms-fuzz: violations %lu\n", fails);
}

int main(int argc, char **argv)
{
	const char *backend = "auto", *spis = NULL, *allow = NULL, *file = NULL;
	long count = 10000, i;
	double limit = 0, t0;
	int c, valid = 0, quiet = 0, stop_after = 1;
	long pause_us = 0;

	seed = (uint64_t)time(NULL);
	while ((c = getopt(argc, argv, "s:n:t:b:E:Vk:qr:cvw:")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtol(optarg, NULL, 0); break;
		case 't': limit = strtod(optarg, NULL); break;
		case 'b': backend = optarg; break;
		case 'E': allow = optarg; break;
		case 'V': valid = valid_only = 1; break;
		case 'k': spis = optarg; break;
		case 'q': quiet = 1; break;
		case 'r': file = optarg; break;
		case 'c': stop_after = 0; break;
		case 'v': verbose = 1; break;
		case 'w': pause_us = strtol(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
	if (!strcmp(backend, "auto"))
		native = probe_native();
	else
		native = !strcmp(backend, "native");
	if (allow)
		set_allowed(allow);
	else
		for (nallowed = 0; nallowed < (int)(sizeof(allowed_default) / sizeof(int)); nallowed++)
			allowed[nallowed] = allowed_default[nallowed];

	if (native) {
		fd = nl_open(NETLINK_XFRM);
	} else {
		int err;

		fd = nl_open(NETLINK_GENERIC);
		err = genl_resolve();
		if (err) {
			fprintf(stderr, "%s: family %s not found: %s\n", prog,
				XFRM_MIGSTATE_GENL_NAME, errname(err));
			return 3;
		}
	}
	load_targets(spis);
	if (!nsa) {
		fprintf(stderr, "%s: no SA to aim at in this network namespace\n", prog);
		return 3;
	}
	if (file)
		return replay_file(file);
	if (!quiet)
		printf("xms-fuzz: seed %llu count %ld%s backend %s, %d target SAs, %zu corpus entries\n",
		       (unsigned long long)seed, count, valid ? " valid-only" : "",
		       native ? "native" : "module", nsa,
		       sizeof(corpus) / sizeof(corpus[0]));
	fflush(stdout);
	t0 = now();
	if (!valid)
		replay_corpus();
	for (i = 0; i < count && !(fails && stop_after); i++) {
		int k = (int)below(nsa), nmut = 0;

		if (limit && !(i & 63) && now() - t0 > limit)
			break;
		cur_index = i;
		trail[0] = 0;
		if (valid) {
			base_request(k, sa_same(&cur[k], &home[k]));
			build(0);
		} else {
			nmut = chance(20) ? 0 : 1 + (int)below(4);
			base_request(k, chance(30));
			build(nmut);
		}
		exchange();
		if (verbose) {
			fprintf(stderr, "#%ld sa %d errno %s:%s\n", i, k,
				errname(last_err), trail[0] ? trail : " none");
			if (last_err == ESRCH)
				sa_print("cur", &cur[k]);
		}
		if (valid) {
			/* another writer may have moved it too: re-read */
			refresh(k);
			if (pause_us)
				usleep((useconds_t)pause_us);
			continue;
		}
		if (!last_err)
			check_table(1, "after a successful request");
		else if (!(i % CHECK_EVERY))
			check_table(0, "periodic check");
	}
	cur_index = i;
	trail[0] = 0;
	if (!valid)
		check_table(0, "at the end");
	print_summary(now() - t0);
	return fails ? 1 : 0;
}
