#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# run.sh: `make consumers`. Builds the consumer of tests/consumers/ through
# every route a kernel can take the library by, for each TARGET, with the
# target's own compiler and flags, and checks each linked ELF: the target's
# ABI in its header (riscv64: double-float), htbl_handle in its symbols
# (and on a core without atomic instructions, the library's masked
# __atomic_compare_exchange_4). The Make route's kernel is also booted
# under QEMU. TAP lines, then "N passed, N failed".
#
# From tests/consumers.mk, in the environment: HTBL_DIR (the source tree),
# OUT (a scratch directory), STAGE and PREFIX (where make install put the
# tree: $STAGE$PREFIX), INSTALLED (arch/variant pairs it should hold),
# TARBALL (make dist's; empty outside a git checkout), MAKE.
# Flags are lists of words, split where used:
# shellcheck disable=SC2086,SC2046
set -u
cd "$HTBL_DIR" || exit 1
# The routes get only what a kernel's build would: no make variables, no
# compiler or flags from the environment.
unset MAKEFLAGS MFLAGS MAKELEVEL CC CFLAGS CPPFLAGS LDFLAGS PKG_CONFIG_PATH
C="$HTBL_DIR/tests/consumers"
TARGETS="riscv64-lp64d aarch64 armv6m"

# target NAME: the kernel's toolchain prefix, ABI flags, the arch/variant
# it matches, what readelf -h must show of its ELF, and up=yes for a
# uniprocessor core without atomic instructions.
target() {
	up=
	case $1 in
	riscv64-lp64d)
		cross=riscv64-unknown-elf-
		abi="-march=rv64imafdc_zicsr -mabi=lp64d -mcmodel=medany"
		arch=riscv64 variant=lp64d elf="Flags:.*double-float ABI" ;;
	aarch64)
		cross=aarch64-linux-gnu-
		abi="-mgeneral-regs-only -mno-outline-atomics -mstrict-align"
		arch=aarch64 variant=lp64 elf="Machine:.*AArch64" ;;
	armv6m)
		# Cortex-M0: no atomic instructions, one CPU, no cache. Its
		# kernel builds the library -DHTBL_UNIPROCESSOR, which every
		# read-modify-write then calls src/up_atomic.c for, and packs
		# its cells (HTBL_CACHELINE=8, as the armv6m arch does): then
		# the Make route's kernel, with the arch's 9 KiB stack and
		# kernel.c's 256 slots (6 KiB), fits the microbit's 16 KiB of
		# RAM with 320 bytes to spare. 64-byte cells overflow it by
		# 1.5 KiB, and the linker script's ASSERT fails the link.
		cross=arm-none-eabi-
		abi="-mcpu=cortex-m0 -mthumb -mfloat-abi=soft -DHTBL_UNIPROCESSOR -DHTBL_CACHELINE=8"
		arch=armv6m variant=soft elf="Flags:.*soft-float ABI" up=yes ;;
	esac
	cc=${cross}gcc
	# A kernel's own flags; only the compiler's headers.
	kflags="-std=gnu11 -O2 -g -Wall -Wextra -Wmissing-prototypes
		-Wstrict-prototypes -Werror -ffreestanding -fno-builtin
		-fno-stack-protector -fno-pie -nostdinc
		-isystem $($cc -print-file-name=include) $abi"
	# No libgcc, no libc: an undefined symbol fails the link.
	klink="-nostdlib -static -no-pie"
}

n=0
fail=0
version=$(sed -n 's/^#define HTBL_VERSION_[A-Z]* \([0-9]*\)$/\1/p' \
	include/handler_table.h | paste -sd .)

# t STATUS NAME [LOG]: one TAP line; on failure, LOG's tail as comments.
t() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 15 "$3" | sed 's/^/# /'
	fi
}

