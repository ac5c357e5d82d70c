# SPDX-License-Identifier: BSD-2-Clause
# nospec.awk: is the table index still clamped by data flow, and on Arm
# behind csdb, in the machine code a compiler made? Used by nospec_check.sh.
#
# Input: `objdump -dr --no-show-raw-insn` of one object. Variables:
#   isa     x86, riscv, aarch64 or arm (A32 and T32)
#   funcs   the functions to check, separated by spaces, each as name or
#           name:ROLES, ROLES saying what the first arguments are: t the
#           table, i the index, n the size, - another ("ti" when not given)
#   strict  1: on Arm, the clamp's mask must pass a barrier even when it is
#           computed without flags
#   trace   1: print each step of the walk on stderr
# Prints "name ok" or "name bad REASON" for each of funcs that it defines.
#
# Every path from a function's entry is followed with each register's value
# tagged: I made from the index; J chosen by flags compared from it (cset,
# sbb); N from the table's size (a load at a non-zero offset from the table
# pointer, T); C combining the index with itself (the clamp: idx | (n - 1 -
# idx), idx & mask, a select of idx); F selected on flags compared from the
# index (csel, a predicated move, a carry) and not passed through a barrier
# since; B the clamp's mask after a barrier. Static functions that get the
# index are walked into. A path stops at the first access to memory, or
# call, whose address or arguments carry I: the slot access. It is bad if a
# conditional branch on the index came before it besides the bounds check
# (the clamp became a branch); if the address does not depend on n (on C,
# where n is a constant): the clamp was optimized away; or, on Arm, if it
# carries F.

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }

# The union of two tag sets.
function tu(a, b,   r, k, c) {
	r = ""
	for (k = 1; k <= 7; k++) {
		c = substr("IJNTFCB", k, 1)
		if (index(a, c) || index(b, c)) r = r c
	}
	return r
}

# Split operands at the commas outside brackets.
function splitops(s, arr,   n, i, c, depth, cur) {
	n = 0; depth = 0; cur = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "[" || c == "(" || c == "{") depth++
		else if (c == "]" || c == ")" || c == "}") depth--
		if (c == "," && depth == 0) { arr[++n] = trim(cur); cur = "" }
		else cur = cur c
	}
	if (trim(cur) != "") arr[++n] = trim(cur)
	return n
}

function x86reg(w) {
	sub(/^%/, "", w)
	if (w ~ /^r([89]|1[0-5])[dwb]?$/) { sub(/[dwb]$/, "", w); return w }
	if (w ~ /^[re]?[abcd]x$/ || w ~ /^[abcd][lh]$/)
		return "r" substr(w, length(w) == 3 ? 2 : 1, 1) "x"
	if (w ~ /^[re]?(si|di|bp|sp)l?$/) {
		sub(/^[re]/, "", w); sub(/l$/, "", w); return "r" w
	}
	return ""
}

# The canonical name of register w; "" when w is none, or the zero register.
function reg(w) {
	if (isa == "aarch64") {
		if (w ~ /^[xw]([0-9]|[12][0-9]|30)$/) return "x" substr(w, 2)
		return (w == "sp" || w == "wsp") ? "sp" : ""
	}
	if (isa == "arm") {
		if (w ~ /^r([0-9]|1[0-5])$/ || w ~ /^(sp|lr|pc)$/) return w
		if (w == "fp") return "r11"
		if (w == "ip") return "r12"
		if (w == "sl") return "r10"
		return (w == "sb") ? "r9" : ""
	}
	if (isa == "riscv") {
		if (w == "fp") return "s0"
		return (w ~ /^(ra|sp|gp|tp|t[0-6]|s[0-9]|s1[01]|a[0-7])$/) ? w : ""
	}
	return (w ~ /^%/) ? x86reg(w) : ""
}

# The registers named in operand text s, each after a space.
function regsof(s,   n, w, i, r, out) {
	n = split(s, w, /[^A-Za-z0-9_%]+/)
	out = ""
	for (i = 1; i <= n; i++) {
		if (isa == "x86" && w[i] !~ /^%/) continue
		r = reg(w[i])
		if (r != "") out = out " " r
	}
	return out
}

