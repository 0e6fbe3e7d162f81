// SPDX-License-Identifier: GPL-2.0
/*
 * The reply and monitor loops over mock sockets: hostile lengths, foreign
 * senders, hangups and deadlines. Every case runs in a child with an
 * alarm, so a hang or a crash fails a check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "cli.h"
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

struct feeder {
	const struct mock *mk;
	int every_ms, times;
	int stop;	/* set once the wait is over (atomic) */
};

/* Legacy XFRM_MSG_MIGRATE traffic on the group: skipped by the monitor. */
static void *feed(void *arg)
{
	struct feeder *f = arg;
	unsigned char b[1024] __attribute__((aligned(4)));
	struct timespec ts = { 0, f->every_ms * 1000000L };
	size_t len = corpus_notif(b, sizeof(b), 0);
	int i;

	((struct nlmsghdr *)b)->nlmsg_type = XFRM_MSG_MIGRATE;
	for (i = 0; i < f->times; i++) {
		if (__atomic_load_n(&f->stop, __ATOMIC_RELAXED))
			break;
		mock_put(f->mk, 0, b, len);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

/* A 500 ms wait ends after 500 ms, however many messages are skipped. */
static int deadline_case(void *arg)
{
	struct feeder f = { .every_ms = 50, .times = 60 };
	struct xms_notification n;
	struct xms_monitor *m;
	long long t0, took;
	struct mock mk;
	pthread_t th;
	int err;

	(void)arg;
	if (mock_open(&mk))
		return 1;
	f.mk = &mk;
	m = xms_monitor_alloc(CORPUS_FAMILY);
	xms_monitor_add_fd(m, NULL, mk.lib, XMS_BACKEND_NATIVE);
	pthread_create(&th, NULL, feed, &f);
	t0 = xms_now_ms();
	err = xms_monitor_next(m, &n, 500);
	took = xms_now_ms() - t0;
	__atomic_store_n(&f.stop, 1, __ATOMIC_RELAXED);
	pthread_join(th, NULL);
	xms_monitor_close(m);
	mock_close(&mk);
	if (err != 0 || took > 1800) {
		fprintf(stderr, "  deadline: %d after %lld ms\n", err, took);
		return 1;
	}
	return 0;
}

/* A hangup or a closed socket ends the wait (no spinning until the alarm). */
static int hangup_case(void *arg)
{
	struct xms_notification n;
	struct xms_monitor *m;
	struct mock mk;
	int err, fd = -1;

	if (mock_open(&mk))
		return 1;
	m = xms_monitor_alloc(CORPUS_FAMILY);
	if (arg) {
		/* POLLNVAL: a descriptor number that is not open */
		fd = dup(mk.lib);
		xms_monitor_add_fd(m, NULL, fd, XMS_BACKEND_NATIVE);
		close(fd);
	} else {
		/* POLLHUP with an empty read */
		shutdown(mk.lib, SHUT_RDWR);
		xms_monitor_add_fd(m, NULL, mk.lib, XMS_BACKEND_NATIVE);
	}
	err = xms_monitor_next(m, &n, -1);
	xms_monitor_close(m);
	mock_close(&mk);
	if (err != (arg ? -EBADF : -EPIPE)) {
		fprintf(stderr, "  hangup: %d\n", err);
		return 1;
	}
	return 0;
}

static int transact_hangup_case(void *arg)
{
	unsigned char req[NLMSG_HDRLEN] __attribute__((aligned(4))) = { 0 };
	struct nlmsghdr *nlh = (void *)req;
	struct xms_chan c = { .rxlen = XMS_RXBUF, .timeout_ms = 10000 };
	struct mock mk;
	int err;

	(void)arg;
	if (mock_open(&mk))
		return 1;
	c.fd = mk.lib;
	c.rxbuf = malloc(c.rxlen);
	nlh->nlmsg_len = NLMSG_HDRLEN;
	nlh->nlmsg_type = 0x20;
	shutdown(mk.lib, SHUT_RDWR);
	err = xms_nl_transact(&c, nlh, NULL, NULL, NULL, 0);
	free(c.rxbuf);
	mock_close(&mk);
	return err != -EPIPE;
}

/* The CLI's monitor loop counts every event it printed. */
static void test_cli_monitor(void)
{
	struct xm_monitor_opts mo = { .timeout = 1 };
	unsigned char b[1024] __attribute__((aligned(4)));
	char *out = NULL, *err = NULL;
	size_t olen = 0, elen = 0;
	struct xms_monitor *m;
	FILE *fo, *fe;
	struct mock mk;
	int i, rc;

	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	m = xms_monitor_alloc(CORPUS_FAMILY);
	xms_monitor_add_fd(m, NULL, mk.lib, XMS_BACKEND_NATIVE);
	for (i = 0; i < 3; i++)
		mock_put(&mk, 0, b, corpus_notif(b, sizeof(b), 0));
	mock_put(&mk, 4242, b, corpus_notif(b, sizeof(b), 0));
	fo = open_memstream(&out, &olen);
	fe = open_memstream(&err, &elen);
	rc = xm_monitor_run(m, &mo, false, fo, fe);
	fclose(fo);
	fclose(fe);
	CHECK_EQ(rc, XM_EXIT_LOCAL);
	CHECK_STR(err, "xfrm-migrate: timeout after 3 event(s)\n"
		  "xfrm-migrate: warning: dropped 1 message(s) not from the kernel "
		  "and 0 with a bad length\n");
	CHECK(out && strstr(out, "Migrated state"));
	free(out);
	free(err);
	xms_monitor_close(m);
	mock_close(&mk);
}

/* xms_monitor_fd() in an event loop: readable, then drained without blocking. */
static void test_monitor_fd(void)
{
	unsigned char b[1024] __attribute__((aligned(4)));
	struct xms_notification n;
	struct xms_monitor *m;
	struct pollfd pfd;
	struct mock mk;
	int got = 0;

	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	m = xms_monitor_alloc(CORPUS_FAMILY);
	xms_monitor_add_fd(m, NULL, mk.lib, XMS_BACKEND_NATIVE);
	pfd.fd = xms_monitor_fd(m);
	pfd.events = POLLIN;
	CHECK_EQ(poll(&pfd, 1, 0), 0);
	mock_put(&mk, 0, b, corpus_notif(b, sizeof(b), 0));
	mock_put(&mk, 0, b, corpus_notif(b, sizeof(b), 0));
	CHECK_EQ(poll(&pfd, 1, 1000), 1);
	while (xms_monitor_next(m, &n, 0) == 1)
		got++;
	CHECK_EQ(got, 2);
	CHECK_EQ(poll(&pfd, 1, 0), 0);
	xms_monitor_close(m);
	mock_close(&mk);
}

/* The monitor follows the module's family through a reload. */
static void test_monitor_reload(void)
{
	unsigned char b[1024] __attribute__((aligned(4)));
	struct xms_notification n;
	struct xms_monitor *m;
	struct mock mk;
	size_t len;

	if (mock_open(&mk)) {
		CHECK(0);
		return;
	}
	m = xms_monitor_alloc(CORPUS_FAMILY);
	xms_monitor_add_fd(m, NULL, mk.lib, XMS_BACKEND_MODULE);
	mock_put(&mk, 0, b, corpus_family(b, CTRL_CMD_DELFAMILY, CORPUS_FAMILY, 0));
	CHECK_EQ(xms_monitor_next(m, &n, 1000), -ENOENT);
	mock_put(&mk, 0, b, corpus_family(b, CTRL_CMD_NEWFAMILY, CORPUS_FAMILY + 1, 0));
	len = corpus_notif(b, sizeof(b), 1);
	((struct nlmsghdr *)b)->nlmsg_type = CORPUS_FAMILY + 1;
	mock_put(&mk, 0, b, len);
	CHECK_EQ(xms_monitor_next(m, &n, 1000), 1);
	CHECK_EQ(n.hdr.new_reqid, 100);
	xms_monitor_close(m);
	mock_close(&mk);
}

void test_rx(void)
{
	test_monitor_reload();
	test_monitor_fd();
	test_transact_lengths();
	test_monitor_lengths();
	CHECK_EQ(t_child(deadline_case, NULL, 8), 0);
	CHECK_EQ(t_child(hangup_case, NULL, 3), 0);
	CHECK_EQ(t_child(hangup_case, (void *)1, 3), 0);
	CHECK_EQ(t_child(transact_hangup_case, NULL, 3), 0);
	test_cli_monitor();
}
