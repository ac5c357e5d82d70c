/*
 * slot.pml: the slot protocol of src/handler_table.c, for Spin.
 *
 * One slot, two dispatch cells, NCPU CPUs each making OPS calls of
 * htbl_register, htbl_unregister, htbl_unregister_sync or htbl_handle in
 * any order, and an interrupt that preempts a CPU between any two of its
 * steps and runs htbl_handle to completion while that CPU is frozen.
 *
 * Each d_step is one atomic access of the C code, with the local and ghost
 * work that follows it. The first access of each call is in the step that
 * starts it; the others are named by the pc that selects them:
 *
 *   htbl_register   start    relaxed load of _state
 *                   R_CAS    CAS EMPTY(r) -> BUSY(r+1)
 *                   R_FN     store of _fn
 *                   R_ARG    store of _arg
 *                   R_FULL   release store of FULL(r+1)
 *   _htbl_take      start    acquire load of _state
 *   (htbl_unregister T_FN    load of _fn
 *    and _sync)     T_ARG    load of _arg
 *                   T_CAS    seq_cst CAS FULL(r) -> EMPTY(r); on failure,
 *                            the reload of _state, and round again
 *   _htbl_wait      W_CELL   seq_cst load of each cell while it holds the
 *                            tag (a spin: modelled as blocking)
 *                   W_INFL   the same for _inflight; the caller then poisons
 *   htbl_handle     start    acquire load of _state
 *                   H_FN     load of _fn
 *                   H_ARG    load of _arg; the stack hint picks a first cell
 *   _htbl_claim     H_PEEK   relaxed peek at a cell
 *                   H_CAS    CAS of the cell from 0 to the tag
 *                   H_ADD    fetch_add of _inflight when no cell was free
 *                   H_CHECK  seq_cst re-check of _state; fn(arg) starts
 *                   H_FREE   fn returns; release store of 0 to the cell, or
 *                            fetch_sub of _inflight
 *
 * Spin interleaves these in sequential consistency: this checks the
 * protocol, not the memory orders (tests/mutants.sh does); fences have no
 * step. One slot suffices: cells carry the slot's address, so slots only
 * compete for cells, which the fallback path covers. The serial is exact:
 * the model makes at most NCPU * OPS registrations, the code wraps after
 * 2^30. Tags keep its low TAG_MASK bits as the code does; with TAG_MASK=0
 * all tags of the slot alias, which only makes a sync wait for more.
 *
 * Checked: the assertions, and end states: a context blocked for ever.
 * The interrupt may freeze every CPU at once ("solo"): a handle that
 * waited for any other context would then block.
 *
 * Linearizability: ghost `spec` is the registration that the sequential
 * slot holds (0: empty), changed at the steps that linearize register (its
 * FULL store) and unregister (its CAS). A result that changes nothing needs
 * an instant of its call at which spec agrees with it: the step that
 * decides it, the call's start, or a change in between (`filled` and
 * `emptied` count them). One exception is accepted, as the header allows
 * it: a register that loses to another one still in BUSY.
 *
 * -D macros: each BUG_* plants a known bug, which Spin must find:
 *   BUG_NO_RECHECK      handle calls without the re-check of _state
 *   BUG_NO_WAIT         unregister_sync returns without waiting
 *   BUG_NO_SERIAL       register keeps the serial (state words come back)
 *   BUG_NO_INFLIGHT     a call that got no cell is not counted
 *   BUG_READ_AFTER_CAS  unregister reads _fn/_arg after emptying the slot
 *   BUG_CLAIM_SPINS     handle waits for a free cell instead of counting
 * STRICT_LIN also asserts that no call that starts after a register lost
 * to a BUSY one finds the slot empty while that one is still BUSY.
 */

#ifndef NCPU
#define NCPU 2		/* at most 3: the interrupt can freeze CPU 1, 2 or 3 */
#endif
#ifndef OPS
#define OPS 2
#endif
#ifndef NIRQ
#define NIRQ 1
#endif
#ifndef TAG_MASK
#define TAG_MASK 15
#endif
#define NCELLS 2
#define MAXID (NCPU * OPS + 1)
#define IRQ (NCPU + 1)		/* the interrupt's _pid; CPUs are 1 .. NCPU */
#define NOIRQ 255

#define EMPTY 0
#define BUSY 1
#define FULL 2
#define KIND(x) ((x) & 3)
#define SERIAL_ONE 4
/* The slot's address (16) with the serial's low bits: never 0 (free). */
#define TAG(x) (16 | (((x) / SERIAL_ONE) & TAG_MASK))
#define CELL cell[(h + i) % NCELLS]

