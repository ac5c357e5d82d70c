/*
 * slot.pml: the slot protocol of src/handler_table.c, for Spin.
 *
 * One slot and NCELLS dispatch cells (2 by default), which the calls of
 * another slot share: they hold TAKEN cells throughout and claim one
 * FOREIGN times. NCPU CPUs each make OPS calls of htbl_register,
 * htbl_unregister, htbl_unregister_sync, htbl_synchronize or htbl_handle in
 * any order, and an interrupt preempts a CPU between any two of its steps
 * and runs htbl_handle to completion while that CPU is frozen. With STALE,
 * a call of registration 0 (removed before the run) holds _ovf[1] (1) or
 * cell 0 (2) from the start, until it re-checks and leaves. Not modelled:
 * a full counter (2^16 or 2^8 calls), the wrap of the serial, and tables
 * in the quiescent-state mode, which do not use this protocol.
 *
 * Each d_step is one atomic access of the C code, with the local and ghost
 * work that follows it. The first access of each call is in the step that
 * starts it; the others are named by the pc that selects them:
 *
 *   htbl_register   start    relaxed load of _state and, if EMPTY, the
 *                            fetch-add of serial.next (one step: the serial
 *                            matters only by its order, and a slot's serials
 *                            grow either way, as the CAS that installs one
 *                            expects the EMPTY word peeked before the add)
 *                   R_CAS    acquire CAS EMPTY(r) -> BUSY(serial)
 *                   R_FN     store of _fn
 *                   R_ARG    store of _arg
 *                   R_FULL   release store of FULL(serial)
 *   take            start    acquire load of _state
 *   (htbl_unregister T_FN    load of _fn
 *    and _sync)     T_ARG    load of _arg
 *                   T_CAS    seq_cst CAS FULL -> EMPTY (epoch kept); on
 *                            failure, the reload, and round again if FULL
 *   wait_removed    W_CELL   seq_cst load of each cell while it holds the
 *                            removed registration (same_registration)
 *                   W_OVF    wait_ovf: seq_cst load of _ovf[0], _ovf[1]
 *                            while the count is not 0 and the tag is ours,
 *                            in either epoch
 *                   W_SPILL  wait_spill: seq_cst load of _spill
 *   htbl_synchronize start   acquire load of _state: `now` if not FULL (the
 *                            seq_cst fence has no step)
 *                   Y_CAS    seq_cst CAS now -> now ^ EPOCH; on failure,
 *                            the reload, and round again while FULL
 *                   Y_TAG    seq_cst load of a cell's tag; 0 or `now`: the
 *                            next cell
 *   cell_is_before  Y_OWNER  acquire load of the slot word, until it is
 *                            written or the tag's reload differs (a round's
 *                            two loads in one step, the slot word tested
 *                            first as in C); then the owner, serial tests
 *   htbl_synchronize Y_WAIT  seq_cst load of the tag while it is unchanged
 *                   Y_OVF    seq_cst load of _ovf[k]; ovf_is_before
 *                   Y_OVFW   wait_ovf: while the exact tag holds
 *                   Y_SPILL  wait_spill
 *   htbl_handle     start    acquire load of _state
 *                   H_FN     load of _fn
 *                   H_ARG    load of _arg; cell_hint() picks a first cell
 *   announce        H_CAS    relaxed peek at a cell and, if 0, the seq_cst
 *                            CAS of 0 to the state (one step: a taken cell
 *                            is skipped whether the peek or the CAS sees it)
 *                   H_SLOT   relaxed store of the cell's slot word
 *   ovf_enter       O_CAS    relaxed load of _ovf[k] and, if usable, the
 *                            seq_cst CAS (one step, as H_CAS; a failed CAS
 *                            reloads and tests again: the same step again)
 *                   O_SPILL  seq_cst fetch_add of _spill
 *   htbl_handle     H_CHECK  seq_cst re-check of _state: equal: fn(arg)
 *                            starts; other epoch: reannounce, then again
 *   reannounce      H_RETAG  seq_cst store of the new state in the cell; or
 *                   O_EXIT   ovf_exit (release fetch_sub) of the old one,
 *                            then ovf_enter (O_*) of the new state
 *   withdraw        H_CLEAR  fn returns; relaxed store of NULL to the slot
 *                            word, or ovf_exit of the counter
 *                   H_FREE   release store of 0 to the cell's tag
 *
 * Spin interleaves these in sequential consistency: this checks the
 * protocol, not the memory orders (tests/mutants.sh and tests/genmc/ do);
 * fences have no step. Cells carry the state word and serials are unique
 * over all slots, so another slot only competes for cells and shows in
 * synchronize's test of the slot word: its calls are one tag (serial 2,
 * slot word 2). Serials: 0 the stale call's, 1 the registration installed
 * at the start, 2 the other slot's, then ours from 3. Tags keep their low
 * TAG_BITS bits, all of them by default (the code wraps after 2^61 or 2^29
 * registrations).
 *
 * Checked: the assertions, and end states: a context blocked for ever.
 * Every wait loop is one blocking step, so a wait that never ends is such
 * an end state; this is also the starvation check, for bounded runs only:
 * OPS bounds the dispatches, so "every sync and synchronize finishes while
 * the other CPUs dispatch" holds for runs of that length. The interrupt may
 * freeze every CPU at once ("solo"): a handle that waited for any other
 * context would then block.
 *
 * Linearizability: ghost `spec` is the registration that the sequential
 * slot holds (0: empty), changed at the steps that linearize register (its
 * FULL store) and unregister (its CAS). A result that changes nothing needs
 * an instant of its call at which spec agrees with it: the step that
 * decides it, the call's start, or a change in between (`filled` and
 * `emptied` count them). One exception is accepted, as the header allows
 * it: a register that loses to another one still in BUSY.
 *
 * Teardown: an unregister_sync that returns poisons (`dead`) the
 * registration it removed, a synchronize each one removed before it took
 * `now`: no call of a dead registration may start or still run. A
 * synchronize also asserts that every call of fn that ran when it took
 * `now` has returned (`pend`).
 *
 * Bounded wait: a sync's reference step is its removal CAS, a
 * synchronize's the step that takes `now` (the flip); `before` is the set
 * of contexts then inside an htbl_handle, less those whose call returned
 * since. Whenever a wait loop reads a value that keeps it waiting, the
 * cell or counter must hold a call from that set, and for a sync one of
 * the registration it removed (`waits_for_earlier`). Not asserted: in
 * synchronize's wait for a slot word (the header allows waiting for that
 * window of a call that started after it), and on a _spill that a call
 * entered because both tagged counters held other tags (the header's
 * exception: `excused`). Waiting for a call that read the old epoch after
 * synchronize was called but before its flip is allowed: the call may have
 * begun fn before the flip. Synchronizes do not overlap (the header's
 * other exception).
 *
 * -D macros: each BUG_* plants a known bug, which Spin must find:
 *   BUG_NO_RECHECK      handle calls without the re-check of _state
 *   BUG_NO_WAIT         unregister_sync returns without waiting
 *   BUG_NO_SERIAL       register keeps the serial (state words come back)
 *   BUG_NO_COUNT        a call that got no cell is not counted
 *   BUG_READ_AFTER_CAS  unregister reads _fn/_arg after emptying the slot
 *   BUG_CLAIM_SPINS     handle waits for a free cell instead of counting
 *   BUG_FEW_TAG_BITS    tags keep one serial bit (TAG_BITS=1): aliasing
 *   BUG_ONE_COUNTER     one untagged fallback counter (the old _inflight)
 *   BUG_NO_FLIP         synchronize takes `now` without flipping the epoch
 *   BUG_EPOCH_FALSE     handle returns false when the epoch changed
 * STRICT_LIN also asserts that no call that starts after a register lost
 * to a BUSY one finds the slot empty while that one is still BUSY.
 * STRICT_SPILL excuses a _spill entry only as the header words it: when
 * the two tagged counters hold calls of two registrations other than ours.
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
#ifndef NCELLS
#define NCELLS 2	/* 1 or 2 */
#endif
#ifndef TAKEN
#define TAKEN 0
#endif
#ifndef FOREIGN
#define FOREIGN 0
#endif
#ifndef STALE
#define STALE 0
#endif
#ifdef BUG_FEW_TAG_BITS
#define TAG_BITS 1
#endif
#ifndef TAG_BITS
#define TAG_BITS 5	/* the model's serials are below 16: exact */
#endif
#define MAXID (NCPU * OPS + 1)
#define IRQ (NCPU + 1)		/* the interrupt's _pid; CPUs are 1 .. NCPU */
/* _pids: 0 init, the CPUs, the interrupt, the other slot's, the stale. */
#define NPID (NCPU + 4)
#define TPID 7			/* holds the TAKEN cells: no context */
#define NOIRQ 255
#define ME (1 << _pid)

