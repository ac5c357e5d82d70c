/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * qsbr.pml: the quiescent-state mode of src/handler_table.c, for Spin.
 *
 * One slot of a table in that mode; NCPU CPUs of its domain; NW writers
 * outside the domain (or offline around their syncs, as the header asks);
 * an interrupt that nests on an online CPU between any two of its steps
 * (inside a dispatch or not) and runs a dispatch while that CPU is frozen,
 * NIRQ times. Each CPU makes OPS calls in any order: htbl_qsbr_online or
 * _quiescent (both are report(); online when offline, else quiescent),
 * htbl_qsbr_offline while online, htbl_handle while online; never a report
 * inside a dispatch. Then it idles (see (3)). Each writer makes WOPS
 * calls: htbl_register, htbl_unregister_sync, htbl_unregister, and
 * htbl_synchronize once something it removed with unregister waits for
 * it. Two writers race their CASes and run grace periods at once.
 *
 * Each d_step is one atomic access of the C code, with the local and ghost
 * work around it; the first access of a call is in the step that starts
 * it, the others are named by the pc that selects them:
 *
 *   report()          start    relaxed load of _gp (qsbr_seen)
 *   (online,          Q_CTR    release store of gp | 1 to the CPU's _ctr;
 *    quiescent)                the seq_cst fence after it has no step
 *   htbl_qsbr_offline start    release store of 0 to the CPU's _ctr
 *   htbl_handle_inline start   acquire load of _state; not FULL: false
 *   (htbl_handle      D_FN     relaxed load of _fn
 *    calls it)        D_ARG    relaxed load of _arg; the acquire fence
 *                              has no step
 *                     D_CHECK  relaxed re-load of _state; unchanged:
 *                              fn(arg) starts
 *                     D_RET    fn returns
 *   htbl_register     start    relaxed load of _state, and the add_fetch
 *                              of serial.next (only registers touch it)
 *                     R_CAS    acquire CAS EMPTY -> BUSY(g)
 *                     R_FN     relaxed store of _fn (after the release
 *                              fence, which has no step)
 *                     R_ARG    relaxed store of _arg
 *                     R_FULL   release store of FULL(g)
 *   take()            start    acquire load of _state; not FULL: NULL
 *   (htbl_unregister, T_FN     relaxed load of _fn
 *    and _sync)       T_ARG    relaxed load of _arg
 *                     T_CAS    seq_cst CAS FULL(g) -> EMPTY(g); on
 *                              failure, its reload of _state and round again
 *   grace_period()    G_ADD    (htbl_synchronize: its start) add_fetch of
 *   (unregister_sync           _gp by 2, target = new gp | 1; the seq_cst
 *    once take()               fence before it has no step
 *    returned fn,     G_WAIT   acquire load of _ctr[i], for each CPU i, while
 *    synchronize)              it is nonzero and before target (a spin:
 *                              modelled as blocking); the caller then
 *                              poisons what it may free
 *   interrupt exit    I_EXIT   (IRQ_REPORTS) report() for the CPU it froze,
 *                     I_CTR    as start and Q_CTR above, or nothing
 *
 * D_SPIN, D_QSEEN, D_QCTR, D_CALL, H_SEEN and H_CTR exist only in the
 * variants below that plant a bug or break a rule.
 *
 * Spin interleaves these in sequential consistency: this checks the
 * protocol, not the memory orders (make genmc checks those for this mode);
 * fences have no step. A registration's id is its serial and stands for
 * its fn and its arg; serials grow by SERIAL_ONE = 4 (the code's 8 leaves
 * room for EPOCH, which this mode never flips). _gp and _ctr are bytes and
 * wrap at 256 as the code's words wrap at 2^N; "before" is the code's
 * modular compare, (intptr_t)(c - target) < 0, at 8 bits; GP0=254 makes
 * the first grace period wrap _gp.
 *
 * Properties:
 *   (1) no call of a registration after the sync that covers it returned:
 *       the writer poisons (dead[id]) the registration it removed with
 *       unregister_sync, or those it removed with unregister before a
 *       synchronize, once that sync returns, and asserts that no call of it
 *       runs; a call asserts that its arg is not poisoned when it starts.
 *   (2) no torn pair: a call asserts f == a, the fn and arg of one
 *       registration (the writer checks the same of what take() returns).
 *   (3) every sync ends while the CPUs keep reporting: the writers have no
 *       end label, so Spin reports an invalid end state when one blocks for
 *       ever. After its OPS calls a CPU idles at label end_idle, where it
 *       may stop for ever: offline, it stays so; online, it reports
 *       whenever its _ctr is not _gp | 1, that is, whenever a grace period
 *       may wait for it, and only then. It cannot go offline there, so a
 *       sync must end on reports alone. Its reports there are bounded by
 *       NGP + 1, which a correct report never reaches (each loads a newer
 *       _gp, of which NGP grace periods make at most NGP), so that a report
 *       that does not help ends in a blocked writer, not in a loop.
 *   (4) dispatch never waits: its steps have no guard but their pc, and
 *       the interrupt may freeze every other context at once ("solo", as
 *       in slot.pml): a dispatch that waited for anyone would block there,
 *       an invalid end state (BUG_DISPATCH_SPINS shows it). A solo
 *       dispatch runs on a CPU that ctr[] does not hold; no grace period
 *       has to cover it, since no writer moves until it returns.
 *
 * -D macros: each BUG_* plants a known bug, which Spin must find, by the
 * property in parentheses:
 *   BUG_REPORT_NO_CTR       report() does not store the CPU's counter: the
 *                           CPU looks offline to every grace period   (1)
 *   BUG_REPORT_STALE        a quiescent report stores the _gp its CPU read
 *                           when it went online, not the current one  (3)
 *   BUG_GP_NO_WAIT          grace_period() does not wait for online CPUs (1)
 *   BUG_GP_READ_FIRST       grace_period() waits for the counters to reach
 *                           the _gp it read, then adds 2               (1)
 *   BUG_NO_RELOAD           dispatch calls without re-loading _state   (2)
 *   BUG_REPORT_IN_DISPATCH  a CPU's dispatch reports a quiescent state
 *                           after its loads of fn/arg and the re-load,
 *                           before its call                            (1)
 *   BUG_DISPATCH_SPINS      dispatch waits while the slot is BUSY instead
 *                           of returning false                         (4)
 *   BUG_PLAIN_COMPARE       grace_period() compares counters with <, not
 *                           modulo the word: wrong only across a wrap of
 *                           _gp, so caught only with GP0=254           (1)
 * Kernel behaviour, not the library's:
 *   IRQ_REPORTS             the interrupt's exit may report a quiescent
 *                           state for the CPU it froze, unless that CPU was
 *                           inside a dispatch; also in the middle of that
 *                           CPU's own report (the header forbids that
 *                           nesting; this checks it is harmless)
 *   IRQ_REPORTS_IN_DISPATCH with IRQ_REPORTS, even inside a dispatch:
 *                           breaks the header's rule                  (1)
 *   IRQ_OFFLINE             the interrupt also dispatches on an offline
 *                           CPU (a wake-up interrupt after offline and
 *                           wfi, one taken during an offline sync):
 *                           breaks the header's rule                  (1)
 *   HANDLER_OFFLINE         a CPU's handler goes offline and online again
 *                           (around a sync of another slot, as the header
 *                           tells a syncing CPU to)                   (1)
 */