#ifdef BUG_NO_SERIAL
#define NEXT_BUSY(x) ((x) + BUSY)
#else
#define NEXT_BUSY(x) ((x) - KIND(x) + SERIAL_ONE + BUSY)
#endif
/*
 * A register that returns false while spec is empty throughout its call
 * lost to one in BUSY (x): accepted, and remembered in `lost`. STRICT_LIN
 * asserts that no call starting after it finds the slot empty while that
 * register is still in BUSY: no sequential order explains both results.
 */
#define LOST(occupied, x) if :: !(occupied) -> assert(KIND(x) == BUSY); \
	lost = x :: else fi
#ifdef STRICT_LIN
#define FOUND_EMPTY assert(l0 == 0 || state != l0)
#else
#define FOUND_EMPTY skip
#endif

mtype = { IDLE, R_CAS, R_FN, R_ARG, R_FULL, T_FN, T_ARG, T_CAS, T_DONE,
	  W_CELL, W_INFL, H_FN, H_ARG, H_PEEK, H_CAS, H_ADD, H_CHECK, H_FREE };

/* The slot, with registration 1 installed. */
byte state = SERIAL_ONE + FULL;
byte fn = 1, arg = 1;	/* a registration's id stands for its fn and arg */
byte inflight;
byte cell[NCELLS];

/* Ghosts. */
byte spec = 1;		/* registration the sequential slot holds */
byte filled, emptied;	/* times spec became non-zero, zero */
byte nextid = 1;	/* last registration id handed out */
bool dead[MAXID + 1];	/* poisoned: its unregister_sync returned */
byte running[MAXID + 1];	/* calls of it under way */
byte lost;		/* BUSY state word a register lost to */
byte irq_cpu = NOIRQ;	/* the CPU the interrupt froze */
bool solo;		/* the interrupt froze every CPU */

/* Start of each call: the first load of _state, and the ghost snapshot. */
#define START(to) op++; s = state; e0 = (spec == 0); full0 = !e0; \
	n0 = filled; n1 = emptied; l0 = lost; pc = to
/* End of each call: forget the locals, so that only what matters differs;
 * the interrupt also unfreezes the CPUs. */
#define END s = 0; f = 0; a = 0; id = 0; c = 0; h = 0; i = 0; \
	e0 = false; full0 = false; sync = false; n0 = 0; n1 = 0; l0 = 0; \
	pc = IDLE; \
	if :: _pid == IRQ -> irq_cpu = NOIRQ; solo = false :: else fi
/* htbl_handle's start: an empty or BUSY slot linearizes it at the load. */
#define HANDLE START(H_FN); \
	if :: KIND(s) != FULL -> assert(e0); FOUND_EMPTY; END \
	:: else fi
#define CALLS (_pid == IRQ -> NIRQ : OPS)

#ifdef BUG_READ_AFTER_CAS
#define TAKE_FIRST T_CAS
#define ARG_NEXT T_DONE
#define CAS_NEXT T_FN
#else
#define TAKE_FIRST T_FN
#define ARG_NEXT T_CAS
#define CAS_NEXT T_DONE
#endif

