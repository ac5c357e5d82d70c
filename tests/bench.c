/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bench.c: `make bench`. Median ns per operation over several repetitions,
 * each as a ratio to row 1 measured in the same run, so that the ratios
 * hold on a shared, noisy machine where the absolute times drift.
 *
 * Besides the library, it measures the other ways a dispatch can make
 * itself waitable for a teardown, each written the simplest correct way:
 * - per-slot counter: one in-flight count per slot, incremented and
 *   decremented by every dispatch (Linux's INPROGRESS, FreeBSD's
 *   ie_active[]): one cache line that every CPU writes;
 * - per-CPU counters: counts[cpu][slot], with a CPU number that a kernel
 *   has (here: the thread's); two RMWs per dispatch, on private lines;
 * - the library: one claimed cell per running dispatch, one RMW to claim
 *   it and a plain release store to free it.
 *
 * Then two threads on one slot, (a) on their own stacks, (b) on two small
 * stacks whose tops are 1 KiB apart in one page, as per-CPU interrupt
 * stacks in one array are: the library picks a CPU's first dispatch cell
 * from its stack address, and (b) must not make CPUs share a cell.
 *
 * `bench --key` prints the key rows as "op ratio-to-floor" lines;
 * `bench --versus OTHER` runs itself and OTHER (the same source built
 * against another version of the library: make bench-base) with --key,
 * alternately, and prints each row's ratio to its own floor and
 * current/base. It uses only calls that the last release (9ae0dff) has
 * too, so that it builds against both headers.
 */
#define _GNU_SOURCE
#include <handler_table.h>

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define REPS 9
#define ITERS 2000000ul
/* Longer for threads, so that their start-up skew is noise. */
#define THREAD_ITERS (8 * ITERS)
#define SLOTS 64
#define MAX_THREADS 2
#define LINE 64
/* Rounds of --versus: runs of each binary. */
#define ROUNDS 9

/*
 * The small stacks of row (b): STACK_GAP bytes each, stack i's top
 * STACK_GAP * i below the end of one page. run() may use at most
 * STACK_USE_MAX of them (checked before they are used), so that stack 0
 * cannot reach the frames of stack 1 below it.
 */
#define PAGE 4096
#define STACK_GAP 1024
#define STACK_USE_MAX (STACK_GAP / 2)
#define STACK_PAINT 0xa5
static _Alignas(PAGE) unsigned char small_stacks[PAGE];

/* The handler: per-CPU work, as a per-CPU timer tick's would be. */
static _Thread_local unsigned long ticks;

static void __attribute__((noinline, noipa)) work(void *arg)
{
	(void)arg;
	ticks++;
}

/* Row 1: a plain array of function pointers. */
htbl_handler_fn plain_fn[SLOTS];
void *plain_arg[SLOTS];

/* Row 2: the same plus one RMW on a line of this thread's own. */
static _Thread_local _Alignas(LINE) unsigned long private_rmw;

/* A spinlock held across the call: a naive kernel's table. */
static _Alignas(LINE) unsigned spin;

static void spin_lock(void)
{
	while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&spin, __ATOMIC_RELAXED))
			;
}

/* Per-slot counter. */
static struct {
	_Alignas(LINE) unsigned long inflight;
} per_slot[SLOTS];

/* Per-CPU counters. */
static struct {
	_Alignas(LINE) unsigned long count[SLOTS];
} per_cpu[MAX_THREADS];
static _Thread_local unsigned cpu;

static HTBL_DEFINE(table, SLOTS);

/*
 * The quiescent-state mode and the inline dispatch exist from 0.2 on;
 * `make bench-base` builds this file against older headers too.
 */
#ifdef HTBL_DEFINE_QSBR
#define HAVE_QSBR 1
static HTBL_QSBR_DEFINE(domain, MAX_THREADS + 1);
static HTBL_DEFINE_QSBR(qtable, SLOTS, domain);
#else
#define HAVE_QSBR 0
#endif

/*
 * The bare table: bounds check, acquire load of fn, call; no context, no
 * teardown: what a C port of the ArceOS crate's load-and-call would be.
 */
