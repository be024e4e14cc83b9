"""Execute the notebooks with nbdev's test runner and the pytest suite; end with one line `N passed, M failed`.

Each notebook counts as one test (its cells are the checks; the first failing cell fails it), each pytest test
as one. Cells flagged `slow` or `notest` are skipped unless `--slow` is given.
"""
import argparse, os, re, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_one(path, flags, save=False):
    "Run one notebook with nbdev's `test_nb` in this process; exit status 0 if it passed."
    from nbdev.test import test_nb
    from nbdev.config import get_config
    cfg = get_config(Path(path).parent)
    skip = cfg.tst_flags.split() if isinstance(cfg.tst_flags, str) else list(cfg.tst_flags)
    ok, _ = test_nb(path, skip_flags=skip, force_flags=flags, basepath=str(cfg.config_path), save=save,
                    cell_timeout=cfg.cell_timeout or None)
    sys.exit(0 if ok else 1)


def _run_notebook(path, slow, threads, save=False):
    "Run one notebook in a fresh interpreter (notebooks must not share state) with `threads` torch threads."
    env = {**os.environ, 'OMP_NUM_THREADS': str(threads), 'MKL_NUM_THREADS': str(threads), 'MPLBACKEND': 'Agg'}
    cmd = [sys.executable, __file__, '--one', path] + (['--slow'] if slow else []) + (['--save'] if save else [])
    t = time.time()
    p = subprocess.run(cmd, env=env, text=True, capture_output=True)
    if p.returncode: print(p.stdout[-4000:], p.stderr[-8000:], sep='\n', flush=True)
    return path, p.returncode == 0, time.time() - t


def run_notebooks(pattern, slow, workers, save=False):
    nbs = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb')
                 if not any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts)
                 and re.search(pattern, p.name))
    threads = max(1, (os.cpu_count() or 2) // workers)
    passed, failed = [], []
    with ThreadPoolExecutor(workers) as ex:
        futs = [ex.submit(_run_notebook, str(p), slow, threads, save) for p in nbs]
        for f in as_completed(futs):
            path, ok, secs = f.result()
            name = Path(path).relative_to(ROOT/'nbs')
            (passed if ok else failed).append(name)
            print(f"{'ok  ' if ok else 'FAIL'} {name} ({secs:.1f}s)", flush=True)
    return passed, failed


def run_pytest(pattern):
    tests = ROOT/'tests'
    if not tests.exists() or not any(tests.glob('test_*.py')): return 0, 0, 0
    cmd = [sys.executable, '-m', 'pytest', str(tests), '-q', '-p', 'no:cacheprovider', '-rs']
    if pattern: cmd += ['-k', pattern]
    p = subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True)
    print(p.stdout[-6000:], p.stderr[-3000:], sep='\n', flush=True)
    count = lambda word: sum(int(n) for n in re.findall(rf'(\d+) {word}', p.stdout.splitlines()[-1] if p.stdout.strip() else ''))
    n_pass, n_fail, n_skip = count('passed'), count('failed') + count('error'), count('skipped')
    if p.returncode not in (0, 5) and n_fail == 0: n_fail = 1      # pytest itself broke (exit 5 = no tests)
    return n_pass, n_fail, n_skip


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('pattern', nargs='?', default='', help='only notebooks whose file name matches this regex')
    ap.add_argument('--slow', action='store_true', help='also run cells flagged `slow`')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--save', action='store_true', help='write outputs back into the notebooks that pass (then run nbdev-clean)')
    ap.add_argument('--one', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: test_one(a.one, ['slow'] if a.slow else [], a.save)
    t0 = time.time()
    nb_ok, nb_fail = run_notebooks(a.pattern, a.slow, a.workers, a.save)
    print(f"notebooks: {len(nb_ok)} passed, {len(nb_fail)} failed ({time.time() - t0:.0f}s)", flush=True)
    t1 = time.time()
    pt_ok, pt_fail, pt_skip = run_pytest(a.pattern) if not a.pattern else (0, 0, 0)
    if pt_ok or pt_fail: print(f"pytest: {pt_ok} passed, {pt_fail} failed, {pt_skip} skipped ({time.time() - t1:.0f}s)")
    if nb_fail: print("failed notebooks: " + ', '.join(map(str, nb_fail)))
    n_ok, n_fail = len(nb_ok) + pt_ok, len(nb_fail) + pt_fail
    print(f"{n_ok} passed, {n_fail} failed" + (f", {pt_skip} skipped" if pt_skip else ''))
    sys.exit(1 if n_fail or n_ok == 0 else 0)
