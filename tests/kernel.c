/*
 * kernel.c: the test kernel, the same on every arch. It runs the API cases
 * on the target, dispatches real timer interrupts through the table, then
 * starts the other CPUs and checks the concurrency invariants while they
 * dispatch (from loops and from their own timer interrupts) and CPU 0
 * registers and unregisters. Output is TAP over the UART; the exit status
 * tells QEMU's caller the result.
 */
#include <handler_table.h>

#include "api_cases.h"
#include "arch.h"
#include "stress_core.h"
#include "tap.h"

#ifndef KERNEL_CPUS
#define KERNEL_CPUS 1
#endif
#define NR_IRQS 256
/* Software events for the SMP stress: above every arch's timer number. */
#define STRESS_FIRST 240
#define STRESS_ROUNDS 20000
#define MIN_HITS 20000
#define TICKER_LIVE 0x71c4e7u
#define TICKER_DEAD 0xdeadu

HTBL_DEFINE(irq_table, NR_IRQS);

static unsigned long unhandled[MAX_CPUS]; /* atomic: no handler, per CPU */
static unsigned long bad_tick;	/* atomic: a tick ran with a dead arg */

void tap_putc(char c)
{
	arch_putc(c);
}

void kernel_irq(size_t irq)
{
	if (!htbl_handle(&irq_table, irq))
		__atomic_fetch_add(&unhandled[arch_cpu_id()], 1,
				   __ATOMIC_RELAXED);
}

struct ticker {
	uint32_t magic;	 /* plain: TICKER_LIVE while registered */
	unsigned long ticks[MAX_CPUS];	/* atomic */
};

static void tick(void *arg)
{
	struct ticker *tk = arg;

	if (tk->magic != TICKER_LIVE)
		__atomic_fetch_add(&bad_tick, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&tk->ticks[arch_cpu_id()], 1, __ATOMIC_RELAXED);
	if (tk->magic != TICKER_LIVE)
		__atomic_fetch_add(&bad_tick, 1, __ATOMIC_RELAXED);
}

