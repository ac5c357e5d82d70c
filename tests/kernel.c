/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel.c: the test kernel, the same on every arch. It runs the API cases
 * on the target, dispatches real timer interrupts through the table, then
 * starts the other CPUs and checks the concurrency invariants while they
 * dispatch (from loops and from their own timer interrupts) and CPU 0
 * registers and unregisters. Then the timer test and the stress again, on
 * a table in the quiescent-state mode: every CPU reports quiescent states
 * between its dispatch batches and at the exit of its interrupts, and is
 * offline while it sleeps; CPU 0 is offline around its syncs. Output is
 * TAP over the UART; the exit status tells QEMU's caller the result.
 */
#include <handler_table.h>

#include "api_cases.h"
#include "arch.h"
#include "stress_core.h"
#include "tap.h"

#ifndef KERNEL_CPUS
#define KERNEL_CPUS 1
#endif
/* A board with little RAM (qemu/<arch>.mk's KERNEL_DEFS) takes fewer. */
#ifndef KERNEL_NR_IRQS
#define KERNEL_NR_IRQS 256
#endif
#define NR_IRQS KERNEL_NR_IRQS
/* Software events for the SMP stress: above every arch's timer number. */
#define STRESS_FIRST (NR_IRQS - 16)
/* Software events for the nesting test, below the stress's. */
#define NEST_A (NR_IRQS - 18)
#define NEST_B (NR_IRQS - 17)
/* Interrupts that must land inside each kind of library call. */
#define NEST_MIN 3
#define STRESS_ROUNDS 20000
#define MIN_HITS 20000
/* A secondary's dispatches between two looks at the stop flag. */
#define BATCH 64
/* In the QSBR stress, CPU 0 sends an IPI every IPI_EVERY rounds. */
#define IPI_EVERY 4
#define TICKER_LIVE 0x71c4e7u
#define TICKER_DEAD 0xdeadu

HTBL_DEFINE(irq_table, NR_IRQS);
static HTBL_QSBR_DEFINE(domain, KERNEL_CPUS);
static HTBL_DEFINE_QSBR(qsbr_table, NR_IRQS, domain);

static unsigned long unhandled[MAX_CPUS]; /* atomic: no handler, per CPU */
static unsigned long bad_tick;	/* atomic: a tick ran with a dead arg */

/*
 * Where each CPU stands in the domain, which its interrupts must know:
 * QS_OUT, not in it (its interrupts leave qsbr_table alone); QS_ONLINE;
 * QS_OFFLINE, asleep or syncing. Each CPU writes its own entries, and
 * only its own interrupts read them.
 */
enum { QS_OUT, QS_ONLINE, QS_OFFLINE };
static unsigned qs_state[MAX_CPUS];	/* atomic: written, interrupts masked */
static unsigned qs_reading[MAX_CPUS];	/* atomic: in a qsbr_table dispatch */

void tap_putc(char c)
{
	arch_putc(c);
}

/*
 * Interrupts do not nest on any arch here (every entry runs with them
 * masked; on armv7m both exceptions share the lowest priority), so each
 * call is an outermost interrupt. On a CPU in the domain it dispatches
 * through both tables; asleep (offline), it goes online for that and back
 * offline; online, its exit is a quiescent state unless it cut into one
 * of the CPU's own dispatches of qsbr_table.
 */
static void nest_irq(size_t irq);

void kernel_irq(size_t irq)
{
	unsigned cpu = arch_cpu_id();
	/* Relaxed: only this CPU writes it, with interrupts masked. */
	unsigned state = __atomic_load_n(&qs_state[cpu], __ATOMIC_RELAXED);
	bool handled;

	if (state == QS_OFFLINE)
		htbl_qsbr_online(&domain, cpu);
	if (cpu == 0)
		nest_irq(irq);
	handled = htbl_handle(&irq_table, irq);
	if (state != QS_OUT)
		handled |= htbl_handle_inline(&qsbr_table, irq);
	if (!handled)
		__atomic_fetch_add(&unhandled[cpu], 1, __ATOMIC_RELAXED);
	if (state == QS_OFFLINE)
		htbl_qsbr_offline(&domain, cpu);
	/* Relaxed: as qs_state; dispatch_batch sets it around its loads. */
	else if (state == QS_ONLINE &&
		 !__atomic_load_n(&qs_reading[cpu], __ATOMIC_RELAXED))
		htbl_qsbr_quiescent(&domain, cpu);
}

