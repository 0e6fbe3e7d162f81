// SPDX-License-Identifier: GPL-2.0
/*
 * espiv IFACE SPI KEYHEX COUNT TIMEOUT: capture COUNT IPv4 ESP packets of
 * SPI on IFACE (AF_PACKET), print the sequence number and the 16-byte IV
 * field of each, and judge the IVs of an enc+auth SA with cbc(aes) and
 * the IV generator echainiv (what NEWSA gives such an SA):
 *
 *   - no IV is zero, none repeats, none is the sequence number itself
 *     (eight zero bytes and the 64-bit big-endian sequence number, the
 *     value esp hands its crypto request);
 *   - the IV came from echainiv. echainiv zeroes the IV slot and encrypts
 *     it as the first CBC block with the chaining value v, where each
 *     64-bit half of v is (salt half | 1) * seq; so D_k(IV) = v, and
 *     v * seq^-1 (mod 2^64, odd seq) is the same for every packet. An SA
 *     without its IV generator encrypts whatever the slot held instead,
 *     with the sequence number as chaining value.
 *
 * D_k is AES-ECB decryption through AF_ALG with KEYHEX (16, 24 or 32
 * bytes). Prints "ok" and exits 0 when all holds; 1 when a check fails,
 * 2 usage, 3 socket/AF_ALG setup, 4 fewer packets than COUNT in TIMEOUT s.
 */
#include <arpa/inet.h>
#include <linux/if_alg.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <linux/types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define IVLEN 16
#define MAXPKT 256

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

struct pkt {
	__u32 seq;
	__u8 iv[IVLEN];
	__u8 v[IVLEN];
};

static struct pkt pkts[MAXPKT];

static int unhex(const char *s, __u8 *out, size_t max)
{
	size_t n = 0;

	if (!strncmp(s, "0x", 2))
		s += 2;
	while (s[0] && s[1] && n < max) {
		unsigned int b;

		if (sscanf(s, "%2x", &b) != 1)
			return -1;
		out[n++] = b;
		s += 2;
	}
	return *s ? -1 : (int)n;
}

static int alg_open(const __u8 *key, int keylen)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG,
		.salg_type = "skcipher",
		.salg_name = "ecb(aes)",
	};
	int tfm, op;

	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0 || bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, keylen)) {
		perror("AF_ALG ecb(aes)");
		return -1;
	}
	op = accept(tfm, NULL, 0);
	if (op < 0)
		perror("AF_ALG accept");
	return op;
}

static int aes_decrypt_block(int op, const __u8 *in, __u8 *out)
{
	char cbuf[CMSG_SPACE(sizeof(__u32))] = { 0 };
	struct iovec iov = { .iov_base = (void *)in, .iov_len = IVLEN };
	struct msghdr msg = {
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	__u32 dir = ALG_OP_DECRYPT;

	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(sizeof(dir));
	memcpy(CMSG_DATA(c), &dir, sizeof(dir));
	if (sendmsg(op, &msg, 0) != IVLEN || read(op, out, IVLEN) != IVLEN) {
		perror("AF_ALG decrypt");
		return -1;
	}
	return 0;
}

/* The inverse of an odd number modulo 2^64 (Newton's iteration). */
static __u64 inv64(__u64 a)
{
	__u64 x = a;
	int i;

	for (i = 0; i < 6; i++)
		x *= 2 - a * x;
	return x;
}

static __u64 half(const __u8 *p)
{
	__u64 v;

	memcpy(&v, p, sizeof(v));	/* echainiv stores host-order u64 */
	return v;
}

static void hex(const __u8 *p, int n)
{
	while (n--)
		printf("%02x", *p++);
}

static int capture(const char *ifname, __u32 spi, int count, int timeout)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_IP),
	};
	time_t end = time(NULL) + timeout;
	__u8 buf[2048];
	int fd, n = 0;

	sll.sll_ifindex = if_nametoindex(ifname);
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	if (!sll.sll_ifindex || fd < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("AF_PACKET");
		return -3;
	}
	printf("capturing\n");
	fflush(stdout);
	while (n < count && time(NULL) < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t len;
		int ihl;
		__u32 v;

		if (poll(&pfd, 1, 200) <= 0)
			continue;
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 20 || (buf[0] >> 4) != 4 || buf[9] != IPPROTO_ESP)
			continue;
		ihl = (buf[0] & 0xf) * 4;
		if (len < ihl + 8 + IVLEN)
			continue;
		memcpy(&v, buf + ihl, 4);
		if (ntohl(v) != spi)
			continue;
		memcpy(&v, buf + ihl + 4, 4);
		pkts[n].seq = ntohl(v);
		memcpy(pkts[n].iv, buf + ihl + 8, IVLEN);
		n++;
	}
	close(fd);
	return n;
}