#define EMPTY 0
#define BUSY 1
#define FULL 2
#define KIND(x) ((x) & 3)
#define EPOCH 4
#define SERIAL_ONE 8
#define MOD (1 << TAG_BITS)
#define TSER(x) (((x) / SERIAL_ONE) % MOD)
/* A cell's tag: the state word, its serial cut to TAG_BITS. */
#define TAG(x) (TSER(x) * SERIAL_ONE + ((x) & 7))
#define FTAG (SERIAL_ONE * 2 + FULL)	/* the other slot's calls */
#define STAG FULL			/* the stale call */
#define SAME(x, y) ((((x) ^ (y)) & ~EPOCH) == 0)	/* same_registration */
#define NOT_AFTER(x, y) ((TSER(y) - TSER(x) + MOD) % MOD < MOD / 2)
#define CELL cell[(h + i) % NCELLS]

/* A fallback counter: the tag (serial and epoch) above a 3-bit count. */
#define CNT_MAX 7
#define OTAG(x) (TAG(x) / 4)		/* ovf_tag */
#define OCNT(w) ((w) & CNT_MAX)
#define OTAGW(w) ((w) / (CNT_MAX + 1))
#define USABLE(w) ((OCNT(w) == 0 || OTAGW(w) == OTAG(s)) && OCNT(w) != CNT_MAX)
#define ENTERED(w) (OCNT(w) != 0 -> (w) + 1 : OTAG(s) * (CNT_MAX + 1) + 1)
/* ovf_is_before(w, now) */
#define OVF_BEFORE(w, now) (!(KIND(now) == FULL && OTAGW(w) == OTAG(now)) && \
	!(KIND(now) == BUSY && OTAGW(w) / 2 == TSER(now)) && \
	(TSER(now) - OTAGW(w) / 2 + MOD) % MOD < MOD / 2)