# elf_ok FILE LOG: the target's ABI, and the library linked in; on a
# uniprocessor core, its masked helpers too (up_atomic.o: no route links
# another that defines them, the Make route's -lgcc comes after the
# library and has none).
elf_ok() {
	[ -f "$1" ] || { echo "no $1" >> "$2"; return 1; }
	${cross}readelf -h "$1" | grep -Eq "$elf" ||
		{ echo "$1: readelf -h shows no /$elf/" >> "$2"; return 1; }
	for sym in htbl_handle ${up:+__atomic_compare_exchange_4}; do
		${cross}nm "$1" | grep -q " T $sym\$" ||
			{ echo "$1: no $sym defined" >> "$2"; return 1; }
	done
}

# Two files: the header and the source, alone in a directory, compiled with
# only -I for the header, and linked with nothing else. A core without
# atomic instructions adds the third, src/up_atomic.c, as the README says.
route_two_files() {
	d=$o/two-files
	srcs="handler_table.c${up:+ up_atomic.c}"
	mkdir -p "$d/include" "$d/src"
	cp include/handler_table.h "$d/include/"
	objs=
	for s in $srcs; do
		cp "src/$s" "$d/src/"
		objs="$objs $d/${s%.c}.o"
	done
	(
		for s in $srcs; do
			$cc $kflags -I"$d/include" -c "$d/src/$s" \
				-o "$d/${s%.c}.o" || exit 1
		done
		$cc $kflags -I"$d/include" -c "$C/consumer.c" -o "$d/consumer.o" &&
		$cc $kflags -c "$C/start.c" -o "$d/start.o" &&
		$cc $kflags $klink "$d/consumer.o" "$d/start.o" $objs \
			-o "$d/consumer.elf"
	) > "$d.log" 2>&1 && elf_ok "$d/consumer.elf" "$d.log"
	t $? "$name: two files: handler_table.h + handler_table.c${up:+ (+ up_atomic.c: no atomic instructions)}, -I only, -nostdinc, linked with no libgcc" "$d.log"
}

# Make: tests/consumers/make/Makefile includes handler_table.mk, and links
# the project's boot stub; the kernel is booted.
route_make() {
	d=$o/make
	{
		read -r srcs; read -r cflags; read -r ldflags; read -r qemu
		read -r pass
	} < <("$MAKE" -s --no-print-directory ARCH=$arch VARIANT=$variant \
		print-boot)
	"$MAKE" -C "$C/make" CROSS_COMPILE=$cross ABI="$abi" \
		HTBL_DIR="$HTBL_DIR" BUILD="$d" BOOT_SRCS="$srcs" \
		BOOT_CFLAGS="$cflags" BOOT_LDFLAGS="$ldflags" > "$d.log" 2>&1 &&
		elf_ok "$d/kernel.elf" "$d.log"
	t $? "$name: Make: handler_table.mk in a kernel's Makefile, its CC and CFLAGS" "$d.log"
	timeout 30 $qemu -kernel "$d/kernel.elf" > "$d/boot.log" 2>&1
	st=$?
	sed 's/^/# /' "$d/boot.log"
	[ $st -eq "$pass" ] && grep -q '^[0-9]* passed, 0 failed' "$d/boot.log"
	t $? "$name: Make: that kernel boots under QEMU, its IRQ entry dispatching through the table (status $st)"
}

# cmake_route ROUTE [ARGS...]: tests/consumers/cmake with HTBL_ROUTE=ROUTE.
cmake_route() {
	r=$1
	shift
	d=$o/cmake-$r
	{
		cmake -G Ninja -S "$C/cmake" -B "$d" -DHTBL_ROUTE="$r" \
			-DCMAKE_TOOLCHAIN_FILE="$C/cmake/$name.cmake" "$@" &&
		cmake --build "$d"
	} > "$d.log" 2>&1 && elf_ok "$d/consumer" "$d.log"
}

