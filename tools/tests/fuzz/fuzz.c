// SPDX-License-Identifier: GPL-2.0
/*
 * Seeded fuzz drivers (no libFuzzer): every parser of the library and the
 * CLI, and the reply and monitor loops over mock sockets, fed mutations of
 * tests/corpus.c. Built with ASan+UBSan by "make check" (few iterations)
 * and "make fuzz-lib" (many). A crash, a sanitizer report or a hang
 * (alarm) ends the run without its SUMMARY line; a broken invariant counts
 * as a failed check.
 *
 * Usage: fuzz SEED ITERATIONS [TARGET]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stddef.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

#include "cli.h"
#include "internal.h"
#include "corpus.h"
#include "mock.h"

static uint64_t rng;
static long failed;

static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

#define FAIL_IF(cond) do {						\
	if (cond) {							\
		failed++;						\
		fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

static const uint32_t interesting[] = {
	0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 20, 132, 148, 0xff, 0x100, 0x7fff,
	0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xf0000000,
	0xfffffff0, 0xfffffffc, 0xffffffff,
};

/* Mutate buf (len bytes, room for cap): the new length. */
static size_t mutate(unsigned char *buf, size_t len, size_t cap)
{
	unsigned int ops = 1 + below(4), k;

	for (k = 0; k < ops; k++) {
		uint32_t v = interesting[below(sizeof(interesting) / sizeof(interesting[0]))];
		size_t off;

		switch (below(7)) {
		case 0:	/* a bit */
			if (len)
				buf[below((uint32_t)len)] ^= (unsigned char)(1u << below(8));
			break;
		case 1:	/* a byte */
			if (len)
				buf[below((uint32_t)len)] = (unsigned char)rnd();
			break;
		case 2:	/* a 16-bit field: nlmsg_type/flags, nla_len/nla_type */
			off = below((uint32_t)(len / 2 + 1)) * 2;
			if (off + 2 <= len) {
				uint16_t w = (uint16_t)(below(2) ? v : rnd());

				memcpy(buf + off, &w, 2);
			}
			break;
		case 3:	/* a 32-bit field: nlmsg_len (offset 0), seq, pid, error */
			off = below(3) ? below((uint32_t)(len / 4 + 1)) * 4 : 0;
			if (off + 4 <= len)
				memcpy(buf + off, &v, 4);
			break;
		case 4:	/* truncate */
			len = below((uint32_t)len + 1);
			break;
		case 5:	/* append */
			for (off = 1 + below(16); off && len < cap; off--)
				buf[len++] = (unsigned char)rnd();
			break;
		case 6:	/* an attribute header of a hostile length */
			off = below((uint32_t)(len / 4 + 1)) * 4;
			if (off + 4 <= len) {
				uint16_t h[2] = { (uint16_t)v, (uint16_t)below(40) };

				memcpy(buf + off, h, 4);
			}
			break;
		}
	}
	return len;
}

/* A mutated corpus entry in buf: its length. */
static size_t sample(unsigned char *buf, size_t cap)
{
	size_t n;
	const struct corpus_entry *c = corpus_get(&n);
	const struct corpus_entry *e = &c[below((uint32_t)n)];

	memcpy(buf, e->data, e->len);
	return mutate(buf, e->len, cap);
}

/*
 * A parser's input: a message of exactly its nlmsg_len bytes on the heap
 * (callers only pass messages the walk framed), so ASan sees over-reads.
 */
static struct nlmsghdr *message(void)
{
	unsigned char buf[2048] __attribute__((aligned(4)));
	size_t len = sample(buf, sizeof(buf));
	struct nlmsghdr *nlh;

	if (len < NLMSG_HDRLEN) {
		memset(buf + len, 0, NLMSG_HDRLEN - len);
		len = NLMSG_HDRLEN;
	}
	nlh = malloc(len);
	memcpy(nlh, buf, len);
	nlh->nlmsg_len = (uint32_t)len;
	return nlh;
}

static void t_notif(void)
{
	struct nlmsghdr *nlh = message();
	struct xms_notification n;
	enum xms_backend b = below(2) ? XMS_BACKEND_NATIVE : XMS_BACKEND_MODULE;
	int err = xms_parse_notification(nlh, b, CORPUS_FAMILY, &n);

	FAIL_IF(err > 0);
	FAIL_IF(!err && n.backend != b);
	if (!err) {
		/* the CLI prints whatever parsed */
		FILE *f = fopen("/dev/null", "w");

		xm_print_notification(f, &n, below(2));
		fclose(f);
	}
	free(nlh);
}

static void t_attrs(void)
{
	unsigned char buf[2048] __attribute__((aligned(4)));
	size_t len = sample(buf, sizeof(buf));
	size_t skip = len > NLMSG_HDRLEN ? below((uint32_t)(len - NLMSG_HDRLEN)) & ~3u : 0;
	unsigned char *exact = malloc(len - skip + 1);
	struct xms_attrs a;

	memcpy(exact, buf + skip, len - skip);
	FAIL_IF(xms_parse_attrs(exact, len - skip, &a) > 0);
	free(exact);
}

