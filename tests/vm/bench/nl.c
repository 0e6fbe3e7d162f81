// SPDX-License-Identifier: GPL-2.0
/*
 * xms-bench: the netlink side. Every operation is one request with
 * NLM_F_ACK and waits for its ACK (and its reply, for GETSA and GETAE):
 * what a daemon waits for before it goes on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>
#include <linux/xfrm_migstate.h>

#include "nl.h"

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

const char *const method_name[M_COUNT] = {
	[M_MODULE] = "module", [M_NATIVE] = "native", [M_COPY] = "copy",
	[M_LEGACY] = "legacy", [M_NEWSA] = "newsa", [M_DELSA] = "delsa",
	[M_NONE] = "none",
};

long copy_delay_us;

/* 128-bit AES key + 32-bit salt, as the guest tests' SAs. */
static const unsigned char gcm_key[20] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
};

struct msg {
	union {
		struct nlmsghdr nlh;
		unsigned char buf[NL_BUFSZ];
	};
};

int nl_open(struct nlsk *s, int proto)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, sz = 1 << 20;

	memset(s, 0, sizeof(*s));
	s->seq = 1;
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (s->fd < 0)
		return -errno;
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(s->fd);
		return -errno;
	}
	return 0;
}

void nl_close(struct nlsk *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

static void put_attr(struct nlmsghdr *nlh, uint16_t type, const void *data,
		     size_t dlen)
{
	struct nlattr *a = (struct nlattr *)((char *)nlh +
					     NLMSG_ALIGN(nlh->nlmsg_len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + dlen);
	memcpy((char *)a + NLA_HDRLEN, data, dlen);
	memset((char *)a + NLA_HDRLEN + dlen, 0, NLA_ALIGN(dlen) - dlen);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void *init_msg(struct msg *m, uint16_t type, size_t hdr)
{
	memset(m, 0, NLMSG_SPACE(hdr) + 512);
	m->nlh.nlmsg_len = NLMSG_LENGTH(hdr);
	m->nlh.nlmsg_type = type;
	return NLMSG_DATA(&m->nlh);
}

/*
 * Send, then read until the ACK of this request. The first data reply is
 * copied to out (up to outlen). Returns -errno from the ACK, else the
 * length of the data reply (0 without one).
 */
static int talk(struct nlsk *s, struct nlmsghdr *req, void *out, int outlen)
{
	static __thread unsigned char rbuf[NL_BUFSZ * 2];
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	uint32_t seq = s->seq++;
	int got = 0;

	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = seq;
	if (sendto(s->fd, req, req->nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -errno;
	for (;;) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		struct nlmsghdr *r;
		int n;

		n = poll(&p, 1, 10000);
		if (n <= 0)
			return n ? -errno : -ETIMEDOUT;
		n = recv(s->fd, rbuf, sizeof(rbuf), 0);
		if (n < 0)
			return -errno;
		for (r = (struct nlmsghdr *)rbuf; NLMSG_OK(r, (unsigned int)n);
		     r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq != seq)
				continue;
			if (r->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(r);

				return e->error ? e->error : got;
			}
			if (!got && out) {
				got = (int)r->nlmsg_len < outlen ?
					(int)r->nlmsg_len : outlen;
				memcpy(out, r, got);
			}
		}
	}
}

int genl_resolve(struct nlsk *s)
{
	struct msg m, out;
	struct genlmsghdr *g = init_msg(&m, GENL_ID_CTRL, GENL_HDRLEN);
	struct nlattr *a;
	int n, rem;

	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	put_attr(&m.nlh, CTRL_ATTR_FAMILY_NAME, XFRM_MIGSTATE_GENL_NAME,
		 sizeof(XFRM_MIGSTATE_GENL_NAME));
	n = talk(s, &m.nlh, out.buf, sizeof(out.buf));
	if (n < 0)
		return n;
	a = (struct nlattr *)((char *)NLMSG_DATA(&out.nlh) + GENL_HDRLEN);
	rem = n - NLMSG_HDRLEN - GENL_HDRLEN;
	for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&s->genl_id, (char *)a + NLA_HDRLEN, 2);
	return s->genl_id ? 0 : -ENOENT;
}

static void fill_um(struct xfrm_user_migrate_state *um,
		    const struct sa_ref *r, const struct sa_ref *to)
{
	um->id.daddr = r->daddr;
	um->id.spi = r->spi;
	um->id.family = r->family;
	um->id.proto = IPPROTO_ESP;
	um->new_daddr = to->daddr;
	um->new_saddr = to->saddr;
	um->new_sel = r->sel;
	um->new_reqid = to->reqid;
	um->new_family = to->family;
}

int native_probe(struct nlsk *x)
{
	struct msg m;
	struct xfrm_user_migrate_state *um;
	struct sa_ref r = { .family = AF_INET, .spi = htonl(0xfffffff0) };

	um = init_msg(&m, XFRM_MSG_MIGRATE_STATE, sizeof(*um));
	fill_um(um, &r, &r);
	return talk(x, &m.nlh, NULL, 0) == -ESRCH;
}

static void lft_inf(struct xfrm_lifetime_cfg *l)
{
	l->soft_byte_limit = l->hard_byte_limit = XFRM_INF;
	l->soft_packet_limit = l->hard_packet_limit = XFRM_INF;
}

int sa_new(struct nlsk *x, const struct sa_ref *r, int null_alg)
{
	struct msg m;
	struct xfrm_usersa_info *p = init_msg(&m, XFRM_MSG_NEWSA, sizeof(*p));

	p->sel = r->sel;
	p->id.daddr = r->daddr;
	p->id.spi = r->spi;
	p->id.proto = IPPROTO_ESP;
	p->saddr = r->saddr;
	p->family = r->family;
	p->mode = XFRM_MODE_TUNNEL;
	p->reqid = r->reqid;
	p->replay_window = 32;
	lft_inf(&p->lft);
	if (null_alg) {
		struct xfrm_algo a = { .alg_name = "ecb(cipher_null)" };

		put_attr(&m.nlh, XFRMA_ALG_CRYPT, &a, sizeof(a));
	} else {
		struct {
			struct xfrm_algo_aead a;
			unsigned char key[sizeof(gcm_key)];
		} k = { .a = { .alg_name = "rfc4106(gcm(aes))",
			       .alg_key_len = sizeof(gcm_key) * 8,
			       .alg_icv_len = 128 } };

		memcpy(k.key, gcm_key, sizeof(gcm_key));
		put_attr(&m.nlh, XFRMA_ALG_AEAD, &k, sizeof(k));
	}
	return talk(x, &m.nlh, NULL, 0);
}

static void fill_id(struct xfrm_usersa_id *id, const struct sa_ref *r)
{
	id->daddr = r->daddr;
	id->spi = r->spi;
	id->family = r->family;
	id->proto = IPPROTO_ESP;
}

int sa_del(struct nlsk *x, const struct sa_ref *r)
{
	struct msg m;

	fill_id(init_msg(&m, XFRM_MSG_DELSA, sizeof(struct xfrm_usersa_id)), r);
	return talk(x, &m.nlh, NULL, 0);
}

int sa_get(struct nlsk *x, const struct sa_ref *r, void *buf, int len)
{
	struct msg m;

	fill_id(init_msg(&m, XFRM_MSG_GETSA, sizeof(struct xfrm_usersa_id)), r);
	return talk(x, &m.nlh, buf, len);
}

int sa_lookup(struct nlsk *x, struct sa_ref *r)
{
	struct msg out;
	struct xfrm_usersa_info *p = NLMSG_DATA(&out.nlh);
	int n = sa_get(x, r, out.buf, sizeof(out.buf));

	if (n < 0)
		return n;
	if (n < (int)NLMSG_LENGTH(sizeof(*p)) || out.nlh.nlmsg_type != XFRM_MSG_NEWSA)
		return -EPROTO;
	r->saddr = p->saddr;
	r->reqid = p->reqid;
	r->sel = p->sel;
	return 0;
}

static int getae(struct nlsk *x, const struct sa_ref *r, void *buf, int len)
{
	struct msg m;
	struct xfrm_aevent_id *ae = init_msg(&m, XFRM_MSG_GETAE, sizeof(*ae));

	fill_id(&ae->sa_id, r);
	ae->saddr = r->saddr;
	ae->reqid = r->reqid;
	ae->flags = XFRM_AE_RVAL | XFRM_AE_LVAL;
	return talk(x, &m.nlh, buf, len);
}

static struct nlattr *find_attr(struct nlmsghdr *h, size_t hdr, uint16_t type)
{
	struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) + NLMSG_ALIGN(hdr));
	int rem = (int)h->nlmsg_len - (int)NLMSG_LENGTH(NLMSG_ALIGN(hdr));

	for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
	return NULL;
}

