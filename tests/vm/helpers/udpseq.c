// SPDX-License-Identifier: GPL-2.0
/*
 * udpseq: a numbered UDP stream at a fixed rate, to count what a path
 * loses, duplicates or reorders.
 *
 *	udpseq send SRC DST PORT PPS SECS
 *	udpseq recv PORT SECS
 *
 * send: from SRC to DST:PORT, datagrams of 64 bytes whose first 4 bytes
 * are a sequence number (1, 2, ... network order), PPS a second, paced
 * every millisecond, for SECS seconds or until SIGTERM/SIGINT; then
 * prints "sent=N errors=E" (E: sendto() failures, not sent).
 * recv: counts the datagrams on PORT until SIGTERM/SIGINT or SECS; then
 * prints "received=N dup=D reordered=R max=M" (D: numbers received more
 * than once, R: numbers lower than one received before).
 *
 * IPv4 only; exit status 0, 2 usage, 3 socket errors.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXSEQ (1u << 24)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: udpseq send SRC DST PORT PPS SECS\n"
			"       udpseq recv PORT SECS\n");
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "udpseq: %s: %s\n", what, strerror(errno));
	exit(3);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end)
		usage();
	return v;
}

static void addr(struct sockaddr_in *sin, const char *a, unsigned long port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	if (a && inet_pton(AF_INET, a, &sin->sin_addr) != 1)
		usage();
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int do_send(char **argv)
{
	struct sockaddr_in src, dst;
	unsigned long pps = num(argv[3]), secs = num(argv[4]);
	unsigned long long sent = 0, errors = 0, due;
	unsigned char buf[64];
	uint32_t seq = 0;
	struct timespec tick = { 0, 1000000 };
	double t0, t;
	int fd;

	addr(&src, argv[0], 0);
	addr(&dst, argv[1], num(argv[2]));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)))
		die("bind");
	memset(buf, 0x5a, sizeof(buf));
	t0 = now();
	while (!stop) {
		t = now() - t0;
		if (t >= secs)
			break;
		due = (unsigned long long)(t * pps);
		/* catch up after a late tick, but never in one long burst */
		if (due > sent + errors + 64)
			due = sent + errors + 64;
		while (sent + errors < due && !stop) {
			uint32_t n = htonl(++seq);

			memcpy(buf, &n, sizeof(n));
			if (sendto(fd, buf, sizeof(buf), 0,
				   (struct sockaddr *)&dst, sizeof(dst)) < 0)
				errors++;
			else
				sent++;
		}
		nanosleep(&tick, NULL);
	}
	printf("sent=%llu errors=%llu\n", sent, errors);
	return 0;
}

static int do_recv(char **argv)
{
	unsigned long long received = 0, dup = 0, reordered = 0;
	unsigned long secs = num(argv[1]);
	struct sockaddr_in sin;
	struct timeval tv = { 0, 200000 };
	unsigned char *seen, buf[2048];
	int fd, rcvbuf = 4 << 20;
	uint32_t max = 0, n;
	double t0 = now();
	ssize_t len;

	seen = calloc(MAXSEQ / 8, 1);
	if (!seen)
		die("calloc");
	addr(&sin, NULL, num(argv[0]));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	while (!stop && now() - t0 < secs) {
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			die("recv");
		}
		if (len < 4)
			continue;
		memcpy(&n, buf, sizeof(n));
		n = ntohl(n);
		if (n >= MAXSEQ)
			continue;
		received++;
		if (seen[n / 8] & (1u << (n % 8)))
			dup++;
		seen[n / 8] |= 1u << (n % 8);
		if (n < max)
			reordered++;
		else
			max = n;
	}
	printf("received=%llu dup=%llu reordered=%llu max=%u\n",
	       received, dup, reordered, max);
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 7 && !strcmp(argv[1], "send"))
		return do_send(argv + 2);
	if (argc == 4 && !strcmp(argv[1], "recv"))
		return do_recv(argv + 2);
	usage();
	return 2;
}
