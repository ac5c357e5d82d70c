/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * acpi.c: the CPUs' APIC IDs from the ACPI MADT (ACPI 6.5, 5.2.5 and
 * 5.2.12), which SeaBIOS installs from QEMU's tables (hw/i386/acpi-build.c)
 * with the RSDP in the BIOS read-only area, 0xe0000..0xfffff.
 */
#include "arch.h"
#include "x86.h"

#define BIOS_AREA_START 0xe0000u
#define BIOS_AREA_END 0x100000u
#define SDT_HEADER_LEN 36
#define MADT_ENTRIES 44		/* after the header, LAPIC address, flags */
#define MADT_LAPIC 0		/* processor local APIC structure */
#define LAPIC_ENABLED 0x1

static bool has_sig(const uint8_t *p, const char *sig, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return false;
	return true;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The ACPI 1.0 RSDP: "RSD PTR " on a 16-byte boundary, 20 bytes sum to 0. */
static const uint8_t *find_rsdp(void)
{
	for (uintptr_t a = BIOS_AREA_START; a < BIOS_AREA_END; a += 16) {
		const uint8_t *p = (const uint8_t *)a;
		uint8_t sum = 0;

		if (!has_sig(p, "RSD PTR ", 8))
			continue;
		for (unsigned i = 0; i < 20; i++)
			sum += p[i];
		if (sum == 0)
			return p;
	}
	return NULL;
}

static const uint8_t *find_madt(void)
{
	const uint8_t *rsdp = find_rsdp();
	const uint8_t *rsdt;
	uint32_t len;

	if (!rsdp)
		return NULL;
	rsdt = (const uint8_t *)(uintptr_t)le32(rsdp + 16);
	len = le32(rsdt + 4);
	for (uint32_t off = SDT_HEADER_LEN; off + 4 <= len; off += 4) {
		const uint8_t *sdt = (const uint8_t *)(uintptr_t)le32(rsdt + off);

		if (has_sig(sdt, "APIC", 4))
			return sdt;
	}
	return NULL;
}

/* Up to max enabled CPUs' APIC IDs, in MADT order; how many were found. */
unsigned acpi_lapic_ids(uint8_t *ids, unsigned max)
{
	const uint8_t *madt = find_madt();
	unsigned n = 0;
	uint32_t len;

	if (!madt)
		return 0;
	len = le32(madt + 4);
	for (uint32_t off = MADT_ENTRIES; off + 2 <= len && n < max;
	     off += madt[off + 1]) {
		const uint8_t *e = madt + off;

		if (e[1] == 0)
			break;
		if (e[0] == MADT_LAPIC && (le32(e + 4) & LAPIC_ENABLED))
			ids[n++] = e[3];
	}
	return n;
}
