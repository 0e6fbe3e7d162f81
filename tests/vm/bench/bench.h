/* SPDX-License-Identifier: GPL-2.0 */
/* xms-bench: what the modes share. */
#ifndef XMS_BENCH_H
#define XMS_BENCH_H

#include <stdint.h>
#include "nl.h"

/* Monotonic time in microseconds. */
double now_us(void);
void sleep_us(long us);
/* Methods named in a comma-separated list ("module,copy"): a bit mask. */
unsigned int parse_methods(const char *list);
/* Which migration methods this kernel serves here (bit mask). */
unsigned int methods_available(struct nlsk *x, struct nlsk *g);
void addr4(xfrm_address_t *a, const char *s);
void addr6(xfrm_address_t *a, const char *s);
/* A counter of /proc/net/xfrm_stat (fd opened in the netns), -1 if none. */
long xfrm_stat_read(int fd, const char *name);

/* disrupt.c */
int run_disrupt(int argc, char **argv);

#endif
