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
 */
#define _GNU_SOURCE
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPS 9
#define ITERS 2000000ul
/* Longer for threads, so that their start-up skew is noise. */
#define THREAD_ITERS (8 * ITERS)
#define SLOTS 64
#define MAX_THREADS 2
#define LINE 64

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
};

/* Run n operations of kind op on slot idx; the caller times it. */
static void __attribute__((noinline)) run(enum op op, size_t idx,
					  unsigned long n)
{
	void *arg = &ticks;

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

/* Median ns per op on one thread. */
static double single(enum op op)
{
	double t[REPS];

	for (int r = 0; r < REPS; r++) {
		double t0 = now();

		run(op, op == OP_HANDLE_EMPTY ? 1 : 0, ITERS);
		t[r] = (now() - t0) * 1e9 / ITERS;
	}
	return median(t, REPS);
}

struct job {
	enum op op;
	size_t idx;
	unsigned cpu;
	pthread_barrier_t *start;
};

static void *thread_main(void *p)
{
	struct job *j = p;

	cpu = j->cpu;
	pthread_barrier_wait(j->start);
	run(j->op, j->idx, THREAD_ITERS);
	return NULL;
}

/* Wall time of nthreads threads, each running THREAD_ITERS operations. */
static double threads_time(enum op op, bool same_idx, unsigned nthreads)
{
	pthread_barrier_t start;
	struct job jobs[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	double t0;

	pthread_barrier_init(&start, NULL, nthreads + 1);
	for (unsigned i = 0; i < nthreads; i++) {
		jobs[i] = (struct job){ op, same_idx ? 0 : 2 + i, i, &start };
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
		t[r] = 2 * threads_time(op, same_idx, 1) /
		       threads_time(op, same_idx, 2);
	return median(t, REPS);
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

int main(void)
{
	static const enum op two_threads[] = { OP_FLOOR,    OP_HANDLE,
					       OP_SPINLOCK, OP_PER_SLOT,
					       OP_PER_CPU };
	double base, ns_of[NR_OPS];

	for (size_t i = 0; i < SLOTS; i++)
		plain_fn[i] = work;
	/* Slots 0, 2, 3 registered; 1 stays empty; 4 for register rows. */
	htbl_register(&table, 0, work, NULL);
	htbl_register(&table, 2, work, NULL);
	htbl_register(&table, 3, work, NULL);
	print_system();

	printf("%-40s %9s %9s\n", "one thread", "ns/op", "ratio");
	base = single(OP_FLOOR);
	printf("%-40s %9.2f %9.2f\n", op_name[OP_FLOOR], base, 1.0);
	for (int op = OP_FLOOR + 1; op < NR_OPS; op++) {
		double ns;

		if (op == OP_REG_UNREG || op == OP_UNREG_SYNC) {
			double t[REPS];

			for (int r = 0; r < REPS; r++) {
				double t0 = now();

				run(op, 4, ITERS);
				t[r] = (now() - t0) * 1e9 / ITERS;
			}
			ns = median(t, REPS);
		} else {
			ns = single(op);
		}
		printf("%-40s %9.2f %9.2f\n", op_name[op], ns, ns / base);
		ns_of[op] = ns;
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
	return 0;
}
