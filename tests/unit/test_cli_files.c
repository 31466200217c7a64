/* cmd/common/files.c: each file once, and out of memory said (exit 2), not
 * passed over. Linked with -Wl,--wrap=malloc so that one allocation of the
 * code under test can be made to fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "files.h"

void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);

static bool fail_next_malloc;

void *__wrap_malloc(size_t size)
{
	if (fail_next_malloc) {
		fail_next_malloc = false;
		return NULL;
	}
	return __real_malloc(size);
}

typedef struct fixture {
	char dir[64];
	char path[96], again[112];
	cli_files files;
} fixture;

/* One file named twice: "DIR/a.yaml" and "DIR/./a.yaml". */
static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	FILE *fp;

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/sk-files-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/a.yaml", f->dir);
	snprintf(f->again, sizeof(f->again), "%s/./a.yaml", f->dir);
	fp = fopen(f->path, "w");
	if (!fp)
		return -1;
	fputs("sendkit: strategy\n", fp);
	fclose(fp);
	if (cli_files_collect(&f->files, f->path) != SK_EXIT_OK
	    || cli_files_collect(&f->files, f->again) != SK_EXIT_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	cli_files_free(&f->files);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_unique(void **state)
{
	fixture *f = *state;

	assert_int_equal(f->files.n, 2);
	assert_int_equal(cli_files_unique(&f->files), SK_EXIT_OK);
	assert_int_equal(f->files.n, 1);
	assert_string_equal(f->files.v[0].path, f->path);
}

/* What stderr said while fn ran, in buf. */
static void stderr_of(char *buf, size_t size, int (*fn)(cli_files *), cli_files *files,
		      int *out_rc)
{
	char name[] = "/tmp/sk-files-err-XXXXXX";
	int fd = mkstemp(name), saved = dup(2);
	ssize_t n;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	*out_rc = fn(files);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, buf, size - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(name);
}

/* Out of memory: said, exit 2, and the list left whole (never a file checked
 * twice or dropped). */
static void test_unique_out_of_memory(void **state)
{
	fixture *f = *state;
	char said[256];
	int rc;

	fail_next_malloc = true;
	stderr_of(said, sizeof(said), cli_files_unique, &f->files, &rc);
	fail_next_malloc = false;
	assert_int_equal(rc, SK_EXIT_FAIL);
	assert_non_null(strstr(said, "test_cli_files: Cannot allocate memory\n"));
	assert_int_equal(f->files.n, 2);
	assert_string_equal(f->files.v[0].path, f->path);
	assert_string_equal(f->files.v[1].path, f->again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unique, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unique_out_of_memory, setup, teardown),
	};

	cli_init("test_cli_files");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
