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

static void print_text(FILE *f, const struct xms_notification *n)
{
	const struct xfrm_user_migrate_state *h = &n->hdr;
	const struct xms_attrs *a = &n->attrs;
	char b1[INET6_ADDRSTRLEN + 16], b2[INET6_ADDRSTRLEN + 16], t[16];
	char dev[IF_NAMESIZE + 8];

	fputs("Migrated state", f);
	if (a->present & XMS_ATTR_SA_DIR)
		fprintf(f, " dir %s", dir_name(a->sa_dir, t, sizeof(t)));
	fprintf(f, " proto %s spi 0x%08x dst %s", proto_str(h->id.proto, t, sizeof(t)),
		ntohl(h->id.spi), xm_addr_str(h->id.family, &h->id.daddr, b1, sizeof(b1)));
	if (h->old_mark.v || h->old_mark.m)
		fprintf(f, " mark 0x%x/0x%x", h->old_mark.v, h->old_mark.m);
	fprintf(f, "\n new-dst %s new-src %s new-reqid %u",
		xm_addr_str(h->new_family, &h->new_daddr, b1, sizeof(b1)),
		xm_addr_str(h->new_family, &h->new_saddr, b2, sizeof(b2)),
		h->new_reqid);
	if (a->present & XMS_ATTR_MARK)
		fprintf(f, " new-mark 0x%x/0x%x", a->mark.v, a->mark.m);
	if (a->present & XMS_ATTR_SET_MARK)
		fprintf(f, " set-mark 0x%x/0x%x", a->set_mark,
			(a->present & XMS_ATTR_SET_MARK_MASK) ? a->set_mark_mask : 0xffffffffu);
	if (a->present & XMS_ATTR_ENCAP) {
		if (!a->encap.encap_type) {
			fputs(" encap none", f);
		} else {
			if (a->encap.encap_type == UDP_ENCAP_ESPINUDP)
				fputs(" encap espinudp", f);
			else
				fprintf(f, " encap %u", a->encap.encap_type);
			fprintf(f, " sport %u dport %u", ntohs(a->encap.encap_sport),
				ntohs(a->encap.encap_dport));
			if (!addr_zero(&a->encap.encap_oa))
				fprintf(f, " addr %s", xm_addr_str(h->new_family,
					&a->encap.encap_oa, b1, sizeof(b1)));
		}
	}
	if (a->present & XMS_ATTR_OFFLOAD) {
		if (!a->offload.ifindex)
			fputs(" offload none", f);
		else
			fprintf(f, " offload dev %s dir %s%s",
				dev_name(a->offload.ifindex, dev),
				(a->offload.flags & XFRM_OFFLOAD_INBOUND) ? "in" : "out",
				(a->offload.flags & XFRM_OFFLOAD_PACKET) ? " packet" : "");
	} else if (h->flags & XFRM_MIGRATE_STATE_CLEAR_OFFLOAD) {
		fputs(" offload none", f);
	}
	if (a->present & XMS_ATTR_MTIMER_THRESH)
		fprintf(f, " mtimer-thresh %u", a->mtimer_thresh);
	if (a->present & XMS_ATTR_NAT_KEEPALIVE)
		fprintf(f, " nat-keepalive %u", a->nat_keepalive);
	fputc('\n', f);
}

static void json_mark(struct xm_json *j, const char *key, uint32_t v, uint32_t m)
{
	xj_obj_open(j, key);
	xj_uint(j, "value", v);
	xj_uint(j, "mask", m);
	xj_obj_close(j);
}

static const char *family_name(int family)
{
	return family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" :
	       family == AF_UNSPEC ? "unspec" : "?";
}

static void json_sel(struct xm_json *j, const struct xfrm_selector *s)
{
	char b[INET6_ADDRSTRLEN + 16];

	xj_obj_open(j, "sel");
	xj_str(j, "family", family_name(s->family));
	if (s->family == AF_INET || s->family == AF_INET6) {
		xj_str(j, "src", xm_addr_str(s->family, &s->saddr, b, sizeof(b)));
		xj_uint(j, "prefixlen_s", s->prefixlen_s);
		xj_str(j, "dst", xm_addr_str(s->family, &s->daddr, b, sizeof(b)));
		xj_uint(j, "prefixlen_d", s->prefixlen_d);
	}
	xj_uint(j, "proto", s->proto);
	xj_uint(j, "sport", ntohs(s->sport));
	xj_uint(j, "dport", ntohs(s->dport));
	xj_int(j, "ifindex", s->ifindex);
	xj_obj_close(j);
}

