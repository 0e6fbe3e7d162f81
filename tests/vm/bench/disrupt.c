// SPDX-License-Identifier: GPL-2.0
/*
 * xms-bench disrupt: a numbered UDP stream at a fixed rate from netns a
 * (192.168.1.1) to netns b (192.168.2.1:5001) through the tunnel of
 * tests/vm/lib-migrate.sh (SA 0x1000 a->b, outer 10.0.0.1 -> 10.0.0.2),
 * while SA 0x1000 is replaced in place K times by one method, in netns a
 * (-s snd: the outbound SA) or b (-s rcv: the inbound SA).
 *
 * One line: packets sent, lost (sent less distinct received), duplicated,
 * reordered, and the deltas of /proc/net/xfrm_stat of both namespaces.
 * Method "none" measures the stream alone (the baseline of this machine).
 * The stream runs 300 ms before the first and after the last migration,
 * then 500 ms are left for the drain; -q (quick, the smoke test) makes
 * that 100, 100 and 200 ms.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include "bench.h"

#define PORT 5001
#define MAXSEQ (1U << 24)

static const char *const stat_names[] = {
	"XfrmInNoStates", "XfrmOutNoStates", "XfrmInStateInvalid",
	"XfrmOutStateInvalid", "XfrmInStateSeqError", "XfrmOutStateSeqError",
	"XfrmInStateProtoError", "XfrmOutBundleGenError", "XfrmOutPolBlock",
	"XfrmInNoPols", "XfrmAcquireError",
};
#define NSTATS (sizeof(stat_names) / sizeof(stat_names[0]))

static volatile int stop_send, stop_recv;
static int snd_fd, rcv_fd;
static long rate;
static double stream_secs;
static unsigned long sent, senderr, got, uniq, dups, reord;
static unsigned char *seen;
static uint32_t max_seen;
static int have_max;

/* Pin the calling thread to one CPU (of two or more). */
static void pin(int cpu)
{
	cpu_set_t set;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void *sender(void *arg)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	unsigned char buf[64] = { 0 };
	double start = now_us(), t0 = start;

	(void)arg;
	/*
	 * One CPU: veth queues each packet to the backlog of the CPU that
	 * sent it, so a sender moving between CPUs reorders its own stream
	 * (seen on 5.10), and beyond the replay window that reads as
	 * replays. The migrations run on the other CPU.
	 */
	pin(0);
	inet_pton(AF_INET, "192.168.2.1", &to.sin_addr);
	while (!stop_send) {
		unsigned long due = (unsigned long)((now_us() - t0) * rate / 1e6);

		/*
		 * A starved sender (TCG) catches up at most 50 ms: the rate
		 * it reaches is reported (pps_sent), no backlog outlives the
		 * run.
		 */
		if (due > sent + rate / 20) {
			t0 += (due - sent - rate / 20) * 1e6 / rate;
			due = sent + rate / 20;
		}
		while (sent < due && sent < MAXSEQ && !stop_send) {
			uint32_t s = htonl((uint32_t)sent);

			memcpy(buf, &s, 4);
			if (sendto(snd_fd, buf, sizeof(buf), 0,
				   (struct sockaddr *)&to, sizeof(to)) < 0)
				senderr++;
			sent++;
		}
		sleep_us(200);
	}
	stream_secs = (now_us() - start) / 1e6;
	return NULL;
}

static void *receiver(void *arg)
{
	unsigned char buf[256];

	(void)arg;
	while (!stop_recv) {
		struct pollfd p = { .fd = rcv_fd, .events = POLLIN };
		uint32_t s;
		int n;

		if (poll(&p, 1, 100) <= 0)
			continue;
		while ((n = recv(rcv_fd, buf, sizeof(buf), MSG_DONTWAIT)) >= 4) {
			memcpy(&s, buf, 4);
			s = ntohl(s);
			got++;
			if (s >= MAXSEQ)
				continue;
			if (seen[s >> 3] & (1 << (s & 7))) {
				dups++;
				continue;
			}
			seen[s >> 3] |= 1 << (s & 7);
			uniq++;
			if (have_max && s < max_seen)
				reord++;
			if (!have_max || s > max_seen)
				max_seen = s;
			have_max = 1;
		}
	}
	return NULL;
}