static void t_sa(void)
{
	struct nlmsghdr *nlh = message();
	struct xms_sa sa;

	FAIL_IF(xms_parse_sa(nlh, &sa) > 0);
	free(nlh);
}

static void t_info(void)
{
	struct nlmsghdr *nlh = message();
	struct xms_info info;

	FAIL_IF(xms_parse_info(nlh, &info) > 0);
	FAIL_IF(info.n_attrs > sizeof(info.attrs) / sizeof(info.attrs[0]));
	FAIL_IF(info.n_attrs_total < info.n_attrs);
	FAIL_IF(strnlen(info.module_version, sizeof(info.module_version)) ==
		sizeof(info.module_version));
	free(nlh);
}

static void t_family(void)
{
	struct nlmsghdr *nlh = message();
	struct xms_family f = { 0 };

	FAIL_IF(xms_parse_family(nlh, &f) != 0);
	free(nlh);
}

static void t_ack(void)
{
	struct nlmsghdr *nlh = message();
	char ext[XMS_EXTACK_LEN];
	int err;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(struct nlmsgerr)) {
		free(nlh);
		return;
	}
	err = xms_nl_parse_error(nlh, ext, below(2) ? sizeof(ext) : 1 + below(8));
	FAIL_IF(err > 0 || err < -XMS_MAX_ERRNO);
	FAIL_IF(memchr(ext, 0, sizeof(ext)) == NULL);
	free(nlh);
}

static uint32_t pick_sender(void)
{
	return below(4) ? 0 : 1 + below(100000);
}

static int sa_cb(const struct nlmsghdr *nlh, void *data)
{
	return xms_parse_sa(nlh, data);
}

/* The reply loop: mutated datagrams (from the kernel or not), then the ACK. */
static void t_reply(void)
{
	unsigned char req[NLMSG_HDRLEN] __attribute__((aligned(4))) = { 0 };
	unsigned char buf[2048] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (void *)req;
	struct xms_drop_stats drops = { 0 };
	struct xms_chan c = { .portid = CORPUS_PORTID, .timeout_ms = 2000 };
	unsigned int i, n = 1 + below(3);
	struct xms_sa sa;
	struct mock mk;
	int err;

	if (mock_open(&mk)) {
		failed++;
		return;
	}
	c.fd = mk.lib;
	c.rxlen = XMS_RXBUF;
	c.rxbuf = malloc(c.rxlen);
	c.drops = &drops;
	nlh->nlmsg_len = NLMSG_HDRLEN;
	nlh->nlmsg_type = XFRM_MSG_GETSA;
	nlh->nlmsg_seq = CORPUS_SEQ;
	for (i = 0; i < n; i++) {
		size_t len = sample(buf, sizeof(buf));

		mock_put(&mk, pick_sender(), buf, len);
	}
	mock_put(&mk, 0, buf, corpus_ack(buf, CORPUS_SEQ, -ESRCH));
	err = xms_nl_transact(&c, nlh, sa_cb, &sa, NULL, 0);
	FAIL_IF(err > 0 || err < -XMS_MAX_ERRNO);
	FAIL_IF(err == -ETIMEDOUT);	/* the ACK was there */
	free(c.rxbuf);
	mock_close(&mk);
}

/* The monitor: mutated datagrams, forged events, then a real one. */
static void t_monitor(void)
{
	unsigned char buf[2048] __attribute__((aligned(4)));
	unsigned int i, n = 1 + below(3), got = 0;
	enum xms_backend b = below(2) ? XMS_BACKEND_NATIVE : XMS_BACKEND_MODULE;
	struct xms_notification ntf;
	struct xms_monitor *m;
	struct mock mk;
	int err;

	if (mock_open(&mk)) {
		failed++;
		return;
	}
	m = xms_monitor_alloc(CORPUS_FAMILY);
	xms_monitor_add_fd(m, NULL, mk.lib, b);
	for (i = 0; i < n; i++) {
		size_t len;

		if (below(4)) {
			len = sample(buf, sizeof(buf));
			mock_put(&mk, 0, buf, len);
		} else {
			/* forged by userspace: must never come out */
			uint32_t forged = 0xdead;

			len = corpus_notif(buf, sizeof(buf), b == XMS_BACKEND_MODULE);
			memcpy(buf + NLMSG_HDRLEN +
			       (b == XMS_BACKEND_MODULE ? GENL_HDRLEN : 0) +
			       offsetof(struct xfrm_user_migrate_state, new_reqid),
			       &forged, sizeof(forged));
			mock_put(&mk, 1 + below(1000), buf, len);
		}
	}
	mock_put(&mk, 0, buf, corpus_notif(buf, sizeof(buf), b == XMS_BACKEND_MODULE));
	while ((err = xms_monitor_next(m, &ntf, 0)) != 0) {
		/* a (mutated) nlctrl DELFAMILY of ours: reported, not fatal */
		if (err == -ENOENT && b == XMS_BACKEND_MODULE)
			continue;
		FAIL_IF(err != 1);
		if (err != 1)
			break;
		got++;
		FAIL_IF(ntf.backend != b);
		FAIL_IF(ntf.hdr.new_reqid == 0xdead);
	}
	/*
	 * The real event always comes out, except on the module socket after
	 * an nlctrl event moved the monitor to another family id.
	 */
	FAIL_IF(got == 0 && b == XMS_BACKEND_NATIVE);
	xms_monitor_close(m);
	mock_close(&mk);
}