static htbl_handler_fn bare[SLOTS];

static inline bool bare_handle(size_t idx)
{
	htbl_handler_fn fn;

	if (idx >= SLOTS)
		return false;
	fn = __atomic_load_n(&bare[idx], __ATOMIC_ACQUIRE);
	if (!fn)
		return false;
	fn(NULL);
	return true;
}

enum op {
	OP_FLOOR,
	OP_FLOOR_RMW,
	OP_HANDLE,
	OP_HANDLE_EMPTY,
	OP_SPINLOCK,
	OP_PER_SLOT,
	OP_PER_CPU,
	OP_REG_UNREG,
	OP_UNREG_SYNC,
	OP_BARE,
	OP_INLINE,
	OP_QSBR,
	OP_QSBR_INLINE,
	OP_QSBR_INLINE_EMPTY,
	OP_QS_REPORT,
	NR_OPS
};

static const char *const op_name[NR_OPS] = {
	"indirect call, plain array (floor)",
	"floor + 1 RMW on a private line",
	"htbl_handle, registered slot",
	"htbl_handle, empty slot",
	"spinlock table, lock held over call",
	"per-slot in-flight counter",
	"per-CPU in-flight counters",
	"htbl_register + htbl_unregister",
	"htbl_register + htbl_unregister_sync",
	"bare table: acquire load and call",
	"htbl_handle_inline, registered slot",
	"qsbr: htbl_handle, registered slot",
	"qsbr: htbl_handle_inline, registered",
	"qsbr: htbl_handle_inline, empty slot",
	"qsbr: htbl_qsbr_quiescent",
};

/* Frame address of this thread's last run(), and of each thread's. */
static _Thread_local void *run_frame;
static void *thread_frame[MAX_THREADS];

