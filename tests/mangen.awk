# SPDX-License-Identifier: BSD-2-Clause
# mangen.awk: the section 3 man pages (mdoc(7)) of handler_table.h, made
# from its comments at build time so that header and pages cannot drift
# apart (tests/man.mk runs it; tests/mancheck.sh checks what it made).
#
#   awk -v out=DIR -v date="May 4, 2025" -f tests/mangen.awk handler_table.h
#
# The top comment is the overview, handler_table.3, with the "Teardown
# rule:" paragraph of the block that has one. A comment that opens
# " * name: summary" (or "NAME(args):", or several names, comma-separated)
# for names starting htbl_ or HTBL_ is the page of each name: its first
# sentence the NAME line, the declarations that follow the SYNOPSIS (a
# prototype, or a #define, with or without parameters), its "Returns:"
# part RETURN VALUES. Comments in an #if group that follows a block
# (HTBL_DEFINE's C++ form) join that block. In a comment, plain lines
# are text, "- " lines a list, and indented lines or lines with a run of
# spaces (the table) are kept as they are.

BEGIN { NAME = "[A-Za-z_][A-Za-z0-9_]*(\\([^)]*\\))?" }

/^\/\*/ { incomment = 1; nl = 0 }

incomment {
	line = $0
	last = sub(/ *\*\/$/, "", line)
	sub(/^(\/\*|  *\*)( |$)/, "", line)
	if (line != "" || nl > 0)
		blk[++nl] = line
	if (last) {
		incomment = 0
		comment_end()
	}
	next
}

/^typedef / { types = types $0 "\n" }
/^#[ \t]*if/ && own != "" { depth++ }
/^#[ \t]*endif/ && own != "" && depth > 0 && --depth == 0 { own = "" }
own != "" { find_decls() }
{ prev = $0 }

function comment_end(   text, i, lead) {
	for (i = 1; i <= nl; i++)
		text = text (i > 1 ? "\n" : "") blk[i]
	if (top == "") {
		top = text
	} else if (match(blk[1], "^" NAME "(, " NAME ")*:( |$)") &&
	    blk[1] ~ /^(htbl_|HTBL_)/) {
		lead = substr(blk[1], 1, RLENGTH)
		sub(/: ?$/, "", lead)
		gsub(/\([^)]*\)/, "", lead)
		own = lead
		sub(/,.*/, "", own)
		group[own] = lead
		page[++npages] = own
		doc[own] = substr(text, RLENGTH + 1 + (RLENGTH == length(blk[1])))
		depth = 0
	} else if (own != "") {
		doc[own] = doc[own] "\n\n" text
	}
}

# The declarations of the block's names: "#define NAME" (with its
# parameters, if any) or a prototype up to its ";", from the line before
# when the name starts a line.
function find_decls(   n, nm, i, left) {
	n = split(group[own], nm, ", ")
	for (i = 1; i <= n; i++) {
		if (nm[i] in decl)
			continue
		if ($0 ~ "^#[ \t]*define[ \t]+" nm[i] "([( \t\\\\]|$)")
			decl[nm[i]] = define(nm[i])
		else if (bufname == "" && $0 !~ /^#/ && index($0, nm[i] "(")) {
			bufname = nm[i]
			if (index($0, nm[i]) == 1)	# the type on a line of its own
				buf = prev
		}
	}
	if (bufname != "" && index(buf = buf " " $0, ";")) {
		decl[bufname] = squeeze(substr(buf, 1, index(buf, ";") - 1))
		buf = bufname = ""
	}
	for (i = 1; i <= n; i++)
		left += !(nm[i] in decl)
	if (!left && depth == 0)
		own = ""
}

function define(name) {
	match($0, name "(\\([^)]*\\))?")
	return RLENGTH > length(name) ? substr($0, RSTART, RLENGTH) : "#define " name
}

