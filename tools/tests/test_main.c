// SPDX-License-Identifier: GPL-2.0
/* Host-side unit tests of libxfrm-migrate and the CLI. No kernel needed. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include "t.h"

int t_run, t_failed;

void t_hexdiff(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			fprintf(stderr, "  offset %zu: got 0x%02x want 0x%02x\n", i, a[i], b[i]);
}

int t_child(int (*fn)(void *), void *arg, unsigned int secs)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		alarm(secs);
		_exit(fn(arg) ? 1 : 0);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

static const char *label;

static void suite(const char *name, void (*fn)(void))
{
	int before = t_failed, run = t_run;
	char full[64];

	fn();
	snprintf(full, sizeof(full), "%s%s%s", name, label ? "/" : "", label ? label : "");
	printf("%-12s %3d checks, %d failed\n", full, t_run - run, t_failed - before);
}

/* argv[1]: the build's label in the result lines (asan, O0). */
int main(int argc, char **argv)
{
	label = argc > 1 ? argv[1] : NULL;
	suite("encode", test_encode);
	suite("parse", test_parse);
	suite("errors", test_errors);
	suite("notify", test_notify);
	suite("rx", test_rx);
	suite("report", test_report);
	suite("handle", test_handle);
	suite("kernel", test_kernel);
	printf("SUMMARY: %d checks, %d failed: %s\n", t_run, t_failed,
	       t_failed ? "FAIL" : "PASS");
	return t_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
