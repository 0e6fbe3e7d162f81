// SPDX-License-Identifier: GPL-2.0
/* Command-line parsing (the vocabulary of `ip xfrm state`). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/udp.h>

#include "cli.h"

static int usage_err(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int usage_err(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return XM_EXIT_USAGE;
}

int xm_parse_u32(const char *s, uint32_t *v)
{
	unsigned long long x;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || *end || x > 0xffffffffULL)
		return -EINVAL;
	*v = (uint32_t)x;
	return 0;
}

static int parse_u16(const char *s, uint16_t *v)
{
	uint32_t x;

	if (xm_parse_u32(s, &x) || x > 0xffff)
		return -EINVAL;
	*v = (uint16_t)x;
	return 0;
}

int xm_parse_addr(const char *s, struct xm_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (strchr(s, ':')) {
		if (inet_pton(AF_INET6, s, &a->a.a6) != 1)
			return -EINVAL;
		a->family = AF_INET6;
	} else {
		if (inet_pton(AF_INET, s, &a->a.a4) != 1)
			return -EINVAL;
		a->family = AF_INET;
	}
	return 0;
}

static const struct {
	const char *name;
	uint8_t num;
} xfrm_protos[] = {
	{ "esp", IPPROTO_ESP }, { "ah", IPPROTO_AH }, { "comp", IPPROTO_COMP },
};

int xm_parse_proto(const char *s, uint8_t *proto)
{
	size_t i;

	for (i = 0; i < sizeof(xfrm_protos) / sizeof(xfrm_protos[0]); i++)
		if (!strcmp(s, xfrm_protos[i].name)) {
			*proto = xfrm_protos[i].num;
			return 0;
		}
	return -EINVAL;
}

const char *xm_proto_name(uint8_t proto)
{
	size_t i;

	for (i = 0; i < sizeof(xfrm_protos) / sizeof(xfrm_protos[0]); i++)
		if (xfrm_protos[i].num == proto)
			return xfrm_protos[i].name;
	return NULL;
}

/* Upper-layer protocols of a selector. */
static const struct {
	const char *name;
	uint8_t num;
} ul_protos[] = {
	{ "any", 0 }, { "icmp", IPPROTO_ICMP }, { "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP }, { "gre", IPPROTO_GRE }, { "esp", IPPROTO_ESP },
	{ "ah", IPPROTO_AH }, { "ipv6-icmp", IPPROTO_ICMPV6 },
	{ "icmpv6", IPPROTO_ICMPV6 }, { "sctp", IPPROTO_SCTP },
	{ "udplite", IPPROTO_UDPLITE }, { "comp", IPPROTO_COMP },
};

static int parse_ul_proto(const char *s, uint8_t *p)
{
	uint32_t v;
	size_t i;

	for (i = 0; i < sizeof(ul_protos) / sizeof(ul_protos[0]); i++)
		if (!strcmp(s, ul_protos[i].name)) {
			*p = ul_protos[i].num;
			return 0;
		}
	if (xm_parse_u32(s, &v) || v > 255)
		return -EINVAL;
	*p = (uint8_t)v;
	return 0;
}

/* ADDR[/PLEN] */
static int parse_prefix(const char *s, struct xm_addr *a, uint8_t *plen)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	uint32_t p;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (xm_parse_addr(buf, a))
		return -EINVAL;
	if (!slash) {
		*plen = a->family == AF_INET ? 32 : 128;
		return 0;
	}
	if (xm_parse_u32(slash, &p) || p > (a->family == AF_INET ? 32u : 128u))
		return -EINVAL;
	*plen = (uint8_t)p;
	return 0;
}

/* "MARK [mask MASK]": consumes 1 or 3 words */
static int parse_mark(int argc, char **argv, int *i, struct xfrm_mark *m,
		      bool *has_mask, char *err, size_t len)
{
	const char *kw = argv[*i];

	if (*i + 1 >= argc || xm_parse_u32(argv[*i + 1], &m->v))
		return usage_err(err, len, "%s needs a number", kw);
	m->m = 0xffffffff;
	*i += 1;
	if (has_mask)
		*has_mask = false;
	if (*i + 1 < argc && !strcmp(argv[*i + 1], "mask")) {
		if (*i + 2 >= argc || xm_parse_u32(argv[*i + 2], &m->m))
			return usage_err(err, len, "%s mask needs a number", kw);
		if (has_mask)
			*has_mask = true;
		*i += 2;
	}
	return 0;
}

/*
 * offload [ crypto | packet ] dev DEV dir { in | out }   (iproute2's order)
 * offload dev DEV dir { in | out } [ packet ]            (0.2's, kept)
 * offload none | no-offload
 */
