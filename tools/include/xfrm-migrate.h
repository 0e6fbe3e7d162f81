/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrm-migrate: one call for XFRM_MSG_MIGRATE_STATE on every kernel.
 *
 * The library sends the Linux 7.2 XFRM_MSG_MIGRATE_STATE request through
 * whichever backend serves the caller's network namespace:
 *
 *   native  the kernel's own message on NETLINK_XFRM (Linux 7.2+)
 *   module  the generic netlink family "xfrm_migstate" of the out-of-tree
 *           module xfrm_migrate_state.ko (stock 5.10, 6.1, 6.12 kernels)
 *
 * The request body (struct xfrm_user_migrate_state plus XFRMA_*
 * attributes) is byte for byte the same for both; replies carry the same
 * errno and extack text. The backend is found by probing (never by the
 * kernel version) and the positive result is cached per network
 * namespace.
 *
 * Compile with `pkg-config --cflags libxfrm-migrate`, which puts the
 * directory holding this header and linux/xfrm_migstate.h,
 * linux/xfrm_migrate_state_compat.h on the include path.
 *
 * Thread safety: every function may be called from any thread. A handle
 * (struct xms_handle) serialises its own requests with an internal mutex;
 * use one handle per thread for parallel requests. A monitor
 * (struct xms_monitor) must be used by one thread at a time.
 *
 * Return values: 0 (or a positive count where documented) on success,
 * a negative errno on failure. Functions taking an extack buffer copy the
 * kernel's extack text there (NUL-terminated, truncated to fit); an empty
 * string means the kernel sent none. The text is also copied on success:
 * a successful migration may carry the warning
 * "Failed to send migration notification".
 *
 * ABI rules (frozen from 0.2.0 on; SONAME libxfrm-migrate.so.0):
 *
 *   - The size and layout of every struct in this header are fixed: a new
 *     field never moves an old one or changes a size. Each struct a caller
 *     allocates ends in a reserved array (XMS_*_RESERVED words of 32 bits,
 *     no implicit padding before it) from which later versions take their
 *     new fields (the unit tests pin the sizes).
 *   - Structs the library fills (xms_probe_result, xms_notification,
 *     xms_info, xms_sa, xms_drop_stats) are zeroed whole, reserved space
 *     included, before they are filled: a later version may put values
 *     there, which a caller built against this header never reads.
 *   - Structs the caller fills (xms_attrs, given to xms_migrate() and
 *     xms_build_request()) must be zero-initialised (`= { 0 }` or
 *     memset()): a non-zero reserved or pad field, or a bit in .present
 *     that this version does not know, is refused with -EINVAL rather than
 *     ignored, so a caller built against a newer header learns that the
 *     library it runs with cannot honour the request. A new field's zero
 *     value always means "absent" (each optional attribute is also gated
 *     by its XMS_ATTR_* bit).
 *   - New functions get a new symbol version (XFRM_MIGRATE_0.2, ...);
 *     existing ones keep their version and behaviour.
 *   - Lists that can grow with the kernel are never cut silently: a count
 *     of what was announced sits beside what was stored, and an accessor
 *     (xms_info_accepts()) answers for any type.
 */
#ifndef XFRM_MIGRATE_H
#define XFRM_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <linux/xfrm_migrate_state_compat.h>
#include <linux/xfrm_migstate.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Offload flag of Linux 6.2, absent from older headers. */
#ifndef XFRM_OFFLOAD_PACKET
#define XFRM_OFFLOAD_PACKET	4
#endif

/* SA direction values (XFRMA_SA_DIR), absent from pre-6.10 headers. */
#define XMS_SA_DIR_IN	1
#define XMS_SA_DIR_OUT	2

/* Sizes of the reserved tails (32-bit words) and of the structs (bytes). */
#define XMS_PROBE_RESULT_RESERVED	16
#define XMS_ATTRS_RESERVED		32
#define XMS_NOTIFICATION_RESERVED	16
#define XMS_INFO_RESERVED		16
#define XMS_SA_RESERVED			16

/* Accepted attribute types xms_info stores (XFRMA_MAX is 36 in 7.2). */
#define XMS_INFO_MAX_ATTRS	64

/* Size of extack buffers that never truncate a kernel message. */
#define XMS_EXTACK_LEN	256