#ifndef NCPU
#define NCPU 2		/* at most 3 */
#endif
#ifndef OPS
#define OPS 3		/* calls of each CPU */
#endif
#ifndef WOPS
#define WOPS 3		/* calls of each writer */
#endif
#ifndef NIRQ
#define NIRQ 1		/* dispatches of the interrupt */
#endif
#ifndef GP0
#define GP0 0		/* _gp's first value, even; 254: wraps at once */
#endif
#ifndef NW
#define NW 1		/* writers: at most 2 */
#endif
#define NGP (NW * WOPS)	/* grace periods, at most one per writer call */
#define MAXID (NGP + 1)	/* registration ids 1 .. MAXID: at most 7 (pend) */
#define IRQ (NCPU + NW + 1)	/* _pids: CPUs 1 .. NCPU, writers, IRQ */
#define NOIRQ 255

#define EMPTY 0
#define BUSY 1
#define FULL 2
#define KIND(x) ((x) & 3)
#define SERIAL_ONE 4
/* The code's (intptr_t)(c - t) < 0, on the 8 bits of a byte. */
#ifdef BUG_PLAIN_COMPARE
#define BEFORE(c, t) ((c) < (t))
#else
#define BEFORE(c, t) ((((c) - (t)) & 255) >= 128)
#endif

