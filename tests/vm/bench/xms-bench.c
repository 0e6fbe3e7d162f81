// SPDX-License-Identifier: GPL-2.0
/*
 * xms-bench: what a migration costs and what it disrupts, through the
 * module's family, the native XFRM_MSG_MIGRATE_STATE (7.2+), the copy
 * approach (GETSA + GETAE + DELSA + NEWSA, as strongSwan's update_sa),
 * legacy XFRM_MSG_MIGRATE, and NEWSA and DELSA alone.
 *
 *	xms-bench cost [-r ROUNDS] [-b BATCH] [-S N,N,...] [-m METHODS] [-v]
 *	xms-bench bulk [-n CHILDREN] [-m METHODS]
 *	xms-bench mem [-n MIGRATIONS] [-m METHOD]
 *	xms-bench disrupt ...           (disrupt.c; needs netns a and b)
 *
 * cost, bulk and mem work in the caller's network namespace, which they
 * fill with their own SAs (run them in a fresh one). Every figure is one
 * line "BENCH <what> key=value ..." on stdout; tests/harness/bench-report.sh
 * makes the table. The exit status is 1 if an operation failed or an SA
 * did not end where it should, 3 on a setup error.
 *
 * cost: one SA per migration method (own reqid), moved between the outer
 * addresses 10.0.0.1 -> 10.0.0.2 and 10.0.1.1 -> 10.0.1.2 at each step;
 * a round runs BATCH steps of each method, the order rotating from round
 * to round, so that drift hits all alike; NEWSA and DELSA alternate on a
 * fresh SA. Each step is timed from the request to its ACK; a first
 * round of everything is a warm-up and not counted. With -S the
 * whole is repeated with that many other SAs installed (ecb(cipher_null),
 * spread over 172.16.0.0/12: the lookups, not the crypto, grow).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/netlink.h>

#include "bench.h"

double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

void sleep_us(long us)
{
	struct timespec t = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

void addr4(xfrm_address_t *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	inet_pton(AF_INET, s, &a->a4);
}

void addr6(xfrm_address_t *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	inet_pton(AF_INET6, s, a->a6);
}

long xfrm_stat_read(int fd, const char *name)
{
	char b[4096], *p;
	size_t l = strlen(name);
	ssize_t n = pread(fd, b, sizeof(b) - 1, 0);

	if (n <= 0)
		return -1;
	b[n] = 0;
	for (p = b; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, name, l) && (p[l] == ' ' || p[l] == '\t'))
			return atol(p + l);
	return -1;
}

unsigned int parse_methods(const char *list)
{
	char *s = strdup(list), *t, *save = NULL;
	unsigned int mask = 0, i;

	for (t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < M_COUNT; i++)
			if (!strcmp(t, method_name[i]))
				mask |= 1U << i;
		if (!strcmp(t, "all"))
			mask |= (1U << M_COUNT) - 1;
	}
	free(s);
	return mask;
}

unsigned int methods_available(struct nlsk *x, struct nlsk *g)
{
	unsigned int mask = 1U << M_COPY | 1U << M_NEWSA | 1U << M_DELSA |
			    1U << M_LEGACY;

	if (!genl_resolve(g))
		mask |= 1U << M_MODULE;
	if (native_probe(x))
		mask |= 1U << M_NATIVE;
	return mask;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct samples {
	double *v;
	long n, cap, fails;
	int firsterr;
};

static void add_sample(struct samples *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			exit(3);
	}
	s->v[s->n++] = v;
}

static void fail_sample(struct samples *s, int err)
{
	s->fails++;
	if (!s->firsterr)
		s->firsterr = err;
}

static double pct(struct samples *s, int p)
{
	if (!s->n)
		return 0;
	qsort(s->v, s->n, sizeof(*s->v), cmp_d);
	return s->v[(s->n - 1) * p / 100];
}

static double mean(const struct samples *s)
{
	double t = 0;
	long i;

	for (i = 0; i < s->n; i++)
		t += s->v[i];
	return s->n ? t / s->n : 0;
}

/* The two places the SAs move between. */
static void place(struct sa_ref *r, int fam, int where)
{
	r->family = fam;
	if (fam == AF_INET) {
		addr4(&r->saddr, where ? "10.0.1.1" : "10.0.0.1");
		addr4(&r->daddr, where ? "10.0.1.2" : "10.0.0.2");
	} else {
		addr6(&r->saddr, where ? "fd00:1::1" : "fd00::1");
		addr6(&r->daddr, where ? "fd00:1::2" : "fd00::2");
	}
}

