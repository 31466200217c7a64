#!/bin/sh
# Builds sendkit for WebAssembly with Debian's emscripten: the four commands
# in one module for node (build-wasm/sendkit.js, the tests) and the page
# (build-wasm/sendkit.html, one self-contained file).
#
#   scripts/build-wasm.sh [BUILD_DIR]      (default: build-wasm)
#
# The libraries are built from Debian's source packages into BUILD_DIR/deps
# (fetched once with `apt-get source`, through a deb-src entry this script
# adds and then removes); nothing of theirs is kept in the repository.
# To rebuild with a modified libcsv (LGPL-2.1 section 6), point
# SK_LIBCSV_SRC at its source folder (the one holding libcsv.c and csv.h):
#
#   SK_LIBCSV_SRC=$HOME/libcsv scripts/build-wasm.sh
set -eu
cd "$(dirname "$0")/.."
src_dir=$(pwd)
build=${1:-build-wasm}
case $build in /*) ;; *) build=$src_dir/$build ;; esac
deps=$build/deps
prefix=$deps/prefix
# emcc runs its JavaScript optimiser with node; Debian's acorn lives here.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
jobs=$(nproc 2>/dev/null || echo 2)
cflags="-O2 -msimd128"

sources="libyaml libcsv lp-solve libxlsxwriter zlib cmocka"

fetch_sources()
{
	[ -f "$deps/src/.fetched" ] && return 0
	rm -rf "$deps/src"
	mkdir -p "$deps/src"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	list=/etc/apt/sources.list.d/sendkit-wasm-src.sources
	# The same mirrors as the machine's own packages, for source only.
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
			$sudo tee "$list" >/dev/null
	else
		list=/etc/apt/sources.list.d/sendkit-wasm-src.list
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | $sudo tee "$list" >/dev/null
	fi
	trap '$sudo rm -f "$list"; $sudo apt-get update -qq || :' EXIT INT TERM HUP
	$sudo apt-get update -qq
	for p in $sources; do
		# The release's own version: a security update's source may not be
		# on every mirror yet.
		v=$(apt-cache showsrc "$p" | sed -n 's/^Version: //p' | sort -V | head -n 1)
		(cd "$deps/src" && apt-get source -qq "$p=$v" >/dev/null 2>&1) ||
			{ echo "build-wasm: cannot fetch the source of $p" >&2; exit 2; }
	done
	$sudo rm -f "$list"
	trap - EXIT INT TERM HUP
	$sudo apt-get update -qq || :
	touch "$deps/src/.fetched"
}

# srcdir PACKAGE-PREFIX: the unpacked source folder of a package.
srcdir()
{
	for d in "$deps/src/$1"-*/; do
		[ -d "$d" ] && { echo "${d%/}"; return 0; }
	done
	echo "build-wasm: no source folder for $1 in $deps/src" >&2
	exit 2
}