static int parse_offload(int argc, char **argv, int *i, struct xm_migrate *m,
			 char *err, size_t len)
{
	static const char syntax[] =
		"offload [ crypto | packet ] dev DEV dir { in | out } | offload none";
	struct xms_attrs *at = &m->attrs;
	const char *w = argv[*i];
	const char *mode = NULL;
	int k = *i + 1;

	if (at->present & (XMS_ATTR_OFFLOAD | XMS_ATTR_OFFLOAD_CLEAR))
		return usage_err(err, len, "offload given twice");
	if (!strcmp(w, "no-offload") || (k < argc && !strcmp(argv[k], "none"))) {
		at->present |= XMS_ATTR_OFFLOAD_CLEAR;
		*i += !strcmp(w, "offload");
		return 0;
	}
	if (k < argc && (!strcmp(argv[k], "crypto") || !strcmp(argv[k], "packet")))
		mode = argv[k++];
	if (k + 3 >= argc || strcmp(argv[k], "dev") || strcmp(argv[k + 2], "dir") ||
	    (strcmp(argv[k + 3], "in") && strcmp(argv[k + 3], "out")))
		return usage_err(err, len, "%s", syntax);
	if (strlen(argv[k + 1]) >= sizeof(m->offload_dev))
		return usage_err(err, len, "offload: device name too long");
	strcpy(m->offload_dev, argv[k + 1]);
	at->offload.flags = !strcmp(argv[k + 3], "in") ? XFRM_OFFLOAD_INBOUND : 0;
	k += 3;
	/* the trailing "packet" of 0.2, only without a leading mode */
	if (!mode && k + 1 < argc && !strcmp(argv[k + 1], "packet"))
		mode = argv[++k];
	if (mode && !strcmp(mode, "packet"))
		at->offload.flags |= XFRM_OFFLOAD_PACKET;
	at->present |= XMS_ATTR_OFFLOAD;
	*i = k;
	return 0;
}

static bool is_sel_key(const char *s)
{
	return !strcmp(s, "src") || !strcmp(s, "dst") || !strcmp(s, "proto") ||
	       !strcmp(s, "sport") || !strcmp(s, "dport") || !strcmp(s, "dev");
}

/*
 * sel src PFX dst PFX [proto P] [sport PORT] [dport PORT] [dev DEV]
 * Selector words are taken while they are selector keys not seen yet.
 */
static int parse_sel(int argc, char **argv, int *i, struct xfrm_selector *sel,
		     char *dev, char *err, size_t len)
{
	struct xm_addr s = { 0 }, d = { 0 };
	unsigned int seen = 0;
	bool have_proto = false;
	uint16_t port;

	memset(sel, 0, sizeof(*sel));
	while (*i + 1 < argc && is_sel_key(argv[*i + 1])) {
		const char *k = argv[*i + 1];
		const char *v = *i + 2 < argc ? argv[*i + 2] : NULL;
		unsigned int bit = !strcmp(k, "src") ? 1 : !strcmp(k, "dst") ? 2 :
			!strcmp(k, "proto") ? 4 : !strcmp(k, "sport") ? 8 :
			!strcmp(k, "dport") ? 16 : 32;

		if (seen & bit)
			break;	/* a second "src" belongs to the command */
		seen |= bit;
		if (!v)
			return usage_err(err, len, "sel %s needs a value", k);
		if (bit == 1) {
			if (parse_prefix(v, &s, &sel->prefixlen_s))
				return usage_err(err, len, "sel src: bad prefix \"%s\"", v);
		} else if (bit == 2) {
			if (parse_prefix(v, &d, &sel->prefixlen_d))
				return usage_err(err, len, "sel dst: bad prefix \"%s\"", v);
		} else if (bit == 4) {
			if (parse_ul_proto(v, &sel->proto))
				return usage_err(err, len, "sel proto: unknown \"%s\"", v);
			have_proto = true;
		} else if (bit == 8 || bit == 16) {
			if (parse_u16(v, &port))
				return usage_err(err, len, "sel %s: bad port \"%s\"", k, v);
			if (bit == 8) {
				sel->sport = htons(port);
				sel->sport_mask = 0xffff;
			} else {
				sel->dport = htons(port);
				sel->dport_mask = 0xffff;
			}
		} else {
			if (strlen(v) >= IF_NAMESIZE)
				return usage_err(err, len, "sel dev: name too long");
			strcpy(dev, v);
		}
		*i += 2;
	}
	if ((seen & 3) != 3)
		return usage_err(err, len, "sel needs src PREFIX and dst PREFIX");
	if (s.family != d.family)
		return usage_err(err, len, "sel src and dst are of different families");
	if ((seen & 24) && !have_proto)
		return usage_err(err, len, "sel sport/dport need proto");
	sel->family = (uint16_t)s.family;
	sel->saddr = s.a;
	sel->daddr = d.a;
	return 0;
}

