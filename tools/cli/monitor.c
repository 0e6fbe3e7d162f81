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

int xm_monitor_run(struct xms_monitor *m, const struct xm_monitor_opts *mo,
		   bool json, FILE *out, FILE *err_out)
{
	struct xms_notification n;
	struct xms_drop_stats drops;
	long seen = 0, deadline = 0;
	int err, rc = XM_EXIT_OK;
	char buf[512];

	if (mo->timeout)
		deadline = now_ms() + mo->timeout * 1000L;
	for (;;) {
		int wait = -1;

		if (deadline) {
			long left = deadline - now_ms();

			if (left <= 0) {
				fprintf(err_out, "xfrm-migrate: timeout after %ld event(s)\n",
					seen);
				rc = XM_EXIT_LOCAL;
				break;
			}
			wait = (int)left;
		}
		err = xms_monitor_next(m, &n, wait);
		if (err == 0 || err == -EINTR)
			continue;
		if (err == -ENOBUFS) {
			fprintf(err_out, "xfrm-migrate: ENOBUFS: events were lost\n");
			continue;
		}
		if (err == -ENOENT) {
			fprintf(err_out, "xfrm-migrate: warning: module unloaded, "
				"waiting for it to be loaded again\n");
			continue;
		}
		if (err < 0) {
			fprintf(err_out, "xfrm-migrate: %s\n",
				xms_strerror(err, NULL, buf, sizeof(buf)));
			rc = XM_EXIT_LOCAL;
			break;
		}
		xm_print_notification(out, &n, json);
		seen++;
		if (mo->count && seen >= mo->count)
			break;
	}
	xms_monitor_drop_stats(m, &drops);
	if (drops.not_kernel || drops.bad_length)
		fprintf(err_out, "xfrm-migrate: warning: dropped %llu message(s) not "
			"from the kernel and %llu with a bad length\n",
			(unsigned long long)drops.not_kernel,
			(unsigned long long)drops.bad_length);
	return rc;
}

int xm_cmd_monitor(const struct xm_opts *o)
{
	unsigned int which = o->mon.which;
	struct xms_monitor *m;
	struct xms_probe_result pr;
	char buf[512];
	int err, rc;

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
	rc = xm_monitor_run(m, &o->mon, o->json, stdout, stderr);
	xms_monitor_close(m);
	return rc;
}
