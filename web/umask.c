/* Linked into the WebAssembly module and every test program: emscripten
 * starts with umask 0777, so every file would be created with mode 0000 (the
 * page could not read an -o file back); the usual 022 before main() runs. */
#include <sys/stat.h>

__attribute__((constructor)) static void sk_wasm_umask(void)
{
	umask(022);
}
