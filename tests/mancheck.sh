#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# mancheck.sh HEADER DIR CC: `make man-check` (tests/man.mk), on the pages
# that tests/mangen.awk made in DIR from HEADER:
# - each page lints clean: mandoc -Tlint prints nothing, not even style;
# - every function htbl_* and macro HTBL_* that CC's preprocessor finds in
#   HEADER (macros in C and in C++) is named by the lead of a block there
#   (" * name: summary", or a comma-separated list of names), and has a
#   page DIR/name.3 whose SYNOPSIS, as mandoc renders it, is the
#   declarations of the names the page documents; handler_table.3 lists
#   every declaration;
# - every page documents one of them.
# The declarations come from the compiler, not from the generator's parse,
# so that a function added without a block, or a page that shows another
# prototype, fails. Prints TAP, then "N passed, N failed".
set -u
hdr=$1 dir=$2 cc=$3
n=0 bad=0

# tap STATUS NAME [DETAIL]: one TAP line (STATUS 0 is ok), DETAIL as # lines.
tap() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		bad=$((bad + 1))
		echo "not ok $n - $2"
		[ -z "${3-}" ] || printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

# Each line in one spelling: single spaces, none around ( ) , and *.
canon() {
	sed 's/[[:space:]][[:space:]]*/ /g; s/ *\([(),*]\) */\1/g; s/^ //; s/ $//'
}

# The SYNOPSIS of page $1 as mandoc renders it, on one canonical line.
synopsis() {
	mandoc -Tascii "$1" | sed "s/.$(printf '\b')//g" |
		awk '/^[^ ]/ { on = $0 == "SYNOPSIS"; next } on' | tr '\n' ' ' | canon
}

# The public declarations in the preprocessed header ($1: C, $2: the
# macros of C and C++), canonical: "type name(params);" (stdbool.h's
# _Bool back to bool), "NAME(params);", "#define NAME".
declarations() {
	tr '\n\t' '  ' < "$1" | tr ';' '\n' | sed 's/^[[:space:]]*}//' | canon |
		grep -E '^[A-Za-z_][A-Za-z0-9_ *]*[ *]htbl_[a-z0-9_]+\(' |
		grep -v -e '{' -e 'htbl_private_' |
		sed 's/^_Bool /bool /; s/^static inline _Bool /static inline bool /; s/$/;/'
	sed -n 's/^#define \(HTBL_[A-Za-z0-9_]*([^)]*)\).*/\1;/p
		s/^#define \(HTBL_[A-Za-z0-9_]*\)\( .*\)\{0,1\}$/#define \1/p' "$2" |
		canon | sort -u
}

# The declaration of name $1.
decl_of() {
	printf '%s\n' "$decls" | grep -E "^(.*[ *])?$1\(|^#define $1\$"
}

command -v mandoc > /dev/null || {
	echo "not ok 1 - mandoc not found: make deps"
	echo "0 passed, 1 failed"
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
err=$({ $cc -E -P -x c "$hdr" > "$tmp/c" && $cc -dM -E -x c "$hdr" &&
	$cc -dM -E -x c++ "$hdr"; } 2>&1 > "$tmp/macros")
tap $? "$hdr preprocesses as C and as C++" "$err"
decls=$(declarations "$tmp/c" "$tmp/macros")
names=$(printf '%s\n' "$decls" | sed 's/(.*//; s/;$//; s/.*[ *]//')

# In DIR, where mandoc finds the pages that .Xr names.
for page in "$dir"/*.3; do
	out=$(cd "$dir" && mandoc -Tlint "$(basename "$page")" 2>&1)
	[ -z "$out" ]
	tap $? "$(basename "$page"): mandoc -Tlint is clean" "$out"
done

for name in $names; do
	grep -Eq "^ \* ([A-Za-z0-9_(), ]*, )?$name(\([^)]*\))?[:,]( |\$)" "$hdr"
	tap $? "$name: documented by a block \" * $name: ...\" in the header"
	want="#include <handler_table.h> $(decl_of "$name")" got="(no page)"
	if [ -f "$dir/$name.3" ]; then
		want=$({ echo "#include <handler_table.h>"
			sed -n 's/^\.Nm \([^ ]*\).*/\1/p' "$dir/$name.3" |
				while read -r nm; do decl_of "$nm"; done
		} | tr '\n' ' ' | canon)
		got=$(synopsis "$dir/$name.3")
	fi
	[ "$got" = "$want" ]
	tap $? "$name.3: its SYNOPSIS is the header's declaration" \
		"$(printf 'header: %s\npage:   %s' "$want" "$got")"
done

all=$(synopsis "$dir/handler_table.3")
missing=$(printf '%s\n' "$decls" | while read -r d; do
	case $all in *"$d"*) ;; *) echo "$d" ;; esac
done)
[ -z "$missing" ]
tap $? "handler_table.3: its SYNOPSIS lists every declaration" "$missing"

stray=$(for page in "$dir"/*.3; do
	p=$(basename "$page" .3)
	[ "$p" = handler_table ] || printf '%s\n' "$names" | grep -qx "$p" || echo "$p.3"
done)
[ -z "$stray" ]
tap $? "every page documents a declaration of the header" "$stray"

echo "$((n - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