/*
 * This CPU enters state (online or offline) at thread level. Interrupts
 * masked: an interrupt's online, offline or quiescent call must not cut
 * into ours (the header's rule), and finds qs_state matching the domain.
 */
static void qs_set(unsigned cpu, unsigned state)
{
	arch_irq_disable();
	if (state == QS_OFFLINE)
		htbl_qsbr_offline(&domain, cpu);
	else
		htbl_qsbr_online(&domain, cpu);
	/* Relaxed: read only by this CPU's interrupts, masked until here. */
	__atomic_store_n(&qs_state[cpu], state, __ATOMIC_RELAXED);
	arch_irq_enable();
}

static void qs_quiescent(unsigned cpu)
{
	arch_irq_disable();
	htbl_qsbr_quiescent(&domain, cpu);
	arch_irq_enable();
}

/* Relaxed: our own state, which only we write (qs_set). */
static unsigned qs_state_of(unsigned cpu)
{
	return __atomic_load_n(&qs_state[cpu], __ATOMIC_RELAXED);
}

/*
 * n stress dispatches. An interrupt that cuts into them is inside an
 * htbl_handle of qsbr_table (when the stress runs on it): its exit is no
 * quiescent state.
 */
static void dispatch_batch(unsigned cpu, uint32_t *rng, unsigned long *sum,
			   int n)
{
	/*
	 * Relaxed, and compiler barriers: only this CPU's interrupts read
	 * it, and they must find it set from before our first load of a
	 * slot until after the last handler call.
	 */
	__atomic_store_n(&qs_reading[cpu], 1, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	for (int i = 0; i < n; i++)
		stress_dispatch(rng, sum);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&qs_reading[cpu], 0, __ATOMIC_RELAXED);
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

/*
 * Sleep until an interrupt. A CPU online in the domain is offline while
 * it sleeps: a grace period must not wait for a CPU that reports nothing.
 */
static void idle_once(void)
{
	unsigned cpu = arch_cpu_id();
	bool online = qs_state_of(cpu) == QS_ONLINE;

	if (online)
		qs_set(cpu, QS_OFFLINE);
	arch_wait_irq();
	if (online)
		qs_set(cpu, QS_ONLINE);
}

/* Sleep through interrupts until *p reaches target. */
static void wait_for(const unsigned long *p, unsigned long target)
{
	while (load(p) < target)
		idle_once();
}

/*
 * Spin until *p reaches target: online in the domain, this CPU's ticks
 * meanwhile report quiescent states at their exit.
 */
static void spin_for(const unsigned long *p, unsigned long target)
{
	while (load(p) < target)
		;
}

static struct ticker tk1 = { TICKER_LIVE, { 0 } };
static struct ticker tk2 = { TICKER_LIVE, { 0 } };
static struct ticker tk3 = { TICKER_LIVE, { 0 } };
static struct ticker tk4 = { TICKER_LIVE, { 0 } };

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

/*
 * Nesting, on CPU 0 before the others start: interrupts that land inside
 * the library's calls on the same table. What CPU 0 is in the middle of
 * (nest_in: one of the NEST_IN_* kinds) tells its interrupts what they
 * cut into; they count it, dispatch the slot CPU 0 works on, and use
 * another slot for a whole register, handle, unregister_sync of their own.
 * On a core without atomic instructions this is what the masked
 * read-modify-writes are for.
 */
enum { NEST_OFF, NEST_IN_NONE, NEST_IN_REGISTER, NEST_IN_HANDLE,
       NEST_IN_UNREGISTER, NEST_IN_SELF, NEST_IN_CALL, NEST_IN_RMW,
       NEST_KINDS };

struct nest_obj {
	uint32_t magic;	/* plain: TICKER_LIVE while it may be called */
	unsigned long calls;	/* atomic */
};

/*
 * Every access to these is relaxed: they are all CPU 0's, from its thread
 * and from its own interrupts, which see each other in program order; the
 * one flag the thread polls for, nest_inner, is a release and an acquire.
 */
static unsigned nest_in;	/* atomic: NEST_*, CPU 0's thread writes */
static unsigned long nest_landed[NEST_KINDS];	/* atomic */
static unsigned long nest_bad;	/* atomic: a check in an interrupt failed */
static unsigned long nest_inner;	/* atomic: the IPI's nested work done */
static struct nest_obj nest_b = { TICKER_LIVE, 0 };
/* atomic: the RMW part's counter, thread and interrupts adding to it. */
static unsigned long nest_count;
#define NEST_IRQ_ADD 0x10000ul

static void nest_fn(void *arg)
{
	struct nest_obj *o = arg;

	if (o->magic != TICKER_LIVE)
		__atomic_fetch_add(&nest_bad, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&o->calls, 1, __ATOMIC_RELAXED);
}

/* Relaxed, between compiler barriers: only CPU 0's interrupts read it. */
static void nest_set(unsigned what)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&nest_in, what, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/* A whole registration of slot NEST_B, from an interrupt. */
static void nest_use_b(void)
{
	unsigned long c = __atomic_load_n(&nest_b.calls, __ATOMIC_RELAXED);
	bool ok = htbl_register(&irq_table, NEST_B, nest_fn, &nest_b) &&
		  htbl_handle(&irq_table, NEST_B) &&
		  __atomic_load_n(&nest_b.calls, __ATOMIC_RELAXED) == c + 1 &&
		  htbl_unregister_sync(&irq_table, NEST_B, NULL) == nest_fn &&
		  !htbl_handle(&irq_table, NEST_B);

	if (!ok)
		__atomic_fetch_add(&nest_bad, 1, __ATOMIC_RELAXED);
}

/*
 * CPU 0's interrupts while the test runs. The timer counts what it cut
 * into and dispatches slot A (whatever CPU 0 is doing to it); the IPI,
 * which CPU 0 sends itself from inside a call of slot A, removes that very
 * registration (a plain unregister: no wait from inside its call). While
 * CPU 0 is at that (NEST_IN_SELF, NEST_IN_CALL) a tick only counts: its
 * dispatch of slot A would run the handler that waits for the IPI in the
 * tick, where the IPI cannot come in on the arches whose interrupts do
 * not nest.
 */
static void nest_irq(size_t irq)
{
	unsigned in = __atomic_load_n(&nest_in, __ATOMIC_RELAXED);
	htbl_handler_fn fn;

	if (in == NEST_OFF)
		return;
	__atomic_fetch_add(&nest_landed[in], 1, __ATOMIC_RELAXED);
	if (in == NEST_IN_RMW) {
		__atomic_fetch_add(&nest_count, NEST_IRQ_ADD, __ATOMIC_RELAXED);
		return;
	}
	if (in == NEST_IN_CALL && irq == arch_ipi_irq()) {
		fn = htbl_unregister(&irq_table, NEST_A, NULL);
		if (fn == NULL)
			__atomic_fetch_add(&nest_bad, 1, __ATOMIC_RELAXED);
		nest_use_b();
		/* Release: our calls before the thread goes on. */
		__atomic_store_n(&nest_inner, 1, __ATOMIC_RELEASE);
		return;
	}
	if (in == NEST_IN_SELF || in == NEST_IN_CALL)
		return;
	htbl_handle(&irq_table, NEST_A);
	nest_use_b();
}

/* Slot A's handler for the IPI part: interrupted by our own IPI. */
static void nest_call(void *arg)
{
	nest_fn(arg);
	nest_set(NEST_IN_CALL);
	arch_ipi_send(arch_cpu_id());
	/* Acquire: pairs with nest_irq's release. */
	while (!__atomic_load_n(&nest_inner, __ATOMIC_ACQUIRE))
		;
	nest_set(NEST_IN_SELF);
}

static bool nest_landed_everywhere(void)
{
	for (unsigned k = NEST_IN_REGISTER; k <= NEST_IN_UNREGISTER; k++)
		if (__atomic_load_n(&nest_landed[k], __ATOMIC_RELAXED) < NEST_MIN)
			return false;
	return true;
}

/*
 * The thread adds 1 to nest_count by fetch_add, then by compare-exchange
 * (the read-modify-writes the library uses), while each interrupt adds
 * NEST_IRQ_ADD; not one may be lost. Where the core has no atomic
 * instructions these are the archive's interrupt-masked helpers: without
 * the mask a tick between their load and store loses an update.
 */
static void nest_test_rmw(void)
{
	unsigned long mine = 0, v, ticks;

	nest_set(NEST_IN_RMW);
	while (__atomic_load_n(&nest_landed[NEST_IN_RMW], __ATOMIC_RELAXED) <
	       16 * NEST_MIN) {
		__atomic_fetch_add(&nest_count, 1, __ATOMIC_RELAXED);
		v = __atomic_load_n(&nest_count, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&nest_count, &v, v + 1, false,
						    __ATOMIC_RELAXED,
						    __ATOMIC_RELAXED))
			;
		mine += 2;
	}
	nest_set(NEST_IN_NONE);
	ticks = __atomic_load_n(&nest_landed[NEST_IN_RMW], __ATOMIC_RELAXED);
	v = __atomic_load_n(&nest_count, __ATOMIC_RELAXED);
	tap_check(v == mine + ticks * NEST_IRQ_ADD,
		  "nest: read-modify-writes of the thread and of interrupts "
		  "lose no update");
}