enum xms_backend {
	XMS_BACKEND_AUTO = 0,	/* when forcing: probe native, then module */
	XMS_BACKEND_NATIVE,	/* XFRM_MSG_MIGRATE_STATE on NETLINK_XFRM */
	XMS_BACKEND_MODULE,	/* genl family xfrm_migstate */
	XMS_BACKEND_NONE,	/* probe result: nothing serves */
};

/* Why the probe chose its backend (or none). */
enum xms_reason {
	XMS_REASON_OK = 0,		/* a backend serves */
	XMS_REASON_NATIVE_MISSING,	/* kernel lacks the native message */
	XMS_REASON_NO_XFRM_MIGRATE,	/* native: CONFIG_XFRM_MIGRATE off */
	XMS_REASON_MODULE_NOT_LOADED,	/* genl family xfrm_migstate absent */
	XMS_REASON_MODULE_VERSION,	/* family version not understood */
	XMS_REASON_PERMISSION,		/* no CAP_NET_ADMIN (EPERM) */
	XMS_REASON_ERROR,		/* another error, see errno fields */
};

struct xms_probe_result {
	enum xms_backend backend;	/* NATIVE, MODULE or NONE */
	enum xms_reason reason;
	int native_err;		/* native probe: -ESRCH = supported; 1 = not tried */
	int module_err;		/* module probe: 0 = served; 1 = not tried */
	char reason_text[256];	/* one line for humans */
	/* module only (zero/empty otherwise) */
	char module_version[32];
	uint32_t family_version;
	uint16_t family_id;
	uint32_t mcgrp_id;	/* genl multicast group "migrate" */
	uint32_t reserved[XMS_PROBE_RESULT_RESERVED];	/* zero */
};

/* Presence bits of struct xms_attrs. */
enum xms_attr_bits {
	XMS_ATTR_ENCAP		= 1u << 0,  /* XFRMA_ENCAP from .encap */
	XMS_ATTR_ENCAP_REMOVE	= 1u << 1,  /* XFRMA_ENCAP all zero (request) */
	XMS_ATTR_OFFLOAD	= 1u << 2,  /* XFRMA_OFFLOAD_DEV from .offload */
	XMS_ATTR_OFFLOAD_CLEAR	= 1u << 3,  /* sets XFRM_MIGRATE_STATE_CLEAR_OFFLOAD */
	XMS_ATTR_MARK		= 1u << 4,  /* XFRMA_MARK: new mark */
	XMS_ATTR_SET_MARK	= 1u << 5,  /* XFRMA_SET_MARK */
	XMS_ATTR_SET_MARK_MASK	= 1u << 6,  /* XFRMA_SET_MARK_MASK */
	XMS_ATTR_MTIMER_THRESH	= 1u << 7,  /* XFRMA_MTIMER_THRESH */
	XMS_ATTR_NAT_KEEPALIVE	= 1u << 8,  /* XFRMA_NAT_KEEPALIVE_INTERVAL */
	XMS_ATTR_SA_DIR		= 1u << 9,  /* XFRMA_SA_DIR: output only */
	XMS_ATTR_IF_ID		= 1u << 10, /* XFRMA_IF_ID from .if_id (0.2.0) */
};

/* Every XMS_ATTR_* bit this version knows; others in requests: -EINVAL. */
#define XMS_ATTR_KNOWN		((1u << 11) - 1)

/*
 * Optional attributes of a migration (omit-to-inherit), and the parsed
 * attributes of a notification or an SA. Only fields whose bit is set in
 * .present are meaningful. Integers are in host byte order; the embedded
 * kernel structs keep their kernel byte order (ports and SPI big endian).
 *
 * XMS_ATTR_IF_ID sends XFRMA_IF_ID. The SA's interface id is part of its
 * lookup key and immutable: Linux 7.2 and the module both refuse it in
 * XFRM_MSG_MIGRATE_STATE with -EINVAL ("Unsupported attribute in
 * XFRM_MSG_MIGRATE_STATE"). The field exists so that a kernel that learns
 * to migrate it (or to match on it) needs no new ABI; parsing an SA or a
 * notification fills it when the kernel sends XFRMA_IF_ID.
 *
 * Zero-initialise the struct (see ABI rules): pad and reserved must be 0.
 */