static void print_json(FILE *f, const struct xms_notification *n)
{
	const struct xfrm_user_migrate_state *h = &n->hdr;
	const struct xms_attrs *a = &n->attrs;
	char b[INET6_ADDRSTRLEN + 16], t[16], dev[IF_NAMESIZE + 8];
	struct xm_json j;

	xj_begin(&j, f);
	xj_str(&j, "event", "migrated-state");
	xj_str(&j, "backend", xms_backend_name(n->backend));
	xj_uint(&j, "nlmsg_pid", n->nlmsg_pid);
	xj_uint(&j, "nlmsg_seq", n->nlmsg_seq);
	if (a->present & XMS_ATTR_SA_DIR)
		xj_str(&j, "dir", dir_name(a->sa_dir, t, sizeof(t)));
	xj_str(&j, "proto", proto_str(h->id.proto, t, sizeof(t)));
	snprintf(t, sizeof(t), "0x%08x", ntohl(h->id.spi));
	xj_str(&j, "spi", t);
	xj_str(&j, "family", family_name(h->id.family));
	xj_str(&j, "dst", xm_addr_str(h->id.family, &h->id.daddr, b, sizeof(b)));
	json_mark(&j, "mark", h->old_mark.v, h->old_mark.m);
	xj_str(&j, "new_family", family_name(h->new_family));
	xj_str(&j, "new_dst", xm_addr_str(h->new_family, &h->new_daddr, b, sizeof(b)));
	xj_str(&j, "new_src", xm_addr_str(h->new_family, &h->new_saddr, b, sizeof(b)));
	xj_uint(&j, "new_reqid", h->new_reqid);
	xj_uint(&j, "flags", h->flags);
	json_sel(&j, &h->new_sel);
	if (a->present & XMS_ATTR_MARK)
		json_mark(&j, "new_mark", a->mark.v, a->mark.m);
	if (a->present & XMS_ATTR_SET_MARK)
		json_mark(&j, "set_mark", a->set_mark,
			  (a->present & XMS_ATTR_SET_MARK_MASK) ? a->set_mark_mask : 0xffffffffu);
	if (a->present & XMS_ATTR_ENCAP) {
		xj_obj_open(&j, "encap");
		if (!a->encap.encap_type) {
			xj_str(&j, "type", "none");
		} else {
			if (a->encap.encap_type == UDP_ENCAP_ESPINUDP)
				xj_str(&j, "type", "espinudp");
			else
				xj_uint(&j, "type", a->encap.encap_type);
			xj_uint(&j, "sport", ntohs(a->encap.encap_sport));
			xj_uint(&j, "dport", ntohs(a->encap.encap_dport));
			xj_str(&j, "oa", xm_addr_str(h->new_family, &a->encap.encap_oa,
						    b, sizeof(b)));
		}
		xj_obj_close(&j);
	}
	if (a->present & XMS_ATTR_OFFLOAD) {
		xj_obj_open(&j, "offload");
		if (!a->offload.ifindex) {
			xj_str(&j, "type", "none");
		} else {
			xj_str(&j, "dev", dev_name(a->offload.ifindex, dev));
			xj_int(&j, "ifindex", a->offload.ifindex);
			xj_str(&j, "dir", (a->offload.flags & XFRM_OFFLOAD_INBOUND) ? "in" : "out");
			xj_bool(&j, "packet", a->offload.flags & XFRM_OFFLOAD_PACKET);
		}
		xj_obj_close(&j);
	} else if (h->flags & XFRM_MIGRATE_STATE_CLEAR_OFFLOAD) {
		xj_obj_open(&j, "offload");
		xj_str(&j, "type", "none");
		xj_obj_close(&j);
	}
	if (a->present & XMS_ATTR_MTIMER_THRESH)
		xj_uint(&j, "mtimer_thresh", a->mtimer_thresh);
	if (a->present & XMS_ATTR_NAT_KEEPALIVE)
		xj_uint(&j, "nat_keepalive", a->nat_keepalive);
	xj_end(&j);
}