/* cell_is_before, past the slot word (same_registration, kind and all) */
#define CELL_BEFORE(t, now) (KIND(now) == BUSY -> \
	TSER(t) != TSER(now) && NOT_AFTER(t, now) : NOT_AFTER(t, now))

#ifdef BUG_NO_SERIAL
#define NEXT_BUSY(x) ((x) - KIND(x) + BUSY)
#else
#define NEXT_BUSY(x) (nextser * SERIAL_ONE + BUSY)
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
#define SNAP_LOST l0 = lost
#else
#define FOUND_EMPTY skip
#define SNAP_LOST skip
#endif

mtype = { IDLE, R_CAS, R_FN, R_ARG, R_FULL, T_FN, T_ARG, T_CAS, T_DONE,
	  W_CELL, W_OVF, W_SPILL, Y_CAS, Y_TAG, Y_OWNER, Y_WAIT, Y_OVF, Y_OVFW,
	  Y_SPILL, H_FN, H_ARG, H_CAS, H_SLOT, O_CAS, O_SPILL, O_EXIT, H_CHECK,
	  H_RETAG, H_CLEAR, H_FREE };

/* The slot, with registration 1 installed; the cells; serial.next. */
byte state = SERIAL_ONE + FULL;
byte fn = 1, arg = 1;	/* a registration's id stands for its fn and arg */
short ovf[2];
byte spill;
byte cell[NCELLS];
byte slot[NCELLS];	/* 1: our slot, 2: the other one */
byte nextser = 2;