struct xms_attrs {
	uint32_t present;			/* XMS_ATTR_* */
	struct xfrm_encap_tmpl encap;		/* encap_type 0 = removal */
	struct xfrm_user_offload offload;
	struct xfrm_mark mark;
	uint32_t set_mark;
	uint32_t set_mark_mask;
	uint32_t mtimer_thresh;
	uint32_t nat_keepalive;
	uint8_t sa_dir;				/* XMS_SA_DIR_* */
	uint8_t pad[3];				/* zero */
	uint32_t if_id;				/* XFRMA_IF_ID */
	uint32_t reserved[XMS_ATTRS_RESERVED];	/* zero */
};

/* A migration notification, from either backend. */
struct xms_notification {
	enum xms_backend backend;	/* socket it arrived on */
	uint32_t nlmsg_pid;		/* of the request that caused it */
	uint32_t nlmsg_seq;
	struct xfrm_user_migrate_state hdr;	/* new_sel = the new SA's */
	struct xms_attrs attrs;		/* .present says which were sent */
	uint32_t reserved[XMS_NOTIFICATION_RESERVED];	/* zero */
};

/*
 * GET_INFO, or for the native backend what the kernel offers. The
 * accepted XFRMA_* types are attrs[0 .. n_attrs - 1]; n_attrs_total counts
 * every type the kernel announced, so n_attrs_total > n_attrs says that
 * attrs[] was too small (more than XMS_INFO_MAX_ATTRS types: not seen with
 * any kernel yet). xms_info_accepts() answers for one type either way.
 */
struct xms_info {
	enum xms_backend backend;
	char module_version[32];	/* "native" for the native backend */
	uint32_t family_version;	/* 0 for native */
	uint32_t flags;			/* accepted request flags */
	uint16_t attrs[XMS_INFO_MAX_ATTRS];	/* accepted XFRMA_* types */
	uint32_t n_attrs;		/* stored in attrs[] */
	uint32_t n_attrs_total;		/* announced (>= n_attrs) */
	char kernel_release[128];
	uint32_t caps;			/* XFRM_MIGSTATE_CAP_* */
	uint32_t reserved[XMS_INFO_RESERVED];	/* zero */
};

/* An SA as it is now (XFRM_MSG_GETSA), without its keys. */
struct xms_sa {
	struct xfrm_usersa_info info;	/* sel, id, saddr, reqid, family, mode */
	struct xms_attrs attrs;		/* ENCAP, OFFLOAD, MARK, SET_MARK(+MASK),
					 * MTIMER_THRESH, NAT_KEEPALIVE, SA_DIR,
					 * IF_ID */
	uint32_t reserved[XMS_SA_RESERVED];	/* zero */
};

/*
 * Messages dropped before any parser saw them: a length below a header or
 * beyond the bytes received, or a sender that is not the kernel.
 */
struct xms_drop_stats {
	uint64_t bad_length;
	uint64_t not_kernel;
	uint64_t reserved[6];	/* zero; room for more counters */
};

struct xms_handle;
struct xms_monitor;

/* Library version (the project's VERSION file). */
const char *xms_version(void);

/* Name of a backend: "auto", "native", "module", "none". */
const char *xms_backend_name(enum xms_backend b);
/* Parse a backend name; returns -EINVAL for an unknown one. */
int xms_backend_parse(const char *name, enum xms_backend *out);

/*
 * Probe the backend serving the calling thread's network namespace.
 * want = AUTO probes native first, then the module; NATIVE or MODULE
 * probe only that one. Positive results are cached per namespace (and
 * wanted backend); pass refresh=true to probe again. Returns 0 when a
 * backend serves, else a negative errno (-EPERM without CAP_NET_ADMIN,
 * -EOPNOTSUPP when nothing serves); *res is filled in either case.
 */
int xms_probe(enum xms_backend want, bool refresh,
	      struct xms_probe_result *res);
/* Forget every cached probe result. */
void xms_probe_flush_cache(void);

/*
 * A handle holds the netlink sockets of one caller, bound to the network
 * namespace current when it was opened. want forces a backend (AUTO:
 * probe). Opening does not probe; the first request does, and its result
 * is cached under the handle's namespace, whichever thread (and whichever
 * namespace it is in) makes the request.
 */
int xms_open(enum xms_backend want, struct xms_handle **out);
void xms_close(struct xms_handle *h);
/* Probe through the handle (cached); fills *res if non-NULL. */
int xms_handle_probe(struct xms_handle *h, struct xms_probe_result *res);
/* Replies the handle dropped since it was opened. */
void xms_handle_drop_stats(struct xms_handle *h, struct xms_drop_stats *s);