static void test_nested(void)
{
	static struct nest_obj objs[2];
	struct nest_obj *o;
	bool ok = true;
	void *arg;

	nest_set(NEST_IN_NONE);
	/* Until the timer has cut into each kind of call NEST_MIN times. */
	for (unsigned i = 0; !nest_landed_everywhere(); i++) {
		o = &objs[i % 2];
		o->magic = TICKER_LIVE;
		nest_set(NEST_IN_REGISTER);
		ok &= htbl_register(&irq_table, NEST_A, nest_fn, o);
		nest_set(NEST_IN_HANDLE);
		ok &= htbl_handle(&irq_table, NEST_A);
		nest_set(NEST_IN_UNREGISTER);
		arg = NULL;
		ok &= htbl_unregister_sync(&irq_table, NEST_A, &arg) == nest_fn &&
		      arg == o;
		nest_set(NEST_IN_NONE);
		o->magic = TICKER_DEAD;
	}
	tap_check(ok && load(&nest_bad) == 0,
		  "nest: timer interrupts inside register, handle and "
		  "unregister_sync of one slot, each using another slot");
	o = &objs[0];
	o->magic = TICKER_LIVE;
	nest_set(NEST_IN_SELF);
	ok = htbl_register(&irq_table, NEST_A, nest_call, o) &&
	     htbl_handle(&irq_table, NEST_A);
	nest_set(NEST_IN_NONE);
	tap_check(ok && load(&nest_inner) == 1 && load(&nest_bad) == 0 &&
			  !htbl_handle(&irq_table, NEST_A) &&
			  htbl_unregister_sync(&irq_table, NEST_A, NULL) == NULL,
		  "nest: an interrupt inside a handler's call removes that "
		  "registration and uses another slot");
	nest_test_rmw();
	nest_set(NEST_OFF);
}

