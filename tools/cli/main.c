// SPDX-License-Identifier: GPL-2.0
/*
 * xfrm-migrate: migrate one IPsec SA with XFRM_MSG_MIGRATE_STATE, natively
 * (Linux 7.2+) or through the xfrm_migstate module.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cli.h"

static const char usage_text[] =
"Usage: xfrm-migrate [-j|--json] [--backend auto|native|module] [-n NETNS] COMMAND\n"
"  migrate [ src ADDR ] dst ADDR proto { esp | ah | comp } spi SPI [ mark MARK [ mask MASK ] ]\n"
"          [ new-src ADDR ] [ new-dst ADDR ] [ new-reqid REQID ] [ new-mark MARK [ mask MASK ] ]\n"
"          [ { set-mark | output-mark } MARK [ mask MASK ] ]\n"
"          [ encap espinudp SPORT DPORT OADDR | encap none ]\n"
"          [ offload [ crypto | packet ] dev DEV dir { in | out } | offload none ]\n"
"          [ mtimer-thresh SECONDS ] [ nat-keepalive SECONDS ] [ sel SELECTOR | h2h-sel ]\n"
"  probe | info | version\n"
"  raw HEX     send a complete native XFRM_MSG_MIGRATE_STATE message (hex) as is\n"
"  monitor [ --count N ] [ --timeout SECONDS ] [ --native | --module | --both ] [ --ready FILE ]\n"
"SELECTOR := src PREFIX dst PREFIX [ proto P ] [ sport PORT ] [ dport PORT ] [ dev DEV ]\n"
"Anything not named keeps the SA's current value (read with XFRM_MSG_GETSA).\n"
"Exit codes: 0 ok, 1 the kernel refused (errno printed), 2 usage error,\n"
"            3 no backend (module not loaded, kernel without support),\n"
"            4 permission denied (no CAP_NET_ADMIN), 5 local failure (netns, socket, timeout)\n";

static int enter_netns(const char *name)
{
	static const char *const dirs[] = { "/var/run/netns", "/run/netns" };
	char path[512];
	size_t i;
	int fd = -1, err = ENOENT;

	if (strchr(name, '/')) {
		fd = open(name, O_RDONLY | O_CLOEXEC);
		err = errno;
	}
	for (i = 0; fd < 0 && !strchr(name, '/') && i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dirs[i], name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && errno != ENOENT)
			err = errno;
	}
	if (fd < 0) {
		fprintf(stderr, "xfrm-migrate: network namespace \"%s\": %s\n", name, strerror(err));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "xfrm-migrate: setns \"%s\": %s\n", name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* Probe through h; on failure report the reason. Returns an exit code. */
static int need_backend(const struct xm_opts *o, struct xms_handle *h,
			struct xms_probe_result *pr)
{
	int err = xms_handle_probe(h, pr);

	if (!err)
		return XM_EXIT_OK;
	return xm_report(stdout, stderr, o->json, err, pr->reason_text,
			 XMS_BACKEND_NONE,
			 err == -EPERM ? XM_EXIT_PERM : XM_EXIT_NOBACKEND);
}

/* The outcome of a request through the serving backend. */
static int report(const struct xm_opts *o, int err, const char *extack,
		  enum xms_backend b, int code)
{
	return xm_report(stdout, stderr, o->json, err, extack, b, code);
}

/*
 * The outcome of xms_migrate()/xms_migrate_raw(): when no backend served
 * it (the module was removed after the probe, and probing again found
 * nothing), exit 3 as when it was absent from the start.
 */
static int report_sent(const struct xm_opts *o, int err, const char *extack,
		       enum xms_backend used)
{
	int code = 0;

	if (used == XMS_BACKEND_NONE &&
	    xms_error_class(err) == XMS_ERR_NO_BACKEND)
		code = XM_EXIT_NOBACKEND;
	return report(o, err, extack, used, code);
}

static int open_failed(const struct xm_opts *o, int err)
{
	return report(o, err, "cannot open netlink sockets", XMS_BACKEND_NONE,
		      XM_EXIT_LOCAL);
}

static int cmd_migrate(struct xm_opts *o)
{
	struct xm_migrate *m = &o->mig;
	struct xfrm_user_migrate_state req;
	struct xms_probe_result pr;
	struct xms_attrs attrs;
	struct xfrm_usersa_id id;
	enum xms_backend used = XMS_BACKEND_NONE;
	char extack[XMS_EXTACK_LEN], msg[256];
	struct xms_handle *h;
	struct xms_sa sa;
	int err, rc;

	if (m->attrs.present & XMS_ATTR_OFFLOAD) {
		m->attrs.offload.ifindex = (int)if_nametoindex(m->offload_dev);
		if (!m->attrs.offload.ifindex) {
			fprintf(stderr, "xfrm-migrate: offload: no device \"%s\"\n", m->offload_dev);
			return XM_EXIT_USAGE;
		}
	}
	if (m->sel_dev[0]) {
		m->sel.ifindex = (int)if_nametoindex(m->sel_dev);
		if (!m->sel.ifindex) {
			fprintf(stderr, "xfrm-migrate: sel dev: no device \"%s\"\n", m->sel_dev);
			return XM_EXIT_USAGE;
		}
	}
	err = xms_open(o->backend, &h);
	if (err)
		return open_failed(o, err);
	rc = need_backend(o, h, &pr);
	if (rc)
		goto out;

	memset(&id, 0, sizeof(id));
	id.daddr = m->dst.a;
	id.spi = htonl(m->spi);
	id.family = (uint16_t)m->dst.family;
	id.proto = m->proto;
	err = xms_get_sa(h, &id, m->has_mark ? &m->mark : NULL, &sa, extack, sizeof(extack));
	if (err) {
		if (err == -ESRCH && !extack[0])
			strcpy(extack, "Can not find state");
		rc = report(o, err, extack, pr.backend, 0);
		goto out;
	}
	rc = xm_build_request(m, &sa, &req, &attrs, msg, sizeof(msg));
	if (rc == XM_EXIT_KERNEL) {
		rc = report(o, -ESRCH, msg, pr.backend, rc);
		goto out;
	}
	if (rc) {
		fprintf(stderr, "xfrm-migrate: %s\n", msg);
		goto out;
	}
	err = xms_migrate(h, &req, &attrs, extack, sizeof(extack), &used);
	rc = report_sent(o, err, extack, used);
out:
	xms_close(h);
	return rc;
}