/*
 * Migrate one SA. attrs may be NULL. XMS_ATTR_OFFLOAD_CLEAR sets
 * XFRM_MIGRATE_STATE_CLEAR_OFFLOAD in the flags sent; XMS_ATTR_ENCAP_REMOVE
 * sends an all-zero XFRMA_ENCAP. attrs must follow the ABI rules (-EINVAL
 * before anything is sent otherwise). Returns 0 or the kernel's negative errno;
 * extack receives the kernel's text, also on success. When no backend
 * serves, returns the probe's error and puts its reason in extack.
 * If backend_used is non-NULL it receives the backend that was used
 * (XMS_BACKEND_NONE when none could: e.g. the module was removed and
 * probing again found nothing).
 */
int xms_migrate(struct xms_handle *h, const struct xfrm_user_migrate_state *req,
		const struct xms_attrs *attrs, char *extack, size_t extack_len,
		enum xms_backend *backend_used);

/*
 * Raw pass-through: msg is a complete native XFRM_MSG_MIGRATE_STATE
 * netlink message (nlmsghdr, 132-byte body, attributes). It is sent as is
 * natively (flags forced to REQUEST|ACK), or its body is re-wrapped after
 * a genl header for the module; either way with a fresh sequence number of
 * the handle's (msg's nlmsg_seq is ignored), nlmsg_pid kept.
 */
int xms_migrate_raw(struct xms_handle *h, const struct nlmsghdr *msg,
		    char *extack, size_t extack_len,
		    enum xms_backend *backend_used);

/*
 * Read an SA (XFRM_MSG_GETSA by daddr, spi, proto, family and, when mark
 * is non-NULL, XFRMA_MARK). Keys are never copied out; the receive buffer
 * is wiped.
 */
int xms_get_sa(struct xms_handle *h, const struct xfrm_usersa_id *id,
	       const struct xfrm_mark *mark, struct xms_sa *sa,
	       char *extack, size_t extack_len);

/*
 * Pre-fill a request from the SA as it is now: id as given, new_daddr,
 * new_saddr, new_family, new_reqid and new_sel = current values, old_mark
 * = the SA's mark, flags 0. sa (optional) receives the SA.
 */
int xms_prefill(struct xms_handle *h, const struct xfrm_usersa_id *id,
		const struct xfrm_mark *mark,
		struct xfrm_user_migrate_state *req, struct xms_sa *sa,
		char *extack, size_t extack_len);
/* The same from an SA already read (no I/O). */
void xms_prefill_from_sa(const struct xms_sa *sa,
			 struct xfrm_user_migrate_state *req);

/* GET_INFO (module) or the native backend's capabilities. */
int xms_get_info(struct xms_handle *h, struct xms_info *info,
		 char *extack, size_t extack_len);
/*
 * Whether info says the backend accepts XFRMA_* type in a request: 1 yes,
 * 0 no, -ERANGE when attrs[] was truncated and type is not among the
 * stored ones (unknown: ask by sending), -EINVAL for a NULL info. (0.2.0)
 */
int xms_info_accepts(const struct xms_info *info, unsigned int type);

/*
 * Notifications. which: XMS_MON_NATIVE and/or XMS_MON_MODULE, or 0 for
 * the backend serving the namespace. Joining needs CAP_NET_ADMIN.
 */
#define XMS_MON_NATIVE	(1u << 0)
#define XMS_MON_MODULE	(1u << 1)
int xms_monitor_open(unsigned int which, struct xms_monitor **out);
void xms_monitor_close(struct xms_monitor *m);
/* Which groups were joined (XMS_MON_*). */
unsigned int xms_monitor_groups(const struct xms_monitor *m);
/*
 * Wait up to timeout_ms (-1: forever) for the next notification; the
 * timeout is a deadline for the call as a whole (messages that are not
 * notifications, or are dropped, do not extend it). Returns 1 with *n
 * filled, 0 on timeout, or a negative errno: -ENOBUFS when the socket
 * overran (events were lost; the monitor goes on), -ENOENT once when the
 * module's family went away (module unloaded; the monitor goes on, and
 * follows the family's new id and group when the module is loaded again),
 * -EINTR on a signal, -EPIPE after a hangup, -EBADF for a closed socket.
 */