/*
 * The copy approach, as strongSwan's update_sa: read the SA (keys
 * included) and its replay state, delete it, add it again with the new
 * addresses and the replay state read.
 */
static int move_copy(struct nlsk *x, const struct sa_ref *r,
		     const struct sa_ref *to)
{
	static __thread struct msg sa, ae, add;
	struct xfrm_usersa_info *p, *q;
	struct nlattr *a;
	int n, rem;

	n = sa_get(x, r, sa.buf, sizeof(sa.buf));
	if (n < 0)
		return n;
	if (n < (int)NLMSG_LENGTH(sizeof(*p)))
		return -EPROTO;
	n = getae(x, r, ae.buf, sizeof(ae.buf));
	if (n < 0)
		return n;
	if (copy_delay_us) {
		struct timespec t = { 0, copy_delay_us * 1000 };

		nanosleep(&t, NULL);
	}
	n = sa_del(x, r);
	if (n < 0)
		return n;

	p = NLMSG_DATA(&sa.nlh);
	q = init_msg(&add, XFRM_MSG_NEWSA, sizeof(*q));
	*q = *p;
	q->id.daddr = to->daddr;
	q->saddr = to->saddr;
	q->family = to->family;
	q->reqid = to->reqid;
	memset(&q->curlft, 0, sizeof(q->curlft));
	memset(&q->stats, 0, sizeof(q->stats));
	a = (struct nlattr *)((char *)p + NLMSG_ALIGN(sizeof(*p)));
	rem = (int)sa.nlh.nlmsg_len - (int)NLMSG_LENGTH(NLMSG_ALIGN(sizeof(*p)));
	for (; rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
		uint16_t t = a->nla_type & NLA_TYPE_MASK;
		struct nlattr *v = a;

		switch (t) {
		case XFRMA_REPLAY_VAL:
		case XFRMA_REPLAY_ESN_VAL:
		case XFRMA_LTIME_VAL:
			/* the replay state and counters as GETAE read them */
			v = find_attr(&ae.nlh, sizeof(struct xfrm_aevent_id), t);
			if (!v)
				v = a;
			break;
		case XFRMA_ALG_AEAD: case XFRMA_ALG_AUTH_TRUNC:
		case XFRMA_ALG_CRYPT: case XFRMA_ALG_COMP: case XFRMA_ENCAP:
		case XFRMA_MARK: case XFRMA_SET_MARK: case XFRMA_SET_MARK_MASK:
		case XFRMA_IF_ID: case XFRM_MIGSTATE_XFRMA_SA_DIR: case XFRMA_SA_EXTRA_FLAGS:
			break;
		default:	/* XFRMA_ALG_AUTH beside AUTH_TRUNC, LASTUSED, ... */
			continue;
		}
		put_attr(&add.nlh, t, (char *)v + NLA_HDRLEN, v->nla_len - NLA_HDRLEN);
	}
	return talk(x, &add.nlh, NULL, 0);
}

