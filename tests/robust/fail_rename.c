/* A shim for tests/robust/rename.sh (LD_PRELOAD): the Nth rename(2) of the
 * process, N in SK_FAIL_RENAME (or each N of a list, "3,4"), fails with EIO;
 * the others are the C library's. So a test can stop nutshell --all-hubs midway through placing
 * its pages, which no file system state does reliably. With SK_NO_LINK set
 * (EPERM, ENOTSUP or EXDEV), every link(2) fails with that error, as on a
 * file system without hard links. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rename(const char *from, const char *to)
{
	static int calls;
	calls++;
	for (const char *nth = getenv("SK_FAIL_RENAME"); nth && *nth; nth++) {
		char *end;
		if (strtol(nth, &end, 10) == calls) {
			errno = EIO;
			return -1;
		}
		nth = end;
		if (!*nth)
			break;
	}
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	return real ? real(from, to) : (errno = ENOSYS, -1);
}

int link(const char *from, const char *to)
{
	const char *no = getenv("SK_NO_LINK");
	if (no && *no) {
		errno = strcmp(no, "EXDEV") == 0 ? EXDEV : strcmp(no, "ENOTSUP") == 0 ? ENOTSUP : EPERM;
		return -1;
	}
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "link");
	return real ? real(from, to) : (errno = ENOSYS, -1);
}