int xms_monitor_next(struct xms_monitor *m, struct xms_notification *n,
		     int timeout_ms);
/*
 * For an event loop: a descriptor (an epoll set of the monitor's sockets)
 * that polls readable when notifications may be waiting. On POLLIN call
 * xms_monitor_next(m, n, 0) until it returns 0: it never blocks with a
 * zero timeout. The descriptor belongs to the monitor (closed by
 * xms_monitor_close()).
 */
int xms_monitor_fd(const struct xms_monitor *m);
/* Messages the monitor dropped since it was opened. */
void xms_monitor_drop_stats(const struct xms_monitor *m,
			    struct xms_drop_stats *s);

/* ---- message building and parsing (no I/O; for daemons and tests) ---- */

/*
 * Build a request in buf: native (family_id ignored) or module (genl
 * header, cmd XFRM_MIGSTATE_CMD_MIGRATE_STATE). Returns the message
 * length, or -EMSGSIZE / -EINVAL (also for attrs breaking the ABI rules:
 * an unknown .present bit, a non-zero pad or reserved field).
 */
int xms_build_request(void *buf, size_t len, enum xms_backend backend,
		      uint16_t family_id, uint32_t seq,
		      const struct xfrm_user_migrate_state *req,
		      const struct xms_attrs *attrs);
/* Re-wrap a native message's body for the module. Returns the length. */
int xms_native_to_genl(void *buf, size_t len, const struct nlmsghdr *native,
		       uint16_t family_id, uint32_t seq);
/*
 * Parse a notification (or request) message: native (type
 * XFRM_MSG_MIGRATE_STATE) when backend is NATIVE, genl (type family_id,
 * cmd MIGRATE_STATE) when MODULE. Returns 0 or -EINVAL / -ENOMSG (other
 * message type).
 */
int xms_parse_notification(const struct nlmsghdr *nlh, enum xms_backend backend,
			   uint16_t family_id, struct xms_notification *n);
/* Parse XFRMA_* attributes of a migrate body into *a. */
int xms_parse_attrs(const void *data, size_t len, struct xms_attrs *a);

/* ---- errors ---- */

/*
 * What a caller can do about an error returned by this library (by its
 * errno alone; the kernel's extack text tells more):
 *
 *   XMS_ERR_OK         0: success
 *   XMS_ERR_KERNEL     the kernel refused the request (ESRCH, EEXIST,
 *                      EINVAL, EAFNOSUPPORT, EPERM, ...): nothing changed;
 *                      retrying the same request fails the same way
 *   XMS_ERR_NO_BACKEND nothing serves the namespace (EOPNOTSUPP,
 *                      ENOPROTOOPT from the probe): keep your fallback
 *   XMS_ERR_TRANSIENT  retry later: ENOMEM, ENOBUFS, EAGAIN, EBUSY, EINTR
 *   XMS_ERR_LOCAL      a local failure, the kernel never answered the
 *                      request: sockets (EPROTONOSUPPORT, EMFILE, ENFILE,
 *                      EBADF, EPIPE), a reply not understood (EPROTO,
 *                      EBADMSG), a request too large (EMSGSIZE)
 *   XMS_ERR_UNKNOWN    outcome unknown: no reply in time (ETIMEDOUT); a
 *                      migration may or may not have happened: read the SA
 */
enum xms_error_class {
	XMS_ERR_OK = 0,
	XMS_ERR_KERNEL,
	XMS_ERR_NO_BACKEND,
	XMS_ERR_TRANSIENT,
	XMS_ERR_LOCAL,
	XMS_ERR_UNKNOWN,
};
enum xms_error_class xms_error_class(int err);
/* "kernel", "no-backend", "transient", "local", "unknown" ("ok" for 0). */
const char *xms_error_class_name(enum xms_error_class c);

/* "ESRCH" for -ESRCH or ESRCH; "E?" for unknown numbers. */
const char *xms_errno_name(int err);
/*
 * Format "ESRCH (No such process): Can not find state" (without extack:
 * "ESRCH (No such process)"). Returns buf.
 */
char *xms_strerror(int err, const char *extack, char *buf, size_t len);
/* The probe reason as one line, with how to load the module if absent. */
const char *xms_reason_text(const struct xms_probe_result *res);

#ifdef __cplusplus
}
#endif

#endif /* XFRM_MIGRATE_H */