/* Ghosts. */
byte spec = 1;		/* registration the sequential slot holds */
byte filled, emptied;	/* times spec became non-zero, zero */
byte nextid = 1;	/* last registration id handed out */
short removed;		/* bit r: registration r was removed */
bool dead[MAXID + 1];	/* poisoned: a wait for it returned */
byte running[MAXID + 1];	/* calls of it under way */
byte lost;		/* BUSY state word a register lost to */
byte irq_cpu = NOIRQ;	/* the CPU the interrupt froze */
bool solo;		/* the interrupt froze every CPU */
bool syncing;		/* a synchronize runs */
byte inh;		/* contexts in an htbl_handle that found FULL */
byte infn;		/* contexts in fn */
byte pend;		/* in fn when the synchronize took `now`, still there */
byte before[8];		/* a waiter's `inh` at its reference, less the done */
byte hid[8];		/* the registration whose state a call read */
byte cellby[NCELLS];	/* the context that holds a cell */
byte ovfby[3];		/* contexts counted in _ovf[0], _ovf[1], _spill */
byte excused;		/* contexts in _spill that the exception covers */
bool waits_for_earlier = true;	/* cleared by a wait that breaks it */

/* Start of each call: the first load of _state. */
#define START(to) op++; s = state; SNAP_LOST; pc = to
/* End of each call: forget the locals, so that only what matters differs;
 * a handle leaves `inh` and every `before`; the interrupt also unfreezes
 * the CPUs. */
#define END s = 0; f = 0; a = 0; id = 0; c = 0; h = 0; i = 0; k = 0; \
	o = 0; oo = 0; t = 0; re = false; gone = 0; \
	full0 = false; sync = false; n0 = 0; n1 = 0; l0 = 0; \
	pc = IDLE; LEAVE; before[_pid] = 0; \
	if :: _pid == IRQ -> irq_cpu = NOIRQ; solo = false :: else fi
#define LEAVE if :: inh & ME -> inh = inh & ~ME; hid[_pid] = 0; \
		for (j : 0 .. NPID - 1) { before[j] = before[j] & ~ME }; \
		j = 0 \
	:: else fi
/*
 * htbl_handle's start: an empty or BUSY slot linearizes it at the load;
 * else, `emptied` is noted: a later false needs a removal since.
 */
#define HANDLE START(H_FN); \
	if :: KIND(s) != FULL -> assert(spec == 0); FOUND_EMPTY; END \
	:: else -> n1 = emptied; inh = inh | ME; hid[_pid] = spec fi
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

/* The end of ovf_enter: back to the re-check. */
#define ENTERED_GO pc = H_CHECK
/* ovf_exit of counter x and the ghosts (x == 3: counted nowhere). */
#define OVF_EXIT(x) \
	if :: x == 2 -> spill-- :: x < 2 -> ovf[x] = ovf[x] - 1 :: else fi; \
	if :: x < 3 -> ovfby[x] = ovfby[x] & ~ME :: else fi; \
	excused = excused & ~ME
/*
 * STRICT_SPILL: a call that enters _spill is excused only if the counters,
 * when it tested them, held calls of two registrations other than its own
 * (in t, free in a handle: bit k, counter k's serial was ours or counter
 * 0's; above bit 2, counter 0's serial).
 */
#ifdef STRICT_SPILL
#define SEEN if \
	:: OTAGW(ovf[k]) / 2 == TSER(s) || \
	   (k == 1 && OTAGW(ovf[1]) / 2 == t >> 2) -> t = t | (1 << k) \
	:: else -> if :: k == 0 -> t = t | (OTAGW(ovf[0]) / 2 << 2) \
		:: else fi \
	fi
#define EXCUSE ((t & 3) == 0)
#else
#define SEEN skip
#define EXCUSE true
#endif

/* A waiter's reference step; a synchronize's also takes `now`. */
#define REFERENCE before[_pid] = inh
#define Y_NOW REFERENCE; pend = infn; gone = removed; i = 0; pc = Y_TAG
/* Whether the holders in mask m justify the wait: one started before (and
 * read the registration a sync removed); _pids 1 to 6, as NCPU <= 3. */