/* Run n operations of kind op on slot idx; the caller times it. */
static void __attribute__((noinline)) run(enum op op, size_t idx,
					  unsigned long n)
{
	void *arg = &ticks;

	run_frame = __builtin_frame_address(0);
	switch (op) {
	case OP_FLOOR:
		for (unsigned long i = 0; i < n; i++)
			plain_fn[idx](plain_arg[idx]);
		break;
	case OP_FLOOR_RMW:
		for (unsigned long i = 0; i < n; i++) {
			__atomic_fetch_add(&private_rmw, 1, __ATOMIC_SEQ_CST);
			plain_fn[idx](plain_arg[idx]);
		}
		break;
	case OP_HANDLE:
	case OP_HANDLE_EMPTY:
		for (unsigned long i = 0; i < n; i++)
			htbl_handle(&table, idx);
		break;
	case OP_SPINLOCK:
		for (unsigned long i = 0; i < n; i++) {
			spin_lock();
			plain_fn[idx](plain_arg[idx]);
			__atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
		}
		break;
	case OP_PER_SLOT:
		for (unsigned long i = 0; i < n; i++) {
			unsigned long *c = &per_slot[idx].inflight;

			__atomic_fetch_add(c, 1, __ATOMIC_SEQ_CST);
			plain_fn[idx](plain_arg[idx]);
			__atomic_fetch_sub(c, 1, __ATOMIC_RELEASE);
		}
		break;
	case OP_PER_CPU:
		for (unsigned long i = 0; i < n; i++) {
			unsigned long *c = &per_cpu[cpu].count[idx];

			__atomic_fetch_add(c, 1, __ATOMIC_SEQ_CST);
			plain_fn[idx](plain_arg[idx]);
			__atomic_fetch_sub(c, 1, __ATOMIC_RELEASE);
		}
		break;
	case OP_REG_UNREG:
		for (unsigned long i = 0; i < n; i++) {
			htbl_register(&table, idx, work, arg);
			htbl_unregister(&table, idx, NULL);
		}
		break;
	case OP_UNREG_SYNC:
		for (unsigned long i = 0; i < n; i++) {
			htbl_register(&table, idx, work, arg);
			htbl_unregister_sync(&table, idx, NULL);
		}
		break;
	case OP_BARE:
		for (unsigned long i = 0; i < n; i++)
			bare_handle(idx);
		break;
#if HAVE_QSBR
	case OP_INLINE:
		for (unsigned long i = 0; i < n; i++)
			htbl_handle_inline(&table, idx);
		break;
	case OP_QSBR:
		for (unsigned long i = 0; i < n; i++)
			htbl_handle(&qtable, idx);
		break;
	case OP_QSBR_INLINE:
	case OP_QSBR_INLINE_EMPTY:
		for (unsigned long i = 0; i < n; i++)
			htbl_handle_inline(&qtable, idx);
		break;
	case OP_QS_REPORT:
		for (unsigned long i = 0; i < n; i++)
			htbl_qsbr_quiescent(&domain, cpu);
		break;
#endif
	default:
		abort();
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* The slot each op uses on one thread: 1 is empty, 4 is for registers. */
static size_t op_idx(enum op op)
{
	switch (op) {
	case OP_HANDLE_EMPTY:
	case OP_QSBR_INLINE_EMPTY:
		return 1;
	case OP_REG_UNREG:
	case OP_UNREG_SYNC:
		return 4;
	default:
		return 0;
	}
}

/* Median ns per op on one thread. */
static double single(enum op op)
{
	double t[REPS];

	for (int r = 0; r < REPS; r++) {
		double t0 = now();

		run(op, op_idx(op), ITERS);
		t[r] = (now() - t0) * 1e9 / ITERS;
	}
	return median(t, REPS);
}

static _Noreturn void die(const char *what)
{
	perror(what);
	exit(1);
}

struct job {
	enum op op;
	size_t idx;
	unsigned cpu;
	unsigned long n;
	unsigned char *stack; /* lowest byte of a small stack, or NULL */
	pthread_barrier_t *start;
};

static _Thread_local struct job *small_job;

static void on_small_stack(void)
{
	run(small_job->op, small_job->idx, small_job->n);
}

/* Run j on this thread, on its small stack if it has one. */
static void run_job(struct job *j)
{
	ucontext_t uc, back;

	if (!j->stack) {
		run(j->op, j->idx, j->n);
		return;
	}
	if (getcontext(&uc))
		die("getcontext");
	uc.uc_stack.ss_sp = j->stack;
	uc.uc_stack.ss_size = STACK_GAP;
	uc.uc_link = &back;
	small_job = j;
	makecontext(&uc, on_small_stack, 0);
	if (swapcontext(&back, &uc))
		die("swapcontext");
	small_job = NULL;
}

static unsigned char *small_stack(unsigned i)
{
	return small_stacks + PAGE - (i + 1) * STACK_GAP;
}

/*
 * Bytes of small stack i that run() uses: paint the page, dispatch on it
 * alone, find the lowest byte written. The path is the same on every
 * dispatch and no signal handler is installed to run on top of it, so
 * this is the depth of every run of row (b).
 */
static ptrdiff_t stack_use(unsigned i)
{
	struct job j = { OP_HANDLE, 0, 0, 100, small_stack(i), NULL };
	size_t low = 0;

	memset(small_stacks, STACK_PAINT, sizeof(small_stacks));
	run_job(&j);
	while (low < PAGE && small_stacks[low] == STACK_PAINT)
		low++;
	return small_stack(i) + STACK_GAP - (small_stacks + low);
}

static void *thread_main(void *p)
{
	struct job *j = p;

	cpu = j->cpu;
	pthread_barrier_wait(j->start);
	run_job(j);
	thread_frame[j->cpu] = run_frame;
	return NULL;
}

/*
 * Wall time of nthreads threads, each running THREAD_ITERS operations, on
 * their own stacks or on the small ones.
 */
static double threads_time(enum op op, bool same_idx, unsigned nthreads,
			   bool small)
{
	pthread_barrier_t start;
	struct job jobs[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	double t0;

	pthread_barrier_init(&start, NULL, nthreads + 1);
	for (unsigned i = 0; i < nthreads; i++) {
		jobs[i] = (struct job){ op, same_idx ? 0 : 2 + i, i,
					THREAD_ITERS,
					small ? small_stack(i) : NULL, &start };
		pthread_create(&th[i], NULL, thread_main, &jobs[i]);
	}
	pthread_barrier_wait(&start);
	t0 = now();
	for (unsigned i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	return now() - t0;
}

/*
 * Aggregate throughput of two threads as a multiple of one thread's, both
 * measured the same way, through threads started at a barrier.
 */
static double scaling(enum op op, bool same_idx)
{
	double t[REPS];

	for (int r = 0; r < REPS; r++)
		t[r] = 2 * threads_time(op, same_idx, 1, false) /
		       threads_time(op, same_idx, 2, false);
	return median(t, REPS);
}

static ptrdiff_t frame_gap(void)
{
	ptrdiff_t d = (char *)thread_frame[0] - (char *)thread_frame[1];

	return d < 0 ? -d : d;
}

/* Stop unless run() fits in a small stack with room to spare. */
static ptrdiff_t check_stack_use(void)
{
	ptrdiff_t use = 0;

	for (unsigned i = 0; i < MAX_THREADS; i++)
		if (stack_use(i) > use)
			use = stack_use(i);
	if (use > STACK_USE_MAX) {
		fprintf(stderr, "run() uses %td bytes of a small stack, more "
			"than %d\n", use, STACK_USE_MAX);
		exit(1);
	}
	return use;
}

/* Row (b): two threads dispatching on the small stacks; their wall time. */
static double small_stacks_time(void)
{
	double t = threads_time(OP_HANDLE, true, 2, true);

	if (frame_gap() != STACK_GAP) {
		fprintf(stderr, "frames on the small stacks are %td bytes "
			"apart, not %d\n", frame_gap(), STACK_GAP);
		exit(1);
	}
	return t;
}

/*
 * Rows (a) and (b), alternately so that noise hits both, each with its
 * throughput as a multiple of one thread's; (b)'s cost as the median of its
 * ratios to the (a) run next to it. That ratio means something only when
 * (a) ran its threads at once without contending: close to 2x one thread.
 * On a machine with fewer than two idle cores they take turns, and (b)'s
 * threads do not contend either.
 */
static void shared_page_rows(void)
{
	double par_a[REPS], par_b[REPS], ta[REPS], tb[REPS];
	double q[REPS], cost;
	ptrdiff_t use = check_stack_use(), gap_a = 0;

	for (int r = 0; r < REPS; r++) {
		double t1 = threads_time(OP_HANDLE, true, 1, false);

		/* Odd rounds run (b) first: no order favours either. */
		if (r % 2)
			tb[r] = small_stacks_time();
		ta[r] = threads_time(OP_HANDLE, true, 2, false);
		gap_a = frame_gap();
		if (!(r % 2))
			tb[r] = small_stacks_time();
		par_a[r] = 2 * t1 / ta[r];
		par_b[r] = 2 * t1 / tb[r];
		q[r] = tb[r] / ta[r];
	}
	cost = median(q, REPS);
	printf("\n%-40s %9s %9s %9s %9s\n", "two threads, one registered slot",
	       "frame gap", "ns/op", "vs 1 thr", "ratio");
	printf("%-40s %9td %9.2f %8.2fx %9.2f\n",
	       "(a) own stacks, distinct pages", gap_a,
	       median(ta, REPS) * 1e9 / THREAD_ITERS, median(par_a, REPS),
	       1.0);
	printf("%-40s %9d %9.2f %8.2fx %9.2f\n",
	       "(b) stack tops 1 KiB apart, one page", STACK_GAP,
	       median(tb, REPS) * 1e9 / THREAD_ITERS, median(par_b, REPS),
	       cost);
	printf("stack use of run() on a small stack: %td of %d bytes\n", use,
	       STACK_GAP);
	if (median(par_a, REPS) < 1.4)
		printf("(a) below 1.4x one thread: fewer than two idle cores, "
		       "or (a) contends too; (b)/(a) says nothing\n");
	printf("htbl_handle, stacks 1 KiB apart: (b)/(a) = %.2f "
	       "(target <= 1.20)\n", cost);
}

static void print_system(void)
{
	char line[256] = "unknown";
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "model name", 10))
			break;
	if (f)
		fclose(f);
	line[strcspn(line, "\n")] = 0;
	printf("cpu: %s\n", strchr(line, ':') ? strchr(line, ':') + 2 : line);
	printf("compiler: gcc %s, -O2\n", __VERSION__);
	printf("median of %d runs of %lu operations\n\n", REPS, ITERS);
}

static const enum op key_ops[] = { OP_HANDLE, OP_HANDLE_EMPTY,
				   OP_REG_UNREG, OP_UNREG_SYNC };
#define NR_KEY (sizeof(key_ops) / sizeof(key_ops[0]))

/* --key: each key row's ratio to the floor, as "op ratio" lines. */
static void print_key(void)
{
	double base = single(OP_FLOOR);

	for (size_t i = 0; i < NR_KEY; i++)
		printf("%d %.6f\n", (int)key_ops[i], single(key_ops[i]) / base);
}

/* Run `exe --key`; its ratios into ratio[op]. */
static void key_run(const char *exe, double ratio[NR_OPS])
{
	int fd[2], op, st;
	size_t got = 0;
	double r;
	pid_t pid;
	FILE *f;
	char line[128];

	fflush(stdout);
	if (pipe(fd) || (pid = fork()) < 0)
		die("pipe, fork");
	if (pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl(exe, exe, "--key", (char *)NULL);
		die(exe);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *end;

		op = (int)strtol(line, &end, 10);
		r = strtod(end, NULL);
		if (end != line && op >= 0 && op < NR_OPS) {
			ratio[op] = r;
			got++;
		}
	}
	if (f)
		fclose(f);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) || got != NR_KEY) {
		fprintf(stderr, "%s --key failed\n", exe);
		exit(1);
	}
}

