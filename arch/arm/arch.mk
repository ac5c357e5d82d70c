# 32-bit Arm, A-profile (ARMv7-A, Cortex-A15), Arm state, soft float.
CROSS_COMPILE ?= arm-none-eabi-
ARCH_CFLAGS := -mcpu=cortex-a15 -marm -mfloat-abi=soft -fno-stack-protector