#define ME (_pid - 1)		/* a CPU's index in ctr[] and on[] */
#define ON on[ME]

mtype = { IDLE, Q_CTR, D_SPIN, D_FN, D_ARG, D_CHECK, D_QSEEN, D_QCTR,
	  D_CALL, D_RET, H_SEEN, H_CTR, I_EXIT, I_CTR,
	  R_CAS, R_FN, R_ARG, R_FULL, T_FN, T_ARG, T_CAS, G_ADD, G_WAIT };

/* The slot, with registration 1 installed, and the domain. */
byte state = SERIAL_ONE + FULL;
byte fn = 1, arg = 1;
byte gp = GP0;
byte ctr[NCPU];		/* 0: offline; else the gp | 1 it last reported */

/* Ghosts. */
bool on[NCPU];		/* the CPU's kernel has it online (report returned) */
bool dead[MAXID + 1];	/* poisoned: a sync that covers it returned */
byte running[MAXID + 1];	/* calls of it under way */
byte nextid = 1;	/* last serial handed out */
byte irq_cpu = NOIRQ;	/* the _pid of the CPU the interrupt froze */
bool solo;		/* the interrupt froze every other context */
#ifdef IRQ_REPORTS
bool indisp[NCPU];	/* the CPU is inside a dispatch */
#define INDISP(v) indisp[ME] = v
#else
#define INDISP(v) skip
#endif

/*
 * The end of a dispatch: forget the locals, so that only what matters
 * differs. The interrupt then unfreezes the CPUs, or first goes to its
 * exit (I_EXIT), which may report a quiescent state (IRQ_REPORTS).
 */
#define UNFREEZE irq_cpu = NOIRQ; solo = false; pc = IDLE
#ifdef IRQ_REPORTS
#define IRQ_END pc = I_EXIT
#else
#define IRQ_END UNFREEZE
#endif
#define END_D s = 0; f = 0; a = 0; \
	if :: _pid == IRQ -> IRQ_END :: else -> INDISP(false); pc = IDLE fi

/* htbl_handle_inline's first load. */
#ifdef BUG_DISPATCH_SPINS
#define DISPATCH s = state; \
	if :: KIND(s) == BUSY -> pc = D_SPIN \
	:: KIND(s) != FULL -> END_D :: else -> pc = D_FN fi
#else
#define DISPATCH s = state; \
	if :: KIND(s) != FULL -> END_D :: else -> pc = D_FN fi
#endif

/* D_CHECK: the re-load of _state finds it unchanged. */
#ifdef BUG_NO_RELOAD
#define UNCHANGED true
#else
#define UNCHANGED (state == s)
#endif

/* fn(arg) starts. */
#define CALL assert(f == a);	/* (2) untorn */ \
	assert(!dead[a]);	/* (1) not after its sync */ \
	running[a]++; pc = D_RET
#ifdef BUG_REPORT_IN_DISPATCH
#define CHECKED if :: _pid != IRQ -> pc = D_QSEEN :: else -> CALL fi
#else
#define CHECKED CALL
#endif

/* report(): qsbr_seen's load of _gp, then (Q_CTR) the counter's store. */
#ifdef BUG_REPORT_STALE
#define SEEN if :: ON -> g = g0 :: else -> g = gp; g0 = g fi; pc = Q_CTR
#else
#define SEEN g = gp; pc = Q_CTR
#endif
#ifdef BUG_REPORT_NO_CTR
#define Q_STORE ON = true; g = 0; pc = IDLE
#else
#define Q_STORE ctr[ME] = g | 1; ON = true; g = 0; pc = IDLE
#endif
#define OFFLINE ctr[ME] = 0; ON = false

