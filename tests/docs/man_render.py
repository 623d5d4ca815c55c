#!/usr/bin/env python3
"""Renders every manual page with mandoc and with groff and compares them.

Linting is not enough: mdoc that lints clean can still render differently in
the two formatters, or render nested quotes and escapes wrongly in both. This
checks, for each page given:
  - groff (-mdoc -Tutf8, all warnings on) says nothing on standard error;
  - the words of the body are the same in both renderings (page headers and
    footers, hyphenation at line ends and the dash after NAME aside);
  - quotes are balanced and not nested by accident (‘a, ‘b’’), no escape
    sequence or mdoc macro name leaks into the text.
Exit status 0 when every page passes, 1 otherwise, 77 when a formatter is
missing (ctest skips the test)."""
import re
import shutil
import subprocess
import sys

MACROS = {"Ns", "Ql", "Dq", "Sq", "Pq", "Cm", "Fl", "Ar", "Op", "Xr", "Sy", "Nm", "Ic", "Ev", "Pa",
          "Bd", "Ed", "Bl", "El", "Em", "Po", "Pc", "Nd", "Sh", "Ss", "Pp", "Qq", "Dl", "Va", "Fn"}


def render(cmd, page):
    r = subprocess.run(cmd + [page], capture_output=True)
    # Bold and underline are overstruck (c BS c, _ BS c): keep the character.
    plain = re.sub(r".\x08", "", r.stdout.decode("utf-8"))
    return plain, r.stderr.decode("utf-8", "replace"), r.returncode


def body(text):
    lines = [l.rstrip() for l in text.splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines[1:-1]  # the page header and footer differ by design


def words(lines):
    t = "\n".join(lines)
    # groff hyphenates at line ends (U+2010), mandoc does not.
    t = re.sub(r"\u2010\n\s*(?=\w)", "", t)
    # mandoc writes an en dash after NAME's name, groff an em dash.
    t = re.sub(r"[\u2013\u2014]", "-", t)
    return t.split()


def quote_problems(lines):
    """Typographic quotes open and close in turn, across line breaks too."""
    problems = []
    for open_, close in (("\u2018", "\u2019"), ("\u201c", "\u201d")):
        depth = 0
        for n, line in enumerate(lines, 1):
            for ch in line:
                if ch == open_:
                    depth += 1
                    if depth > 1:
                        problems.append(f"line {n}: a {open_}{close} quote opens inside another: {line.strip()}")
                        depth = 1
                elif ch == close:
                    if depth == 0:
                        problems.append(f"line {n}: a {close} closes no quote: {line.strip()}")
                    depth = max(depth - 1, 0)
        if depth:
            problems.append(f"a {open_}{close} quote is never closed")
    return problems


def leaks(lines):
    found = []
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if re.match(r"\.[A-Z][a-z](\s|$)", stripped):
            found.append(f"line {n}: a request in the text: {stripped}")
        for w in re.findall(r"(?<![\w.-])[A-Z][a-z](?![\w.-])", line):
            if w in MACROS:
                found.append(f"line {n}: macro name {w} in the text: {stripped}")
        if re.search(r"\\[&(*fe]", line):
            found.append(f"line {n}: an escape in the text: {stripped}")
    return found


def main(pages):
    if not shutil.which("mandoc") or not shutil.which("groff"):
        print("mandoc or groff missing: skipped")
        return 77
    bad = 0
    for page in pages:
        m, merr, mrc = render(["mandoc", "-T", "utf8"], page)
        g, gerr, grc = render(["groff", "-k", "-mdoc", "-T", "utf8", "-P", "-c", "-ww"], page)
        problems = []
        if mrc or grc:
            problems.append(f"mandoc exit {mrc}, groff exit {grc}")
        if gerr.strip():
            problems.append("groff: " + gerr.strip()[:500])
        a, b = words(body(m)), words(body(g))
        if not a:
            problems.append("mandoc rendered nothing")
        if a != b:
            i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            problems.append(f"mandoc and groff differ at word {i}:\n    mandoc: {' '.join(a[max(0, i - 8):i + 8])}"
                            f"\n    groff:  {' '.join(b[max(0, i - 8):i + 8])}")
        problems += quote_problems(body(m)) + quote_problems(body(g))
        problems += leaks(body(m))
        for p in problems:
            print(f"FAIL {page}: {p}")
        bad += bool(problems)
    print(f"{len(pages) - bad} of {len(pages)} pages render alike in mandoc and groff")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