/* One run of the stress: CPU 0 mutates and dispatches, the others dispatch. */
struct run {
	unsigned long start, stop;		/* atomic: CPU 0's orders */
	unsigned long hits;			/* atomic: secondaries' calls */
	unsigned long handled[MAX_CPUS];	/* atomic, per CPU */
	unsigned long done[MAX_CPUS];		/* atomic, per CPU */
};

static struct run plain_run, qsbr_run;
static unsigned long started;	/* atomic: secondaries running */
static unsigned long qsbr_join;	/* atomic: CPU 0's order to join the domain */

/*
 * A secondary's part of run r. In the domain: a quiescent state between
 * batches; one time in 16 offline and straight back online instead, one
 * time in 64 asleep (offline) until an interrupt.
 */
static void dispatch_run(struct run *r, unsigned cpu)
{
	uint32_t rng = 0x9e3779b9u * (cpu + 1);
	bool qsbr = qs_state_of(cpu) != QS_OUT;
	unsigned long n = 0;

	/* Acquire (load): stress_setup's table and pool before our calls. */
	wait_for(&r->start, 1);
	for (unsigned round = 1; !__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE);
	     round++) {
		unsigned long before = n;

		dispatch_batch(cpu, &rng, &n, BATCH);
		__atomic_fetch_add(&r->hits, n - before, __ATOMIC_RELAXED);
		if (!qsbr)
			continue;
		if (round % 64 == 0) {
			idle_once();
		} else if (round % 16 == 0) {
			qs_set(cpu, QS_OFFLINE);
			qs_set(cpu, QS_ONLINE);
		} else {
			qs_quiescent(cpu);
		}
	}
	__atomic_store_n(&r->handled[cpu], n, __ATOMIC_RELAXED);
	/* Release: our handled count and handler effects before "done". */
	__atomic_store_n(&r->done[cpu], 1, __ATOMIC_RELEASE);
}