static const char *errname(int e)
{
	static char b[32];

	if (!e)
		return "0";
	snprintf(b, sizeof(b), "%d", e);
	return b;
}

/* The SA is at r and nowhere else of the two places. */
static int verify(struct nlsk *x, const struct sa_ref *r, const char *what)
{
	struct sa_ref q = *r, o = *r;
	unsigned char buf[4096];
	int at = !memcmp(&r->daddr, &q.daddr, sizeof(q.daddr)), err;

	place(&o, r->family, 0);
	if (!memcmp(&o.daddr, &r->daddr, sizeof(o.daddr)))
		place(&o, r->family, 1);
	o.spi = r->spi;
	err = sa_lookup(x, &q);
	if (err || q.reqid != r->reqid ||
	    memcmp(&q.saddr, &r->saddr, sizeof(q.saddr))) {
		printf("BENCH verify %s spi=0x%x FAIL not at its place (%d)\n",
		       what, ntohl(r->spi), err);
		return 1;
	}
	if (sa_get(x, &o, buf, sizeof(buf)) != -ESRCH) {
		printf("BENCH verify %s spi=0x%x FAIL still at its old place\n",
		       what, ntohl(r->spi));
		return 1;
	}
	(void)at;
	return 0;
}

static int fill(struct nlsk *x, long *have, long want)
{
	double t0 = now_us();
	long from = *have;

	for (; *have < want; (*have)++) {
		struct sa_ref f = { .family = AF_INET, .reqid = 77 };
		uint32_t d = htonl(0xac100000U + (uint32_t)*have);
		int err;

		addr4(&f.saddr, "10.9.0.1");
		memcpy(&f.daddr.a4, &d, 4);
		f.spi = htonl(0x20000000U + (uint32_t)*have);
		err = sa_new(x, &f, 1);
		if (err) {
			printf("BENCH fill FAIL at %ld: %s\n", *have, strerror(-err));
			return 1;
		}
	}
	if (want > from)
		printf("BENCH fill sas=%ld added=%ld secs=%.2f newsa_us=%.1f\n",
		       want, want - from, (now_us() - t0) / 1e6,
		       (now_us() - t0) / (want - from));
	/* let a hash resize that the fill queued run first */
	sleep_us(want > from ? 500000 : 0);
	return 0;
}

/*
 * One SA table: the namespace's sockets and one SA per migration method.
 * cost measures two, interleaved: the caller's namespace, which gets the
 * other SAs, and a namespace of its own that never does (the reference:
 * the ratio of the two is the scale factor, free of the machine's drift).
 */
struct table {
	struct nlsk x, g;
	struct sa_ref sa[M_COUNT];
	struct legacy_pol pol;
	uint32_t fresh;
	struct samples smp[M_COUNT];
};

static int table_init(struct table *t, unsigned int *want)
{
	unsigned int avail, mth;

	memset(t, 0, sizeof(*t));
	t->fresh = 0x01000000;
	t->pol.sel.family = AF_INET;
	t->pol.sel.prefixlen_d = t->pol.sel.prefixlen_s = 32;
	t->pol.sel.proto = IPSEC_ULPROTO_ANY;
	t->pol.dir = XFRM_POLICY_OUT;
	inet_pton(AF_INET, "192.168.100.1", &t->pol.sel.saddr.a4);
	inet_pton(AF_INET, "192.168.200.1", &t->pol.sel.daddr.a4);
	if (nl_open(&t->x, NETLINK_XFRM) || nl_open(&t->g, NETLINK_GENERIC))
		return 3;
	avail = methods_available(&t->x, &t->g);
	for (mth = 0; mth < M_COUNT; mth++) {
		if (!(*want & 1U << mth) || mth == M_NONE)
			continue;
		if (!(avail & 1U << mth)) {
			printf("BENCH cost method=%s unavailable\n", method_name[mth]);
			*want &= ~(1U << mth);
			continue;
		}
		if (mth == M_NEWSA || mth == M_DELSA)
			continue;
		place(&t->sa[mth], AF_INET, 0);
		t->sa[mth].spi = htonl(0x100 + mth);
		t->sa[mth].reqid = 10 + mth;
		if (sa_new(&t->x, &t->sa[mth], 0)) {
			printf("BENCH cost FAIL NEWSA of the %s SA\n", method_name[mth]);
			return 3;
		}
		if (mth == M_LEGACY && pol_add(&t->x, &t->pol, &t->sa[mth])) {
			printf("BENCH cost FAIL policy of the legacy SA\n");
			return 3;
		}
	}
	return 0;
}