/* --versus: this binary against base, ROUNDS runs of each, alternately. */
static void versus(const char *base)
{
	double cur[ROUNDS][NR_OPS], old[ROUNDS][NR_OPS], q_handle = 0;

	for (int r = 0; r < ROUNDS; r++) {
		key_run("/proc/self/exe", cur[r]);
		key_run(base, old[r]);
	}
	printf("median of %d alternating runs of each, ratios to each run's "
	       "own floor\n\n", ROUNDS);
	printf("%-40s %9s %9s %9s\n", "key rows", "current", "base",
	       "cur/base");
	for (size_t i = 0; i < NR_KEY; i++) {
		enum op op = key_ops[i];
		double c[ROUNDS], b[ROUNDS], q[ROUNDS];

		for (int r = 0; r < ROUNDS; r++) {
			c[r] = cur[r][op];
			b[r] = old[r][op];
			q[r] = c[r] / b[r];
		}
		printf("%-40s %9.2f %9.2f %9.2f\n", op_name[op],
		       median(c, ROUNDS), median(b, ROUNDS), median(q, ROUNDS));
		if (op == OP_HANDLE)
			q_handle = median(q, ROUNDS);
	}
	printf("htbl_handle registered: current/base = %.2f (target <= 1.10)\n",
	       q_handle);
}

