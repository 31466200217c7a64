#!/bin/sh
# Nothing leaves the machine: no command and not the library can open a
# network connection or start another program, because none of them links
# to a function that would (checked on the built binaries with nm), and none
# needs a library beyond libc, libyaml, libcsv, libcolamd (lp_solve's),
# libxlsxwriter and its libz (census-summary and review-score's -f xlsx) and
# libsendkit (readelf; the sanitizer build adds the sanitizer runtimes).
# lp_solve, linked into libsendkit, brings dlopen for its plugin loaders
# (set_XLI, set_BFP), which sendkit never calls: allowed in the library only.
#
#   offline.sh BIN_DIR LIB_DIR
set -u
bin=$1 lib=$2
# Sockets and name lookup; other programs (a shell could reach the network).
banned='socket|socketpair|connect|bind|listen|accept4?|send|sendto|sendmsg|recv|recvfrom|recvmsg'
banned="$banned|getaddrinfo|getnameinfo|gethostbyname2?|gethostbyaddr|res_n?query"
banned="$banned|fork|vfork|clone|execl|execlp|execle|execv|execve|execvp|execvpe|fexecve"
banned="$banned|system|popen|posix_spawnp?|dlopen"
allowed_libs='libasan\.so|libubsan\.so|libgcc_s\.so|libc\.so|libm\.so|libpthread\.so|libyaml-0\.so|libcsv\.so|libsendkit\.so|libxlsxwriter\.so|libz\.so|libcolamd\.so|ld-linux'
commands=${SK_COMMANDS:?"the command names (tests/CMakeLists.txt sets SK_COMMANDS)"}
failed=0 ran=0
set --
for cmd in $commands; do
	set -- "$@" "$bin/$cmd"
done
for f in "$@" "$lib/libsendkit.so"; do
	[ -f "$f" ] || { echo "SKIP: $f is not built"; continue; }
	ran=$((ran + 1))
	calls=$(nm -D --undefined-only "$f" | awk '{ print $NF }' | sed 's/@.*//' |
		grep -Ex "$banned" | tr '\n' ' ')
	case $f in *.so) calls=$(echo "$calls" | sed 's/\bdlopen //') ;; esac
	libs=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
		grep -Ev "^($allowed_libs)" | tr '\n' ' ')
	if [ -n "$calls$libs" ]; then
		failed=$((failed + 1))
		echo "FAIL $f: ${calls:+calls $calls}${libs:+needs $libs}"
	else
		echo "ok   $f: $(nm -D --undefined-only "$f" | wc -l) imports, none of them network or exec"
	fi
done
echo "offline: $ran files, $failed failed"
[ "$ran" -gt 0 ] && [ "$failed" = 0 ]