route_cmake() {
	cmake_route subdir -DHTBL_SOURCE_DIR="$HTBL_DIR"
	t $? "$name: CMake: add_subdirectory(), handler_table::handler_table" "$o/cmake-subdir.log"
	if [ -n "$TARBALL" ]; then
		cmake_route fetch -DHTBL_URL="file://$TARBALL" \
			-DHTBL_URL_HASH="SHA256=$(sha256sum < "$TARBALL" | cut -d' ' -f1)"
		t $? "$name: CMake: FetchContent of file://${TARBALL##*/}" "$o/cmake-fetch.log"
	else
		cmake_route fetch -DHTBL_SOURCE_DIR="$HTBL_DIR"
		t $? "$name: CMake: FetchContent of SOURCE_DIR (no git, no tarball)" "$o/cmake-fetch.log"
	fi
	cmake_route package -DCMAKE_PREFIX_PATH="$STAGE$PREFIX" &&
		grep -q "handler_table $version: .*/$arch/$variant/libhandlertable.a" \
			"$o/cmake-package.log"
	t $? "$name: CMake: find_package(handler_table 0.2) in the installed tree: $version, $arch/$variant" "$o/cmake-package.log"
}

# Meson: the consumer in a tree of its own, the library's source tree as
# its subprojects/handler_table.
route_meson() {
	d=$o/meson
	mkdir -p "$d/src/subprojects"
	cp "$C/meson/meson.build" "$C/consumer.c" "$C/consumer.h" \
		"$C/start.c" "$d/src/"
	ln -sfn "$HTBL_DIR" "$d/src/subprojects/handler_table"
	{
		meson setup --cross-file "$C/meson/$name.ini" "$d/build" \
			"$d/src" && ninja -C "$d/build"
	} > "$d.log" 2>&1 && elf_ok "$d/build/consumer" "$d.log" &&
		grep -q "handler_table| Project version: $version" "$d.log"
	t $? "$name: Meson: subproject('handler_table'), handler_table_dep, version $version" "$d.log"
}

# pkg-config: the installed tree, staged, through the arch/variant's .pc.
route_pkg_config() {
	d=$o/pkg-config
	mkdir -p "$d"
	pc=handler_table-$arch-$variant
	export PKG_CONFIG_LIBDIR="$STAGE$PREFIX/lib/pkgconfig"
	export PKG_CONFIG_SYSROOT_DIR="$STAGE"
	{
		v=$(pkg-config --modversion $pc) && [ "$v" = "$version" ] &&
		$cc $kflags $(pkg-config --cflags $pc) "$C/consumer.c" \
			"$C/start.c" $klink $(pkg-config --libs $pc) \
			-o "$d/consumer.elf"
	} > "$d.log" 2>&1 && elf_ok "$d/consumer.elf" "$d.log"
	t $? "$name: pkg-config: $pc.pc in the installed tree, version $version" "$d.log"
	unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
}

# The installed tree holds exactly the header, the CMake files, and an
# archive and a .pc file for each arch/variant.
log=$OUT/installed.log
{
	want=$(for av in $INSTALLED; do
		echo "lib/handler_table/$av/libhandlertable.a"
		echo "lib/pkgconfig/handler_table-${av%/*}-${av#*/}.pc"
	done
	echo include/handler_table.h
	echo lib/cmake/handler_table/handler_tableConfig.cmake
	echo lib/cmake/handler_table/handler_tableConfigVersion.cmake)
	have=$(cd "$STAGE$PREFIX" && find include lib -type f | sort)
	diff <(echo "$want" | sort) <(echo "$have")
} > "$log" 2>&1
t $? "make install: the header, CMake config, and per arch/variant an archive and .pc ($(echo $INSTALLED | wc -w) variants)" "$log"

for name in $TARGETS; do
	target "$name"
	o=$OUT/$name
	rm -rf "$o" && mkdir -p "$o"
	route_two_files
	route_make
	route_cmake
	route_meson
	route_pkg_config
done

# find_package refuses a variant that is not installed, and names those
# that are.
name=aarch64
target $name
o=$OUT/$name
rm -rf "$o/cmake-package"
# CMake wraps the message: join its lines.
! cmake_route package -DCMAKE_PREFIX_PATH="$STAGE$PREFIX" \
	-Dhandler_table_VARIANT=lp64d &&
	tr -s ' \n' ' ' < "$o/cmake-package.log" |
	grep -q "handler_table_VARIANT=lp64d .* installed: .*riscv64/lp64d"
t $? "CMake: find_package with handler_table_VARIANT=lp64d for aarch64 fails, naming the installed variants" "$o/cmake-package.log"

echo "$((n - fail)) passed, $fail failed"
[ $fail -eq 0 ]