#define HELD(m, p) ((((m) & before[_pid]) >> (p)) & 1 && \
	(!sync || hid[p] == id))
#define EARLIER(m) (HELD(m, 1) || HELD(m, 2) || HELD(m, 3) || HELD(m, 4) || \
	HELD(m, 5) || HELD(m, 6))
#define CELL_EARLIER (cellby[i] != 0 && HELD(1 << cellby[i], cellby[i]))
#define SPILL_EARLIER (EARLIER(ovfby[2]) || (excused & ovfby[2]) != 0)
#define BROKEN waits_for_earlier = false; assert(waits_for_earlier)

/* The return of a sync, and of a synchronize. */
#define SYNC_DONE assert(running[id] == 0); dead[id] = true; END
#define SYNCHRONIZE_DONE assert(pend == 0); \
	for (j : 0 .. MAXID) { \
		if :: (gone >> j) & 1 -> assert(running[j] == 0); dead[j] = true \
		:: else fi } \
	syncing = false; END

/* Takes a step only while not preempted (the interrupt never is). */
proctype ctx() provided (_pid == IRQ || (irq_cpu != _pid && !solo))
{
	mtype pc = IDLE;
	byte op, s, f, a, id, c, h, i, k, o, oo, t, n0, n1, l0, j;
	short gone;
	bool full0, sync, re;

	do
	/* ---- a CPU's calls; the interrupt's arrival on CPU 1, 2, 3 or all */
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* register */
		nextid++; id = nextid; START(R_CAS);
		full0 = (spec != 0); n0 = filled;
		if
		:: KIND(s) != EMPTY -> LOST(full0, s); END
		:: else -> nextser++
		fi }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* unregister */
		START(TAKE_FIRST); assert(KIND(s) == FULL || spec == 0);
		if :: KIND(s) != FULL -> FOUND_EMPTY; END :: else fi }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS ->	/* ..._sync */
		START(TAKE_FIRST); sync = true;
		assert(KIND(s) == FULL || spec == 0);
		if :: KIND(s) != FULL -> FOUND_EMPTY; END :: else fi }
	:: d_step { _pid != IRQ && pc == IDLE && op < OPS && !syncing ->
		START(Y_CAS); syncing = true;			/* synchronize */
#ifndef BUG_NO_FLIP
		if :: KIND(s) != FULL -> Y_NOW :: else fi }
#else
		Y_NOW }
#endif
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

	/* ---- take ---- */
	:: d_step { pc == T_FN -> f = fn; pc = T_ARG }
	:: d_step { pc == T_ARG -> a = arg; pc = ARG_NEXT }
	:: d_step { pc == T_CAS ->
		if
		:: state == s ->
			state = s - FULL + EMPTY;
			if :: sync -> REFERENCE :: else fi;
			id = spec; spec = 0; emptied++;
			removed = removed | (1 << id); pc = CAS_NEXT
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
		f = 0; a = 0;
		if
#ifndef BUG_NO_WAIT
		:: sync -> i = 0; pc = W_CELL
#else
		:: sync -> SYNC_DONE
#endif
		:: else -> END
		fi }

	/* ---- wait_removed, and the caller's poison once it returns ---- */
#define W_CELL_WAITS SAME(cell[i], TAG(s))
	:: d_step { pc == W_CELL && !W_CELL_WAITS ->
		i++; if :: i == NCELLS -> k = 0; pc = W_OVF :: else fi }
	:: d_step { pc == W_CELL && W_CELL_WAITS && !CELL_EARLIER -> BROKEN }
#define W_OVF_WAITS (OCNT(ovf[k]) != 0 && \
	((OTAGW(ovf[k]) ^ OTAG(s)) & ~1) == 0)
	:: d_step { pc == W_OVF && !W_OVF_WAITS ->
		k++; if :: k == 2 -> pc = W_SPILL :: else fi }
	:: d_step { pc == W_OVF && W_OVF_WAITS && !EARLIER(ovfby[k]) -> BROKEN }
	:: d_step { pc == W_SPILL && spill == 0 -> SYNC_DONE }
	:: d_step { pc == W_SPILL && spill != 0 && !SPILL_EARLIER -> BROKEN }

	/* ---- htbl_synchronize, cell_is_before, wait_ovf, wait_spill ---- */
	:: d_step { pc == Y_CAS ->
		if
		:: state == s -> state = s ^ EPOCH; s = state; Y_NOW
		:: else -> s = state;
			if :: KIND(s) != FULL -> Y_NOW :: else fi
		fi }