# Memory operand s of instruction i: its base MB, displacement MD (0 when
# none) and address registers MA.
function memop(i, s,   in_, p, part, d) {
	if (isa == "aarch64" || isa == "arm") {
		in_ = s; sub(/^[^\[]*\[/, "", in_); sub(/\].*$/, "", in_)
		split(in_, part, ",")
		d = (trim(part[2]) ~ /^#/) ? trim(part[2]) : ""
	} else {
		p = index(s, "(")
		d = substr(s, 1, p - 1); sub(/^.*:/, "", d)
		in_ = substr(s, p + 1); sub(/\).*$/, "", in_)
		split(in_, part, ",")
	}
	MB[i] = reg(trim(part[1])); MA[i] = regsof(in_)
	sub(/^#/, "", d)
	MD[i] = (d == "" || d ~ /^-?(0x)?0+$/) ? "0" : d
}

function regs_before_mem(n, op,   k, out) {
	out = ""
	for (k = 1; k <= n && op[k] !~ /[\[(]/; k++) out = out regsof(op[k])
	return out
}

# A branch or call's target: TA its address, TS its symbol.
function target(i, s,   t) {
	t = s; sub(/[ \t]*<.*$/, "", t); sub(/^.*[ ,]/, "", t)
	TA[i] = t
	if (match(s, /<[^>+]*>/)) TS[i] = substr(s, RSTART + 1, RLENGTH - 2)
}

function dec_aarch64(i, mn, ops,   n, op, k) {
	n = splitops(ops, op)
	if (mn == "b") { K[i] = "b"; target(i, ops) }
	else if (mn ~ /^b\./) { K[i] = "cb"; RF[i] = 1; target(i, ops) }
	else if (mn ~ /^(cbz|cbnz|tbz|tbnz)$/) {
		K[i] = "cb"; S[i] = regsof(op[1]); target(i, op[n])
	} else if (mn == "bl") { K[i] = "call"; target(i, ops) }
	else if (mn == "blr") K[i] = "icall"
	else if (mn == "br") K[i] = "ijmp"
	else if (mn ~ /^ret/ || mn == "eret") K[i] = "ret"
	else if (mn == "csdb" || mn == "sb" || (mn == "hint" && op[1] ~ /^#(0x14|20)$/)) {
		K[i] = "bar"; BAR[i] = "csdb"
	} else if (mn == "dsb" || mn == "isb") { K[i] = "bar"; BAR[i] = mn }
	else if (mn ~ /^(dmb|nop|hint|yield|wfe|wfi|sev|sevl|prfm|prfum|clrex|bti|msr)$/)
		K[i] = "nop"
	else if (mn ~ /^(svc|hvc|smc|brk|udf|hlt)$/) K[i] = "end"
	else if (mn ~ /^(cmp|cmn|tst|ccmp|ccmn)$/) {
		SF[i] = 1; RF[i] = (mn ~ /^cc/); S[i] = regsof(ops)
	} else if (mn ~ /^(csel|csinc|csinv|csneg|cset|csetm|cinc|cinv|cneg|adcs?|sbcs?|ngcs?)$/) {
		RF[i] = 1; SF[i] = (mn ~ /^(adcs|sbcs|ngcs)$/); D[i] = regsof(op[1])
		for (k = 2; k <= n; k++) S[i] = S[i] regsof(op[k])
	} else if (mn ~ /^casp?(a|l|al)?[bh]?$/) {
		MEM[i] = 1; LD[i] = 1; D[i] = regsof(op[1])
		S[i] = regsof(op[1]) regsof(op[2]); memop(i, op[n])
	} else if (mn ~ /^(ld(add|clr|eor|set|smax|smin|umax|umin)|swp)(a|l|al)?[bh]?$/) {
		MEM[i] = 1; LD[i] = 1; D[i] = regsof(op[2]); S[i] = regsof(op[1])
		memop(i, op[n])
	} else if (mn ~ /^st(l?xr|l?xp)[bh]?$/) {
		MEM[i] = 1; D[i] = regsof(op[1])
		for (k = 2; k < n; k++) S[i] = S[i] regsof(op[k])
		memop(i, op[n])
	} else if (mn ~ /^(st|ld)/) {
		MEM[i] = 1
		if (mn ~ /^st/) { STO[i] = 1; S[i] = regs_before_mem(n, op) }
		else { LD[i] = 1; D[i] = regs_before_mem(n, op) }
		for (k = 1; k <= n; k++) if (op[k] ~ /\[/) memop(i, op[k])
	} else {
		D[i] = regsof(op[1])
		for (k = 2; k <= n; k++) S[i] = S[i] regsof(op[k])
		if (mn ~ /^(movk|bfi|bfxil|bfm)$/) S[i] = S[i] D[i]
		SF[i] = (mn ~ /^(adds|subs|ands|bics|negs)$/)
	}
}

# A32/T32 mnemonic m as ABASE, AS (sets flags) and ACOND.
function arm_mnemonic(m,   l, b) {
	sub(/\.[wn]$/, "", m)
	ABASE = m; AS = 0; ACOND = ""
	if (m ~ /^it[te]*$/) { ABASE = "it"; return }
	if (m in ARMB) return
	l = length(m)
	if (l > 2 && (substr(m, l - 1) in CONDS)) {
		b = substr(m, 1, l - 2)
		if (b in ARMB) { ABASE = b; ACOND = substr(m, l - 1); return }
		if (b ~ /s$/ && (substr(b, 1, l - 3) in ARMB)) {
			ABASE = substr(b, 1, l - 3); AS = 1; ACOND = substr(m, l - 1)
			return
		}
	}
	if (m ~ /s$/ && (substr(m, 1, l - 1) in ARMB)) { ABASE = substr(m, 1, l - 1); AS = 1 }
}

function dec_arm(i, mn, ops,   n, op, k, b, pred, topc, t) {
	n = splitops(ops, op)
	arm_mnemonic(mn); b = ABASE
	pred = (ACOND != "" && ACOND != "al")
	if (pred) CC[i] = ACOND
	topc = (b == "ldr") ? (op[1] == "pc") : (ops ~ /\{.*pc.*\}/)
	if (b == "b") { K[i] = pred ? "cb" : "b"; target(i, ops) }
	else if (b == "bl" || b == "blx") {
		if (reg(op[1]) != "") K[i] = "icall"; else { K[i] = "call"; target(i, ops) }
	} else if (b == "bx") K[i] = (op[1] == "lr") ? (pred ? "cret" : "ret") : "ijmp"
	else if (b == "cbz" || b == "cbnz") { K[i] = "cb"; S[i] = regsof(op[1]); target(i, op[n]) }
	else if (b == "tbb" || b == "tbh") K[i] = "ijmp"
	else if ((b == "pop" || b ~ /^ldm/ || b == "ldr") && topc) K[i] = pred ? "cret" : "ret"
	else if (b == "pop") D[i] = regsof(ops)
	else if (b ~ /^ldm/) {
		MEM[i] = 1; LD[i] = 1; t = op[1]; sub(/!$/, "", t); MB[i] = reg(t)
		MA[i] = " " MB[i]; D[i] = regsof(substr(ops, index(ops, "{")))
	} else if (b == "push" || b ~ /^stm/ || b == "it") K[i] = "nop"
	else if (b == "csdb") { K[i] = "bar"; BAR[i] = "csdb" }
	else if (b == "dsb" || b == "isb") { K[i] = "bar"; BAR[i] = b }
	else if (b ~ /^(dmb|nop|yield|wfe|wfi|sev|clrex|pld|cpsid|cpsie|msr)$/) K[i] = "nop"
	else if (b ~ /^(svc|bkpt|udf)$/) K[i] = "end"
	else if (b ~ /^(cmp|cmn|tst|teq)$/) { SF[i] = 1; S[i] = regsof(ops) }
	else if (b ~ /^(strex|stlex)/) {
		MEM[i] = 1; D[i] = regsof(op[1])
		for (k = 2; k < n; k++) S[i] = S[i] regsof(op[k])
		memop(i, op[n])
	} else if (b ~ /^(str|stl|ldr|lda)/) {
		MEM[i] = 1
		if (b ~ /^st/) { STO[i] = 1; S[i] = regs_before_mem(n, op) }
		else { LD[i] = 1; D[i] = regs_before_mem(n, op) }
		for (k = 1; k <= n; k++) if (op[k] ~ /\[/) memop(i, op[k])
	} else {
		D[i] = regsof(op[1])
		for (k = 2; k <= n; k++) S[i] = S[i] regsof(op[k])
		if ((n == 2 && b in ARMBIN) || b ~ /^(movt|bfi|bfc)$/) S[i] = S[i] D[i]
		RF[i] = (b ~ /^(adc|sbc|rsc)$/); SF[i] = AS
	}
	# A predicated instruction reads the flags, and keeps the old value
	# of what it writes when it does not run.
	if (pred) RF[i] = 1
	if (pred && K[i] != "cb" && K[i] != "cret") S[i] = S[i] D[i]
}

function dec_riscv(i, mn, ops,   n, op, k) {
	n = splitops(ops, op)
	if (mn ~ /^b(eq|ne|lt|ge|ltu|geu|gt|le|gtu|leu|eqz|nez|lez|gez|ltz|gtz)$/) {
		K[i] = "cb"; target(i, op[n])
		for (k = 1; k < n; k++) S[i] = S[i] regsof(op[k])
	} else if (mn == "j") { K[i] = "b"; target(i, ops) }
	else if (mn == "jal") { K[i] = "call"; target(i, op[n]) }
	else if (mn == "jalr") K[i] = (K[i - 1] == "call" && MNEM[i - 1] == "auipc") ? "nop" : "icall"
	else if (mn == "jr") K[i] = "ijmp"
	else if (mn == "ret") K[i] = "ret"
	else if (mn ~ /^(fence|nop|wfi|pause)/) K[i] = "nop"
	else if (mn ~ /^(ecall|ebreak|unimp|mret)$/) K[i] = "end"
	else if (mn ~ /^(lb|lh|lw|ld|lbu|lhu|lwu)$/ || mn ~ /^lr\./) {
		MEM[i] = 1; LD[i] = 1; D[i] = regsof(op[1]); memop(i, op[n])
	} else if (mn ~ /^(sb|sh|sw|sd)$/) {
		MEM[i] = 1; STO[i] = 1; S[i] = regsof(op[1]); memop(i, op[n])
	} else if (mn ~ /^(sc|amo)/) {
		MEM[i] = 1; LD[i] = (mn ~ /^amo/); D[i] = regsof(op[1])
		S[i] = regsof(op[2]); memop(i, op[n])
	} else if (mn ~ /^(li|lui|auipc)$/) D[i] = regsof(op[1])
	else {
		D[i] = regsof(op[1])
		for (k = 2; k <= n; k++) S[i] = S[i] regsof(op[k])
	}
}

function dec_x86(i, mn, ops,   n, op, k, dst, m) {
	n = splitops(ops, op)
	dst = op[n]; m = 0
	for (k = 1; k <= n; k++)
		if (op[k] ~ /\(/ && mn !~ /^(lea|nop)/) { m = k; memop(i, op[k]) }
	if (m) {
		MEM[i] = 1
		if (m == n && n > 1 && mn !~ /^(cmp|test)/) STO[i] = 1; else LD[i] = 1
	}
	if (mn == "jmp") { if (ops ~ /^\*/) K[i] = "ijmp"; else { K[i] = "b"; target(i, ops) } }
	else if (mn ~ /^j/) { K[i] = "cb"; RF[i] = 1; target(i, ops) }
	else if (mn ~ /^call/) { if (ops ~ /^\*/) K[i] = "icall"; else { K[i] = "call"; target(i, ops) } }
	else if (mn ~ /^ret/) K[i] = "ret"
	else if (mn == "lfence") { K[i] = "bar"; BAR[i] = "csdb" }
	else if (mn ~ /^(nop|pause|mfence|sfence|endbr|push|leave|clt|cqt|cqo)/) K[i] = "nop"
	else if (mn ~ /^(ud2|hlt|int3)/) K[i] = "end"
	else if (mn ~ /^(cmp|test)/) { SF[i] = 1; S[i] = regsof(ops) }
	else if (mn ~ /^cmov/) { RF[i] = 1; D[i] = regsof(dst); S[i] = regsof(ops) }
	else if (mn ~ /^set/) { RF[i] = 1; D[i] = regsof(dst) }
	else if (mn ~ /^(sbb|adc)/) {
		RF[i] = 1; SF[i] = 1; D[i] = regsof(dst)
		if (op[1] != op[2]) S[i] = regsof(ops)
	} else if (mn ~ /^(xor|sub)/ && op[1] == op[2]) { SF[i] = 1; D[i] = regsof(dst) }
	else if (mn ~ /^lea/) { D[i] = regsof(dst); S[i] = regsof(op[1]) }
	else if (mn ~ /^pop/) D[i] = regsof(dst)
	else if (mn ~ /^mov/) {
		if (!STO[i]) D[i] = regsof(dst)
		S[i] = (m == 1) ? "" : regsof(op[1])
	} else if (mn ~ /^cmpxchg/) { D[i] = " rax"; S[i] = regsof(op[1]) " rax" }
	else if (mn ~ /^(xadd|xchg)/) {
		D[i] = regsof(op[1]) (STO[i] ? "" : regsof(dst)); S[i] = regsof(ops)
	} else {
		if (!STO[i]) D[i] = regsof(dst)
		for (k = 1; k <= n; k++) if (k != m) S[i] = S[i] regsof(op[k])
		SF[i] = 1
	}
}

function decode(i, mn, ops) {
	K[i] = "op"; D[i] = ""; S[i] = ""; MEM[i] = 0; LD[i] = 0; STO[i] = 0
	SF[i] = 0; RF[i] = 0; CC[i] = ""; MA[i] = ""; MB[i] = ""; MD[i] = "0"
	TA[i] = ""; TS[i] = ""; BAR[i] = ""
	if (isa == "aarch64") dec_aarch64(i, mn, ops)
	else if (isa == "arm") dec_arm(i, mn, ops)
	else if (isa == "riscv") dec_riscv(i, mn, ops)
	else dec_x86(i, mn, ops)
}

BEGIN {
	nw = split(funcs, w, " ")
	for (k = 1; k <= nw; k++) {
		split(w[k], kv, ":")
		WANT[kv[1]] = (kv[2] == "") ? "ti" : kv[2]
	}
	split("eq ne cs hs cc lo mi pl vs vc hi ls ge lt gt le al", w, " ")
	for (k in w) CONDS[w[k]] = 1
	split("mov mvn movw movt add adc sub sbc rsb rsc and orr eor bic orn " \
	    "cmp cmn tst teq lsl lsr asr ror rrx mul mla mls umull smull " \
	    "umlal smlal udiv sdiv neg adr ldr ldrb ldrh ldrsb ldrsh ldrd " \
	    "ldrex ldrexb ldrexh ldrexd lda ldab ldah ldaex str strb strh " \
	    "strd strex strexb strexh strexd stl stlex ldm ldmia ldmib ldmda " \
	    "ldmdb ldmfd stm stmia stmib stmda stmdb stmfd push pop b bl blx " \
	    "bx cbz cbnz tbb tbh dmb dsb isb csdb nop yield wfe wfi sev clrex " \
	    "uxtb uxth uxtab uxtah sxtb sxth sxtab sxtah ubfx sbfx bfi bfc " \
	    "clz rev rev16 revsh rbit mrs msr cpsid cpsie svc bkpt udf pld " \
	    "ssat usat sel", w, " ")
	for (k in w) ARMB[w[k]] = 1
	split("add adc sub sbc rsb and orr eor bic orn lsl lsr asr ror mul", w, " ")
	for (k in w) ARMBIN[w[k]] = 1
	if (isa == "aarch64") {
		ARGS = "x0 x1 x2 x3 x4 x5 x6 x7"; RETR = "x0"; STACKR = " sp x29 "
		CLOB = ARGS " x8 x9 x10 x11 x12 x13 x14 x15 x16 x17 x18 x30"
		COMMENT = "[ \t]+//.*$"
	} else if (isa == "arm") {
		ARGS = "r0 r1 r2 r3"; RETR = "r0"; STACKR = " sp r7 r11 "
		CLOB = ARGS " r12 lr"; COMMENT = "[ \t]+@.*$"
	} else if (isa == "riscv") {
		ARGS = "a0 a1 a2 a3 a4 a5 a6 a7"; RETR = "a0"; STACKR = " sp s0 "
		CLOB = ARGS " ra t0 t1 t2 t3 t4 t5 t6"; COMMENT = "[ \t]+#.*$"
	} else {
		ARGS = "rdi rsi rdx rcx r8 r9"; RETR = "rax"; STACKR = " rsp rbp "
		CLOB = ARGS " rax r10 r11"; COMMENT = "[ \t]+#.*$"
	}
	split(ARGS, ARG, " ")
	ARM = (isa == "aarch64" || isa == "arm")
	NI = 0; SEC = 0; cur = ""
}

/^Disassembly of section/ { SEC++; next }

# A symbol: a function starts, unless it is a local label inside one.
/^[0-9a-f]+ <[^>]*>:$/ {
	name = $2; sub(/^</, "", name); sub(/>:$/, "", name)
	if (name ~ /^(\.L|\$)/) next
	if (cur != "") FE[cur] = NI
	cur = name; FB[cur] = NI + 1; FE[cur] = NI; ORDER[++NFUNC] = cur
	next
}

# A relocation names the callee of the instruction before it.
/^[ \t]+[0-9a-f]+:[ \t]+R_/ {
	t = $3; sub(/[-+]0x[0-9a-f]+$/, "", t)
	if (isa == "riscv" && $2 ~ /^R_RISCV_CALL/) { K[NI] = "call"; TS[NI] = t; D[NI] = "" }
	else if (NI > 0 && K[NI] ~ /^(call|b)$/) TS[NI] = t
	next
}

/^ *[0-9a-f]+:\t/ && cur != "" {
	line = $0
	addr = line; sub(/^ */, "", addr); sub(/:.*$/, "", addr)
	sub(/^ *[0-9a-f]+:\t/, "", line)
	sub(COMMENT, "", line)
	if (isa == "x86") {
		gsub(/\t/, " ", line)
		while (line ~ /^(lock|rep[a-z]*|notrack|bnd|data16|cs|ds|addr32) /)
			sub(/^[a-z0-9]+ /, "", line)
	}
	mn = line; sub(/[ \t].*$/, "", mn)
	ops = line
	if (ops ~ /[ \t]/) sub(/^[^ \t]+[ \t]+/, "", ops); else ops = ""
	if (mn ~ /^\./ || mn == "") next
	NI++
	ADDR[NI] = addr; FN[NI] = cur; SECOF[NI] = SEC; AT[SEC, addr] = NI
	MNEM[NI] = mn
	decode(NI, mn, ops)
	next
}

# ---- the walk ------------------------------------------------------------

# The state of a path: FL (the flags' tags), NBR (conditional branches on
# the index so far), BR2 (where the second was), FPC (where F was last
# made), DSB and ISB (half of that barrier seen), NSEEN (n was loaded),
# TT (each register's tags) and STK (stack slots' tags).
function ser(   r, s) {
	s = FL "|" NBR "|" BR2 "|" FPC "|" DSB ISB NSEEN "|"
	for (r in TT) if (TT[r] != "") s = s r "=" TT[r] ";"
	s = s "|"
	for (r in STK) if (STK[r] != "") s = s r "=" STK[r] ";"
	return s
}

function deser(s,   p, n, e, k, kv) {
	split(s, p, "|")
	FL = p[1]; NBR = p[2] + 0; BR2 = p[3]; FPC = p[4]
	DSB = substr(p[5], 1, 1) + 0; ISB = substr(p[5], 2, 1) + 0
	NSEEN = substr(p[5], 3, 1) + 0
	for (k in TT) delete TT[k]
	for (k in STK) delete STK[k]
	n = split(p[6], e, ";")
	for (k = 1; k <= n; k++) if (split(e[k], kv, "=") == 2) TT[kv[1]] = kv[2]
	n = split(p[7], e, ";")
	for (k = 1; k <= n; k++) if (split(e[k], kv, "=") == 2) STK[kv[1]] = kv[2]
}

function tagsof(list,   n, r, k, t) {
	n = split(list, r, " "); t = ""
	for (k = 1; k <= n; k++) t = tu(t, TT[r[k]])
	return t
}

# How many distinct registers of list carry tag a or tag b.
function count(list, a, b,   n, r, k, c, seen) {
	n = split(list, r, " "); c = 0
	for (k = 1; k <= n; k++)
		if (!(r[k] in seen) && (index(TT[r[k]], a) || index(TT[r[k]], b))) {
			seen[r[k]] = 1; c++
		}
	return c
}

# A speculation barrier: nothing computed so far is still a prediction.
function barrier(   r) {
	for (r in TT) { if (index(TT[r], "C")) TT[r] = tu(TT[r], "B"); sub(/F/, "", TT[r]) }
	for (r in STK) sub(/F/, "", STK[r])
	sub(/F/, "", FL)
	DSB = 0; ISB = 0
}

function clobber(   n, r, k) {
	n = split(CLOB, r, " ")
	for (k = 1; k <= n; k++) TT[r[k]] = ""
}

# Where F was made, for the verdict.
function flagsel(i) {
	return "the index, selected on flags at " ADDR[i] " in " FN[i] " (" MNEM[i] ": a conditional select, predicated or carry instruction),"
}

# The verdict on an access through the index, whose address has tags used.
function verdict(used, where) {
	if (NBR >= 2)
		return "a conditional branch on the index at " BR2 \
		    ", besides the bounds check, before the access at " where \
		    ": the clamp is a branch"
	if (NSEEN ? !index(used, "N") : !index(used, "C"))
		return "the index reaches the access at " where \
		    " unclamped: the mask was optimized away"
	if (ARM && index(used, "F"))
		return FPC " reaches the access at " where " with no csdb in between"
	return ""
}

# Whether predicated instruction i only runs on its way out: a conditional
# branch or return on its condition follows before the flags change.
function exit_only(i,   j) {
	for (j = i + 1; j <= i + 4 && FN[j] == FN[i]; j++) {
		if (MNEM[j] ~ /^it[te]*$/) continue
		if (CC[j] != CC[i]) return 0
		if (K[j] == "cb" || K[j] == "cret") return 1
		if (SF[j]) return 0
	}
	return 0
}

# A path of the walk at depth returns: what its caller gets back.
function returned(depth) {
	RT[depth] = tu(RT[depth], TT[RETR])
	if (NBR > RN[depth]) RN[depth] = NBR
	if (NSEEN) RNS[depth] = 1
	if (index(TT[RETR], "F")) RF_PC[depth] = FPC
}

# Whether branch i jumps inside function f.
function inside(i, f) {
	return ((SECOF[i], TA[i]) in AT) && FN[AT[SECOF[i], TA[i]]] == f
}

# Walk every path of f from state init. Sets W_FOUND (an access through
# the index was reached), W_RES (the first bad verdict, or ""), and what a
# caller gets back: W_RET (the return value's tags), W_NBR, W_NSEEN.
function walk(f, init, depth,   base, i, steps, total, res, found, used, t, d, n, r, k, save, g, cinit, ar, seen, c, fl) {
	base = SP; PS[SP] = FB[f]; PST[SP] = init; SP++
	res = ""; found = 0; total = 0
	RT[depth] = ""; RN[depth] = 0; RNS[depth] = 0
	while (SP > base) {
		SP--; i = PS[SP]; deser(PST[SP])
		steps = 0
		while (i >= FB[f] && i <= FE[f] && ++steps <= 600 && ++total <= 40000) {
			if ((i SUBSEP ser()) in seen) break
			seen[i, ser()] = 1
			if (trace) print "# " f " " ADDR[i] " " MNEM[i] " " K[i] " D=" D[i] " S=" S[i] " MA=" MA[i] " | " ser() > "/dev/stderr"
			if (CC[i] != "" && K[i] != "cb" && K[i] != "cret" && exit_only(i)) { i++; continue }
			if (MEM[i]) {
				used = tagsof(MA[i])
				if (CC[i] != "" && index(FL, "I")) { used = tu(used, "F"); FPC = flagsel(i) }
				if (index(used, "I")) {
					found = 1; t = verdict(used, ADDR[i])
					if (res == "") res = t
					break
				}
			}
			if (K[i] == "bar") {
				if (BAR[i] == "dsb") DSB = 1
				if (BAR[i] == "isb") ISB = 1
				if (BAR[i] == "csdb" || (DSB && ISB)) barrier()
				i++; continue
			}
			if (K[i] == "end") break
			if (K[i] == "ret") { returned(depth); break }
			if (K[i] ~ /^(call|icall|ijmp)$/ || (K[i] == "b" && !inside(i, f))) {
				ar = tagsof(ARGS); g = TS[i]
				if (index(ar, "I") && K[i] ~ /^(call|b)$/ && (g in FB) && g != f && depth < 4) {
					save = ser()
					cinit = ""
					for (k = 1; k in ARG; k++)
						if (TT[ARG[k]] != "") cinit = cinit ARG[k] "=" TT[ARG[k]] ";"
					cinit = "|" NBR "|" BR2 "|" FPC "|" DSB ISB NSEEN "|" cinit "|"
					walk(g, cinit, depth + 1)
					deser(save)
					if (W_FOUND) { found = 1; if (res == "") res = W_RES; break }
					clobber(); TT[RETR] = W_RET; NBR = W_NBR; NSEEN = NSEEN || W_NSEEN
					if (index(W_RET, "F")) FPC = W_FPC
					if (K[i] == "b") { returned(depth); break }
					i++; continue
				}
				if (index(ar, "I")) {
					found = 1; t = verdict(ar, ADDR[i])
					if (res == "") res = t
					break
				}
				if (K[i] ~ /^(b|ijmp)$/) break
				clobber(); i++; continue
			}
			if (K[i] == "cb" || K[i] == "cret") {
				t = tu(RF[i] ? FL : "", tagsof(S[i]))
				if ((index(t, "I") || index(t, "J")) && ++NBR == 2) BR2 = ADDR[i]
				if (K[i] == "cret") returned(depth)
				else if (inside(i, f)) { PS[SP] = AT[SECOF[i], TA[i]]; PST[SP] = ser(); SP++ }
				i++; continue
			}
			if (K[i] == "b") { i = AT[SECOF[i], TA[i]]; continue }
			if (K[i] == "nop") { i++; continue }
			# It computes: the tags of its result.
			t = tagsof(S[i])
			c = count(S[i], "I", "I") >= 1 && count(S[i], "I", "J") >= 2
			if (RF[i]) {
				# Flags compared from the index make it J, not I: the
				# value is chosen by the index, not made of it.
				fl = FL
				if (sub(/I/, "", fl)) {
					fl = tu(fl, "JF"); FPC = flagsel(i)
					if (index(t, "I")) c = 1
				}
				t = tu(t, fl)
			}
			if (c) t = tu(t, "C")
			if (LD[i]) {
				if (index(TT[MB[i]], "T") && MD[i] != "0") { t = tu(t, "N"); NSEEN = 1 }
				if (index(STACKR, " " MB[i] " ")) t = tu(t, STK[MB[i] ":" MD[i]])
			}
			if (ARM && strict && index(t, "C") && !index(t, "B") && !index(t, "F")) {
				t = tu(t, "F"); FPC = "the clamp's mask, made at " ADDR[i] " in " f ","
			}
			if (STO[i] && index(STACKR, " " MB[i] " ")) STK[MB[i] ":" MD[i]] = t
			# The words after the first of a pair or multiple load are
			# above it: from the table, they are n.
			d = t
			if (LD[i] && index(TT[MB[i]], "T")) d = tu(t, "N")
			n = split(D[i], r, " ")
			if (n > 1 && d != t) NSEEN = 1
			for (k = 1; k <= n; k++) TT[r[k]] = (k > 1) ? d : t
			if (SF[i]) FL = t
			i++
		}
	}
	W_FOUND = found; W_RES = res; W_RET = RT[depth]; W_NBR = RN[depth]
	W_NSEEN = RNS[depth]; W_FPC = RF_PC[depth]
}

END {
	if (cur != "") FE[cur] = NI
	for (k = 1; k <= NFUNC; k++) {
		f = ORDER[k]
		if (!(f in WANT)) continue
		init = ""
		for (j = 1; j <= length(WANT[f]); j++)
			if (index("tin", substr(WANT[f], j, 1)))
				init = init ARG[j] "=" toupper(substr(WANT[f], j, 1)) ";"
		SP = 0
		walk(f, "|0|||00" (index(WANT[f], "n") ? 1 : 0) "|" init "|", 0)
		if (!W_FOUND) print f " bad no access through the index found: the check does not understand this code"
		else if (W_RES != "") print f " bad " W_RES
		else print f " ok"
	}
}
