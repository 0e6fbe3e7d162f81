/* SPDX-License-Identifier: GPL-2.0 */
/*
 * udpencap6 PORT: hold an IPv6 UDP socket on [::]:PORT with
 * UDP_ENCAP_ESPINUDP set, as an IKE daemon does on 4500, so that the
 * kernel hands ESP-in-UDP over IPv6 to XFRM (tests/vm/lib-migrate.sh has
 * the IPv4 twin). No libc, raw syscalls, amd64 and arm64; built by
 * tests/demo/mkudpencap6.sh, which prints the base64 that
 * tests/vm/t_45_demo.sh embeds.
 */
#define NR(x86, a64) (ARCH_X86 ? (x86) : (a64))
#if defined(__x86_64__)
#define ARCH_X86 1
static long sc(long n, long a, long b, long c, long d, long e)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8) : "rcx", "r11", "memory");
	return r;
}
#elif defined(__aarch64__)
#define ARCH_X86 0
static long sc(long n, long a, long b, long c, long d, long e)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4) : "memory");
	return x0;
}
#endif
static void die(int code) { for (;;) sc(NR(60, 93), code, 0, 0, 0, 0); }
void cstart(long *sp)
{
	char **argv = (char **)(sp + 1);
	unsigned int port = 0;
	const char *p;
	/* struct sockaddr_in6: AF_INET6 (10), port, flowinfo, in6addr_any, scope */
	unsigned char sin6[28] = { 10, 0 };
	int one = 2;	/* UDP_ENCAP_ESPINUDP */
	long fd;

	if (*sp < 2)
		die(2);
	for (p = argv[1]; *p >= '0' && *p <= '9'; p++)
		port = port * 10 + (*p - '0');
	if (*p || !port || port > 65535)
		die(2);
	sin6[2] = port >> 8;
	sin6[3] = port & 0xff;
	fd = sc(NR(41, 198), 10, 2, 0, 0, 0);	/* socket(AF_INET6, SOCK_DGRAM, 0) */
	if (fd < 0)
		die(3);
	if (sc(NR(54, 208), fd, 17, 100, (long)&one, sizeof(one)) < 0)	/* setsockopt(SOL_UDP, UDP_ENCAP) */
		die(4);
	if (sc(NR(49, 200), fd, (long)sin6, sizeof(sin6), 0, 0) < 0)	/* bind */
		die(5);
	for (;;) {
		long ts[2] = { 3600, 0 };
		sc(NR(35, 101), (long)ts, 0, 0, 0, 0);	/* nanosleep */
	}
}
#if defined(__x86_64__)
__asm__(".globl _start\n_start:\n mov %rsp,%rdi\n and $-16,%rsp\n call cstart\n");
#else
__asm__(".globl _start\n_start:\n mov x0, sp\n bl cstart\n");
#endif
