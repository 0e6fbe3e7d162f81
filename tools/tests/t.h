/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal unit-test harness. */
#ifndef XM_T_H
#define XM_T_H

#include <stdio.h>
#include <string.h>

extern int t_run, t_failed;

#define CHECK(cond) do {						\
	t_run++;							\
	if (!(cond)) {							\
		t_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	t_run++;							\
	if (_a != _b) {							\
		t_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s == %s (%lld != %lld)\n",	\
			__FILE__, __LINE__, #a, #b, _a, _b);		\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	t_run++;							\
	if (!_a || !_b || strcmp(_a, _b)) {				\
		t_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", \
			__FILE__, __LINE__, #a, _a ? _a : "(null)", _b ? _b : "(null)"); \
	}								\
} while (0)

#define CHECK_MEM(a, b, n) do {						\
	t_run++;							\
	if (memcmp((a), (b), (n))) {					\
		t_failed++;						\
		fprintf(stderr, "FAIL %s:%d: memcmp(%s, %s, %s)\n",	\
			__FILE__, __LINE__, #a, #b, #n);		\
		t_hexdiff((const void *)(a), (const void *)(b), (n));	\
	}								\
} while (0)

void t_hexdiff(const unsigned char *a, const unsigned char *b, size_t n);
/*
 * Run fn(arg) in a child killed after secs seconds: 0 when it returned 0,
 * else its exit status, or 128 + the signal that ended it (a hang or a
 * crash fails one check instead of the whole run).
 */
int t_child(int (*fn)(void *), void *arg, unsigned int secs);

void test_encode(void);
void test_parse(void);
void test_errors(void);
void test_notify(void);
void test_rx(void);
void test_report(void);
void test_handle(void);
void test_kernel(void);

#endif