static int need_addr(int argc, char **argv, int *i, struct xm_addr *a,
		     char *err, size_t len)
{
	const char *kw = argv[*i];

	if (a->family)
		return usage_err(err, len, "%s given twice", kw);
	if (*i + 1 >= argc)
		return usage_err(err, len, "%s needs an address", kw);
	if (xm_parse_addr(argv[*i + 1], a))
		return usage_err(err, len, "%s: bad address \"%s\"", kw, argv[*i + 1]);
	*i += 1;
	return 0;
}

static int need_u32(int argc, char **argv, int *i, uint32_t *v, char *err,
		    size_t len)
{
	if (*i + 1 >= argc || xm_parse_u32(argv[*i + 1], v))
		return usage_err(err, len, "%s needs a number", argv[*i]);
	*i += 1;
	return 0;
}

int xm_parse_migrate(int argc, char **argv, struct xm_migrate *m, char *err,
		     size_t len)
{
	struct xms_attrs *at = &m->attrs;
	bool has_proto = false, has_spi = false;
	int i, rc = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < argc && !rc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "src")) {
			rc = need_addr(argc, argv, &i, &m->src, err, len);
		} else if (!strcmp(w, "dst")) {
			rc = need_addr(argc, argv, &i, &m->dst, err, len);
		} else if (!strcmp(w, "new-src")) {
			rc = need_addr(argc, argv, &i, &m->new_src, err, len);
		} else if (!strcmp(w, "new-dst")) {
			rc = need_addr(argc, argv, &i, &m->new_dst, err, len);
		} else if (!strcmp(w, "proto")) {
			if (i + 1 >= argc || xm_parse_proto(argv[i + 1], &m->proto))
				return usage_err(err, len, "proto must be esp, ah or comp");
			has_proto = true;
			i++;
		} else if (!strcmp(w, "spi")) {
			rc = need_u32(argc, argv, &i, &m->spi, err, len);
			has_spi = !rc;
		} else if (!strcmp(w, "mark")) {
			rc = parse_mark(argc, argv, &i, &m->mark, NULL, err, len);
			m->has_mark = !rc;
		} else if (!strcmp(w, "new-reqid")) {
			rc = need_u32(argc, argv, &i, &m->new_reqid, err, len);
			m->has_new_reqid = !rc;
		} else if (!strcmp(w, "new-mark")) {
			rc = parse_mark(argc, argv, &i, &at->mark, NULL, err, len);
			if (!rc)
				at->present |= XMS_ATTR_MARK;
		} else if (!strcmp(w, "set-mark") || !strcmp(w, "output-mark")) {
			/* output-mark: iproute2's word for XFRMA_SET_MARK */
			struct xfrm_mark sm;
			bool mask = false;

			/* on failure sm and mask are unset: nothing is taken */
			rc = parse_mark(argc, argv, &i, &sm, &mask, err, len);
			if (rc)
				break;
			at->set_mark = sm.v;
			at->present |= XMS_ATTR_SET_MARK;
			if (mask) {
				at->set_mark_mask = sm.m;
				at->present |= XMS_ATTR_SET_MARK_MASK;
			}
		} else if (!strcmp(w, "encap")) {
			struct xm_addr oa;
			uint16_t sp, dp;

			if (at->present & (XMS_ATTR_ENCAP | XMS_ATTR_ENCAP_REMOVE))
				return usage_err(err, len, "encap given twice");
			if (i + 1 < argc && !strcmp(argv[i + 1], "none")) {
				at->present |= XMS_ATTR_ENCAP_REMOVE;
				i++;
				continue;
			}
			if (i + 4 >= argc || strcmp(argv[i + 1], "espinudp"))
				return usage_err(err, len, "encap espinudp SPORT DPORT OADDR | encap none");
			if (parse_u16(argv[i + 2], &sp) || parse_u16(argv[i + 3], &dp))
				return usage_err(err, len, "encap: bad port");
			if (xm_parse_addr(argv[i + 4], &oa))
				return usage_err(err, len, "encap: bad address \"%s\"", argv[i + 4]);
			at->encap.encap_type = UDP_ENCAP_ESPINUDP;
			at->encap.encap_sport = htons(sp);
			at->encap.encap_dport = htons(dp);
			at->encap.encap_oa = oa.a;
			at->present |= XMS_ATTR_ENCAP;
			i += 4;
		} else if (!strcmp(w, "offload") || !strcmp(w, "no-offload")) {
			rc = parse_offload(argc, argv, &i, m, err, len);
		} else if (!strcmp(w, "mtimer-thresh")) {
			rc = need_u32(argc, argv, &i, &at->mtimer_thresh, err, len);
			if (!rc)
				at->present |= XMS_ATTR_MTIMER_THRESH;
		} else if (!strcmp(w, "nat-keepalive")) {
			rc = need_u32(argc, argv, &i, &at->nat_keepalive, err, len);
			if (!rc)
				at->present |= XMS_ATTR_NAT_KEEPALIVE;
		} else if (!strcmp(w, "sel")) {
			if (m->has_sel || m->h2h_sel)
				return usage_err(err, len, "sel or h2h-sel given twice");
			rc = parse_sel(argc, argv, &i, &m->sel, m->sel_dev, err, len);
			m->has_sel = true;
		} else if (!strcmp(w, "h2h-sel") || !strcmp(w, "update-h2h-sel")) {
			if (m->has_sel || m->h2h_sel)
				return usage_err(err, len, "sel or h2h-sel given twice");
			m->h2h_sel = true;
		} else {
			return usage_err(err, len, "unknown argument \"%s\"", w);
		}
	}
	if (rc)
		return rc;
	if (!m->dst.family)
		return usage_err(err, len, "dst ADDR is required");
	if (!has_proto)
		return usage_err(err, len, "proto { esp | ah | comp } is required");
	if (!has_spi)
		return usage_err(err, len, "spi SPI is required");
	if (!m->spi)
		return usage_err(err, len, "spi must not be 0");
	if (m->src.family && m->src.family != m->dst.family)
		return usage_err(err, len, "src and dst are of different families");
	if (m->new_src.family && m->new_dst.family &&
	    m->new_src.family != m->new_dst.family)
		return usage_err(err, len, "new-src and new-dst are of different families");
	return 0;
}

