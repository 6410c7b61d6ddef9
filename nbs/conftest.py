"""pytest runs every notebook in nbs/ as one test (nbdev's `test_nb`), two at a time with `-n 2`.

Cells flagged with a `tst_flags` flag from settings.ini (`#| slow`) are skipped unless named in
PRUNEVIZ_TEST_FLAGS (e.g. PRUNEVIZ_TEST_FLAGS=slow pytest nbs -n 2).
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
        yield NotebookItem.from_parent(self, name=str(self.path.relative_to(self.config.rootpath)))


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