function squeeze(s) {
	gsub(/[ \t]+/, " ", s)
	gsub(/^ | $/, "", s)
	gsub(/\( /, "(", s)
	return s
}

function esc(s) {
	gsub(/\\/, "\\e", s)
	return s ~ /^[.']/ ? "\\&" s : s
}

function first_sentence(s) {
	gsub(/\n/, " ", s)
	if (match(s, /\. /))
		s = substr(s, 1, RSTART - 1)
	sub(/\.$/, "", s)
	return s
}

# Lines of comment as mdoc: paragraphs (a leading "Label:" in bold), "- "
# lists, literal displays.
function body(f, text,   n, l, i, s, k, mode, para, started) {
	n = split(text, l, "\n")
	for (i = 1; i <= n + 1; i++) {
		s = i <= n ? l[i] : ""
		k = s == "" ? "" : s ~ /^- / ? "item" : \
		    mode == "list" && s ~ /^  / ? "more" : \
		    s ~ /^ |[^ ]  / ? "lit" : "text"
		if (k == "more" || (k == "text" && mode == "text")) {
			para = para " " s
			continue
		}
		if (match(para, /^[A-Z][a-z]*( [a-z]+)*:/)) {
			print ".Sy " substr(para, 1, RLENGTH - 1) " :" > f
			para = substr(para, RLENGTH + 2)
		}
		if (para != "")
			fill(f, para)
		para = ""
		if (mode == "list" && k != "item") print ".El" > f
		if (mode == "lit" && k != "lit") print ".Ed" > f
		if (k == "text" && started) print ".Pp" > f
		if (k == "item" && mode != "list") print ".Bl -bullet" > f
		if (k == "item") print ".It" > f
		if (k == "lit" && mode != "lit") print ".Bd -literal" > f
		if (k == "lit") print esc(s) > f
		if (k == "item" || k == "text") para = substr(s, k == "item" ? 3 : 1)
		mode = k == "item" ? "list" : k
		started = started || k != ""
	}
}

# Text, filled: lines of at most 72 bytes, each sentence on a line of its
# own, and a "name()" word as .Fn (mandoc -Tlint wants all three).
function fill(f, s,   n, w, i, line, p) {
	n = split(s, w, " ")
	for (i = 1; i <= n; i++) {
		if (match(w[i], /^[A-Za-z_][A-Za-z0-9_]*\(\)/)) {
			if (line != "") print esc(line) > f
			p = substr(w[i], RLENGTH + 1)
			gsub(/./, " &", p)
			print ".Fn " substr(w[i], 1, RLENGTH - 2) p > f
			line = ""
			continue
		}
		if (line != "" && length(line) + length(w[i]) >= 72) {
			print esc(line) > f
			line = ""
		}
		line = line (line != "" ? " " : "") w[i]
		if (w[i] ~ /[.!?][)"'`]*$/ && w[i + 1] ~ /^[A-Z]/) {
			print esc(line) > f
			line = ""
		}
	}
	if (line != "") print esc(line) > f
}

# The SYNOPSIS entry of a declaration: .Fd for "#define NAME", else .Ft
# type, .Fo name, .Fa each parameter, .Fc.
function synopsis(f, d,   n, a, i) {
	if (d ~ /^#define/) {
		print ".Fd " d > f
		return
	}
	match(d, /[A-Za-z0-9_]+\(/)
	if (RSTART > 1)
		print ".Ft " squeeze(substr(d, 1, RSTART - 1)) > f
	print ".Fo " substr(d, RSTART, RLENGTH - 1) > f
	sub(/^[^(]*\(/, "", d)
	sub(/\)$/, "", d)
	n = split(d, a, /, */)
	for (i = 1; i <= n; i++)
		print ".Fa \"" a[i] "\"" > f
	print ".Fc" > f
}

# A name in running text, followed by punctuation p.
function ref(f, name, p,   d) {
	d = decl[name]
	if (d ~ /^#define/)
		print ".Dv " name " " p > f
	else if (index(d, name "(") == 1) {
		gsub(/[(),]/, " ", d)
		print ".Fn " squeeze(d) " " p > f
	} else
		print ".Fn " name " " p > f
}

function head(f, title, names, nd,   n, nm, i) {
	print ".Dd " date > f
	print ".Dt " toupper(title) " 3" > f
	print ".Os" > f
	print ".Sh NAME" > f
	n = split(names, nm, ", ")
	for (i = 1; i <= n; i++)
		print ".Nm " nm[i] (i < n ? " ," : "") > f
	print ".Nd" > f
	fill(f, nd)
	print ".Sh SYNOPSIS" > f
	print ".In handler_table.h" > f
}

# SEE ALSO: every page but those of the group "self".
function see_also(f, self,   i, j, n, m, nm, x) {
	print ".Sh SEE ALSO" > f
	for (i = 1; i <= npages; i++)
		if (page[i] != self) {
			m = split(group[page[i]], nm, ", ")
			for (j = 1; j <= m; j++)
				x[++n] = nm[j]
		}
	if (self != "handler_table")
		x[++n] = "handler_table"
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && tolower(x[j - 1]) > tolower(x[j]); j--) {
			m = x[j]; x[j] = x[j - 1]; x[j - 1] = m
		}
	for (i = 1; i <= n; i++)
		print ".Xr " x[i] " 3" (i < n ? " ," : "") > f
	close(f)
}

# Splits doc[name] into desc and returns: "Returns:" (at the start of a
# line or after ". ") runs to the next label or blank line; "Ordering:"
# and "Concurrency:" stay in desc as paragraphs of their own. Adds the
# "Teardown rule:" paragraph to rule.
function split_doc(name,   s, n, l, i, cur, in_rule) {
	desc = returns = ""
	s = doc[name]
	gsub(/\) above/, ") in handler_table(3)", s)
	while (match(s, /\. (Ordering|Concurrency|Returns): /))
		s = substr(s, 1, RSTART) "\n" substr(s, RSTART + 2)
	n = split(s, l, "\n")
	for (i = 1; i <= n; i++) {
		s = l[i]
		if (s ~ /^(Ordering|Concurrency): / && l[i - 1] != "")
			desc = desc "\n"
		if (s == "" || s ~ /^(Ordering|Concurrency): /)
			cur = 0
		if (sub(/^Returns: /, "", s))
			cur = 1
		in_rule = s ~ /^Teardown rule: / || (in_rule && s != "")
		if (in_rule)
			rule = rule s "\n"
		if (cur)
			returns = returns s "\n"
		else
			desc = desc s "\n"
	}
}

function page_out(name, file,   f, n, nm, i) {
	f = out "/" file ".3"
	head(f, file, group[name], first_sentence(desc))
	n = split(group[name], nm, ", ")
	for (i = 1; i <= n; i++)
		synopsis(f, decl[nm[i]])
	print ".Sh DESCRIPTION" > f
	for (i = 1; i <= n; i++)
		ref(f, nm[i], i < n ? "," : ":")
	body(f, desc)
	if (returns != "") {
		print ".Sh RETURN VALUES" > f
		print ".Fn " name > f
		body(f, "returns " returns)
	}
	see_also(f, name)
}

END {
	for (i = 1; i <= npages; i++) {
		n = split(group[page[i]], nm, ", ")
		for (j = 1; j <= n; j++)
			if (!(nm[j] in decl)) {
				print "mangen: " nm[j] ": documented, never declared" > "/dev/stderr"
				exit 1
			}
		split_doc(page[i])
		for (j = 1; j <= n; j++)
			page_out(page[i], nm[j])
	}
	f = out "/handler_table.3"
	head(f, "handler_table", "handler_table",
	    first_sentence(substr(top, index(top, ": ") + 2)))
	n = split(types, t, "\n")
	for (i = 1; i < n; i++)
		print ".Vt " t[i] > f
	for (i = 1; i <= npages; i++) {
		m = split(group[page[i]], nm, ", ")
		for (j = 1; j <= m; j++)
			synopsis(f, decl[nm[j]])
	}
	print ".Sh DESCRIPTION" > f
	body(f, top)
	if (rule != "") {
		print ".Pp" > f
		body(f, rule)
	}
	see_also(f, "handler_table")
}
