#!/usr/bin/env python3
"""Generates core/regex/unicode_tables.cpp: the code-point range tables behind the regex engine's \\p{...}.

Run once when moving to a new Unicode version, and commit the output (builds need nothing extra):
    apt-get install unicode-data        # Debian's copy of the Unicode Character Database
    scripts/gen_regex_unicode_tables.py [UCD_DIR] > core/regex/unicode_tables.cpp

Covered (the names ECMA-262 accepts in \\p{...} with the "u" flag):
  - General_Category values (Lu, Uppercase_Letter, L, Letter, digit, punct, ...), alone or as gc=/General_Category=
  - Script and Script_Extensions values (Han, Hani, Latin, ...), as sc=/Script=/scx=/Script_Extensions=
  - the binary properties of ECMA-262's table (ASCII, Alphabetic, Any, Assigned, Emoji, ID_Start, White_Space, ...)

Encoding: each table is a list of disjoint, sorted ranges stored as LEB128 varints, two per range:
(lo - previous_hi_plus_one, hi - lo). That keeps all tables together to a few tens of kilobytes.
"""
import os
import re
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
MAXCP = 0x10FFFF

BINARY = [
    "ASCII", "ASCII_Hex_Digit", "Alphabetic", "Any", "Assigned", "Bidi_Control", "Bidi_Mirrored", "Case_Ignorable",
    "Cased", "Changes_When_Casefolded", "Changes_When_Casemapped", "Changes_When_Lowercased",
    "Changes_When_NFKC_Casefolded", "Changes_When_Titlecased", "Changes_When_Uppercased", "Dash",
    "Default_Ignorable_Code_Point", "Deprecated", "Diacritic", "Emoji", "Emoji_Component", "Emoji_Modifier",
    "Emoji_Modifier_Base", "Emoji_Presentation", "Extended_Pictographic", "Extender", "Grapheme_Base",
    "Grapheme_Extend", "Hex_Digit", "IDS_Binary_Operator", "IDS_Trinary_Operator", "ID_Continue", "ID_Start",
    "Ideographic", "Join_Control", "Logical_Order_Exception", "Lowercase", "Math", "Noncharacter_Code_Point",
    "Pattern_Syntax", "Pattern_White_Space", "Quotation_Mark", "Radical", "Regional_Indicator", "Sentence_Terminal",
    "Soft_Dotted", "Terminal_Punctuation", "Unified_Ideograph", "Uppercase", "Variation_Selector", "White_Space",
    "XID_Continue", "XID_Start",
]
GC_GROUPS = {
    "C": ["Cc", "Cf", "Cn", "Co", "Cs"], "L": ["Ll", "Lm", "Lo", "Lt", "Lu"], "LC": ["Ll", "Lt", "Lu"],
    "M": ["Mc", "Me", "Mn"], "N": ["Nd", "Nl", "No"], "P": ["Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps"],
    "S": ["Sc", "Sk", "Sm", "So"], "Z": ["Zl", "Zp", "Zs"],
}