void xm_print_notification(FILE *f, const struct xms_notification *n, bool json)
{
	if (json)
		print_json(f, n);
	else
		print_text(f, n);
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
	if (json) {
		struct xm_json j;

		xj_begin(&j, f);
		xj_str(&j, "backend", xms_backend_name(r->backend));
		xj_str(&j, "reason_code", reason_code(r->reason));
		xj_str(&j, "reason", r->reason_text);
		if (r->native_err <= 0)
			xj_str(&j, "native_errno", r->native_err ? xms_errno_name(r->native_err) : "0");
		else
			xj_null(&j, "native_errno");
		if (r->module_err <= 0)
			xj_str(&j, "module_errno", r->module_err ? xms_errno_name(r->module_err) : "0");
		else
			xj_null(&j, "module_errno");
		if (r->backend == XMS_BACKEND_MODULE) {
			xj_str(&j, "module_version", r->module_version);
			xj_uint(&j, "family_version", r->family_version);
			xj_uint(&j, "family_id", r->family_id);
			xj_uint(&j, "mcast_group_id", r->mcgrp_id);
		}
		xj_end(&j);
		return;
	}
	fprintf(f, "backend: %s\n", xms_backend_name(r->backend));
	fprintf(f, "reason: %s\n", r->reason_text);
	if (r->backend == XMS_BACKEND_MODULE) {
		fprintf(f, "module-version: %s\n", r->module_version);
		fprintf(f, "family-version: %u\n", r->family_version);
	}
	fflush(f);
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
	unsigned int k;
	char t[16];

	if (json) {
		struct xm_json j;

		xj_begin(&j, f);
		xj_str(&j, "backend", xms_backend_name(i->backend));
		xj_str(&j, "module_version", i->module_version);
		xj_uint(&j, "family_version", i->family_version);
		xj_uint(&j, "flags", i->flags);
		xj_arr_open(&j, "attributes");
		for (k = 0; k < i->n_attrs; k++)
			xj_uint(&j, NULL, i->attrs[k]);
		xj_arr_close(&j);
		if (i->n_attrs_total > i->n_attrs)
			xj_uint(&j, "attributes_total", i->n_attrs_total);
		xj_str(&j, "kernel_release", i->kernel_release);
		xj_uint(&j, "caps", i->caps);
		xj_arr_open(&j, "cap_names");
		for (k = 0; k < sizeof(cap_names) / sizeof(cap_names[0]); k++)
			if (i->caps & cap_names[k].bit)
				xj_str(&j, NULL, cap_names[k].name);
		xj_arr_close(&j);
		xj_end(&j);
		return;
	}
	fprintf(f, "backend: %s\n", xms_backend_name(i->backend));
	fprintf(f, "module-version: %s\n", i->module_version);
	fprintf(f, "family-version: %u\n", i->family_version);
	fprintf(f, "flags: 0x%x%s%s\n", i->flags,
		(i->flags & XFRM_MIGRATE_STATE_CLEAR_OFFLOAD) ? " clear-offload" : "",
		(i->flags & XFRM_MIGRATE_STATE_UPDATE_H2H_SEL) ? " update-h2h-sel" : "");
	fputs("attributes:", f);
	for (k = 0; k < i->n_attrs; k++) {
		const char *n = attr_name(i->attrs[k]);

		if (n) {
			fprintf(f, " %s", n);
		} else {
			snprintf(t, sizeof(t), "%u", i->attrs[k]);
			fprintf(f, " %s", t);
		}
	}
	if (i->n_attrs_total > i->n_attrs)
		fprintf(f, " (+%u not shown)", i->n_attrs_total - i->n_attrs);
	fputc('\n', f);
	fprintf(f, "kernel-release: %s\n", i->kernel_release);
	fprintf(f, "caps: 0x%x", i->caps);
	for (k = 0; k < sizeof(cap_names) / sizeof(cap_names[0]); k++)
		if (i->caps & cap_names[k].bit)
			fprintf(f, " %s", cap_names[k].name);
	fputc('\n', f);
	fflush(f);
}
