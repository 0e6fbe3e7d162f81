// SPDX-License-Identifier: GPL-2.0
/* The CLI's outcome of a request: exit codes, -j result objects, error lines. */
#include <errno.h>
#include <stdlib.h>

#include "cli.h"
#include "t.h"

static int run(bool json, int err, const char *extack, enum xms_backend b,
	       int code, char **out, char **errs)
{
	size_t olen = 0, elen = 0;
	FILE *fo = open_memstream(out, &olen);
	FILE *fe = open_memstream(errs, &elen);
	int rc = xm_report(fo, fe, json, err, extack, b, code);

	fclose(fo);
	fclose(fe);
	return rc;
}

void test_report(void)
{
	char *out, *errs;

	/* exit codes of the man page */
	CHECK_EQ(xm_exit_code(0), XM_EXIT_OK);
	CHECK_EQ(xm_exit_code(-ESRCH), XM_EXIT_KERNEL);
	CHECK_EQ(xm_exit_code(-EPERM), XM_EXIT_PERM);
	CHECK_EQ(xm_exit_code(-ETIMEDOUT), XM_EXIT_LOCAL);	/* a GETSA timeout: 5 */
	CHECK_EQ(xm_exit_code(-EPROTO), XM_EXIT_LOCAL);
	CHECK_EQ(xm_exit_code(-EPROTONOSUPPORT), XM_EXIT_LOCAL);
	CHECK_EQ(xm_exit_code(-ENOMEM), XM_EXIT_KERNEL);

	/* -j info without a backend: a result object too */
	CHECK_EQ(run(true, -EOPNOTSUPP, "kernel lacks XFRM_MSG_MIGRATE_STATE",
		     XMS_BACKEND_NONE, XM_EXIT_NOBACKEND, &out, &errs),
		 XM_EXIT_NOBACKEND);
	CHECK_STR(out, "{\"result\":\"error\",\"backend\":\"none\",\"errno\":95,"
		  "\"errno_name\":\"EOPNOTSUPP\",\"error_class\":\"no-backend\","
		  "\"error\":\"EOPNOTSUPP (Operation not "
		  "supported)\",\"extack\":\"kernel lacks XFRM_MSG_MIGRATE_STATE\"}\n");
	CHECK_STR(errs, "xfrm-migrate: EOPNOTSUPP (Operation not supported): "
		  "kernel lacks XFRM_MSG_MIGRATE_STATE\n");
	free(out);
	free(errs);

	CHECK_EQ(run(false, -ETIMEDOUT, "", XMS_BACKEND_NATIVE, 0, &out, &errs),
		 XM_EXIT_LOCAL);
	CHECK_STR(out, "");
	CHECK_STR(errs, "xfrm-migrate: ETIMEDOUT (Connection timed out)\n");
	free(out);
	free(errs);

	/* success with the kernel's warning */
	CHECK_EQ(run(true, 0, "Failed to send migration notification",
		     XMS_BACKEND_MODULE, 0, &out, &errs), XM_EXIT_OK);
	CHECK_STR(out, "{\"result\":\"ok\",\"backend\":\"module\",\"errno\":0,"
		  "\"errno_name\":\"0\",\"extack\":\"Failed to send migration notification\"}\n");
	CHECK_STR(errs, "xfrm-migrate: warning: Failed to send migration notification\n");
	free(out);
	free(errs);
}