static int cmd_raw(const struct xm_opts *o)
{
	struct xms_probe_result pr;
	enum xms_backend used = XMS_BACKEND_NONE;
	char extack[XMS_EXTACK_LEN];
	struct xms_handle *h;
	int err, rc;

	err = xms_open(o->backend, &h);
	if (err)
		return open_failed(o, err);
	rc = need_backend(o, h, &pr);
	if (rc)
		goto out;
	err = xms_migrate_raw(h, (const struct nlmsghdr *)o->raw, extack,
			      sizeof(extack), &used);
	rc = report_sent(o, err, extack, used);
out:
	xms_close(h);
	return rc;
}

static int cmd_probe(const struct xm_opts *o)
{
	struct xms_probe_result pr;
	int err = xms_probe(o->backend, true, &pr);

	xm_print_probe(stdout, &pr, o->json);
	if (!err)
		return XM_EXIT_OK;
	return err == -EPERM ? XM_EXIT_PERM : XM_EXIT_NOBACKEND;
}

static int cmd_info(const struct xm_opts *o)
{
	struct xms_probe_result pr;
	char extack[XMS_EXTACK_LEN];
	struct xms_handle *h;
	struct xms_info info;
	int err, rc;

	err = xms_open(o->backend, &h);
	if (err)
		return open_failed(o, err);
	rc = need_backend(o, h, &pr);
	if (!rc) {
		err = xms_get_info(h, &info, extack, sizeof(extack));
		if (err)
			rc = report(o, err, extack, pr.backend, 0);
		else
			xm_print_info(stdout, &info, o->json);
	}
	xms_close(h);
	return rc;
}

static int cmd_version(const struct xm_opts *o)
{
	struct xms_probe_result pr;
	const char *mod = NULL;
	bool mismatch;
	int err;

	err = xms_probe(o->backend, true, &pr);
	if (!err && pr.backend == XMS_BACKEND_MODULE)
		mod = pr.module_version;
	if (!err && pr.backend == XMS_BACKEND_NATIVE)
		snprintf(pr.reason_text, sizeof(pr.reason_text),
			 "the kernel has XFRM_MSG_MIGRATE_STATE natively");
	mismatch = mod && strcmp(mod, XMS_VERSION);
	if (o->json) {
		struct xm_json j;

		xj_begin(&j, stdout);
		xj_str(&j, "cli_version", XMS_VERSION);
		xj_str(&j, "library_version", xms_version());
		xj_str(&j, "module_version", mod);
		if (!mod)
			xj_str(&j, "module_status", pr.reason_text);
		xj_bool(&j, "mismatch", mismatch);
		xj_end(&j);
	} else {
		printf("xfrm-migrate %s\n", XMS_VERSION);
		printf("library %s\n", xms_version());
		if (mod)
			printf("module %s\n", mod);
		else
			printf("module none (%s)\n", pr.reason_text);
		if (mismatch)
			printf("mismatch: xfrm-migrate %s, module %s\n", XMS_VERSION, mod);
	}
	if (mismatch)
		fprintf(stderr, "xfrm-migrate: warning: CLI version %s does not match module version %s\n",
			XMS_VERSION, mod);
	return XM_EXIT_OK;
}

int main(int argc, char **argv)
{
	static struct xm_opts o;
	char err[256];
	int rc;

	rc = xm_parse_args(argc, argv, &o, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "xfrm-migrate: %s (try --help)\n", err);
		return rc;
	}
	if (o.cmd == XM_CMD_HELP) {
		fputs(usage_text, stdout);
		return XM_EXIT_OK;
	}
	if (o.netns && enter_netns(o.netns))
		return XM_EXIT_LOCAL;

	switch (o.cmd) {
	case XM_CMD_MIGRATE:
		return cmd_migrate(&o);
	case XM_CMD_PROBE:
		return cmd_probe(&o);
	case XM_CMD_RAW:
		return cmd_raw(&o);
	case XM_CMD_INFO:
		return cmd_info(&o);
	case XM_CMD_MONITOR:
		return xm_cmd_monitor(&o);
	case XM_CMD_VERSION:
		return cmd_version(&o);
	default:
		fputs(usage_text, stderr);
		return XM_EXIT_USAGE;
	}
}
