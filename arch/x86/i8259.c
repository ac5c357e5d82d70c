/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * i8259.c: the two legacy 8259A PICs of the PC (ports 0x20/0x21 and
 * 0xa0/0xa1). SeaBIOS leaves them on vectors 0x08 and 0x70, over the CPU
 * exceptions: move them to 0x20..0x2f and mask every line, since the LAPIC
 * delivers all the interrupts used here.
 */
#include "x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

#define ICW1_INIT 0x11		/* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define PIC1_VECTOR 0x20
#define PIC2_VECTOR 0x28
#define PIC2_ON_IRQ2 0x04	/* master: slave on line 2 (bit mask) */
#define PIC2_ID 0x02		/* slave: its cascade identity */

void i8259_disable(void)
{
	outb(PIC1_CMD, ICW1_INIT);
	outb(PIC2_CMD, ICW1_INIT);
	outb(PIC1_DATA, PIC1_VECTOR);
	outb(PIC2_DATA, PIC2_VECTOR);
	outb(PIC1_DATA, PIC2_ON_IRQ2);
	outb(PIC2_DATA, PIC2_ID);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	outb(PIC1_DATA, 0xff);	/* OCW1: mask all */
	outb(PIC2_DATA, 0xff);
}