static int move_legacy(struct nlsk *x, const struct sa_ref *r,
		       const struct sa_ref *to, const struct legacy_pol *pol)
{
	struct msg m;
	struct xfrm_userpolicy_id *pi = init_msg(&m, XFRM_MSG_MIGRATE, sizeof(*pi));
	struct xfrm_user_migrate um = {
		.old_daddr = r->daddr, .old_saddr = r->saddr,
		.new_daddr = to->daddr, .new_saddr = to->saddr,
		.proto = IPPROTO_ESP, .mode = XFRM_MODE_TUNNEL,
		.reqid = r->reqid, .old_family = r->family,
		.new_family = to->family,
	};

	if (!pol)
		return -EINVAL;
	pi->sel = pol->sel;
	pi->dir = pol->dir;
	put_attr(&m.nlh, XFRMA_MIGRATE, &um, sizeof(um));
	return talk(x, &m.nlh, NULL, 0);
}

int sa_move(enum method meth, struct nlsk *x, struct nlsk *g, struct sa_ref *r,
	    const struct sa_ref *to, const struct legacy_pol *pol)
{
	struct msg m;
	struct xfrm_user_migrate_state *um;
	int err;

	switch (meth) {
	case M_MODULE: {
		struct genlmsghdr *gh = init_msg(&m, g->genl_id,
						 GENL_HDRLEN + sizeof(*um));

		gh->cmd = XFRM_MIGSTATE_CMD_MIGRATE_STATE;
		gh->version = XFRM_MIGSTATE_GENL_VERSION;
		fill_um((void *)((char *)gh + GENL_HDRLEN), r, to);
		err = talk(g, &m.nlh, NULL, 0);
		break;
	}
	case M_NATIVE:
		um = init_msg(&m, XFRM_MSG_MIGRATE_STATE, sizeof(*um));
		fill_um(um, r, to);
		err = talk(x, &m.nlh, NULL, 0);
		break;
	case M_COPY:
		err = move_copy(x, r, to);
		break;
	case M_LEGACY:
		err = move_legacy(x, r, to, pol);
		break;
	default:
		return -EINVAL;
	}
	if (!err) {
		struct xfrm_selector sel = r->sel;

		*r = *to;
		r->spi = to->spi ? to->spi : r->spi;
		r->sel = sel;
	}
	return err;
}

int pol_add(struct nlsk *x, const struct legacy_pol *pl, const struct sa_ref *r)
{
	struct msg m;
	struct xfrm_userpolicy_info *p = init_msg(&m, XFRM_MSG_NEWPOLICY, sizeof(*p));
	struct xfrm_user_tmpl t = {
		.id = { .daddr = r->daddr, .proto = IPPROTO_ESP },
		.family = r->family, .saddr = r->saddr, .reqid = r->reqid,
		.mode = XFRM_MODE_TUNNEL, .aalgos = ~0U, .ealgos = ~0U,
		.calgos = ~0U,
	};

	p->sel = pl->sel;
	lft_inf(&p->lft);
	p->dir = pl->dir;
	p->action = XFRM_POLICY_ALLOW;
	put_attr(&m.nlh, XFRMA_TMPL, &t, sizeof(t));
	return talk(x, &m.nlh, NULL, 0);
}
