// SPDX-License-Identifier: GPL-2.0
/* `xfrm-migrate monitor`: one entry per migration, flushed per event. */
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int xm_cmd_monitor(const struct xm_opts *o)
{
	unsigned int which = o->mon.which;
	struct xms_monitor *m;
	struct xms_notification n;
	struct xms_probe_result pr;
	long seen = 0, deadline = 0;
	char buf[512];
	int err;

	if (!which) {
		err = xms_probe(o->backend, false, &pr);
		if (err) {
			fprintf(stderr, "xfrm-migrate: %s\n", xms_strerror(err,
				pr.reason_text, buf, sizeof(buf)));
			return err == -EPERM ? XM_EXIT_PERM : XM_EXIT_NOBACKEND;
		}
		which = pr.backend == XMS_BACKEND_NATIVE ? XMS_MON_NATIVE : XMS_MON_MODULE;
	}
	err = xms_monitor_open(which, &m);
	if (err == -ENOENT && which == (XMS_MON_NATIVE | XMS_MON_MODULE)) {
		/* --both on a kernel without the module: the native group alone */
		fprintf(stderr, "xfrm-migrate: warning: module not loaded, "
			"monitoring the native group only\n");
		which = XMS_MON_NATIVE;
		err = xms_monitor_open(which, &m);
	}
	if (err) {
		fprintf(stderr, "xfrm-migrate: %s\n", xms_strerror(err,
			err == -ENOENT ? "module not loaded: generic netlink family "
			XFRM_MIGSTATE_GENL_NAME " is absent; load it with "
			"'modprobe xfrm_migrate_state' (or 'insmod xfrm_migrate_state.ko')" :
			"cannot join the multicast group", buf, sizeof(buf)));
		return err == -EPERM || err == -EACCES ? XM_EXIT_PERM :
		       err == -ENOENT ? XM_EXIT_NOBACKEND : XM_EXIT_LOCAL;
	}
	if (o->mon.ready_file) {
		int fd = open(o->mon.ready_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd >= 0)
			close(fd);
	}
	if (o->mon.timeout)
		deadline = now_ms() + o->mon.timeout * 1000L;
	for (;;) {
		int wait = -1;

		if (deadline) {
			long left = deadline - now_ms();

			if (left <= 0) {
				fprintf(stderr, "xfrm-migrate: timeout after %ld event(s)\n", seen);
				xms_monitor_close(m);
				return XM_EXIT_LOCAL;
			}
			wait = (int)left;
		}
		err = xms_monitor_next(m, &n, wait);
		if (err == 0 || err == -EINTR)
			continue;
		if (err == -ENOBUFS) {
			fprintf(stderr, "xfrm-migrate: ENOBUFS: events were lost\n");
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "xfrm-migrate: %s\n", xms_strerror(err, NULL, buf, sizeof(buf)));
			xms_monitor_close(m);
			return XM_EXIT_LOCAL;
		}
		xm_print_notification(stdout, &n, o->json);
		if (o->mon.count && ++seen >= o->mon.count)
			break;
	}
	xms_monitor_close(m);
	return XM_EXIT_OK;
}