#if HAVE_QSBR
/*
 * A second CPU, online in the domain, dispatching and reporting a
 * quiescent state every 100 dispatches, as an idle loop or an interrupt
 * exit would, while this thread times grace periods.
 */
static unsigned reporter_stop, reporter_online; /* atomic */

static void *reporter(void *p)
{
	(void)p;
	htbl_qsbr_online(&domain, 1);
	__atomic_store_n(&reporter_online, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&reporter_stop, __ATOMIC_ACQUIRE)) {
		for (int i = 0; i < 100; i++)
			htbl_handle_inline(&qtable, 0);
		htbl_qsbr_quiescent(&domain, 1);
	}
	htbl_qsbr_offline(&domain, 1);
	return NULL;
}

static void qsbr_rows(double floor)
{
	static const enum op rows[] = { OP_BARE, OP_INLINE, OP_QSBR,
					OP_QSBR_INLINE, OP_QSBR_INLINE_EMPTY,
					OP_QS_REPORT };
	pthread_t th;
	double t0, gp;
	const int syncs = 2000;

	printf("\n%-40s %9s %9s\n", "modes and inline dispatch", "ns/op",
	       "ratio");
	/* Online for the quiescent-state row, offline for the syncs below:
	 * a grace period waits for every online CPU, the caller's too. */
	htbl_qsbr_online(&domain, cpu);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double ns = single(rows[i]);

		printf("%-40s %9.2f %9.2f\n", op_name[rows[i]], ns, ns / floor);
	}
	htbl_qsbr_offline(&domain, cpu);
	printf("%-40s %8.2fx %8.2fx\n", "qsbr: two threads vs one (inline)",
	       scaling(OP_QSBR_INLINE, true), scaling(OP_QSBR_INLINE, false));
	__atomic_store_n(&reporter_stop, 0, __ATOMIC_RELAXED);
	pthread_create(&th, NULL, reporter, NULL);
	while (!__atomic_load_n(&reporter_online, __ATOMIC_ACQUIRE))
		;
	t0 = now();
	for (int i = 0; i < syncs; i++) {
		htbl_register(&qtable, 4, work, NULL);
		htbl_unregister_sync(&qtable, 4, NULL);
	}
	gp = (now() - t0) * 1e9 / syncs;
	__atomic_store_n(&reporter_stop, 1, __ATOMIC_RELEASE);
	pthread_join(th, NULL);
	printf("%-40s %9.0f %9.0f\n",
	       "qsbr: grace period, 1 CPU reports/100", gp, gp / floor);
}
#endif

