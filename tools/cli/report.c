// SPDX-License-Identifier: GPL-2.0
/* The outcome of a command: the -j result object, the error line, the exit code. */
#include <errno.h>

#include "cli.h"

int xm_exit_code(int err)
{
	if (err == -EPERM || err == -EACCES)
		return XM_EXIT_PERM;
	switch (xms_error_class(err)) {
	case XMS_ERR_OK:
		return XM_EXIT_OK;
	case XMS_ERR_LOCAL:	/* sockets, a reply not understood */
	case XMS_ERR_UNKNOWN:	/* no reply in time */
		return XM_EXIT_LOCAL;
	default:		/* the kernel refused (or was out of memory) */
		return XM_EXIT_KERNEL;
	}
}

int xm_fail(FILE *f, int err, const char *extack, int code)
{
	char buf[512];

	fprintf(f, "xfrm-migrate: %s\n", xms_strerror(err, extack, buf, sizeof(buf)));
	return code;
}

void xm_json_result(FILE *out, int err, const char *extack, enum xms_backend b)
{
	struct xm_json j;
	char buf[128];

	xj_begin(&j, out);
	xj_str(&j, "result", err ? "error" : "ok");
	xj_str(&j, "backend", xms_backend_name(b));
	xj_int(&j, "errno", err < 0 ? -(long long)err : err);
	xj_str(&j, "errno_name", err ? xms_errno_name(err) : "0");
	if (err) {
		xj_str(&j, "error_class", xms_error_class_name(xms_error_class(err)));
		xms_strerror(err, NULL, buf, sizeof(buf));
		xj_str(&j, "error", buf);
	}
	xj_str(&j, "extack", extack ? extack : "");
	xj_end(&j);
}

int xm_report(FILE *out, FILE *errf, bool json, int err, const char *extack,
	      enum xms_backend b, int code)
{
	if (json)
		xm_json_result(out, err, extack, b);
	if (err)
		return xm_fail(errf, err, extack, code ? code : xm_exit_code(err));
	if (extack && extack[0])
		fprintf(errf, "xfrm-migrate: warning: %s\n", extack);
	return XM_EXIT_OK;
}