#define NEXT_CELL t = 0; i++; if :: i == NCELLS -> i = 0; k = 0; pc = Y_OVF \
	:: else -> pc = Y_TAG fi
	:: d_step { pc == Y_TAG ->
		t = cell[i];
		if
		:: t == 0 || t == TAG(s) -> NEXT_CELL
		:: else -> pc = Y_OWNER
		fi }
	:: d_step { pc == Y_OWNER && (slot[i] != 0 || cell[i] != t) ->
		if
		:: slot[i] == 1 && CELL_BEFORE(t, s) -> pc = Y_WAIT
		:: else -> NEXT_CELL
		fi }
	:: d_step { pc == Y_WAIT && cell[i] != t -> NEXT_CELL }
	:: d_step { pc == Y_WAIT && cell[i] == t && !CELL_EARLIER -> BROKEN }
#define NEXT_Y_OVF k++; if :: k == 2 -> pc = Y_SPILL :: else -> pc = Y_OVF fi
	:: d_step { pc == Y_OVF ->
		if
		:: OCNT(ovf[k]) != 0 && OVF_BEFORE(ovf[k], s) ->
			t = OTAGW(ovf[k]); pc = Y_OVFW
		:: else -> NEXT_Y_OVF
		fi }
#define Y_OVF_WAITS (OCNT(ovf[k]) != 0 && OTAGW(ovf[k]) == t)
	:: d_step { pc == Y_OVFW && !Y_OVF_WAITS -> NEXT_Y_OVF }
	:: d_step { pc == Y_OVFW && Y_OVF_WAITS && !EARLIER(ovfby[k]) -> BROKEN }
	:: d_step { pc == Y_SPILL && spill == 0 -> SYNCHRONIZE_DONE }
	:: d_step { pc == Y_SPILL && spill != 0 && !SPILL_EARLIER -> BROKEN }

	/* ---- htbl_handle, announce, ovf_enter, reannounce, withdraw ---- */
	:: d_step { pc == H_FN -> f = fn; pc = H_ARG }
	:: d_step { pc == H_ARG -> a = arg; h = 0; i = 0; pc = H_CAS }
	:: d_step { pc == H_ARG && NCELLS >= 2 -> a = arg; h = 1; i = 0;
		pc = H_CAS }
	:: d_step { pc == H_CAS ->
		if
		:: CELL == 0 -> CELL = TAG(s); c = (h + i) % NCELLS + 1;
			cellby[c - 1] = _pid; pc = H_SLOT
		:: else ->
			i++; if :: i == NCELLS -> i = 0; k = 0; pc = O_CAS :: else fi
		fi }
	:: d_step { pc == H_SLOT -> slot[c - 1] = 1; i = 0; pc = H_CHECK }
#ifdef BUG_CLAIM_SPINS
	/* Wait for a free cell instead of counting. */
	:: d_step { pc == O_CAS && cell[h] == 0 -> i = 0; pc = H_CAS }
#elif defined(BUG_NO_COUNT)
	:: d_step { pc == O_CAS -> o = 3; pc = H_CHECK }
#elif defined(BUG_ONE_COUNTER)
	:: d_step { pc == O_CAS -> spill++; ovfby[2] = ovfby[2] | ME; o = 2;
		ENTERED_GO }
#else
	:: d_step { pc == O_CAS ->
		if
		:: USABLE(ovf[k]) -> ovf[k] = ENTERED(ovf[k]);
			ovfby[k] = ovfby[k] | ME; o = k; k = 0; ENTERED_GO
		:: else -> SEEN; k++; if :: k == 2 -> pc = O_SPILL :: else fi
		fi }
	:: d_step { pc == O_SPILL -> spill++; ovfby[2] = ovfby[2] | ME; o = 2;
		if :: EXCUSE -> excused = excused | ME
		:: else -> excused = excused & ~ME fi;
		t = 0; ENTERED_GO }
