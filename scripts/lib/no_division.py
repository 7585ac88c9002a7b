#!/usr/bin/env python3
"""Finds integer division instructions reachable from given functions.

    no_division.py x86 BINARY --root NAME... --allow NAME
    no_division.py wasm MODULE.wasm --root EXPORT... --allow NAME

Disassembles an x86-64 program (binutils objdump) or a WebAssembly module
(wabt's wasm-objdump), follows direct calls and tail jumps from the roots
(x86-64: demangled function names; wasm: export names, with or without wasm-bindgen's hash suffix) and prints every
integer division (x86 div/idiv; wasm i32/i64 div_u, div_s, rem_u, rem_s) in
the functions it reaches. A function whose name contains an --allow name is
reported but not entered: it must itself divide, which shows that the
disassembly is read right. Exits 1 when a division is reachable otherwise,
when a root is missing, or when an allowed function is never reached or does
not divide. Indirect calls cannot be followed; their count is printed.
"""

import argparse
import re
import subprocess
import sys
from collections import defaultdict

X86_DIVISION = re.compile(r"^i?div[bwlq]?$")
WASM_DIVISION = re.compile(r"^i(32|64)\.(div|rem)_[su]$")


def x86_functions(binary):
    """{name: [(address, mnemonic, operands)]} from objdump."""
    out = subprocess.run(
        ["objdump", "-d", "-C", "--no-show-raw-insn", "-M", "att", binary],
        check=True, capture_output=True, text=True).stdout
    functions, current = defaultdict(list), None
    for line in out.splitlines():
        header = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if header:
            current = header.group(1)
            continue
        insn = re.match(r"^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$", line)
        if insn and current is not None:
            functions[current].append(insn.groups())
    return functions


def x86_edges(name, body):
    """Direct calls and jumps to other functions; the count of indirect calls."""
    targets, indirect = set(), 0
    for _, mnemonic, operands in body:
        if not (mnemonic.startswith("call") or mnemonic.startswith("j")):
            continue
        if "*" in operands:
            # An external function through the GOT (memcpy, memset), a jump
            # table inside the function, or a call through a register.
            indirect += 1
            continue
        target = re.search(r"<(.+?)(\+0x[0-9a-f]+)?>", operands)
        if target and target.group(1) != name:
            targets.add(target.group(1))
    return targets, indirect


def wasm_functions(module):
    """({name: [(offset, mnemonic, operands)]}, {export: name}) from wasm-objdump."""
    details = subprocess.run(["wasm-objdump", "-x", "-j", "Export", module],
                             check=True, capture_output=True, text=True).stdout
    exports = {}
    for line in details.splitlines():
        export = re.match(r'^\s*- func\[(\d+)\] <(.*)> -> "(.*)"$', line)
        if export:
            exports[export.group(3)] = f"func[{export.group(1)}] <{export.group(2)}>"
        else:
            unnamed = re.match(r'^\s*- func\[(\d+)\] -> "(.*)"$', line)
            if unnamed:
                exports[unnamed.group(2)] = f"func[{unnamed.group(1)}]"
    out = subprocess.run(["wasm-objdump", "-d", module],
                         check=True, capture_output=True, text=True).stdout
    functions, current = defaultdict(list), None
    for line in out.splitlines():
        header = re.match(r"^[0-9a-f]+ (func\[\d+\](?: <.*>)?):$", line)
        if header:
            current = header.group(1)
            continue
        insn = re.match(r"^\s*([0-9a-f]+):[^|]*\|\s*(\S+)\s*(.*)$", line)
        if insn and current is not None:
            functions[current].append(insn.groups())
    return functions, exports


def wasm_edges(functions):
    """An edge function for wasm bodies: calls name func[N] (and its name)."""
    by_index = {re.match(r"func\[(\d+)\]", name).group(1): name for name in functions}

    def edges(name, body):
        targets, indirect = set(), 0
        for _, mnemonic, operands in body:
            if mnemonic in ("call", "return_call"):
                index = operands.split()[0]
                if index in by_index:  # else an import (JavaScript)
                    targets.add(by_index[index])
            elif mnemonic in ("call_indirect", "return_call_indirect", "call_ref"):
                indirect += 1
        return targets, indirect
    return edges


def walk(functions, edges, roots, allow, division):
    """Visits everything reachable from roots; returns (findings, allowed, visited, indirect)."""
    allowed_pattern = re.compile(rf"(^|[^A-Za-z_]){re.escape(allow)}([^A-Za-z_]|$)")
    parent = {root: None for root in roots}
    stack, findings, allowed, indirect = list(roots), [], {}, 0
    while stack:
        name = stack.pop()
        body = functions.get(name, [])
        divisions = [(address, f"{mnemonic} {operands}".strip())
                     for address, mnemonic, operands in body if division.match(mnemonic)]
        if allowed_pattern.search(name):
            allowed[name] = divisions
            continue
        for address, text in divisions:
            findings.append((name, address, text))
        targets, count = edges(name, body)
        indirect += count
        for target in sorted(targets):
            if target not in parent:
                parent[target] = name
                stack.append(target)
    return findings, allowed, parent, indirect


def path_to(parent, name):
    path = [name]
    while parent.get(path[-1]) is not None:
        path.append(parent[path[-1]])
    return " <- ".join(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["x86", "wasm"])
    parser.add_argument("file")
    parser.add_argument("--root", action="append", required=True)
    parser.add_argument("--allow", required=True)
    args = parser.parse_args()

    if args.kind == "x86":
        functions = x86_functions(args.file)
        roots = [name for name in args.root if name in functions]
        missing = [name for name in args.root if name not in functions]
        edges, division = x86_edges, X86_DIVISION
    else:
        functions, exports = wasm_functions(args.file)
        # wasm-bindgen may add a hash to export names: NAME_0123456789abcdef.
        found = {root: [func for export, func in exports.items()
                        if re.fullmatch(rf"{re.escape(root)}(_[0-9a-f]{{16}})?", export)]
                 for root in args.root}
        roots = [func for funcs in found.values() for func in funcs]
        missing = [root for root, funcs in found.items() if not funcs]
        edges, division = wasm_edges(functions), WASM_DIVISION
    label = f"{args.kind} {args.file}"
    if missing:
        print(f"{label}: roots not found: {', '.join(missing)}", file=sys.stderr)
        return 1

    findings, allowed, parent, indirect = walk(functions, edges, roots, args.allow, division)
    print(f"{label}: {len(roots)} roots, {len(parent)} functions reached, "
          f"{indirect} indirect calls or jumps not followed (jump tables, libc)")
    status = 0
    for name, address, text in findings:
        print(f"  DIVISION in {name} at {address}: {text}\n    via {path_to(parent, name)}",
              file=sys.stderr)
        status = 1
    if not allowed:
        print(f"  the allowed division ({args.allow}) was not reached", file=sys.stderr)
        status = 1
    for name, divisions in allowed.items():
        if not divisions:
            print(f"  {name} (allowed) holds no division: is the disassembly read right?",
                  file=sys.stderr)
            status = 1
        else:
            print(f"  allowed: {len(divisions)} division(s) of public values in {name}")
    if status == 0:
        print(f"  no division on the paths from {', '.join(args.root)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