static int enter(const char *ns)
{
	char p[128];
	int fd;

	snprintf(p, sizeof(p), "/var/run/netns/%s", ns);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "xms-bench: netns %s: %s\n", ns, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static long rcvbuf_errors(int fd)
{
	char b[4096], *l, *hdr = NULL;
	ssize_t n = pread(fd, b, sizeof(b) - 1, 0);
	int col = 0, i;
	long v = -1;

	if (n <= 0)
		return -1;
	b[n] = 0;
	for (l = strtok(b, "\n"); l; l = strtok(NULL, "\n")) {
		if (strncmp(l, "Udp: ", 5))
			continue;
		if (!hdr) {
			char *t;

			hdr = l;
			for (i = 0, t = l; (t = strchr(t, ' ')); t++, i++)
				if (!strncmp(t + 1, "RcvbufErrors", 12))
					col = i + 1;
			continue;
		}
		for (i = 0; i < col && l; i++)
			l = strchr(l + 1, ' ');
		if (l)
			v = atol(l + 1);
		break;
	}
	return v;
}

static void usage(void)
{
	fprintf(stderr, "usage: xms-bench disrupt -m METHOD -s snd|rcv -p PPS -k MIGRATIONS [-g GAP_US] [-t TAG] [-D COPY_DELAY_US] [-q]\n");
	exit(2);
}

int run_disrupt(int argc, char **argv)
{
	const char *side = "snd", *mname = "module", *tag = "";
	long k = 1000, gap = 1000, i, fails = 0, firsterr = 0;
	long before[2][NSTATS], after[2][NSTATS], rb0, rb1;
	int statfd[2], snmpfd, c, one = 1, sz = 8 << 20, quick = 0;
	struct nlsk x, g = { .fd = -1 };
	struct sa_ref r = { .family = AF_INET, .spi = htonl(0x1000) };
	struct legacy_pol pol = { .sel = { .family = AF_INET, .prefixlen_d = 32,
					   .prefixlen_s = 32,
					   .proto = IPSEC_ULPROTO_ANY } };
	struct sockaddr_in me = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	enum method m = M_COUNT;
	pthread_t ts, tr;
	double t0, t1, ms = 0, maxm = 0;
	unsigned int j;

	rate = 2000;
	while ((c = getopt(argc, argv, "m:s:p:k:g:t:D:q")) != -1) {
		switch (c) {
		case 'm': mname = optarg; break;
		case 's': side = optarg; break;
		case 'p': rate = atol(optarg); break;
		case 'k': k = atol(optarg); break;
		case 'g': gap = atol(optarg); break;
		case 't': tag = optarg; break;
		case 'D': copy_delay_us = atol(optarg); break;
		case 'q': quick = 1; break;
		default: usage();
		}
	}
	for (j = 0; j < M_COUNT; j++)
		if (!strcmp(mname, method_name[j]))
			m = j;
	if (m == M_COUNT || m == M_NEWSA || m == M_DELSA ||
	    (strcmp(side, "snd") && strcmp(side, "rcv")))
		usage();
	addr4(&r.daddr, "10.0.0.2");
	inet_pton(AF_INET, "192.168.1.1", &pol.sel.saddr.a4);
	inet_pton(AF_INET, "192.168.2.1", &pol.sel.daddr.a4);
	pol.dir = side[0] == 's' ? XFRM_POLICY_OUT : XFRM_POLICY_IN;
	seen = calloc(MAXSEQ / 8, 1);
	if (!seen)
		return 3;

	/* Sockets remember the netns they were made in. */
	if (enter("b"))
		return 3;
	statfd[1] = open("/proc/self/net/xfrm_stat", O_RDONLY);
	snmpfd = open("/proc/self/net/snmp", O_RDONLY);
	rcv_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	setsockopt(rcv_fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz));
	inet_pton(AF_INET, "192.168.2.1", &me.sin_addr);
	if (bind(rcv_fd, (struct sockaddr *)&me, sizeof(me)) < 0) {
		perror("xms-bench: bind");
		return 3;
	}
	if (side[0] == 'r' && (nl_open(&x, NETLINK_XFRM) ||
			       nl_open(&g, NETLINK_GENERIC)))
		return 3;
	if (enter("a"))
		return 3;
	statfd[0] = open("/proc/self/net/xfrm_stat", O_RDONLY);
	snd_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	setsockopt(snd_fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	setsockopt(snd_fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one));
	if (side[0] == 's' && (nl_open(&x, NETLINK_XFRM) ||
			       nl_open(&g, NETLINK_GENERIC)))
		return 3;
	if (statfd[0] < 0 || statfd[1] < 0) {
		perror("xms-bench: /proc/net/xfrm_stat");
		return 3;
	}
	if (m == M_MODULE && genl_resolve(&g)) {
		fprintf(stderr, "xms-bench: no xfrm_migstate family\n");
		return 3;
	}
	if (m != M_NONE && sa_lookup(&x, &r)) {
		fprintf(stderr, "xms-bench: SA 0x1000 dst 10.0.0.2 not found\n");
		return 3;
	}

	for (j = 0; j < NSTATS; j++) {
		before[0][j] = xfrm_stat_read(statfd[0], stat_names[j]);
		before[1][j] = xfrm_stat_read(statfd[1], stat_names[j]);
	}
	rb0 = rcvbuf_errors(snmpfd);
	pin(1);
	pthread_create(&tr, NULL, receiver, NULL);
	pthread_create(&ts, NULL, sender, NULL);
	/* the stream before and after the migrations, then the drain */
	sleep_us(quick ? 100000 : 300000);
	t0 = now_us();
	for (i = 0; i < k && m != M_NONE; i++) {
		struct sa_ref to = r;
		double a = now_us(), d;
		int err = sa_move(m, &x, &g, &r, &to, &pol);

		d = now_us() - a;
		ms += d;
		if (d > maxm)
			maxm = d;
		if (err) {
			fails++;
			if (!firsterr)
				firsterr = err;
			if (fails > 10)
				break;
		}
		if (gap)
			sleep_us(gap);
	}
	if (m == M_NONE)
		sleep_us(k * (gap + 100));
	t1 = now_us();
	sleep_us(quick ? 100000 : 300000);
	stop_send = 1;
	pthread_join(ts, NULL);
	sleep_us(quick ? 200000 : 500000);
	stop_recv = 1;
	pthread_join(tr, NULL);
	rb1 = rcvbuf_errors(snmpfd);
	for (j = 0; j < NSTATS; j++) {
		after[0][j] = xfrm_stat_read(statfd[0], stat_names[j]);
		after[1][j] = xfrm_stat_read(statfd[1], stat_names[j]);
	}

	printf("BENCH disrupt%s method=%s side=%s pps=%ld pps_sent=%.0f migrations=%ld fails=%ld err=%ld secs=%.3f mig_us=%.1f mig_max_us=%.0f sent=%lu senderr=%lu recv=%lu lost=%lu dup=%lu reord=%lu rcvbuf=%ld",
	       tag, mname, side, rate, stream_secs > 0 ? sent / stream_secs : 0,
	       m == M_NONE ? 0 : i, fails, firsterr,
	       (t1 - t0) / 1e6, i ? ms / i : 0, maxm, sent, senderr, got,
	       sent - uniq, dups, reord, rb1 - rb0);
	for (j = 0; j < NSTATS; j++) {
		long d = 0;

		if (before[0][j] >= 0)
			d += after[0][j] - before[0][j];
		if (before[1][j] >= 0)
			d += after[1][j] - before[1][j];
		printf(" %s=%ld", stat_names[j] + 4, d);
	}
	printf(" sa_ok=%d\n", m == M_NONE || !sa_lookup(&x, &r));
	fflush(stdout);
	return fails ? 1 : 0;
}