int xm_build_request(const struct xm_migrate *m, const struct xms_sa *sa,
		     struct xfrm_user_migrate_state *req, struct xms_attrs *attrs,
		     char *err, size_t len)
{
	int cur = sa->info.family;
	int fam = m->new_dst.family ? m->new_dst.family :
		  m->new_src.family ? m->new_src.family : cur;

	xms_prefill_from_sa(sa, req);
	*attrs = m->attrs;
	if (m->src.family && (m->src.family != cur ||
	    memcmp(&m->src.a, &sa->info.saddr, m->src.family == AF_INET ? 4 : 16))) {
		snprintf(err, len, "Can not find state (its source is not the given src)");
		return XM_EXIT_KERNEL;
	}
	if (fam != cur && (!m->new_dst.family || !m->new_src.family))
		return usage_err(err, len, "a family change needs both new-src and new-dst");
	req->new_family = (uint16_t)fam;
	if (m->new_dst.family)
		req->new_daddr = m->new_dst.a;
	if (m->new_src.family)
		req->new_saddr = m->new_src.a;
	if (m->has_new_reqid)
		req->new_reqid = m->new_reqid;
	if (m->has_sel)
		req->new_sel = m->sel;
	if (m->h2h_sel)
		req->flags |= XFRM_MIGRATE_STATE_UPDATE_H2H_SEL;
	if (m->attrs.present & XMS_ATTR_OFFLOAD_CLEAR) {
		req->flags |= XFRM_MIGRATE_STATE_CLEAR_OFFLOAD;
		attrs->present &= ~XMS_ATTR_OFFLOAD_CLEAR;
	}
	return 0;
}

int xm_parse_hex(const char *s, unsigned char *buf, size_t len)
{
	size_t n = 0;
	int hi = -1;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s; s++) {
		int v;

		if (*s == ' ' || *s == ':' || *s == '\n' || *s == '\t')
			continue;
		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			return -EINVAL;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= len)
			return -EINVAL;
		buf[n++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	return hi >= 0 ? -EINVAL : (int)n;
}

/* raw HEX: the message, its length and type checked here */
static int parse_raw(int argc, char **argv, struct xm_opts *o, char *err, size_t len)
{
	const struct nlmsghdr *nlh = (const void *)o->raw;
	int n;

	if (argc != 1)
		return usage_err(err, len, "raw needs one argument: the message in hex");
	n = xm_parse_hex(argv[0], o->raw, sizeof(o->raw));
	if (n < 0)
		return usage_err(err, len, "raw: bad hex (or longer than %d bytes)", XM_RAW_MAX);
	if ((size_t)n < NLMSG_HDRLEN + sizeof(struct xfrm_user_migrate_state) ||
	    nlh->nlmsg_len != (uint32_t)n || nlh->nlmsg_type != XFRM_MSG_MIGRATE_STATE)
		return usage_err(err, len, "raw: not a complete XFRM_MSG_MIGRATE_STATE "
				 "message (nlmsg_len must equal its %d bytes, type 41)", n);
	o->raw_len = (size_t)n;
	return 0;
}