static void full_bench(void)
{
	static const enum op two_threads[] = { OP_FLOOR,    OP_HANDLE,
					       OP_SPINLOCK, OP_PER_SLOT,
					       OP_PER_CPU };
	double base, ns_of[NR_OPS];

	print_system();
	printf("%-40s %9s %9s\n", "one thread", "ns/op", "ratio");
	base = single(OP_FLOOR);
	printf("%-40s %9.2f %9.2f\n", op_name[OP_FLOOR], base, 1.0);
	for (int op = OP_FLOOR + 1; op <= OP_UNREG_SYNC; op++) {
		ns_of[op] = single(op);
		printf("%-40s %9.2f %9.2f\n", op_name[op], ns_of[op],
		       ns_of[op] / base);
	}
	printf("%-40s %19.2f\n", "htbl_handle / (floor + 1 RMW)",
	       ns_of[OP_HANDLE] / ns_of[OP_FLOOR_RMW]);

	printf("\n%-40s %9s %9s\n", "two threads: throughput vs one thread",
	       "same idx", "diff idx");
	for (size_t i = 0; i < sizeof(two_threads) / sizeof(two_threads[0]);
	     i++) {
		enum op op = two_threads[i];

		printf("%-40s %8.2fx %8.2fx\n", op_name[op], scaling(op, true),
		       scaling(op, false));
	}
	shared_page_rows();
#if HAVE_QSBR
	qsbr_rows(base);
#endif
}

int main(int argc, char **argv)
{
	for (size_t i = 0; i < SLOTS; i++)
		plain_fn[i] = work;
	/* Slots 0, 2, 3 registered; 1 stays empty; 4 for register rows. */
	htbl_register(&table, 0, work, NULL);
	htbl_register(&table, 2, work, NULL);
	htbl_register(&table, 3, work, NULL);
	for (size_t i = 0; i < SLOTS; i++)
		if (i != 1)
			bare[i] = work;
#if HAVE_QSBR
	htbl_register(&qtable, 0, work, NULL);
	htbl_register(&qtable, 2, work, NULL);
	htbl_register(&qtable, 3, work, NULL);
#endif

	if (argc == 1)
		full_bench();
	else if (argc == 2 && !strcmp(argv[1], "--key"))
		print_key();
	else if (argc == 3 && !strcmp(argv[1], "--versus"))
		versus(argv[2]);
	else {
		fprintf(stderr, "usage: %s [--key | --versus OTHER-BENCH]\n",
			argv[0]);
		return 2;
	}
	return 0;
}
