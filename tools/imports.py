"""The package's import graph, read from the code: every `from .x import`/`import mde_xai.x`, also inside functions,
every `importlib.import_module('mde_xai.x')` call and every module name in a table (tuple, list,
set or dict literal, as plugin lists are written). Fails (exit 1) on an import cycle or on an import that
DESIGN §2's layering forbids.

Usage: python tools/imports.py [--dot] [--lines]
"""
import argparse, ast, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT/'mde_xai'

# DESIGN §2: each module lists the package modules it may import. `None` = no rule (tools, test helpers).
ALLOWED = {
    'core': set(),
    'metrics': {'core'},
    'scenes': {'core'},
    'data': {'core', 'scenes', 'metrics'},
    'depthmodel': {'core'},
    'meter': {'core', 'depthmodel'},
    'pixelformer': {'core', 'depthmodel'},
    'models': {'core', 'depthmodel', 'meter', 'pixelformer'},
    'fills': {'core'},
    'attribution': {'core', 'depthmodel'},
    'rollout': {'core', 'depthmodel', 'attribution', 'fills', 'meter', 'pixelformer', 'metrics'},
    'masks': {'core', 'depthmodel', 'attribution', 'fills', 'metrics', 'stats'},
    'explainers': {'core', 'depthmodel', 'attribution', 'fills', 'rollout', 'masks', 'metrics'},
    'perturbation': {'core', 'depthmodel', 'fills', 'attribution', 'metrics', 'stats'},
    'stats': {'core'},
    'fidelity': {'core', 'depthmodel', 'metrics', 'fills', 'attribution', 'perturbation', 'explainers', 'stats'},
    'uncertainty': {'core', 'depthmodel', 'metrics'},
    'viz': {'core'},
    'probes': {'core', 'scenes', 'data', 'attribution', 'explainers', 'stats', 'metrics', 'models', 'depthmodel', 'viz'},
}


def module_imports(path:Path)->set:
    "Names of package modules that `path` imports anywhere in its code."
    tree, out = ast.parse(path.read_text()), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ''
            if node.level == 1: base = mod.split('.')[0] if mod else None
            elif mod.startswith('mde_xai.'): base = mod.split('.')[1]
            elif mod == 'mde_xai' or (node.level == 1 and not mod): base = None
            else: continue
            if base: out.add(base)
            else: out.update(a.name for a in node.names)        # `from . import x` / `from mde_xai import x`
        elif isinstance(node, ast.Import):
            out.update(a.name.split('.')[1] for a in node.names if a.name.startswith('mde_xai.'))
        elif isinstance(node, ast.Call) and getattr(node.func, 'attr', getattr(node.func, 'id', '')) in ('import_module', '__import__'):
            out.update(_module_strings(node.args[:1]))            # importlib.import_module('mde_xai.x')
        elif isinstance(node, ast.Assign) and isinstance(node.value, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            out.update(_module_strings(ast.walk(node.value)))     # a table of modules to import (a plugin list)
    return out


def _module_strings(nodes)->set:
    return {n.value.split('.')[1] for n in nodes
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith('mde_xai.') and len(n.value.split('.')) > 1}


def graph()->dict:
    mods = {p.stem: p for p in sorted(PKG.glob('*.py')) if not p.stem.startswith('_')}
    return {m: sorted(i for i in module_imports(p) if i in mods and i != m) for m, p in mods.items()}


def cycles(g:dict)->list:
    "Every elementary cycle found by depth-first search (each reported once, from its smallest member)."
    found = set()
    def dfs(start, node, path):
        for n in g.get(node, []):
            if n == start: found.add(tuple(path))
            elif n > start and n not in path: dfs(start, n, path + [n])
    for m in g: dfs(m, m, [m])
    return sorted(found)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dot', action='store_true', help='print the graph in Graphviz dot format')
    ap.add_argument('--lines', action='store_true', help='also print each module\'s line count')
    a = ap.parse_args()
    g = graph()
    if a.dot:
        print('digraph mde_xai {'); [print(f'  "{m}" -> "{i}";') for m, d in g.items() for i in d]; print('}')
    else:
        for m, deps in g.items():
            n = f"{len((PKG/(m + '.py')).read_text().splitlines()):5d} " if a.lines else ''
            print(f"{n}{m:13s} <- {', '.join(deps) or '—'}")
    bad = [f"{m} imports {i}, which is not above it in DESIGN §2's table" for m, deps in g.items() if ALLOWED.get(m) is not None
           for i in deps if i not in ALLOWED[m]]
    cyc = cycles(g)
    for c in cyc: print('import cycle: ' + ' -> '.join(c + (c[0],)))
    for b in bad: print('layering: ' + b)
    print(f"imports: {len(g)} modules, {sum(map(len, g.values()))} edges, {len(cyc)} cycles, {len(bad)} layering violations")
    sys.exit(1 if cyc or bad else 0)
