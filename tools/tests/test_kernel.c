// SPDX-License-Identifier: GPL-2.0
/*
 * Against the running kernel, in a network namespace of our own (and a
 * user namespace when not root): a monitor joined to XFRMNLGRP_MIGRATE
 * must drop what another socket multicasts there, forged events and
 * hostile lengths alike. Skipped (with a note) where namespaces or
 * NETLINK_XFRM are not available; never loads a module on the host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <sched.h>
#include <unistd.h>
#include <sys/socket.h>

#include "internal.h"
#include "corpus.h"
#include "t.h"

#define SKIP 77

/*
 * NETLINK_XFRM is there without loading a module: the namespace has the
 * kernel's own socket of that protocol (Eth 6, portid 0). Creating a
 * socket otherwise would make the host autoload xfrm_user.
 */
static bool have_xfrm(void)
{
	char line[256];
	unsigned int eth, pid;
	bool found = false;
	FILE *f = fopen("/proc/net/netlink", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %u %u", &eth, &pid) == 2 &&
			eth == NETLINK_XFRM && pid == 0;
	fclose(f);
	return found;
}

static int forge(const void *msg, size_t len)
{
	struct sockaddr_nl to = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1u << (XFRMNLGRP_MIGRATE - 1),
	};
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_XFRM);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = sendto(fd, msg, len, 0, (struct sockaddr *)&to, sizeof(to));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int forged_case(void *arg)
{
	const struct corpus_entry *c;
	unsigned char b[1024] __attribute__((aligned(4)));
	struct xms_notification n;
	struct xms_drop_stats drops;
	struct xms_monitor *m;
	size_t nc, i, sent = 0;
	int err;

	(void)arg;
	if (unshare(CLONE_NEWNET) && unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return SKIP;
	if (!have_xfrm() || xms_monitor_open(XMS_MON_NATIVE, &m))
		return SKIP;
	if (forge(b, corpus_notif(b, sizeof(b), 0)))
		return SKIP;
	sent++;
	c = corpus_get(&nc);
	for (i = 0; i < nc; i++)
		if (!strncmp(c[i].name, "len-", 4) && !forge(c[i].data, c[i].len))
			sent++;
	err = xms_monitor_next(m, &n, 300);
	xms_monitor_drop_stats(m, &drops);
	xms_monitor_close(m);
	if (err != 0 || drops.not_kernel != sent || drops.bad_length) {
		fprintf(stderr, "  kernel: %d, not_kernel %llu of %zu, bad_length %llu\n",
			err, (unsigned long long)drops.not_kernel, sent,
			(unsigned long long)drops.bad_length);
		return 1;
	}
	return 0;
}

void test_kernel(void)
{
	int rc = t_child(forged_case, NULL, 10);

	if (rc == SKIP)
		fprintf(stderr, "kernel: skipped (no network namespace or NETLINK_XFRM)\n");
	else
		CHECK_EQ(rc, 0);
}