def lines(name):
    with open(os.path.join(UCD, name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [p.strip() for p in line.split(";")]


def parse_range(s):
    if ".." in s:
        a, b = s.split("..")
        return int(a, 16), int(b, 16)
    return int(s, 16), int(s, 16)


def to_ranges(cps):
    out = []
    for cp in sorted(cps):
        if out and out[-1][1] + 1 == cp:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return [tuple(r) for r in out]


def merge(ranges):
    ranges = sorted(ranges)
    out = []
    for lo, hi in ranges:
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [tuple(r) for r in out]


def complement(ranges):
    out, nxt = [], 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAXCP:
        out.append((nxt, MAXCP))
    return out


# --- General_Category (UnicodeData.txt, with its First/Last ranges; unlisted code points are Cn) -----------------
gc_of = {}
pending = None
for f in lines("UnicodeData.txt"):
    cp, name, cat = int(f[0], 16), f[1], f[2]
    if name.endswith(", First>"):
        pending = cp
        continue
    if name.endswith(", Last>"):
        for c in range(pending, cp + 1):
            gc_of[c] = cat
        pending = None
        continue
    gc_of[cp] = cat
gc_sets = {}
for cp, cat in gc_of.items():
    gc_sets.setdefault(cat, []).append(cp)
gc_tables = {cat: to_ranges(cps) for cat, cps in gc_sets.items()}
assigned = to_ranges(gc_of.keys())
gc_tables["Cn"] = complement(assigned)
for grp, members in GC_GROUPS.items():
    gc_tables[grp] = merge([r for m in members for r in gc_tables[m]])

# --- Aliases ----------------------------------------------------------------------------------------------------
gc_alias, sc_alias = {}, {}
for f in lines("PropertyValueAliases.txt"):
    if f[0] == "gc":
        gc_alias[f[1]] = f[1:]
    elif f[0] == "sc":
        sc_alias[f[1]] = f[1:]  # short code first: Latn, Latin
prop_alias = {}
for f in lines("PropertyAliases.txt"):
    prop_alias[f[1]] = f  # long name -> all names

# --- Scripts and Script_Extensions --------------------------------------------------------------------------------
long_to_short = {v[1]: k for k, v in sc_alias.items()}
sc_sets = {short: [] for short in sc_alias}
script_of = {}
for f in lines("Scripts.txt"):
    lo, hi = parse_range(f[0])
    short = long_to_short[f[1]]
    sc_sets[short].append((lo, hi))
    for c in range(lo, hi + 1):
        script_of[c] = short
sc_sets["Zzzz"] = complement(merge([r for v in sc_sets.values() for r in v]))
sc_tables = {k: merge(v) for k, v in sc_sets.items()}
scx_cps = {short: set() for short in sc_alias}
explicit = {}
for f in lines("ScriptExtensions.txt"):
    lo, hi = parse_range(f[0])
    for c in range(lo, hi + 1):
        explicit[c] = f[1].split()
for short, ranges in sc_tables.items():
    for lo, hi in ranges:
        for c in range(lo, hi + 1):
            if c not in explicit:
                scx_cps[short].add(c)
for c, scripts in explicit.items():
    for s in scripts:
        scx_cps[s].add(c)
scx_tables = {k: to_ranges(v) for k, v in scx_cps.items()}

# --- Binary properties ----------------------------------------------------------------------------------------
bin_sets = {name: [] for name in BINARY}
for fname in ("PropList.txt", "DerivedCoreProperties.txt", "emoji/emoji-data.txt",
              "extracted/DerivedBinaryProperties.txt", "DerivedNormalizationProps.txt"):
    for f in lines(fname):
        if len(f) >= 2 and f[1] in bin_sets:
            bin_sets[f[1]].append(parse_range(f[0]))
bin_sets["ASCII"] = [(0, 0x7F)]
bin_sets["Any"] = [(0, MAXCP)]
bin_sets["Assigned"] = assigned
bin_tables = {k: merge(v) for k, v in bin_sets.items()}
for k, v in bin_tables.items():
    assert v, "empty binary property " + k

# --- Emit ---------------------------------------------------------------------------------------------------------
tables = []  # (ranges)
data = bytearray()


def add_table(ranges):
    offset = len(data)
    prev = 0
    for lo, hi in ranges:
        for v in (lo - prev, hi - lo):
            while True:
                b = v & 0x7F
                v >>= 7
                if v:
                    data.append(b | 0x80)
                else:
                    data.append(b)
                    break
        prev = hi + 1
    tables.append((offset, len(data) - offset, len(ranges)))
    return len(tables) - 1


entries = []  # (name, kind, table, table2)
for cat in sorted(gc_tables):
    t = add_table(gc_tables[cat])
    for name in gc_alias[cat]:
        entries.append((name, 0, t, t))
for short in sorted(sc_alias):
    if short == "Hrkt":  # Katakana_Or_Hiragana has no code points; ECMA-262 does not accept it
        continue
    t1 = add_table(sc_tables.get(short, []))
    t2 = add_table(scx_tables.get(short, []))
    for name in sc_alias[short]:
        entries.append((name, 1, t1, t2))
for prop in BINARY:
    t = add_table(bin_tables[prop])
    names = prop_alias.get(prop, [prop])
    if prop in ("ASCII", "Any", "Assigned"):
        names = [prop]
    for name in names:
        entries.append((name, 2, t, t))
entries.sort(key=lambda e: (e[0], e[1]))

out = sys.stdout
out.write("// GENERATED by scripts/gen_regex_unicode_tables.py from the Unicode Character Database ")
with open(os.path.join(UCD, "ReadMe.txt"), encoding="utf-8") as f:
    m = re.search(r"Version (\d+\.\d+\.\d+)", f.read())
    out.write("%s. Do not edit.\n" % (m.group(1) if m else "?"))
out.write('#include "core/regex/unicode_tables.hpp"\n\nnamespace wb::regex::detail {\n\nnamespace {\n\n')
out.write("constexpr unsigned char kData[%d] = {\n" % len(data))
for i in range(0, len(data), 24):
    out.write("  " + ",".join(str(b) for b in data[i:i + 24]) + ",\n")
out.write("};\n\nconstexpr PropertyTable kTables[%d] = {\n" % len(tables))
for off, size, count in tables:
    out.write("  {kData + %d, %d, %d},\n" % (off, size, count))
out.write("};\n\nconstexpr PropertyName kNames[%d] = {\n" % len(entries))
for name, kind, t1, t2 in entries:
    out.write('  {"%s", %d, %d, %d},\n' % (name, kind, t1, t2))
out.write("};\n\n}  // namespace\n\n")
out.write("std::span<const PropertyName> property_names() { return kNames; }\n")
out.write("const PropertyTable& property_table(uint16_t index) { return kTables[index]; }\n\n")
out.write("}  // namespace wb::regex::detail\n")
sys.stderr.write("tables: %d, names: %d, data bytes: %d\n" % (len(tables), len(entries), len(data)))