/* Between and after the runs, a secondary sleeps, taking its ticks. */
static void secondary(unsigned cpu)
{
	arch_timer_init();
	arch_irq_enable();
	__atomic_fetch_add(&started, 1, __ATOMIC_RELEASE);
	dispatch_run(&plain_run, cpu);
	wait_for(&qsbr_join, 1);
	qs_set(cpu, QS_ONLINE);
	dispatch_run(&qsbr_run, cpu);
	for (;;)
		idle_once();
}

/*
 * CPU 0's part of run r on table t. CPU 0 dispatches too: on one CPU,
 * against its own mutations. With several, go on until the others called
 * enough handlers: vCPUs are host threads, and may not overlap on a loaded
 * machine otherwise. In the domain,
 * CPU 0 is offline around its mutations (and stress_report's syncs), and
 * sends IPIs round the CPUs, itself included: interrupts that cut into
 * dispatches or fall between them, whose exits are quiescent states only
 * in between.
 */
static void stress_run(struct run *r, struct htbl *t, unsigned ncpus,
		       const char *where)
{
	bool qsbr = qs_state_of(0) != QS_OUT;
	uint32_t rng = 12345;
	unsigned long sum = 0;

	stress_setup(t, STRESS_FIRST);
	/* Release: stress_setup's writes before any secondary's dispatch. */
	__atomic_store_n(&r->start, 1, __ATOMIC_RELEASE);
	for (unsigned i = 0;
	     i < STRESS_ROUNDS ||
	     (ncpus > 1 && __atomic_load_n(&r->hits, __ATOMIC_RELAXED) < MIN_HITS);
	     i++) {
		if (qsbr)
			qs_set(0, QS_OFFLINE);
		stress_mutate(&rng);
		if (qsbr)
			qs_set(0, QS_ONLINE);
		dispatch_batch(0, &rng, &sum, 1);
		/* ncpus >= 1: this CPU counts (and the analyzer cannot tell). */
		if (qsbr && ncpus && i % IPI_EVERY == 0)
			arch_ipi_send(i / IPI_EVERY % ncpus);
	}
	__atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE);
	for (unsigned c = 1; c < ncpus; c++) {
		wait_for(&r->done[c], 1);
		sum += __atomic_load_n(&r->handled[c], __ATOMIC_RELAXED);
	}
	if (qsbr)
		qs_set(0, QS_OFFLINE);
	stress_report(sum, where);
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

/*
 * After a timer handler was synced and poisoned: wait (with wait, which
 * idles or spins) until every CPU took 4 more ticks, now unhandled, so
 * that a tick that still reached the handler would have counted.
 */
static void more_unhandled_ticks(unsigned ncpus,
				 void (*wait)(const unsigned long *, unsigned long))
{
	unsigned long u0[MAX_CPUS];

	for (unsigned c = 0; c < ncpus; c++)
		u0[c] = load(&unhandled[c]);
	for (unsigned c = 0; c < ncpus; c++)
		wait(&unhandled[c], u0[c] + 4);
}