#ifdef IRQ_OFFLINE
#define CAN_NEST(k) true
#else
#define CAN_NEST(k) on[k]
#endif
/* Whether the interrupt's exit may report for CPU k. */
#ifdef IRQ_REPORTS_IN_DISPATCH
#define EXIT_REPORTS(k) true
#else
#define EXIT_REPORTS(k) !indisp[k]
#endif

/*
 * CPUs and the interrupt. Takes a step only while not frozen (the
 * interrupt never is). A CPU makes its OPS calls, then idles (end_idle);
 * the interrupt makes its NIRQ dispatches, then ends.
 */
proctype ctx() provided (_pid == IRQ || (irq_cpu != _pid && !solo))
{
	mtype pc = IDLE;
	byte op, s, f, a, g, g0, idle;

	do
	/* ---- a CPU's calls ---- */
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* report */
		op++; SEEN }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS && ON ->
		op++; OFFLINE }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS && ON ->
		op++; INDISP(true); DISPATCH }
	:: d_step { pc == Q_CTR -> Q_STORE }
	:: _pid != IRQ && pc == IDLE && op == OPS -> break

	/* ---- the interrupt's arrival on CPU 1, 2, 3, or with all frozen */
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ && CAN_NEST(0) ->
		op++; irq_cpu = 1; DISPATCH }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ && NCPU >= 2 &&
		    CAN_NEST((NCPU >= 2 -> 1 : 0)) ->
		op++; irq_cpu = 2; DISPATCH }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ && NCPU >= 3 &&
		    CAN_NEST((NCPU >= 3 -> 2 : 0)) ->
		op++; irq_cpu = 3; DISPATCH }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ ->
		op++; solo = true; DISPATCH }
	:: _pid == IRQ && pc == IDLE && op == NIRQ -> goto done
#ifdef IRQ_REPORTS
	/* Its exit: a quiescent state of the CPU it froze, or none. */
	:: d_step { pc == I_EXIT -> UNFREEZE }
	:: d_step { pc == I_EXIT && irq_cpu != NOIRQ &&
		    EXIT_REPORTS(irq_cpu - 1) -> g = gp; pc = I_CTR }
	:: d_step { pc == I_CTR -> ctr[irq_cpu - 1] = g | 1; g = 0; UNFREEZE }
#endif

	/* ---- htbl_handle_inline ---- */
	:: d_step { pc == D_FN -> f = fn; pc = D_ARG }
	:: d_step { pc == D_ARG -> a = arg; pc = D_CHECK }
	:: d_step { pc == D_CHECK ->
		if :: UNCHANGED -> CHECKED :: else -> END_D fi }
	:: d_step { pc == D_RET -> running[a]--; END_D }
#ifdef BUG_DISPATCH_SPINS
	/* Waits out a register half-way instead of returning false. */
	:: d_step { pc == D_SPIN && KIND(state) != BUSY -> DISPATCH }
#endif
#ifdef BUG_REPORT_IN_DISPATCH
	/* A report between the check and the call. */
	:: d_step { pc == D_QSEEN -> g = gp; pc = D_QCTR }
	:: d_step { pc == D_QCTR -> ctr[ME] = g | 1; g = 0; pc = D_CALL }
	:: d_step { pc == D_CALL -> CALL }
#endif
#ifdef HANDLER_OFFLINE
	/* A CPU's handler goes offline, syncs, and comes back online. */
	:: d_step { pc == D_RET && _pid != IRQ && ON -> OFFLINE; pc = H_SEEN }
	:: d_step { pc == H_SEEN -> g = gp; pc = H_CTR }
	:: d_step { pc == H_CTR -> ctr[ME] = g | 1; ON = true; g = 0; pc = D_RET }
#endif
	od;

	/*
	 * A CPU's idle loop: online, it reports whenever a grace period waits
	 * for it (at most NGP + 1 times); offline, it stays so. No way out by
	 * going offline here: a sync must end on the reports alone. It may
	 * stop here for ever.
	 */