/* Takes a step only while not preempted (the interrupt never is). */
proctype ctx() provided (_pid == IRQ || (irq_cpu != _pid && !solo))
{
	mtype pc = IDLE;
	byte op, s, f, a, id, c, h, i, n0, n1, l0;
	bool e0, full0, sync;

	do
	/* ---- a CPU's calls; the interrupt's arrival on CPU 1, 2, 3 or all */
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* register */
		nextid++; id = nextid; START(R_CAS);
		if
		:: KIND(s) != EMPTY -> LOST(full0, s); END
		:: else
		fi }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* unregister */
		START(TAKE_FIRST); assert(KIND(s) == FULL || e0);
		if :: KIND(s) != FULL -> FOUND_EMPTY; END :: else fi }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* ..._sync */
		START(TAKE_FIRST); sync = true; assert(KIND(s) == FULL || e0);
		if :: KIND(s) != FULL -> FOUND_EMPTY; END :: else fi }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS -> HANDLE }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ ->
		irq_cpu = 1; HANDLE }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ && NCPU >= 2 ->
		irq_cpu = 2; HANDLE }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ && NCPU >= 3 ->
		irq_cpu = 3; HANDLE }
	:: d_step { _pid == IRQ && pc == IDLE && op < NIRQ ->
		solo = true; HANDLE }
	:: pc == IDLE && op == CALLS -> break

	/* ---- htbl_register ---- */
	:: d_step { pc == R_CAS ->
		if
		:: state == s -> s = NEXT_BUSY(s); state = s; pc = R_FN
		:: else ->
			s = state;
			LOST(full0 || spec != 0 || filled != n0, s);
			END
		fi }
	:: d_step { pc == R_FN -> fn = id; pc = R_ARG }
	:: d_step { pc == R_ARG -> arg = id; pc = R_FULL }
	:: d_step { pc == R_FULL ->
		state = s - BUSY + FULL;
		assert(spec == 0); spec = id; filled++; END }

	/* ---- _htbl_take ---- */
	:: d_step { pc == T_FN -> f = fn; pc = T_ARG }
	:: d_step { pc == T_ARG -> a = arg; pc = ARG_NEXT }
	:: d_step { pc == T_CAS ->
		if
		:: state == s ->
			state = s - FULL + EMPTY;
			id = spec; spec = 0; emptied++; pc = CAS_NEXT
		:: else ->
			s = state;
			assert(KIND(s) == FULL || spec == 0);
			if
			:: KIND(s) == FULL -> pc = TAKE_FIRST
			:: else -> FOUND_EMPTY; END
			fi
		fi }
	:: d_step { pc == T_DONE ->
		assert(f == id && a == id);	/* the pair of the one removed */
		i = 0;
		if
#ifndef BUG_NO_WAIT
		:: sync -> pc = W_CELL
#else
		:: sync -> pc = W_INFL
#endif
		:: else -> END
		fi }

	/* ---- _htbl_wait, and the caller's poison once it returns ---- */
	:: d_step { pc == W_CELL && cell[i] != TAG(s) ->
		i++; if :: i == NCELLS -> pc = W_INFL :: else fi }
#ifndef BUG_NO_WAIT
	:: d_step { pc == W_INFL && inflight == 0 ->
#else
	:: d_step { pc == W_INFL ->
#endif
		assert(running[id] == 0); dead[id] = true; END }

	/* ---- htbl_handle, _htbl_claim ---- */
	:: d_step { pc == H_FN -> f = fn; pc = H_ARG }
	:: d_step { pc == H_ARG -> a = arg; h = 0; i = 0; pc = H_PEEK }
	:: d_step { pc == H_ARG -> a = arg; h = 1; i = 0; pc = H_PEEK }
	:: d_step { pc == H_PEEK ->
		if
		:: CELL == 0 -> pc = H_CAS
		:: else ->
			i++; if :: i == NCELLS -> pc = H_ADD :: else fi
		fi }
	:: d_step { pc == H_CAS ->
		if
		:: CELL == 0 -> CELL = TAG(s); c = (h + i) % NCELLS + 1;
			pc = H_CHECK
		:: else ->
			i++;
			if
			:: i == NCELLS -> pc = H_ADD
			:: else -> pc = H_PEEK
			fi
		fi }
#ifdef BUG_CLAIM_SPINS
	/* Wait for a free cell instead of counting in _inflight. */
	:: d_step { pc == H_ADD && cell[h] == 0 -> i = 0; pc = H_CAS }
#elif defined(BUG_NO_INFLIGHT)
	:: d_step { pc == H_ADD -> pc = H_CHECK }
#else
	:: d_step { pc == H_ADD -> inflight++; pc = H_CHECK }
#endif
	:: d_step { pc == H_CHECK ->
#ifdef BUG_NO_RECHECK
		if :: true ->
#else
		if :: state == s ->
#endif
			assert(f == a);		/* fn(arg) starts: untorn, */
			assert(!dead[a]);	/* not freed, */
			assert(spec == a);	/* and linearized here */
			running[a]++; pc = H_FREE
		:: else ->
			assert(e0 || emptied != n1);
			a = 0; pc = H_FREE
		fi }
	:: d_step { pc == H_FREE ->
		if :: a != 0 -> running[a]-- :: else fi;
		if
		:: c != 0 -> cell[c - 1] = 0
#ifndef BUG_NO_INFLIGHT
		:: else -> inflight--
#else
		:: else
#endif
		fi;
		END }
	od
}

init
{
	byte k;

	atomic {
		for (k : 0 .. NCPU) {
			run ctx()
		}
	}
}
