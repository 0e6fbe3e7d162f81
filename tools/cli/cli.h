/* SPDX-License-Identifier: GPL-2.0 */
/* xfrm-migrate CLI: shared declarations. */
#ifndef XM_CLI_H
#define XM_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <net/if.h>

#include "xfrm-migrate.h"

/* Exit codes (documented in xfrm-migrate.8 and --help). */
enum {
	XM_EXIT_OK = 0,
	XM_EXIT_KERNEL = 1,	/* the kernel refused (errno printed) */
	XM_EXIT_USAGE = 2,	/* bad command line */
	XM_EXIT_NOBACKEND = 3,	/* no backend: module not loaded, kernel lacks it */
	XM_EXIT_PERM = 4,	/* no CAP_NET_ADMIN (EPERM) */
	XM_EXIT_LOCAL = 5,	/* local failure: netns, socket, timeout */
};

enum xm_cmd { XM_CMD_NONE, XM_CMD_MIGRATE, XM_CMD_PROBE, XM_CMD_INFO,
	      XM_CMD_MONITOR, XM_CMD_VERSION, XM_CMD_HELP, XM_CMD_RAW };

#define XM_RAW_MAX 4096

struct xm_addr {
	int family;		/* 0: not given */
	xfrm_address_t a;
};

struct xm_migrate {
	struct xm_addr src, dst, new_src, new_dst;
	uint8_t proto;
	uint32_t spi;		/* host order */
	bool has_mark;
	struct xfrm_mark mark;	/* lookup */
	bool has_new_reqid;
	uint32_t new_reqid;
	struct xms_attrs attrs;	/* new-mark, set-mark, encap, offload, ... */
	char offload_dev[IF_NAMESIZE];
	bool has_sel;
	struct xfrm_selector sel;
	char sel_dev[IF_NAMESIZE];	/* resolved after entering the netns */
	bool h2h_sel;
};

struct xm_monitor_opts {
	long count;		/* 0: forever */
	long timeout;		/* seconds, 0: none */
	unsigned int which;	/* XMS_MON_*, 0: serving backend */
	const char *ready_file;
};

struct xm_opts {
	bool json;
	enum xms_backend backend;
	const char *netns;
	enum xm_cmd cmd;
	struct xm_migrate mig;
	struct xm_monitor_opts mon;
	/* raw: a complete native XFRM_MSG_MIGRATE_STATE message */
	unsigned char raw[XM_RAW_MAX] __attribute__((aligned(4)));
	size_t raw_len;
};

/* parse.c: 0 or XM_EXIT_USAGE with the message in err */
int xm_parse_args(int argc, char **argv, struct xm_opts *o, char *err, size_t len);
int xm_parse_migrate(int argc, char **argv, struct xm_migrate *m, char *err, size_t len);
int xm_parse_addr(const char *s, struct xm_addr *a);
int xm_parse_u32(const char *s, uint32_t *v);
int xm_parse_proto(const char *s, uint8_t *proto);
/* Hex bytes (spaces, ':' and a leading 0x ignored): length or -EINVAL. */
int xm_parse_hex(const char *s, unsigned char *buf, size_t len);
const char *xm_proto_name(uint8_t proto);
/*
 * Build the request from the SA read from the kernel and the options:
 * anything not named keeps its current value. 0 or XM_EXIT_USAGE /
 * XM_EXIT_KERNEL with a message in err.
 */
int xm_build_request(const struct xm_migrate *m, const struct xms_sa *sa,
		     struct xfrm_user_migrate_state *req, struct xms_attrs *attrs,
		     char *err, size_t len);

/* print.c */
void xm_print_notification(FILE *f, const struct xms_notification *n, bool json);
void xm_print_probe(FILE *f, const struct xms_probe_result *r, bool json);
void xm_print_info(FILE *f, const struct xms_info *i, bool json);
const char *xm_addr_str(int family, const xfrm_address_t *a, char *buf, size_t len);

/* json.c: a minimal writer */
struct xm_json {
	FILE *f;
	int depth;
	bool first[8];
};
void xj_begin(struct xm_json *j, FILE *f);
void xj_obj_open(struct xm_json *j, const char *key);
void xj_obj_close(struct xm_json *j);
void xj_arr_open(struct xm_json *j, const char *key);
void xj_arr_close(struct xm_json *j);
void xj_str(struct xm_json *j, const char *key, const char *v);
void xj_uint(struct xm_json *j, const char *key, unsigned long long v);
void xj_int(struct xm_json *j, const char *key, long long v);
void xj_bool(struct xm_json *j, const char *key, bool v);
void xj_null(struct xm_json *j, const char *key);
void xj_end(struct xm_json *j);	/* newline */

/* report.c */
/* The exit code of a request that failed with err (0: XM_EXIT_OK). */
int xm_exit_code(int err);
/* "xfrm-migrate: ESRCH (No such process): EXTACK" on f; returns code. */
int xm_fail(FILE *f, int err, const char *extack, int code);
/* The -j result object of a request. */
void xm_json_result(FILE *out, int err, const char *extack, enum xms_backend b);
/*
 * The outcome of a request: the result object on out (json), the error
 * line (or on success the kernel's warning) on errf. Returns code, or
 * when code is 0 xm_exit_code(err).
 */
int xm_report(FILE *out, FILE *errf, bool json, int err, const char *extack,
	      enum xms_backend b, int code);

/* monitor.c */
int xm_cmd_monitor(const struct xm_opts *o);
/* Print m's events until count or timeout: an exit code. */
int xm_monitor_run(struct xms_monitor *m, const struct xm_monitor_opts *mo,
		   bool json, FILE *out, FILE *err_out);

#endif /* XM_CLI_H */
