/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Messages for the unit tests and the seeds of the fuzz drivers: the
 * hostile inputs of issue 17 and well-formed replies and notifications.
 */
#ifndef XM_CORPUS_H
#define XM_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#define CORPUS_FAMILY	0x20	/* family id of the module in the corpus */
#define CORPUS_SEQ	0x1234	/* sequence number replies answer */
#define CORPUS_PORTID	777	/* portid of the requesting socket */

struct corpus_entry {
	const char *name;
	unsigned char data[1024] __attribute__((aligned(4)));
	size_t len;
};

/* The corpus, built on first use; *n receives its size. */
const struct corpus_entry *corpus_get(size_t *n);
/* A native or genl migration notification: its length. */
size_t corpus_notif(void *buf, size_t len, int module);
/* nlctrl's description (cmd NEWFAMILY, DELFAMILY) of xfrm_migstate as id. */
size_t corpus_family(void *buf, uint8_t cmd, uint16_t id, uint32_t seq);
/* A kernel ACK answering seq. */
size_t corpus_ack(void *buf, uint32_t seq, int error);

#endif
