# SPDX-License-Identifier: BSD-2-Clause
# CMake toolchain file of a riscv64 kernel: RV64GC, the lp64d ABI,
# freestanding, no libc. With it, find_package(handler_table) picks the
# installed riscv64/lp64d archive.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_C_FLAGS_INIT "-march=rv64imafdc_zicsr -mabi=lp64d -mcmodel=medany -ffreestanding -fno-stack-protector")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static")
# No libc to link a test program with: the compiler checks build a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(handler_table_VARIANT lp64d)
