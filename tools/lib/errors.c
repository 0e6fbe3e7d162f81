// SPDX-License-Identifier: LGPL-2.1-or-later
/* Error names and one-line error texts. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const struct {
	int err;
	const char *name;
} names[] = {
#define E(x) { x, #x }
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(EBADF), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY),
	E(EEXIST), E(ENODEV), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOSPC),
	E(ERANGE), E(ENOMSG), E(EBADMSG), E(EOVERFLOW), E(EMSGSIZE),
	E(EPROTOTYPE), E(ENOPROTOOPT), E(EPROTONOSUPPORT), E(EOPNOTSUPP),
	E(EAFNOSUPPORT), E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN),
	E(ENOBUFS), E(ETIMEDOUT), E(ECONNREFUSED), E(EALREADY), E(ENOSYS),
	E(ENOTSUP), E(ENODATA),
#undef E
};

XMS_API const char *xms_errno_name(int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return "E?";
}

XMS_API char *xms_strerror(int err, const char *extack, char *buf, size_t len)
{
	char tmp[128];
	const char *desc;

	if (!buf || !len)
		return buf;
	if (err < 0)
		err = -err;
	desc = strerror_r(err, tmp, sizeof(tmp));
	if (!strcmp(xms_errno_name(err), "E?"))
		snprintf(buf, len, "errno %d (%s)%s%s", err, desc,
			 extack && *extack ? ": " : "", extack ? extack : "");
	else
		snprintf(buf, len, "%s (%s)%s%s", xms_errno_name(err), desc,
			 extack && *extack ? ": " : "", extack ? extack : "");
	return buf;
}

XMS_API const char *xms_reason_text(const struct xms_probe_result *res)
{
	return res->reason_text;
}