/* BATCH steps of method m on table t, each timed into t->smp. */
static void run_batch(struct table *t, enum method m, long batch)
{
	long b;

	for (b = 0; b < batch; b++) {
		struct sa_ref to = t->sa[m];
		double t0, t1;
		int err;

		if (m == M_NEWSA) {
			struct sa_ref f = { .reqid = 99 };

			place(&f, AF_INET, 0);
			f.spi = htonl(t->fresh++);
			t0 = now_us();
			err = sa_new(&t->x, &f, 0);
			t1 = now_us();
			if (err) {
				fail_sample(&t->smp[M_NEWSA], err);
				continue;
			}
			add_sample(&t->smp[M_NEWSA], t1 - t0);
			t0 = now_us();
			err = sa_del(&t->x, &f);
			t1 = now_us();
			if (err)
				fail_sample(&t->smp[M_DELSA], err);
			else
				add_sample(&t->smp[M_DELSA], t1 - t0);
			continue;
		}
		/* to the other place */
		place(&to, AF_INET, !memcmp(&t->sa[m].daddr.a4, "\x0a\0\0\x02", 4));
		to.spi = t->sa[m].spi;
		to.reqid = t->sa[m].reqid;
		t0 = now_us();
		err = sa_move(m, &t->x, &t->g, &t->sa[m], &to, &t->pol);
		t1 = now_us();
		if (err)
			fail_sample(&t->smp[m], err);
		else
			add_sample(&t->smp[m], t1 - t0);
	}
}

static int report(const char *what, long scale, struct table *t,
		  unsigned int want)
{
	unsigned int mth;
	int bad = 0;

	for (mth = 0; mth < M_COUNT; mth++) {
		struct samples *s = &t->smp[mth];

		if (!(want & 1U << mth))
			continue;
		printf("BENCH %s scale=%ld method=%s n=%ld median_us=%.1f p99_us=%.1f mean_us=%.1f fails=%ld err=%s\n",
		       what, scale, method_name[mth], s->n, pct(s, 50),
		       pct(s, 99), mean(s), s->fails, errname(s->firsterr));
		bad |= s->fails > 0;
		s->n = s->fails = 0;
		s->firsterr = 0;
	}
	return bad;
}

static int run_cost(int argc, char **argv)
{
	long rounds = 20, batch = 50, scales[8] = { 0 }, nscales = 1, have = 0;
	long si, r, i;
	unsigned int want = ~0U, mth;
	static struct table big, ref;
	int c, bad = 0, order[M_COUNT], nord = 0, err;

	while ((c = getopt(argc, argv, "r:b:S:m:")) != -1) {
		switch (c) {
		case 'r': rounds = atol(optarg); break;
		case 'b': batch = atol(optarg); break;
		case 'm': want = parse_methods(optarg); break;
		case 'S': {
			char *s = optarg;

			for (nscales = 0; *s && nscales < 8; nscales++) {
				scales[nscales] = strtol(s, &s, 10);
				if (*s == ',')
					s++;
			}
			break;
		}
		default:
			fprintf(stderr, "usage: xms-bench cost [-r ROUNDS] [-b BATCH] [-S N,...] [-m METHODS]\n");
			return 2;
		}
	}
	want &= ~(1U << M_NONE);
	err = table_init(&big, &want);
	if (err)
		return err;
	/* the reference table, in a namespace of this process's own */
	if (unshare(CLONE_NEWNET)) {
		perror("xms-bench: unshare(CLONE_NEWNET)");
		return 3;
	}
	err = table_init(&ref, &want);
	if (err)
		return err;
	/* one slot for the NEWSA/DELSA pair */
	for (mth = 0; mth < M_COUNT; mth++)
		if ((want & 1U << mth) && mth != M_DELSA &&
		    (mth != M_NEWSA || (want & 1U << M_DELSA)))
			order[nord++] = mth;
	if (!nord)
		return 2;

	/* a warm-up round of everything, not counted */
	for (i = 0; i < nord; i++) {
		run_batch(&big, order[i], batch);
		run_batch(&ref, order[i], batch);
	}
	for (mth = 0; mth < M_COUNT; mth++) {
		big.smp[mth].n = ref.smp[mth].n = 0;
		big.smp[mth].fails = ref.smp[mth].fails = 0;
	}

	for (si = 0; si < nscales; si++) {
		if (fill(&big.x, &have, scales[si]))
			return 1;
		for (r = 0; r < rounds; r++) {
			for (i = 0; i < nord; i++) {
				enum method m = order[(i + r) % nord];

				/* the reference only where it differs */
				if (scales[si] && r % 2)
					run_batch(&ref, m, batch);
				run_batch(&big, m, batch);
				if (scales[si] && !(r % 2))
					run_batch(&ref, m, batch);
			}
		}
		bad |= report("cost", scales[si], &big, want);
		if (scales[si])
			bad |= report("cost0", scales[si], &ref, want);
		fflush(stdout);
	}
	for (mth = 0; mth < M_COUNT; mth++)
		if ((want & 1U << mth) && mth != M_NEWSA && mth != M_DELSA) {
			bad |= verify(&big.x, &big.sa[mth], method_name[mth]);
			bad |= verify(&ref.x, &ref.sa[mth], method_name[mth]);
		}
	printf("BENCH cost done %s\n", bad ? "FAIL" : "ok");
	return bad;
}