/* Sync the timer while every CPU takes ticks through it, then poison. */
static void test_timer_sync_smp(unsigned ncpus)
{
	size_t irq = arch_timer_irq();

	for (unsigned c = 0; c < ncpus; c++)
		wait_for(&tk2.ticks[c], 3);
	tap_check(load(&bad_tick) == 0,
		  "smp: every CPU's timer dispatched through the same slot");
	tap_check(htbl_unregister_sync(&irq_table, irq, NULL) == tick,
		  "smp: unregister_sync the timer while all CPUs take ticks");
	tk2.magic = TICKER_DEAD;
	more_unhandled_ticks(ncpus, wait_for);
	tap_check(load(&bad_tick) == 0,
		  "smp: no tick ran with its arg after unregister_sync, on "
		  "every CPU");
}

/*
 * The timer through qsbr_table: every CPU takes ticks (the others asleep,
 * offline, each tick going online around its dispatch; CPU 0 spinning
 * online, each tick reporting at its exit), then CPU 0, offline, syncs
 * while they go on, and poisons the arg.
 */
static void test_qsbr_timer(unsigned ncpus)
{
	size_t irq = arch_timer_irq();
	htbl_handler_fn fn;
	void *arg = NULL;

	tap_check(htbl_register(&qsbr_table, irq, tick, &tk3),
		  "qsbr timer: register the tick handler in the QSBR table");
	for (unsigned c = 0; c < ncpus; c++)
		spin_for(&tk3.ticks[c], 3);
	tap_check(load(&bad_tick) == 0,
		  "qsbr timer: every CPU's ticks dispatched through the slot");
	qs_set(0, QS_OFFLINE);
	fn = htbl_unregister_sync(&qsbr_table, irq, &arg);
	qs_set(0, QS_ONLINE);
	tap_check(fn == tick && arg == &tk3,
		  "qsbr timer: unregister_sync (CPU 0 offline) while every CPU "
		  "takes ticks");
	tk3.magic = TICKER_DEAD;
	more_unhandled_ticks(ncpus, spin_for);
	tap_check(load(&bad_tick) == 0,
		  "qsbr timer: no tick ran with its arg after unregister_sync, "
		  "on every CPU");
}

/* The timer test and the stress again, every CPU in the domain. */
static void test_qsbr(unsigned ncpus)
{
	bool ipis = true;

	tap_diag("quiescent-state mode: quiescent states between dispatch "
		 "batches and at interrupt exit, offline asleep and syncing");
	qs_set(0, QS_ONLINE);
	/* Release: pairs with wait_for's acquire (the tables are static). */
	__atomic_store_n(&qsbr_join, 1, __ATOMIC_RELEASE);
	test_qsbr_timer(ncpus);
	tap_check(htbl_register(&qsbr_table, arch_ipi_irq(), tick, &tk4),
		  "qsbr ipi: register a handler for the stress's IPIs");
	stress_run(&qsbr_run, &qsbr_table, ncpus,
		   ncpus > 1 ? "qsbr stress: CPU 0 mutates (offline), others "
			       "dispatch (quiescent between batches)"
			     : "qsbr stress: one CPU mutates (offline) and "
			       "dispatches");
	/* CPU 0 is offline since stress_run's end. */
	tap_check(htbl_unregister_sync(&qsbr_table, arch_ipi_irq(), NULL) ==
			  tick,
		  "qsbr ipi: unregister_sync (CPU 0 offline)");
	for (unsigned c = 0; c < ncpus; c++)
		ipis &= load(&tk4.ticks[c]) > 0;
	tap_check(ipis && load(&bad_tick) == 0,
		  "qsbr ipi: every CPU took IPIs during the stress");
}

static void test_smp(void)
{
	unsigned ncpus = arch_start_cpus(secondary);

	tap_check(ncpus == KERNEL_CPUS, "smp: every CPU started");
	wait_for(&started, ncpus - 1);
	stress_run(&plain_run, &irq_table, ncpus,
		   ncpus > 1 ? "stress: CPU 0 mutates, others dispatch"
			     : "stress: one CPU mutates and dispatches");
	/* While the timer is still handled: unhandled counts only IPIs. */
	test_ipi(ncpus);
	test_timer_sync_smp(ncpus);
	test_qsbr(ncpus);
}

void kernel_main(void)
{
	tap_diag("handler_table test kernel on " ARCH_NAME);
	api_cases();
	test_timer();
	test_nested();
	test_smp();
	arch_exit(tap_done() ? 1 : 0);
}
