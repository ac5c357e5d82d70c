# SPDX-License-Identifier: BSD-2-Clause
# CMake toolchain file of a Cortex-M0 kernel (ARMv6-M): Thumb, soft float,
# freestanding, no libc. The core has no atomic instructions and the kernel
# runs on one CPU: -DHTBL_UNIPROCESSOR, so that the library's
# src/up_atomic.c provides the __atomic_* helpers every read-modify-write
# calls; no cache, so the cells are packed (HTBL_CACHELINE=8). The arm
# arches share CMAKE_SYSTEM_PROCESSOR arm: find_package(handler_table) is
# told the arch, and picks its installed armv6m/soft archive (the only
# variant).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m0 -mthumb -mfloat-abi=soft -DHTBL_UNIPROCESSOR -DHTBL_CACHELINE=8 -ffreestanding -fno-stack-protector")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static")
# No libc to link a test program with: the compiler checks build a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(handler_table_ARCH armv6m)