/* The CLI's parser: words of its vocabulary and mutated ones. */
static void t_cli(void)
{
	static const char *const words[] = {
		"migrate", "probe", "info", "monitor", "raw", "version", "help",
		"-j", "-n", "--backend", "module", "native", "auto", "dst", "src",
		"new-dst", "new-src", "10.0.0.1", "2001:db8::1", "proto", "esp",
		"ah", "comp", "spi", "0x1000", "0", "mark", "mask", "0xff",
		"new-mark", "set-mark", "output-mark", "8x", "new-reqid", "encap",
		"espinudp", "4500", "none", "offload", "crypto", "dev", "lo",
		"dir", "in", "out", "packet", "no-offload", "mtimer-thresh",
		"nat-keepalive", "sel",
		"10.0.0.0/24", "10.0.0.0/33", "sport", "dport", "tcp", "h2h-sel",
		"--count", "--timeout", "--both", "--ready", "-1", "4294967296",
		"",
	};
	static struct xm_opts o;
	char store[16][48];
	char *argv[18];
	char err[256];
	int argc = 1, i, rc;

	argv[0] = "xfrm-migrate";
	for (i = 0; i < (int)below(16); i++) {
		const char *w = words[below(sizeof(words) / sizeof(words[0]))];
		size_t len = strlen(w);

		memcpy(store[i], w, len + 1);
		if (!below(8)) {
			len = mutate((unsigned char *)store[i], len, sizeof(store[i]) - 1);
			store[i][len] = '\0';
		}
		argv[argc++] = store[i];
	}
	argv[argc] = NULL;
	rc = xm_parse_args(argc, argv, &o, err, sizeof(err));
	FAIL_IF(rc != 0 && rc != XM_EXIT_USAGE);
	FAIL_IF(rc && !memchr(err, 0, sizeof(err)));
	if (!rc && o.cmd == XM_CMD_MIGRATE) {
		struct xfrm_user_migrate_state req;
		struct xms_attrs attrs;
		struct xms_sa sa;

		memset(&sa, 0, sizeof(sa));
		sa.info.family = below(2) ? AF_INET : AF_INET6;
		rc = xm_build_request(&o.mig, &sa, &req, &attrs, err, sizeof(err));
		FAIL_IF(rc != 0 && rc != XM_EXIT_USAGE && rc != XM_EXIT_KERNEL);
	}
}

/* raw HEX */
static void t_hex(void)
{
	unsigned char buf[256], out[64];
	size_t len = mutate((unsigned char *)memcpy(buf, "0x2900aabb", 10), 10,
			    sizeof(buf) - 1);
	int n;

	buf[len] = '\0';
	n = xm_parse_hex((char *)buf, out, sizeof(out));
	FAIL_IF(n > (int)sizeof(out));
}

static const struct {
	const char *name;
	void (*fn)(void);
	unsigned int weight;	/* iterations per ITERATIONS / 10 */
} targets[] = {
	{ "notif", t_notif, 10 }, { "attrs", t_attrs, 10 }, { "sa", t_sa, 10 },
	{ "info", t_info, 10 }, { "family", t_family, 10 }, { "ack", t_ack, 10 },
	{ "reply", t_reply, 3 }, { "monitor", t_monitor, 3 }, { "cli", t_cli, 10 },
	{ "hex", t_hex, 5 },
};

int main(int argc, char **argv)
{
	unsigned long long seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	long iters = argc > 2 ? strtol(argv[2], NULL, 0) : 1000;
	const char *only = argc > 3 ? argv[3] : NULL;
	long total = 0, i;
	size_t t;

	/* a hang in a loop is a failure too: SIGALRM ends the run */
	alarm((unsigned int)(60 + iters / 500));
	printf("fuzz: seed %llu, %ld iterations per parser\n", seed, iters);
	fflush(stdout);
	for (t = 0; t < sizeof(targets) / sizeof(targets[0]); t++) {
		long n = iters * targets[t].weight / 10, before = failed;
		char name[32];

		if (only && strcmp(only, targets[t].name))
			continue;
		rng = seed * 0x9e3779b97f4a7c15ULL + t + 1;
		for (i = 0; i < n; i++)
			targets[t].fn();
		snprintf(name, sizeof(name), "fuzz-%s", targets[t].name);
		printf("%-12s %ld checks, %ld failed\n", name, n, failed - before);
		fflush(stdout);
		total += n;
	}
	printf("SUMMARY: fuzz %ld inputs, %ld failed: %s\n", total, failed,
	       failed ? "FAIL" : "PASS");
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