int main(int argc, char **argv)
{
	static const __u8 zero[IVLEN];
	__u8 key[32];
	int keylen, count, n, i, j, op, bad = 0, odd = 0;
	__u64 c_lo = 0, c_hi = 0;

	if (argc != 6)
		goto usage;
	keylen = unhex(argv[3], key, sizeof(key));
	count = atoi(argv[4]);
	if ((keylen != 16 && keylen != 24 && keylen != 32) ||
	    count < 2 || count > MAXPKT)
		goto usage;
	op = alg_open(key, keylen);
	if (op < 0)
		return 3;

	n = capture(argv[1], strtoul(argv[2], NULL, 0), count, atoi(argv[5]));
	if (n < 0)
		return 3;

	for (i = 0; i < n; i++) {
		struct pkt *p = &pkts[i];
		__u8 seqiv[IVLEN] = { 0 };

		/* no ESN: the high half of the 64-bit number is zero */
		for (j = 0; j < 4; j++)
			seqiv[12 + j] = (__u8)(p->seq >> (24 - 8 * j));
		if (aes_decrypt_block(op, p->iv, p->v))
			return 3;
		printf("seq=%u iv=", p->seq);
		hex(p->iv, IVLEN);
		printf(" dec=");
		hex(p->v, IVLEN);
		printf("\n");

		if (!memcmp(p->iv, zero, IVLEN)) {
			printf("bad: seq %u: zero IV\n", p->seq);
			bad++;
		}
		if (!memcmp(p->iv, seqiv, IVLEN)) {
			printf("bad: seq %u: the IV is the sequence number\n", p->seq);
			bad++;
		}
		for (j = 0; j < i; j++) {
			if (!memcmp(p->iv, pkts[j].iv, IVLEN)) {
				printf("bad: seq %u: same IV as seq %u\n",
				       p->seq, pkts[j].seq);
				bad++;
			}
		}
		if (!(p->seq & 1))
			continue;
		/* echainiv: each half is (salt half | 1) * seq. */
		if (!odd++) {
			c_hi = half(p->v) * inv64(p->seq);
			c_lo = half(p->v + 8) * inv64(p->seq);
		} else if (half(p->v) * inv64(p->seq) != c_hi ||
			   half(p->v + 8) * inv64(p->seq) != c_lo) {
			printf("bad: seq %u: the IV is not echainiv's\n", p->seq);
			bad++;
		}
	}
	if (n < count) {
		printf("only %d of %d packets in %s s\n", n, count, argv[5]);
		return 4;
	}
	if (odd < 2 || !(c_hi & 1) || !(c_lo & 1)) {
		printf("bad: no echainiv multiplier (odd seqs %d)\n", odd);
		bad++;
	}
	if (bad)
		return 1;
	printf("ok: %d IVs, none zero, repeated or the sequence number; all echainiv's\n", n);
	return 0;

usage:
	fprintf(stderr, "usage: espiv IFACE SPI KEYHEX COUNT TIMEOUT\n");
	return 2;
}
