# SPDX-License-Identifier: BSD-2-Clause
# CMake toolchain file of an aarch64 kernel: the Linux-targeted GCC used
# freestanding, no FP/SIMD registers, atomics inline, no libc. With it,
# find_package(handler_table) picks the installed aarch64/lp64 archive (the
# arch's only variant).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_C_FLAGS_INIT "-mgeneral-regs-only -mno-outline-atomics -mstrict-align -ffreestanding -fno-stack-protector -fno-pie")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static -no-pie")
# No libc to link a test program with: the compiler checks build a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
