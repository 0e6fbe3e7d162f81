// SPDX-License-Identifier: GPL-2.0
/*
 * udpencap [-6] PORT: hold a UDP socket on PORT (IPv4, or IPv6 with -6)
 * with UDP_ENCAP_ESPINUDP set, as an IKE daemon holds port 4500, so that
 * the kernel hands ESP-in-UDP arriving there to XFRM instead of answering
 * port unreachable. Runs until killed.
 *
 * Exit status: 2 usage, 3 socket, 4 setsockopt, 5 bind.
 */
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef UDP_ENCAP
#define UDP_ENCAP 100
#endif
#ifndef UDP_ENCAP_ESPINUDP
#define UDP_ENCAP_ESPINUDP 2
#endif

int main(int argc, char **argv)
{
	int v6 = argc == 3 && !strcmp(argv[1], "-6");
	int type = UDP_ENCAP_ESPINUDP;
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sin = { .sin_family = AF_INET };
	const char *arg = argv[argc - 1];
	char *end;
	long port;
	int fd;

	if (argc != 2 + v6) {
		fprintf(stderr, "usage: udpencap [-6] PORT\n");
		return 2;
	}
	port = strtol(arg, &end, 10);
	if (*end || port < 1 || port > 65535) {
		fprintf(stderr, "udpencap: bad port %s\n", arg);
		return 2;
	}
	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("udpencap: socket");
		return 3;
	}
	if (setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &type, sizeof(type)) < 0) {
		perror("udpencap: setsockopt UDP_ENCAP");
		return 4;
	}
	sin.sin_port = htons(port);
	sin6.sin6_port = htons(port);
	if (v6 ? bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) :
		 bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		perror("udpencap: bind");
		return 5;
	}
	for (;;)
		pause();
}