static unsigned long load(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* Sleep through interrupts until *p reaches target. */
static void wait_for(const unsigned long *p, unsigned long target)
{
	while (load(p) < target)
		arch_wait_irq();
}

static struct ticker tk1 = { TICKER_LIVE, { 0 } };
static struct ticker tk2 = { TICKER_LIVE, { 0 } };

static void test_timer(void)
{
	size_t irq = arch_timer_irq();
	unsigned long u0, t0;
	void *arg = NULL;

	arch_timer_init();
	tap_check(htbl_register(&irq_table, irq, tick, &tk1),
		  "timer: register a handler with a context pointer");
	arch_irq_enable();
	wait_for(&tk1.ticks[0], 10);
	tap_check(load(&bad_tick) == 0,
		  "timer: 10 interrupts dispatched with the registered arg");
	tap_check(htbl_unregister_sync(&irq_table, irq, &arg) == tick &&
			  arg == &tk1,
		  "timer: unregister_sync returns the handler and its arg");
	u0 = load(&unhandled[0]);
	t0 = load(&tk1.ticks[0]);
	wait_for(&unhandled[0], u0 + 5);
	tap_check(load(&tk1.ticks[0]) == t0,
		  "timer: once unregistered, ticks are unhandled, handler idle");
	tap_check(htbl_register(&irq_table, irq, tick, &tk2),
		  "timer: re-register");
	wait_for(&tk2.ticks[0], 5);
	tap_check(load(&bad_tick) == 0, "timer: re-registered handler runs");
}

static unsigned long online, stop;		/* atomic */
static unsigned long hits;			/* atomic: secondaries' calls */
static unsigned long handled[MAX_CPUS];	/* atomic, per CPU */
static unsigned long done[MAX_CPUS];	/* atomic, per CPU */

static void secondary(unsigned cpu)
{
	uint32_t rng = 0x9e3779b9u * (cpu + 1);
	unsigned long n = 0;

	arch_timer_init();
	arch_irq_enable();
	__atomic_fetch_add(&online, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		unsigned long before = n;

		for (int i = 0; i < 64; i++)
			stress_dispatch(&rng, &n);
		__atomic_fetch_add(&hits, n - before, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&handled[cpu], n, __ATOMIC_RELAXED);
	/* Release: our handled count and handler effects before "done". */
	__atomic_store_n(&done[cpu], 1, __ATOMIC_RELEASE);
	for (;;)
		arch_wait_irq();
}

/* IPIs to every CPU, itself included: handled, then unhandled once removed. */
static void test_ipi(unsigned ncpus)
{
	static struct ticker ipi = { TICKER_LIVE, { 0 } };
	size_t irq = arch_ipi_irq();
	unsigned long u0[MAX_CPUS];
	bool idle = true;

	tap_check(htbl_register(&irq_table, irq, tick, &ipi),
		  "ipi: register a handler for the inter-processor interrupt");
	for (unsigned c = 0; c < ncpus; c++) {
		arch_ipi_send(c);
		wait_for(&ipi.ticks[c], 1);
	}
	tap_check(load(&bad_tick) == 0,
		  "ipi: an IPI to every CPU dispatched through the one slot");
	tap_check(htbl_unregister_sync(&irq_table, irq, NULL) == tick,
		  "ipi: unregister_sync");
	for (unsigned c = 0; c < ncpus; c++) {
		u0[c] = load(&unhandled[c]);
		arch_ipi_send(c);
		wait_for(&unhandled[c], u0[c] + 1);
		idle &= load(&ipi.ticks[c]) == 1;
	}
	tap_check(idle, "ipi: once unregistered, IPIs are unhandled");
}

/* Sync the timer while every CPU takes ticks through it, then poison. */
static void test_timer_sync_smp(unsigned ncpus)
{
	size_t irq = arch_timer_irq();
	unsigned long u0[MAX_CPUS];

	for (unsigned c = 0; c < ncpus; c++)
		wait_for(&tk2.ticks[c], 3);
	tap_check(load(&bad_tick) == 0,
		  "smp: every CPU's timer dispatched through the same slot");
	tap_check(htbl_unregister_sync(&irq_table, irq, NULL) == tick,
		  "smp: unregister_sync the timer while all CPUs take ticks");
	tk2.magic = TICKER_DEAD;
	for (unsigned c = 0; c < ncpus; c++)
		u0[c] = load(&unhandled[c]);
	for (unsigned c = 0; c < ncpus; c++)
		wait_for(&unhandled[c], u0[c] + 4);
	tap_check(load(&bad_tick) == 0,
		  "smp: no tick ran with its arg after unregister_sync, on "
		  "every CPU");
}

static void test_smp(void)
{
	uint32_t rng = 12345;
	unsigned long sum = 0;
	bool more = true;
	unsigned ncpus;

	stress_setup(&irq_table, STRESS_FIRST);
	ncpus = arch_start_cpus(secondary);
	tap_check(ncpus == KERNEL_CPUS, "smp: every CPU started");
	wait_for(&online, ncpus - 1);
	/*
	 * CPU 0 dispatches too: on one CPU, against its own mutations. With
	 * several, go on until the others called enough handlers: vCPUs are
	 * host threads, and may not overlap on a loaded machine otherwise;
	 * but not past the registration pool.
	 */
	for (unsigned i = 0;
	     more && (i < STRESS_ROUNDS ||
		      (ncpus > 1 &&
		       __atomic_load_n(&hits, __ATOMIC_RELAXED) < MIN_HITS));
	     i++) {
		more = stress_mutate(&rng);
		stress_dispatch(&rng, &sum);
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (unsigned c = 1; c < ncpus; c++) {
		wait_for(&done[c], 1);
		sum += __atomic_load_n(&handled[c], __ATOMIC_RELAXED);
	}
	stress_report(sum, ncpus > 1 ? "stress: CPU 0 mutates, others dispatch"
				     : "stress: one CPU mutates and dispatches");
	/* While the timer is still handled: unhandled counts only IPIs. */
	test_ipi(ncpus);
	test_timer_sync_smp(ncpus);
}

void kernel_main(void)
{
	tap_diag("handler_table test kernel on " ARCH_NAME);
	api_cases();
	test_timer();
	test_smp();
	arch_exit(tap_done() ? 1 : 0);
}
