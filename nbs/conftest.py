"""pytest runs every notebook in nbs/ as one test (nbdev's `test_nb`), two at a time with `-n 2`.

Cells flagged with a `tst_flags` flag from settings.ini (`#| slow`) are skipped unless named in
PRUNEVIZ_TEST_FLAGS (e.g. PRUNEVIZ_TEST_FLAGS=slow pytest nbs -n 2).

With PRUNEVIZ_TUTORIALS=1 every notebook in nbs/tutorials/ gets a second test, `<notebook>::plain-run`: it is
executed top to bottom by a plain Jupyter kernel (nbclient, kernel python3, no nbdev flags, so `#| slow` cells run
too, as Run All in JupyterLab does) within PRUNEVIZ_TUTORIAL_TIMEOUT seconds (default 120), and must leave the
repository as it found it (`git status --porcelain` and the bytes of every file under data/). Run these alone,
e.g. `PRUNEVIZ_TUTORIALS=1 pytest nbs/tutorials -k plain-run` in a clean clone (another writer of data/ running
at the same time would be blamed on the tutorial).
"""
import os
os.environ.setdefault('OMP_NUM_THREADS', '1')     # one thread per worker: two workers on two cores
os.environ.setdefault('MPLBACKEND', 'Agg')
import pytest


def _eligible(path, root):
    parts = path.relative_to(root).parts
    return not any(p.startswith(('_', '.')) for p in parts)


def pytest_collect_file(parent, file_path):
    if file_path.suffix == '.ipynb' and _eligible(file_path, parent.config.rootpath):
        return NotebookFile.from_parent(parent, path=file_path)


class NotebookFailed(Exception): pass


class NotebookFile(pytest.File):
    def collect(self):
        name = str(self.path.relative_to(self.config.rootpath))
        yield NotebookItem.from_parent(self, name=name)
        if os.environ.get('PRUNEVIZ_TUTORIALS') == '1' and self.path.parent.name == 'tutorials':
            yield PlainRunItem.from_parent(self, name=f'{name}::plain-run')


def _repo_state(root):
    "git status --porcelain (untracked files included) and a hash of every file under data/."
    import hashlib, subprocess
    cmd = ['git', 'status', '--porcelain', '--untracked-files=all']
    st = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=True).stdout
    files = [p for p in sorted((root / 'data').rglob('*')) if p.is_file()]
    data = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    return st, data


class PlainRunItem(pytest.Item):
    "A tutorial executed as Run All in Jupyter: in time, and changing no file of the repository."
    def runtest(self):
        import subprocess, time
        from pathlib import Path
        import nbformat
        from nbclient import NotebookClient
        timeout = int(os.environ.get('PRUNEVIZ_TUTORIAL_TIMEOUT', '120'))
        cmd = ['git', 'rev-parse', '--show-toplevel']
        git = subprocess.run(cmd, cwd=self.path.parent, capture_output=True, text=True, check=True)
        root = Path(git.stdout.strip())
        before = _repo_state(root)
        nb = nbformat.read(self.path, as_version=4)
        t0 = time.perf_counter()
        mpl = os.environ.pop('MPLBACKEND', None)   # the kernel gets Jupyter's own (inline) backend, not this file's Agg
        client = NotebookClient(nb, timeout=timeout, kernel_name='python3',
                                resources={'metadata': {'path': str(self.path.parent)}})
        try: client.execute()
        except Exception as e:
            msg = f'{type(e).__name__}: {str(e)[-3000:]}'
            raise NotebookFailed(f'{self.path.name} failed under a plain kernel: {msg}') from None
        finally:
            if mpl is not None: os.environ['MPLBACKEND'] = mpl
        secs = time.perf_counter() - t0
        self.user_properties.append(('seconds', secs))
        after = _repo_state(root)
        changed = sorted(set(after[0].splitlines()) ^ set(before[0].splitlines())) + \
                  sorted(k for k in set(after[1]) | set(before[1]) if after[1].get(k) != before[1].get(k))
        if changed: raise NotebookFailed(f'{self.path.name} changed the repository: {", ".join(changed[:20])}')
        if secs > timeout: raise NotebookFailed(f'{self.path.name} took {secs:.0f} s (limit {timeout} s)')

    def repr_failure(self, excinfo):
        return str(excinfo.value) if excinfo.errisinstance(NotebookFailed) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f'plain Jupyter run of {self.name}'


class NotebookItem(pytest.Item):
    def runtest(self):
        from nbdev.config import get_config
        from nbdev.test import test_nb
        cfg = get_config()
        ok, secs = test_nb(self.path, skip_flags=cfg.tst_flags.split(),
                           force_flags=os.environ.get('PRUNEVIZ_TEST_FLAGS', '').split(),
                           showerr=True, basepath=cfg.config_path)
        self.user_properties.append(('seconds', secs))
        if not ok: raise NotebookFailed(f'{self.path.name} failed (traceback in the captured stderr below)')

    def repr_failure(self, excinfo):
        return str(excinfo.value) if excinfo.errisinstance(NotebookFailed) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f'notebook {self.name}'
