/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_swap_fallback.c: synchronize_swap.c with one dispatch cell
 * and two dispatchers: when both are in htbl_handle at once, one finds the
 * cell taken and counts itself in the slot's overflow counter instead. The
 * owner points the handler at a new buffer, synchronizes, then frees the
 * old one: a call that still reads the old pointer, counted or in the
 * cell, was running when the synchronize was called and must be waited
 * for, and no handler may see the old buffer freed.
 *
 * The counter's CAS in ovf_enter and the call's re-check against the flip
 * and htbl_synchronize's load of the counter form a Dekker pair, as the
 * claim does with the cell loads. Kills the relaxed counter load of
 * htbl_synchronize (it would miss the count while the call misses the
 * flip), and the relaxed flip CAS, as synchronize_swap.c does.
 */
#define HTBL_CELLS 1
#define SWAP_DISPATCHERS 2

#include "synchronize_swap.c"