end_idle:
	do
	:: d_step { pc == IDLE && ON && ctr[ME] != (gp | 1) && idle <= NGP ->
		idle++; SEEN }
	:: d_step { pc == Q_CTR -> Q_STORE }
	od;
done:
	skip
}

/* Poison registration x: its sync returned. */
#define POISON(x) assert(running[x] == 0); dead[x] = true

#ifdef BUG_GP_READ_FIRST
#define GP_START target = gp | 1; i = 0; pc = G_WAIT
#define GP_END gp = gp + 2
#else
#define GP_START gp = gp + 2; target = gp | 1; i = 0; pc = G_WAIT
#define GP_END skip
#endif
#ifdef BUG_GP_NO_WAIT
#define QUIESCENT(c) true
#else
#define QUIESCENT(c) ((c) == 0 || !BEFORE(c, target))
#endif

/* The writer: outside the domain, or offline around its syncs. */
proctype writer() provided (!solo)
{
	mtype pc = IDLE;
	byte op, s, f, a, id, target, i;
	byte pend;	/* ids it removed with unregister, a bit each */
	bool sync;

	do
	:: d_step { pc == IDLE && op < WOPS ->			/* register */
		op++; s = state;
		if
		:: KIND(s) != EMPTY -> s = 0
		:: else -> nextid++; id = nextid; pc = R_CAS
		fi }
	:: d_step { pc == IDLE && op < WOPS ->			/* unregister */
		op++; sync = false; s = state;
		if :: KIND(s) != FULL -> s = 0 :: else -> pc = T_FN fi }
	:: d_step { pc == IDLE && op < WOPS ->			/* ..._sync */
		op++; sync = true; s = state;
		if :: KIND(s) != FULL -> s = 0 :: else -> pc = T_FN fi }
	:: d_step { pc == IDLE && op < WOPS && pend != 0 ->	/* synchronize */
		op++; sync = false; GP_START }
	:: pc == IDLE && op == WOPS -> break

	/* ---- htbl_register ---- */
	:: d_step { pc == R_CAS ->
		if
		:: state == s -> s = id * SERIAL_ONE + BUSY; state = s; pc = R_FN
		:: else -> s = 0; id = 0; pc = IDLE
		fi }
	:: d_step { pc == R_FN -> fn = id; pc = R_ARG }
	:: d_step { pc == R_ARG -> arg = id; pc = R_FULL }
	:: d_step { pc == R_FULL ->
		state = s - BUSY + FULL; s = 0; id = 0; pc = IDLE }

	/* ---- take() ---- */
	:: d_step { pc == T_FN -> f = fn; pc = T_ARG }
	:: d_step { pc == T_ARG -> a = arg; pc = T_CAS }
	:: d_step { pc == T_CAS ->
		if
		:: state == s ->
			state = s - FULL + EMPTY; id = s / SERIAL_ONE;
			assert(f == id && a == id);	/* (2) what it returns */
			f = 0; a = 0; s = 0;
			if
			:: sync -> pc = G_ADD
			:: else -> pend = pend | (1 << id); id = 0; pc = IDLE
			fi
		:: else ->
			s = state;
			if :: KIND(s) == FULL -> pc = T_FN
			:: else -> s = 0; f = 0; a = 0; pc = IDLE
			fi
		fi }

	/* ---- grace_period(), then the poison ---- */
	:: d_step { pc == G_ADD -> GP_START }
	:: d_step { pc == G_WAIT && QUIESCENT(ctr[i]) ->
		i++;
		if
		:: i == NCPU ->
			GP_END;
			if
			:: sync -> POISON(id)
			:: else ->
				for (i : 1 .. MAXID) {
					if
					:: pend & (1 << i) -> POISON(i)
					:: else
					fi
				}
				pend = 0
			fi;
			id = 0; target = 0; i = 0; sync = false; pc = IDLE
		:: else
		fi }
	od
}

init
{
	byte k;

	atomic {
		for (k : 1 .. NCPU) {
			run ctx()
		}
		for (k : 1 .. NW) {
			run writer()
		}
		run ctx()
	}
}
