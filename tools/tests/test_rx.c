// SPDX-License-Identifier: GPL-2.0
/*
 * The reply and monitor loops over mock sockets: hostile lengths, foreign
 * senders, hangups and deadlines. Every case runs in a child with an
 * alarm, so a hang or a crash fails a check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "corpus.h"
#include "mock.h"
#include "t.h"

static const struct corpus_entry *entry(const char *name)
{
	const struct corpus_entry *c;
	size_t n, i;

	c = corpus_get(&n);
	for (i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return &c[i];
	fprintf(stderr, "no corpus entry %s\n", name);
	abort();
}

struct rx_case {
	const char *first;	/* corpus entry queued before the answer */
	uint32_t sender;	/* its sender */
	int want;		/* result of the exchange */
	uint64_t bad_length, not_kernel;
};

/* A request answered by an ACK (-ESRCH) after c->first. */
static int transact_case(void *arg)
{
	const struct rx_case *rc = arg;
	const struct corpus_entry *e = entry(rc->first);
	unsigned char req[NLMSG_HDRLEN] __attribute__((aligned(4)));
	unsigned char ack[1024] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (void *)req;
	struct xms_drop_stats drops = { 0 };
	struct xms_chan c;
	struct mock mk;
	int err;

	if (mock_open(&mk))
		return 1;
	memset(&c, 0, sizeof(c));
	c.fd = mk.lib;
	c.portid = CORPUS_PORTID;
	c.rxlen = XMS_RXBUF;
	c.rxbuf = malloc(c.rxlen);
	c.timeout_ms = 2000;
	c.drops = &drops;
	memset(req, 0, sizeof(req));
	nlh->nlmsg_len = NLMSG_HDRLEN;
	nlh->nlmsg_type = 0x20;
	nlh->nlmsg_seq = CORPUS_SEQ;
	mock_put(&mk, rc->sender, e->data, e->len);
	mock_put(&mk, 0, ack, corpus_ack(ack, CORPUS_SEQ, -ESRCH));
	err = xms_nl_transact(&c, nlh, NULL, NULL, NULL, 0);
	free(c.rxbuf);
	mock_close(&mk);
	if (err != rc->want || drops.bad_length != rc->bad_length ||
	    drops.not_kernel != rc->not_kernel) {
		fprintf(stderr, "  %s: err %d (want %d), bad_length %llu, not_kernel %llu\n",
			rc->first, err, rc->want, (unsigned long long)drops.bad_length,
			(unsigned long long)drops.not_kernel);
		return 1;
	}
	return 0;
}

static void test_transact_lengths(void)
{
	static const struct rx_case cases[] = {
		{ "len-ffffffff", 0, -ESRCH, 1, 0 },
		{ "len-f0000000", 0, -ESRCH, 1, 0 },
		{ "len-below-header", 0, -ESRCH, 1, 0 },
		{ "len-beyond-received", 0, -ESRCH, 1, 0 },
		{ "short-header", 0, -ESRCH, 1, 0 },
		{ "notif-native-trailing-3", 0, -ESRCH, 1, 0 },
		{ "notif-native", 0, -ESRCH, 0, 0 },
		/* a forged answer from userspace is never taken */
		{ "ack-extack-capped", 4242, -ESRCH, 0, 1 },
		{ "len-ffffffff", 4242, -ESRCH, 0, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_EQ(t_child(transact_case, (void *)&cases[i], 5), 0);
}

/* A monitor fed c->first, then a native notification. */
static int monitor_case(void *arg)
{
	const struct rx_case *rc = arg;
	const struct corpus_entry *e = entry(rc->first);
	unsigned char b[1024] __attribute__((aligned(4)));
	struct xms_notification n;
	struct xms_drop_stats drops;
	struct xms_monitor *m;
	struct mock mk;
	int err;

	if (mock_open(&mk))
		return 1;
	m = xms_monitor_alloc(CORPUS_FAMILY);
	if (!m || xms_monitor_add_fd(m, NULL, mk.lib, XMS_BACKEND_NATIVE))
		return 1;
	mock_put(&mk, rc->sender, e->data, e->len);
	mock_put(&mk, 0, b, corpus_notif(b, sizeof(b), 0));
	err = xms_monitor_next(m, &n, 2000);
	xms_monitor_drop_stats(m, &drops);
	xms_monitor_close(m);
	mock_close(&mk);
	if (err != rc->want || drops.bad_length != rc->bad_length ||
	    drops.not_kernel != rc->not_kernel ||
	    (err == 1 && n.hdr.new_reqid != 100)) {
		fprintf(stderr, "  monitor %s: %d (want %d), bad_length %llu, not_kernel %llu\n",
			rc->first, err, rc->want, (unsigned long long)drops.bad_length,
			(unsigned long long)drops.not_kernel);
		return 1;
	}
	return 0;
}

static void test_monitor_lengths(void)
{
	static const struct rx_case cases[] = {
		{ "len-ffffffff", 0, 1, 1, 0 },
		{ "len-f0000000", 0, 1, 1, 0 },
		{ "len-below-header", 0, 1, 1, 0 },
		{ "len-beyond-received", 0, 1, 1, 0 },
		{ "short-header", 0, 1, 1, 0 },
		/* forged "Migrated state" events from userspace */
		{ "notif-native", 4242, 1, 0, 1 },
		{ "len-f0000000", 4242, 1, 0, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_EQ(t_child(monitor_case, (void *)&cases[i], 5), 0);
}

void test_rx(void)
{
	test_transact_lengths();
	test_monitor_lengths();
}