#endif
	:: d_step { pc == O_EXIT -> OVF_EXIT(oo); re = false; oo = 0;
		k = 0; pc = O_CAS }
	:: d_step { pc == H_CHECK ->
		if
#ifdef BUG_NO_RECHECK
		:: true ->
#else
		:: state == s ->
#endif
			assert(f == a);		/* fn(arg) starts: untorn, */
			assert(!dead[a]);	/* not freed, */
			assert(spec == a);	/* and linearized here */
			running[a]++; infn = infn | ME; f = 0; pc = H_CLEAR
		:: state != s && SAME(state, s) ->	/* an epoch flip */
#ifdef BUG_EPOCH_FALSE
			assert(emptied != n1);
			a = 0; pc = H_CLEAR
#else
			s = state;
			if
			:: c != 0 -> pc = H_RETAG
			:: else -> re = true; oo = o; pc = O_EXIT
			fi
#endif
		:: else ->
			assert(emptied != n1);
			a = 0; f = 0; pc = H_CLEAR
		fi }
	:: d_step { pc == H_RETAG -> cell[c - 1] = TAG(s); pc = H_CHECK }
	:: d_step { pc == H_CLEAR ->
		if
		:: infn & ME -> running[a]--; infn = infn & ~ME;
			pend = pend & ~ME
		:: else
		fi;
		if
		:: c != 0 -> slot[c - 1] = 0; pc = H_FREE
		:: c == 0 && o < 3 -> OVF_EXIT(o); END
		:: else -> END
		fi }
	:: d_step { pc == H_FREE -> cell[c - 1] = 0; cellby[c - 1] = 0; END }
	od
}

/* The other slot's calls: FOREIGN claims of a free cell, each in the four
 * steps of announce and withdraw (or none, when every cell is taken). */
proctype foreign() provided (!solo)
{
	byte r, x, p;

	do
	:: d_step { p == 0 && r < FOREIGN && cell[0] == 0 ->
		cell[0] = FTAG; cellby[0] = _pid; x = 0; p = 1 }
	:: d_step { p == 0 && r < FOREIGN && NCELLS >= 2 && cell[1] == 0 ->
		cell[1] = FTAG; cellby[1] = _pid; x = 1; p = 1 }
	:: d_step { p == 0 && r < FOREIGN -> r++ }
	:: d_step { p == 1 -> slot[x] = 2; p = 2 }
	:: d_step { p == 2 -> slot[x] = 0; p = 3 }
	:: d_step { p == 3 -> cell[x] = 0; cellby[x] = 0; x = 0; p = 0; r++ }
	:: p == 0 && r == FOREIGN -> break
	od
}

/*
 * The stale call: it finds the slot changed and leaves _ovf[1] (STALE 1),
 * or cell 0 in the two steps of withdraw (STALE 2).
 */
proctype stale() provided (!solo)
{
	byte j;

#if STALE == 1
	d_step { ovf[1] = ovf[1] - 1; ovfby[1] = ovfby[1] & ~ME; LEAVE }
#else
	slot[0] = 0;
	d_step { cell[0] = 0; cellby[0] = 0; LEAVE }
#endif
}

init
{
	byte k;

	atomic {
		for (k : 0 .. TAKEN - 1) {
			cell[k] = FTAG; slot[k] = 2; cellby[k] = TPID
		}
		for (k : 1 .. NCPU + 1) {
			run ctx()
		}
		if :: FOREIGN > 0 -> run foreign() :: else fi;
		if
		:: STALE == 1 -> k = run stale();
			ovf[1] = OTAG(STAG) * (CNT_MAX + 1) + 1; ovfby[1] = 1 << k
		:: STALE == 2 -> k = run stale();
			cell[0] = STAG; slot[0] = 1; cellby[0] = k
		:: else
		fi;
		if :: STALE -> inh = 1 << k; removed = 1 :: else fi
	}
}
