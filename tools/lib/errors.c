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
	E(ENOTSUP), E(ENODATA), E(EPROTO), E(EPIPE),
#undef E
};

/* |err| without overflow (-INT_MIN is undefined). */
static unsigned int magnitude(int err)
{
	return err < 0 ? 0u - (unsigned int)err : (unsigned int)err;
}

XMS_API const char *xms_errno_name(int err)
{
	unsigned int e = magnitude(err);
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((unsigned int)names[i].err == e)
			return names[i].name;
	return "E?";
}

XMS_API char *xms_strerror(int err, const char *extack, char *buf, size_t len)
{
	const char *sep = extack && *extack ? ": " : "";
	unsigned int e = magnitude(err);
	const char *desc = "not an errno";
	char tmp[128];

	if (!buf || !len)
		return buf;
	if (e <= XMS_MAX_ERRNO)
		desc = strerror_r((int)e, tmp, sizeof(tmp));
	if (!strcmp(xms_errno_name(err), "E?"))
		snprintf(buf, len, "errno %u (%s)%s%s", e, desc, sep,
			 extack ? extack : "");
	else
		snprintf(buf, len, "%s (%s)%s%s", xms_errno_name(err), desc, sep,
			 extack ? extack : "");
	return buf;
}

XMS_API enum xms_error_class xms_error_class(int err)
{
	switch (err) {
	case 0:
		return XMS_ERR_OK;
	case -EOPNOTSUPP:
	case -ENOPROTOOPT:
		return XMS_ERR_NO_BACKEND;
	case -ENOMEM:
	case -ENOBUFS:
	case -EAGAIN:
	case -EBUSY:
	case -EINTR:
		return XMS_ERR_TRANSIENT;
	case -EPROTONOSUPPORT:
	case -EMFILE:
	case -ENFILE:
	case -EBADF:
	case -EPIPE:
	case -EPROTO:
	case -EBADMSG:
	case -EMSGSIZE:
		return XMS_ERR_LOCAL;
	case -ETIMEDOUT:
		return XMS_ERR_UNKNOWN;
	default:
		return XMS_ERR_KERNEL;
	}
}

XMS_API const char *xms_error_class_name(enum xms_error_class c)
{
	switch (c) {
	case XMS_ERR_OK:
		return "ok";
	case XMS_ERR_KERNEL:
		return "kernel";
	case XMS_ERR_NO_BACKEND:
		return "no-backend";
	case XMS_ERR_TRANSIENT:
		return "transient";
	case XMS_ERR_LOCAL:
		return "local";
	case XMS_ERR_UNKNOWN:
		return "unknown";
	}
	return "?";
}

XMS_API const char *xms_reason_text(const struct xms_probe_result *res)
{
	return res->reason_text;
}
