"""scripts/check_imports holds the package to the layers of docs/architecture.md."""

import os
import shutil
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECK = os.path.join(ROOT, "scripts", "check_imports")


def run_check(package, tools=None):
    args = ["/usr/bin/python3", CHECK, "--package", package, "--tools", tools or ""]
    return subprocess.run(args, capture_output=True, text=True)


def copy_package(tmp_path):
    package = tmp_path / "tracekit"
    shutil.copytree(os.path.join(ROOT, "python", "tracekit"), package,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    return package


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def test_the_package_follows_its_layers():
    result = run_check(os.path.join(ROOT, "python", "tracekit"), os.path.join(ROOT, "tools"))
    assert result.returncode == 0, result.stderr


def test_an_import_of_a_higher_layer_fails_naming_it(tmp_path):
    package = copy_package(tmp_path)
    append(package / "tables" / "base.py", "\n\ndef _late():\n    from ..probes import registry  # noqa\n")
    result = run_check(str(package))
    assert result.returncode == 1
    assert "tracekit.tables.base (layer 3) imports tracekit.probes.registry (layer 4)" in result.stderr
    assert "tables/base.py:" in result.stderr


def test_an_import_circle_fails_naming_the_circle(tmp_path):
    package = copy_package(tmp_path)
    append(package / "kernel" / "cpus.py", "\nfrom . import processes  # noqa\n")
    append(package / "kernel" / "processes.py", "\n\ndef _late():\n    from . import cpus  # noqa\n")
    result = run_check(str(package))
    assert result.returncode == 1
    assert "import circle: tracekit.kernel.cpus -> tracekit.kernel.processes -> tracekit.kernel.cpus" in result.stderr


def test_a_module_outside_the_table_fails(tmp_path):
    package = copy_package(tmp_path)
    os.mkdir(package / "exporter")
    (package / "exporter" / "__init__.py").write_text('"""new"""\n')
    result = run_check(str(package))
    assert result.returncode == 1
    assert "module tracekit.exporter is in no layer" in result.stderr


def test_a_tool_that_imports_the_binding_module_fails(tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "badtool").write_text("#!/usr/bin/python3\nfrom tracekit._native import core\n")
    result = run_check(os.path.join(ROOT, "python", "tracekit"), str(tools))
    assert result.returncode == 1
    assert "badtool:2: imports tracekit._native" in result.stderr
