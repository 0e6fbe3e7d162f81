// SPDX-License-Identifier: GPL-2.0
/* Output: notifications (the `ip xfrm monitor` "Migrated state" format), probe, info. */
#include <string.h>
#include <arpa/inet.h>
#include <linux/udp.h>

#include "cli.h"

const char *xm_addr_str(int family, const xfrm_address_t *a, char *buf, size_t len)
{
	if ((family != AF_INET && family != AF_INET6) ||
	    !inet_ntop(family, a, buf, (socklen_t)len))
		snprintf(buf, len, "(family %d)", family);
	return buf;
}

static const char *dir_name(uint8_t dir, char *buf, size_t len)
{
	if (dir == XMS_SA_DIR_IN)
		return "in";
	if (dir == XMS_SA_DIR_OUT)
		return "out";
	snprintf(buf, len, "%u", dir);
	return buf;
}

static const char *proto_str(uint8_t p, char *buf, size_t len)
{
	const char *n = xm_proto_name(p);

	if (n)
		return n;
	snprintf(buf, len, "%u", p);
	return buf;
}

static const char *dev_name(int ifindex, char *buf)
{
	if (!if_indextoname((unsigned int)ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%d", ifindex);
	return buf;
}

static bool addr_zero(const xfrm_address_t *a)
{
	static const xfrm_address_t zero;

	return !memcmp(a, &zero, sizeof(zero));
}

/*
 * One output path for text and JSON: every field is written once, through
 * the emitter below, with its JSON key and its text word:
 *
 *   text  " WORD VALUE" (the `ip xfrm monitor` style), or a line
 *         "WORD: VALUE" (probe, info); a NULL word keeps the field out of
 *         the text, an empty one prints the value alone
 *   JSON  "KEY":VALUE in one object per line; a NULL key keeps the field
 *         out of the JSON
 *
 * An object or array (xe_open(), xe_arr_open()) is a word followed by its
 * members in the text and a nested object or array in JSON; when it has
 * no word its members are JSON only, when its word is empty they continue
 * the text as they are. Members of an array have the key XE_ITEM.
 */
#define XE_ITEM	""
enum xe_style { XE_JSON, XE_WORDS, XE_LINES };

struct xm_emit {
	FILE *f;
	enum xe_style style;
	struct xm_json j;
	int hidden;		/* depth of text-less objects around us */
	bool line_open;		/* XE_LINES: a "word:" line is being written */
};

static void xe_begin(struct xm_emit *e, FILE *f, bool json, enum xe_style text,
		     const char *head)
{
	memset(e, 0, sizeof(*e));
	e->f = f;
	e->style = json ? XE_JSON : text;
	if (json)
		xj_begin(&e->j, f);
	else if (head)
		fputs(head, f);
}

/* The JSON key of a field (NULL for an array's member). */
static const char *xe_key(const char *key)
{
	return *key ? key : NULL;
}

/* The text's word of a field or an object: " word", or "word:" lines. */
static void xe_text_start(struct xm_emit *e, const char *word)
{
	if (e->style == XE_WORDS) {
		fprintf(e->f, " %s", word);
		return;
	}
	if (e->line_open)
		fputc('\n', e->f);
	fprintf(e->f, "%s:", word);
	e->line_open = true;
}

/* Whether the text shows a field of this word; starts it if so. */
static bool xe_text_word(struct xm_emit *e, const char *word)
{
	if (e->style == XE_JSON || !word || e->hidden)
		return false;
	if (*word)
		xe_text_start(e, word);
	fputc(' ', e->f);
	return true;
}

static void xe_str(struct xm_emit *e, const char *key, const char *word,
		   const char *v)
{
	if (e->style == XE_JSON) {
		if (key)
			xj_str(&e->j, xe_key(key), v);
	} else if (xe_text_word(e, word)) {
		fputs(v, e->f);
	}
}

/* An unsigned number: tfmt in the text ("%llu" if NULL), decimal in JSON. */
static void xe_uint(struct xm_emit *e, const char *key, const char *word,
		    const char *tfmt, unsigned long long v)
{
	if (e->style == XE_JSON) {
		if (key)
			xj_uint(&e->j, xe_key(key), v);
	} else if (xe_text_word(e, word)) {
		fprintf(e->f, tfmt ? tfmt : "%llu", v);
	}
}

static void xe_int(struct xm_emit *e, const char *key, const char *word,
		   long long v)
{
	if (e->style == XE_JSON) {
		if (key)
			xj_int(&e->j, xe_key(key), v);
	} else if (xe_text_word(e, word)) {
		fprintf(e->f, "%lld", v);
	}
}

/* A flag: true or false in JSON, its word alone in the text when set. */
static void xe_bool(struct xm_emit *e, const char *key, const char *word,
		    bool v)
{
	if (e->style == XE_JSON) {
		if (key)
			xj_bool(&e->j, xe_key(key), v);
	} else if (v && word && !e->hidden) {
		fprintf(e->f, " %s", word);
	}
}

static void xe_null(struct xm_emit *e, const char *key)
{
	if (e->style == XE_JSON && key)
		xj_null(&e->j, xe_key(key));
}

/* The text of an object's or an array's word. */
static void xe_text_open(struct xm_emit *e, const char *word)
{
	if (!word || e->hidden) {
		e->hidden++;
		return;
	}
	if (*word)
		xe_text_start(e, word);
}

static void xe_open(struct xm_emit *e, const char *key, const char *word)
{
	if (e->style == XE_JSON)
		xj_obj_open(&e->j, xe_key(key));
	else
		xe_text_open(e, word);
}

static void xe_close(struct xm_emit *e, const char *word)
{
	if (e->style == XE_JSON)
		xj_obj_close(&e->j);
	else if (!word || e->hidden)
		e->hidden--;
}

static void xe_arr_open(struct xm_emit *e, const char *key, const char *word)
{
	if (e->style == XE_JSON)
		xj_arr_open(&e->j, xe_key(key));
	else
		xe_text_open(e, word);
}

static void xe_arr_close(struct xm_emit *e, const char *word)
{
	if (e->style == XE_JSON)
		xj_arr_close(&e->j);
	else
		xe_close(e, word);
}

/* Text only: the fields that follow start a new line (" word ..."). */
static void xe_break(struct xm_emit *e)
{
	if (e->style == XE_WORDS)
		fputc('\n', e->f);
}

static void xe_end(struct xm_emit *e)
{
	if (e->style == XE_JSON) {
		xj_end(&e->j);
		return;
	}
	fputc('\n', e->f);
	fflush(e->f);
}

/* A number that the text names (its number if name is NULL). */
static void xe_enum(struct xm_emit *e, const char *key, const char *word,
		    unsigned long long v, const char *name)
{
	if (e->style == XE_JSON) {
		if (key)
			xj_uint(&e->j, xe_key(key), v);
	} else if (xe_text_word(e, word)) {
		if (name)
			fputs(name, e->f);
		else
			fprintf(e->f, "%llu", v);
	}
}

/* "0xV/0xM" in the text, {"value":V,"mask":M} in JSON. */
static void xe_mark(struct xm_emit *e, const char *key, const char *word,
		    uint32_t v, uint32_t m)
{
	if (e->style == XE_JSON) {
		xj_obj_open(&e->j, xe_key(key));
		xj_uint(&e->j, "value", v);
		xj_uint(&e->j, "mask", m);
		xj_obj_close(&e->j);
	} else if (xe_text_word(e, word)) {
		fprintf(e->f, "0x%x/0x%x", v, m);
	}
}

static const char *family_name(int family)
{
	return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" :
	       family == AF_UNSPEC ? "unspec" : "?";
}

/* The selector: JSON only. */
static void emit_sel(struct xm_emit *e, const struct xfrm_selector *s)
{
	char b[INET6_ADDRSTRLEN + 16];

	xe_open(e, "sel", NULL);
	xe_str(e, "family", NULL, family_name(s->family));
	if (s->family == AF_INET || s->family == AF_INET6) {
		xe_str(e, "src", NULL, xm_addr_str(s->family, &s->saddr, b, sizeof(b)));
		xe_uint(e, "prefixlen_s", NULL, NULL, s->prefixlen_s);
		xe_str(e, "dst", NULL, xm_addr_str(s->family, &s->daddr, b, sizeof(b)));
		xe_uint(e, "prefixlen_d", NULL, NULL, s->prefixlen_d);
	}
	xe_uint(e, "proto", NULL, NULL, s->proto);
	xe_uint(e, "sport", NULL, NULL, ntohs(s->sport));
	xe_uint(e, "dport", NULL, NULL, ntohs(s->dport));
	xe_int(e, "ifindex", NULL, s->ifindex);
	xe_close(e, NULL);
}

static void emit_encap(struct xm_emit *e, const struct xfrm_encap_tmpl *t,
		       int family)
{
	char b[INET6_ADDRSTRLEN + 16];

	xe_open(e, "encap", "encap");
	if (!t->encap_type) {
		xe_str(e, "type", "", "none");
	} else {
		if (t->encap_type == UDP_ENCAP_ESPINUDP)
			xe_str(e, "type", "", "espinudp");
		else
			xe_uint(e, "type", "", NULL, t->encap_type);
		xe_uint(e, "sport", "sport", NULL, ntohs(t->encap_sport));
		xe_uint(e, "dport", "dport", NULL, ntohs(t->encap_dport));
		/* the text names the original address only when there is one */
		xe_str(e, "oa", addr_zero(&t->encap_oa) ? NULL : "addr",
		       xm_addr_str(family, &t->encap_oa, b, sizeof(b)));
	}
	xe_close(e, "encap");
}

/* o NULL: offload cleared. */
static void emit_offload(struct xm_emit *e, const struct xfrm_user_offload *o)
{
	char dev[IF_NAMESIZE + 8];

	xe_open(e, "offload", "offload");
	if (!o || !o->ifindex) {
		xe_str(e, "type", "", "none");
	} else {
		xe_str(e, "dev", "dev", dev_name(o->ifindex, dev));
		xe_int(e, "ifindex", NULL, o->ifindex);
		xe_str(e, "dir", "dir",
		       (o->flags & XFRM_OFFLOAD_INBOUND) ? "in" : "out");
		xe_bool(e, "packet", "packet", o->flags & XFRM_OFFLOAD_PACKET);
	}
	xe_close(e, "offload");
}

static void emit_notification(struct xm_emit *e,
			      const struct xms_notification *n)
{
	const struct xfrm_user_migrate_state *h = &n->hdr;
	const struct xms_attrs *a = &n->attrs;
	char b[INET6_ADDRSTRLEN + 16], t[16];

	xe_str(e, "event", NULL, "migrated-state");
	xe_str(e, "backend", NULL, xms_backend_name(n->backend));
	xe_uint(e, "nlmsg_pid", NULL, NULL, n->nlmsg_pid);
	xe_uint(e, "nlmsg_seq", NULL, NULL, n->nlmsg_seq);
	if (a->present & XMS_ATTR_SA_DIR)
		xe_str(e, "dir", "dir", dir_name(a->sa_dir, t, sizeof(t)));
	xe_str(e, "proto", "proto", proto_str(h->id.proto, t, sizeof(t)));
	snprintf(t, sizeof(t), "0x%08x", ntohl(h->id.spi));
	xe_str(e, "spi", "spi", t);
	xe_str(e, "family", NULL, family_name(h->id.family));
	xe_str(e, "dst", "dst",
	       xm_addr_str(h->id.family, &h->id.daddr, b, sizeof(b)));
	/* the text shows the lookup mark only when there is one */
	xe_mark(e, "mark", (h->old_mark.v || h->old_mark.m) ? "mark" : NULL,
		h->old_mark.v, h->old_mark.m);
	xe_break(e);
	xe_str(e, "new_family", NULL, family_name(h->new_family));
	xe_str(e, "new_dst", "new-dst",
	       xm_addr_str(h->new_family, &h->new_daddr, b, sizeof(b)));
	xe_str(e, "new_src", "new-src",
	       xm_addr_str(h->new_family, &h->new_saddr, b, sizeof(b)));
	xe_uint(e, "new_reqid", "new-reqid", NULL, h->new_reqid);
	xe_uint(e, "flags", NULL, NULL, h->flags);
	emit_sel(e, &h->new_sel);
	if (a->present & XMS_ATTR_MARK)
		xe_mark(e, "new_mark", "new-mark", a->mark.v, a->mark.m);
	if (a->present & XMS_ATTR_SET_MARK)
		xe_mark(e, "set_mark", "set-mark", a->set_mark,
			(a->present & XMS_ATTR_SET_MARK_MASK) ?
			a->set_mark_mask : 0xffffffffu);
	if (a->present & XMS_ATTR_ENCAP)
		emit_encap(e, &a->encap, h->new_family);
	if (a->present & XMS_ATTR_OFFLOAD)
		emit_offload(e, &a->offload);
	else if (h->flags & XFRM_MIGRATE_STATE_CLEAR_OFFLOAD)
		emit_offload(e, NULL);
	if (a->present & XMS_ATTR_MTIMER_THRESH)
		xe_uint(e, "mtimer_thresh", "mtimer-thresh", NULL,
			a->mtimer_thresh);
	if (a->present & XMS_ATTR_NAT_KEEPALIVE)
		xe_uint(e, "nat_keepalive", "nat-keepalive", NULL,
			a->nat_keepalive);
}

void xm_print_notification(FILE *f, const struct xms_notification *n, bool json)
{
	struct xm_emit e;

	xe_begin(&e, f, json, XE_WORDS, "Migrated state");
	emit_notification(&e, n);
	xe_end(&e);
	fflush(f);
}

static const char *reason_code(enum xms_reason r)
{
	switch (r) {
	case XMS_REASON_OK: return "ok";
	case XMS_REASON_NATIVE_MISSING: return "native-missing";
	case XMS_REASON_NO_XFRM_MIGRATE: return "no-xfrm-migrate";
	case XMS_REASON_MODULE_NOT_LOADED: return "module-not-loaded";
	case XMS_REASON_MODULE_VERSION: return "module-version";
	case XMS_REASON_PERMISSION: return "permission";
	case XMS_REASON_ERROR: return "error";
	}
	return "?";
}

void xm_print_probe(FILE *f, const struct xms_probe_result *r, bool json)
{
	struct xm_emit e;

	xe_begin(&e, f, json, XE_LINES, NULL);
	xe_str(&e, "backend", "backend", xms_backend_name(r->backend));
	xe_str(&e, "reason_code", NULL, reason_code(r->reason));
	xe_str(&e, "reason", "reason", r->reason_text);
	/* 1: not tried */
	if (r->native_err <= 0)
		xe_str(&e, "native_errno", NULL,
		       r->native_err ? xms_errno_name(r->native_err) : "0");
	else
		xe_null(&e, "native_errno");
	if (r->module_err <= 0)
		xe_str(&e, "module_errno", NULL,
		       r->module_err ? xms_errno_name(r->module_err) : "0");
	else
		xe_null(&e, "module_errno");
	if (r->backend == XMS_BACKEND_MODULE) {
		xe_str(&e, "module_version", "module-version", r->module_version);
		xe_uint(&e, "family_version", "family-version", NULL,
			r->family_version);
		xe_uint(&e, "family_id", NULL, NULL, r->family_id);
		xe_uint(&e, "mcast_group_id", NULL, NULL, r->mcgrp_id);
	}
	xe_end(&e);
}

static const char *attr_name(uint16_t t)
{
	switch (t) {
	case XFRM_MIGSTATE_XFRMA_ENCAP: return "encap";
	case XFRM_MIGSTATE_XFRMA_MARK: return "mark";
	case XFRM_MIGSTATE_XFRMA_OFFLOAD_DEV: return "offload-dev";
	case XFRM_MIGSTATE_XFRMA_SET_MARK: return "set-mark";
	case XFRM_MIGSTATE_XFRMA_SET_MARK_MASK: return "set-mark-mask";
	case XFRM_MIGSTATE_XFRMA_IF_ID: return "if-id";
	case XFRM_MIGSTATE_XFRMA_MTIMER_THRESH: return "mtimer-thresh";
	case XFRM_MIGSTATE_XFRMA_NAT_KEEPALIVE_INTERVAL: return "nat-keepalive-interval";
	}
	return NULL;
}

static const struct {
	uint32_t bit;
	const char *name;
} cap_names[] = {
	{ XFRM_MIGSTATE_CAP_NAT_KEEPALIVE, "nat-keepalive" },
	{ XFRM_MIGSTATE_CAP_SA_DIR, "sa-dir" },
	{ XFRM_MIGSTATE_CAP_PACKET_OFFLOAD, "packet-offload" },
	{ XFRM_MIGSTATE_CAP_MTIMER, "mtimer" },
	{ XFRM_MIGSTATE_CAP_NATIVE_NOTIFY, "native-notify" },
};

void xm_print_info(FILE *f, const struct xms_info *i, bool json)
{
	struct xm_emit e;
	unsigned int k;

	xe_begin(&e, f, json, XE_LINES, NULL);
	xe_str(&e, "backend", "backend", xms_backend_name(i->backend));
	xe_str(&e, "module_version", "module-version", i->module_version);
	xe_uint(&e, "family_version", "family-version", NULL, i->family_version);
	xe_uint(&e, "flags", "flags", "0x%llx", i->flags);
	xe_bool(&e, NULL, "clear-offload",
		i->flags & XFRM_MIGRATE_STATE_CLEAR_OFFLOAD);
	xe_bool(&e, NULL, "update-h2h-sel",
		i->flags & XFRM_MIGRATE_STATE_UPDATE_H2H_SEL);
	xe_arr_open(&e, "attributes", "attributes");
	for (k = 0; k < i->n_attrs; k++)
		xe_enum(&e, XE_ITEM, "", i->attrs[k], attr_name(i->attrs[k]));
	xe_arr_close(&e, "attributes");
	if (i->n_attrs_total > i->n_attrs) {
		xe_uint(&e, "attributes_total", NULL, NULL, i->n_attrs_total);
		xe_uint(&e, NULL, "", "(+%llu not shown)",
			i->n_attrs_total - i->n_attrs);
	}
	xe_str(&e, "kernel_release", "kernel-release", i->kernel_release);
	xe_uint(&e, "caps", "caps", "0x%llx", i->caps);
	xe_arr_open(&e, "cap_names", "");
	for (k = 0; k < sizeof(cap_names) / sizeof(cap_names[0]); k++)
		if (i->caps & cap_names[k].bit)
			xe_str(&e, XE_ITEM, "", cap_names[k].name);
	xe_arr_close(&e, "");
	xe_end(&e);
}