static int parse_monitor(int argc, char **argv, struct xm_monitor_opts *mo,
			 char *err, size_t len)
{
	int i;
	uint32_t v;

	memset(mo, 0, sizeof(*mo));
	for (i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "--count") || !strcmp(w, "count")) {
			if (i + 1 >= argc || xm_parse_u32(argv[i + 1], &v) || !v)
				return usage_err(err, len, "--count needs a positive number");
			mo->count = v;
			i++;
		} else if (!strcmp(w, "--timeout") || !strcmp(w, "timeout")) {
			if (i + 1 >= argc || xm_parse_u32(argv[i + 1], &v) || !v)
				return usage_err(err, len, "--timeout needs a positive number of seconds");
			mo->timeout = v;
			i++;
		} else if (!strcmp(w, "--both") || !strcmp(w, "both")) {
			mo->which = XMS_MON_NATIVE | XMS_MON_MODULE;
		} else if (!strcmp(w, "--native") || !strcmp(w, "native")) {
			mo->which |= XMS_MON_NATIVE;
		} else if (!strcmp(w, "--module") || !strcmp(w, "module")) {
			mo->which |= XMS_MON_MODULE;
		} else if (!strcmp(w, "--ready")) {
			if (i + 1 >= argc)
				return usage_err(err, len, "--ready needs a file name");
			mo->ready_file = argv[++i];
		} else {
			return usage_err(err, len, "unknown monitor argument \"%s\"", w);
		}
	}
	return 0;
}

int xm_parse_args(int argc, char **argv, struct xm_opts *o, char *err, size_t len)
{
	static const struct {
		const char *name;
		enum xm_cmd cmd;
	} cmds[] = {
		{ "migrate", XM_CMD_MIGRATE }, { "probe", XM_CMD_PROBE },
		{ "info", XM_CMD_INFO }, { "monitor", XM_CMD_MONITOR },
		{ "version", XM_CMD_VERSION }, { "help", XM_CMD_HELP },
		{ "raw", XM_CMD_RAW },
	};
	int i;
	size_t c;

	memset(o, 0, sizeof(*o));
	o->backend = XMS_BACKEND_AUTO;
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "-j") || !strcmp(w, "--json")) {
			o->json = true;
		} else if (!strcmp(w, "-h") || !strcmp(w, "--help")) {
			o->cmd = XM_CMD_HELP;
			return 0;
		} else if (!strcmp(w, "-V") || !strcmp(w, "--version")) {
			o->cmd = XM_CMD_VERSION;
			return 0;
		} else if (!strcmp(w, "--backend") || !strncmp(w, "--backend=", 10)) {
			const char *v = w[9] == '=' ? w + 10 : (i + 1 < argc ? argv[++i] : NULL);

			if (!v || xms_backend_parse(v, &o->backend))
				return usage_err(err, len, "--backend must be auto, native or module");
		} else if (!strcmp(w, "-n") || !strcmp(w, "--netns")) {
			if (i + 1 >= argc || !*argv[i + 1])
				return usage_err(err, len, "%s needs a network namespace name", w);
			o->netns = argv[++i];
		} else if (w[0] == '-') {
			return usage_err(err, len, "unknown option \"%s\"", w);
		} else {
			break;
		}
	}
	if (i >= argc)
		return usage_err(err, len, "no command given");
	for (c = 0; c < sizeof(cmds) / sizeof(cmds[0]); c++)
		if (!strcmp(argv[i], cmds[c].name))
			o->cmd = cmds[c].cmd;
	if (o->cmd == XM_CMD_NONE)
		return usage_err(err, len, "unknown command \"%s\"", argv[i]);
	i++;
	switch (o->cmd) {
	case XM_CMD_MIGRATE:
		return xm_parse_migrate(argc - i, argv + i, &o->mig, err, len);
	case XM_CMD_MONITOR:
		return parse_monitor(argc - i, argv + i, &o->mon, err, len);
	case XM_CMD_RAW:
		return parse_raw(argc - i, argv + i, o, err, len);
	default:
		if (i < argc)
			return usage_err(err, len, "unexpected argument \"%s\"", argv[i]);
		return 0;
	}
}