# archive NAME OBJDIR: emar the objects of OBJDIR into prefix/lib/libNAME.a.
archive()
{
	rm -f "$prefix/lib/lib$1.a"
	emar rcs "$prefix/lib/lib$1.a" "$2"/*.o
}

# compile OBJDIR FLAGS... -- SOURCES...: the sources to objects in OBJDIR, in
# one emcc call per core (emcc's start-up costs more than most files).
compile()
{
	out=$1
	shift
	flags=""
	while [ "$1" != "--" ]; do flags="$flags $1"; shift; done
	shift
	mkdir -p "$out"
	n=$(( ($# + jobs - 1) / jobs ))
	printf '%s\n' "$@" | (cd "$out" && xargs -n "$n" -P "$jobs" sh -c \
		"emcc $cflags $flags -w -c \"\$@\"" sh)
}

build_deps()
{
	# Rebuilt when this script or the libcsv source changes.
	stamp=$prefix/.built-$({ cat "$0"; printf '%s' "${SK_LIBCSV_SRC:-debian}"; } | cksum | cut -d' ' -f1)
	[ -f "$stamp" ] && return 0
	rm -rf "$prefix" "$deps/obj"
	mkdir -p "$prefix/lib" "$prefix/include" "$prefix/lib/pkgconfig"

	d=$(srcdir zlib)
	compile "$deps/obj/z" -- "$d"/adler32.c "$d"/compress.c "$d"/crc32.c \
		"$d"/deflate.c "$d"/gzclose.c "$d"/gzlib.c "$d"/gzread.c "$d"/gzwrite.c \
		"$d"/infback.c "$d"/inffast.c "$d"/inflate.c "$d"/inftrees.c "$d"/trees.c \
		"$d"/uncompr.c "$d"/zutil.c
	archive z "$deps/obj/z"
	cp "$d"/zlib.h "$d"/zconf.h "$prefix/include/"

	d=$(srcdir libyaml)
	compile "$deps/obj/yaml" -I"$d/include" -DYAML_VERSION_MAJOR=0 -DYAML_VERSION_MINOR=2 \
		-DYAML_VERSION_PATCH=5 '-DYAML_VERSION_STRING=\"0.2.5\"' -- "$d"/src/*.c
	archive yaml "$deps/obj/yaml"
	cp "$d/include/yaml.h" "$prefix/include/"
	printf 'Name: yaml-0.1\nDescription: libyaml\nVersion: 0.2.5\nLibs: -L%s/lib -lyaml\nCflags: -I%s/include\n' \
		"$prefix" "$prefix" >"$prefix/lib/pkgconfig/yaml-0.1.pc"

	d=${SK_LIBCSV_SRC:-$(srcdir libcsv)}
	compile "$deps/obj/csv" -I"$d" -- "$d/libcsv.c"
	archive csv "$deps/obj/csv"
	cp "$d/csv.h" "$prefix/include/"

	# lp_solve as its own build script (lpsolve55/ccc) compiles it, but with
	# no loadable BLAS: WebAssembly has no dlopen(), and lp_solve would try one.
	d=$(srcdir lp-solve)
	l=$d
	[ -d "$d/lp_solve_5.5" ] && l=$d/lp_solve_5.5
	compile "$deps/obj/lpsolve" -I"$l" -I"$l/shared" -I"$l/bfp" -I"$l/bfp/bfp_LUSOL" \
		-I"$l/bfp/bfp_LUSOL/LUSOL" -I"$l/colamd" -DYY_NEVER_INTERACTIVE -DPARSER_LP \
		-DINVERSE_ACTIVE=INVERSE_LUSOL -DRoleIsExternalInvEngine -DLoadableBlasLib=0 -- \
		"$l"/lp_MDO.c "$l"/shared/commonlib.c "$l"/shared/mmio.c "$l"/shared/myblas.c \
		"$l"/ini.c "$l"/fortify.c "$l"/lp_rlp.c "$l"/lp_crash.c \
		"$l"/bfp/bfp_LUSOL/lp_LUSOL.c "$l"/bfp/bfp_LUSOL/LUSOL/lusol.c "$l"/lp_Hash.c \
		"$l"/lp_lib.c "$l"/lp_wlp.c "$l"/lp_matrix.c "$l"/lp_mipbb.c "$l"/lp_MPS.c \
		"$l"/lp_params.c "$l"/lp_presolve.c "$l"/lp_price.c "$l"/lp_pricePSE.c \
		"$l"/lp_report.c "$l"/lp_scale.c "$l"/lp_simplex.c "$l"/lp_SOS.c \
		"$l"/lp_utils.c "$l"/yacc_read.c
	archive lpsolve55 "$deps/obj/lpsolve"
	compile "$deps/obj/colamd" -I"$l/colamd" -I"$l/shared" -- "$l"/colamd/colamd.c
	archive colamd "$deps/obj/colamd"
	mkdir -p "$prefix/include/lpsolve"
	cp "$l"/*.h "$l"/shared/*.h "$l"/bfp/*.h "$l"/colamd/*.h "$prefix/include/lpsolve/"

	d=$(srcdir libxlsxwriter)
	compile "$deps/obj/xlsx" -I"$d/include" -I"$prefix/include" -DNOCRYPT -DNOUNCRYPT \
		-DUSE_STANDARD_TMPFILE -- "$d"/src/*.c "$d"/third_party/minizip/ioapi.c \
		"$d"/third_party/minizip/zip.c "$d"/third_party/md5/md5.c "$d"/third_party/dtoa/emyg_dtoa.c
	archive xlsxwriter "$deps/obj/xlsx"
	cp -r "$d/include/xlsxwriter" "$d/include/xlsxwriter.h" "$prefix/include/"
	printf 'Name: xlsxwriter\nDescription: libxlsxwriter\nVersion: 1.1.4\nLibs: -L%s/lib -lxlsxwriter -lz\nCflags: -I%s/include\n' \
		"$prefix" "$prefix" >"$prefix/lib/pkgconfig/xlsxwriter.pc"

	d=$(srcdir cmocka)
	printf '#define HAVE_SIGNAL_H 1\n#define HAVE_STRINGS_H 1\n#define HAVE_INTTYPES_H 1\n#define HAVE_STDINT_H 1\n#define HAVE_SETJMP_H 1\n#define HAVE_MALLOC_H 1\n#define HAVE_MEMORY_H 1\n#define HAVE_STDARG_H 1\n#define HAVE_STDDEF_H 1\n#define HAVE_CLOCK_GETTIME 1\n#define HAVE_STRUCT_TIMESPEC 1\n#define HAVE_SIGLONGJMP 1\n' \
		>"$deps/cmocka-config.h"
	# musl defines uintptr_t without the macro cmocka.h looks for.
	compile "$deps/obj/cmocka" -I"$d/include" -include "$deps/cmocka-config.h" \
		-D_UINTPTR_T_DEFINED -- \
		"$d/src/cmocka.c"
	archive cmocka "$deps/obj/cmocka"
	cp "$d/include/cmocka.h" "$prefix/include/"
	touch "$stamp"
}

command -v emcc >/dev/null || { echo "build-wasm: emcc not found (apt-get install emscripten)" >&2; exit 2; }
fetch_sources
build_deps

PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig emcmake cmake -S "$src_dir" -B "$build" \
	-DCMAKE_BUILD_TYPE=Release -DSENDKIT_WERROR=ON -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_INSTALL_PREFIX=/usr/local \
	-DCMAKE_FIND_ROOT_PATH="$prefix" >/dev/null
PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig cmake --build "$build" -j "$jobs"
