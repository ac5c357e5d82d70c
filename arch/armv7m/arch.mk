# 32-bit Arm, M-profile (ARMv7-M, Cortex-M3), Thumb. ARMv6-M (Cortex-M0)
# has no exclusive loads and stores, so no lock-free atomics: unsupported.
CROSS_COMPILE ?= arm-none-eabi-
ARCH_CFLAGS := -mcpu=cortex-m3 -mthumb -mfloat-abi=soft -fno-stack-protector
