// SPDX-License-Identifier: GPL-2.0
/* A minimal JSON writer: one object per line. */
#include <stdio.h>

#include "cli.h"

static void sep(struct xm_json *j, const char *key)
{
	if (j->depth > 0 && !j->first[j->depth])
		fputc(',', j->f);
	if (j->depth > 0)
		j->first[j->depth] = false;
	if (key) {
		fputc('"', j->f);
		fputs(key, j->f);
		fputs("\":", j->f);
	}
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void xj_begin(struct xm_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	xj_obj_open(j, NULL);
}

void xj_obj_open(struct xm_json *j, const char *key)
{
	sep(j, key);
	fputc('{', j->f);
	j->first[++j->depth] = true;
}

void xj_obj_close(struct xm_json *j)
{
	fputc('}', j->f);
	j->depth--;
}

void xj_arr_open(struct xm_json *j, const char *key)
{
	sep(j, key);
	fputc('[', j->f);
	j->first[++j->depth] = true;
}

void xj_arr_close(struct xm_json *j)
{
	fputc(']', j->f);
	j->depth--;
}

void xj_str(struct xm_json *j, const char *key, const char *v)
{
	sep(j, key);
	if (v)
		put_string(j->f, v);
	else
		fputs("null", j->f);
}

void xj_uint(struct xm_json *j, const char *key, unsigned long long v)
{
	sep(j, key);
	fprintf(j->f, "%llu", v);
}

void xj_int(struct xm_json *j, const char *key, long long v)
{
	sep(j, key);
	fprintf(j->f, "%lld", v);
}

void xj_bool(struct xm_json *j, const char *key, bool v)
{
	sep(j, key);
	fputs(v ? "true" : "false", j->f);
}

void xj_null(struct xm_json *j, const char *key)
{
	sep(j, key);
	fputs("null", j->f);
}

void xj_end(struct xm_json *j)
{
	while (j->depth > 0)
		xj_obj_close(j);
	fputc('\n', j->f);
	fflush(j->f);
}