/*
 * bulk: CHILDREN Child SAs, alternately IPv4 and IPv6 outer addresses,
 * each an outbound and an inbound SA with the child's own reqid (all
 * between the same two gateways), moved all to the other place by one
 * method, then back by the next.
 */
static int run_bulk(int argc, char **argv)
{
	long n = 10000, i;
	unsigned int want = parse_methods("module,native,copy"), avail, mth;
	struct nlsk x, g;
	struct sa_ref *sa;
	int c, bad = 0, where = 0;

	while ((c = getopt(argc, argv, "n:m:")) != -1) {
		switch (c) {
		case 'n': n = atol(optarg); break;
		case 'm': want = parse_methods(optarg); break;
		default:
			fprintf(stderr, "usage: xms-bench bulk [-n CHILDREN] [-m METHODS]\n");
			return 2;
		}
	}
	if (nl_open(&x, NETLINK_XFRM) || nl_open(&g, NETLINK_GENERIC))
		return 3;
	avail = methods_available(&x, &g);
	sa = calloc(2 * n, sizeof(*sa));
	if (!sa)
		return 3;
	for (i = 0; i < 2 * n; i++) {
		int fam = (i / 2) % 2 ? AF_INET6 : AF_INET, err;

		place(&sa[i], fam, 0);
		if (i % 2) {	/* inbound: the peer's direction */
			xfrm_address_t t = sa[i].saddr;

			sa[i].saddr = sa[i].daddr;
			sa[i].daddr = t;
		}
		sa[i].spi = htonl(0x30000000U + (uint32_t)i);
		/* a reqid per child, as IKE daemons give them */
		sa[i].reqid = 1000 + (uint32_t)(i / 2);
		err = sa_new(&x, &sa[i], 0);
		if (err) {
			printf("BENCH bulk FAIL NEWSA %ld: %s\n", i, strerror(-err));
			return 3;
		}
	}
	for (mth = 0; mth < M_COUNT; mth++) {
		long fails = 0;
		int firsterr = 0;
		double t0;

		if (!(want & 1U << mth) || mth == M_NEWSA || mth == M_DELSA ||
		    mth == M_NONE)
			continue;
		if (mth == M_LEGACY) {
			printf("BENCH bulk method=legacy n/a (one policy and one request per SA)\n");
			continue;
		}
		if (!(avail & 1U << mth)) {
			printf("BENCH bulk method=%s unavailable\n", method_name[mth]);
			continue;
		}
		where = !where;
		t0 = now_us();
		for (i = 0; i < 2 * n; i++) {
			struct sa_ref to = sa[i];
			int err;

			place(&to, to.family, where);
			if (i % 2) {
				xfrm_address_t t = to.saddr;

				to.saddr = to.daddr;
				to.daddr = t;
			}
			err = sa_move(mth, &x, &g, &sa[i], &to, NULL);
			if (err && !fails++)
				firsterr = err;
		}
		t0 = (now_us() - t0) / 1e6;
		printf("BENCH bulk method=%s children=%ld sas=%ld secs=%.3f sas_per_s=%.0f fails=%ld err=%s\n",
		       method_name[mth], n, 2 * n, t0, 2 * n / t0, fails,
		       errname(firsterr));
		bad |= fails > 0;
		for (i = 0; i < 2 * n; i++) {
			struct sa_ref q = sa[i];

			if (sa_lookup(&x, &q)) {
				printf("BENCH bulk method=%s FAIL SA 0x%x not at its new place\n",
				       method_name[mth], ntohl(sa[i].spi));
				bad = 1;
				break;
			}
		}
		fflush(stdout);
	}
	printf("BENCH bulk done %s\n", bad ? "FAIL" : "ok");
	return bad;
}

static long meminfo(const char *key)
{
	char line[256];
	size_t l = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, l) && line[l] == ':')
			v = atol(line + l + 1);
	fclose(f);
	return v;
}

static long slab_objs(const char *cache)
{
	char line[512];
	size_t l = strlen(cache);
	long v = -1;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, cache, l) && line[l] == ' ')
			v = atol(line + l + 1);
	fclose(f);
	return v;
}

static long module_size(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/modules", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "xfrm_migrate_state ", 19))
			v = atol(line + 19);
	fclose(f);
	return v;
}

/* mem: one SA moved back and forth N times; slab before and after. */
static int run_mem(int argc, char **argv)
{
	long n = 100000, i, fails = 0, s0 = 0, s1, u0 = 0, u1, a0 = 0, a1, o0 = 0, o1;
	enum method m = M_COUNT;
	struct nlsk x, g;
	struct sa_ref sa = { .spi = htonl(0x4000), .reqid = 4 };
	const char *mname = NULL;
	int c, firsterr = 0;
	double t0 = 0;

	while ((c = getopt(argc, argv, "n:m:")) != -1) {
		switch (c) {
		case 'n': n = atol(optarg); break;
		case 'm': mname = optarg; break;
		default:
			fprintf(stderr, "usage: xms-bench mem [-n MIGRATIONS] [-m METHOD]\n");
			return 2;
		}
	}
	if (nl_open(&x, NETLINK_XFRM) || nl_open(&g, NETLINK_GENERIC))
		return 3;
	if (mname) {
		for (i = 0; i < M_COUNT; i++)
			if (!strcmp(mname, method_name[i]))
				m = i;
	} else {
		unsigned int avail = methods_available(&x, &g);

		m = avail & 1U << M_NATIVE ? M_NATIVE : M_MODULE;
	}
	if (m != M_MODULE && m != M_NATIVE && m != M_COPY)
		return 2;
	place(&sa, AF_INET, 0);
	if (sa_new(&x, &sa, 0))
		return 3;
	for (i = 0; i < n + 1000; i++) {
		struct sa_ref to = sa;
		int err;

		if (i == 1000) {
			sleep_us(2000000);
			s0 = meminfo("Slab");
			u0 = meminfo("SUnreclaim");
			a0 = meminfo("MemAvailable");
			o0 = slab_objs("xfrm_state");
			t0 = now_us();
		}
		place(&to, AF_INET, i % 2 == 0);
		err = sa_move(m, &x, &g, &sa, &to, NULL);
		if (err && !fails++)
			firsterr = err;
	}
	t0 = (now_us() - t0) / 1e6;
	sleep_us(3000000);	/* RCU and the state GC work */
	s1 = meminfo("Slab");
	u1 = meminfo("SUnreclaim");
	a1 = meminfo("MemAvailable");
	o1 = slab_objs("xfrm_state");
	printf("BENCH mem method=%s migrations=%ld secs=%.2f fails=%ld err=%s slab_kb=%ld slab_after_kb=%ld slab_growth_kb=%ld sunreclaim_growth_kb=%ld memavail_drop_kb=%ld xfrm_state_objs=%ld xfrm_state_objs_after=%ld module_bytes=%ld\n",
	       method_name[m], n, t0, fails, errname(firsterr), s0, s1, s1 - s0,
	       u1 - u0, a0 - a1, o0, o1, module_size());
	return fails > 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		goto usage;
	if (!strcmp(argv[1], "cost"))
		return run_cost(argc - 1, argv + 1);
	if (!strcmp(argv[1], "bulk"))
		return run_bulk(argc - 1, argv + 1);
	if (!strcmp(argv[1], "mem"))
		return run_mem(argc - 1, argv + 1);
	if (!strcmp(argv[1], "disrupt"))
		return run_disrupt(argc - 1, argv + 1);
usage:
	fprintf(stderr, "usage: xms-bench cost|bulk|mem|disrupt [options] (see the source's header)\n");
	return 2;
}
