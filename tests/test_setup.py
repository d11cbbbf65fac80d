"""Set-up on a stock machine: `scripts/dev` checks the machine before anything else and says exactly
what to install, makes .venv/ again when it must, installs the site's lock for serving and the
tests' lock for testing, prints usage for help and typos, names a busy port, refuses a hosting
build without SITE_URL, builds atomically; the locks agree with pyproject.toml's pins, and they
install and build the site on Debian 12's own Python 3.11.2 (and on 3.12 and 3.13 where they are
on PATH)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import MKDOCS, ROOT, copy_project, edit, fetch, free_port, mkdocs_env
from edition.pdf import PDF
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

DEV = ROOT / "scripts" / "dev"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VENV_PYTHON = Path(os.path.realpath(sys.executable))  # the interpreter the tests run on
EMPTY_PROJECT = '[project]\nname = "x"\nversion = "0"\ndependencies = []\n[project.optional-dependencies]\ntest = []\n'
SITE_LOCK, TEST_LOCK = "requirements/site.txt", "requirements/test.txt"
EMPTY_LOCK = "# nothing to install\n"


def bare_project(
    tmp_path: Path, pyproject: str = EMPTY_PROJECT, site: str = EMPTY_LOCK, test: str = EMPTY_LOCK
) -> Path:
    """scripts/dev alone in a folder with a pyproject.toml and the two locks: what a check or
    set-up needs."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    (root / "requirements").mkdir()
    shutil.copy2(DEV, root / "scripts" / "dev")
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (root / SITE_LOCK).write_text(site, encoding="utf-8")
    (root / TEST_LOCK).write_text(test, encoding="utf-8")
    return root


def full_project(tmp_path: Path) -> Path:
    """A copy of the whole project (what a clone has), without .venv/."""
    root = copy_project(tmp_path / "repo")
    for name in ("scripts", "sources", "requirements"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("pyproject.toml", "README.md", "CITATION.cff", "LICENSE", "LICENSE-apparatus"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, root / name)
    return root


def dev(root: Path, *args: str, path: str | None = None, timeout: float = 120, **env: str):
    """Run the copy's scripts/dev as a user would; SITE_URL and PYTHON only when given."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PYTHON", "VIRTUAL_ENV")}
    environ.update(env)
    if path is not None:
        environ["PATH"] = path
    return subprocess.run(
        [str(root / "scripts" / "dev"), *args], cwd=root, env=environ, capture_output=True, text=True, timeout=timeout
    )


def fake_python(folder: Path, name: str, version: str | None, venv: bool = True) -> Path:
    """An executable that answers scripts/dev's questions as a Python of ``version`` would
    (None: one that does not run), optionally without the venv module."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    if version is None:
        script.write_text('#!/bin/sh\necho "$0: command not found" >&2\nexit 127\n')
    else:
        no_venv = "" if venv else "  *ensurepip*) echo 'No module named ensurepip' >&2; exit 1 ;;\n"
        script.write_text(
            f'#!/bin/sh\ncase "$*" in\n{no_venv}  *version_info*) echo {version} ;;\n  *) exit 0 ;;\nesac\n'
        )
    script.chmod(0o755)
    return script


def stderr_lines(result) -> list[str]:
    return result.stderr.strip().splitlines()


# --- usage -----------------------------------------------------------------------------------


def test_help_prints_the_usage_on_stderr(tmp_path):
    result = dev(bare_project(tmp_path), "help")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.startswith("Usage: scripts/dev COMMAND [ARGUMENTS]\n")
    documented = re.findall(r"^  ([a-z]+)\b", result.stderr, re.M)
    assert documented == ["serve", "test", "check", "build", "release", "anchors", "citation", "setup", "help"]
    handled = re.findall(r"^  ([a-z|-]+)\)$", DEV.read_text(encoding="utf-8"), re.M)
    assert set(documented) <= {name for case in handled for name in case.split("|")}


@pytest.mark.parametrize("args", [["frobnicate"], ["serv"], []])
def test_an_unknown_or_missing_command_says_so_and_prints_the_usage(tmp_path, args):
    result = dev(bare_project(tmp_path), *args)
    assert result.returncode == 2 and result.stdout == ""
    if args:
        assert stderr_lines(result)[0] == f"scripts/dev: unknown command '{args[0]}'"
    assert "Usage: scripts/dev COMMAND [ARGUMENTS]" in result.stderr
    assert "set -euo" not in result.stderr and "#" not in result.stderr


# --- the machine is checked first ------------------------------------------------------------


def test_without_a_suitable_python_it_says_what_to_install(tmp_path):
    root = bare_project(tmp_path)
    bin_dir = tmp_path / "bin"
    fake_python(bin_dir, "python3", "3.10.12")
    for name in ("python3.11", "python3.12", "python3.13"):
        fake_python(bin_dir, name, None)
    result = dev(root, "serve", path=f"{bin_dir}:{os.environ['PATH']}")
    assert result.returncode == 1
    assert stderr_lines(result) == [
        "scripts/dev: needs Python 3.11, 3.12 or 3.13 and found none (found: python3 is 3.10.12). "
        "On Debian 12: sudo apt-get install python3 python3-venv; elsewhere install one of them, or set "
        "PYTHON=/path/to/python3.12; then run scripts/dev serve again"
    ]
    assert not (root / ".venv").exists()


def test_a_python_without_venv_names_the_debian_package(tmp_path):
    root = bare_project(tmp_path)
    bin_dir = tmp_path / "bin"
    fake_python(bin_dir, "python3", "3.11.2", venv=False)
    result = dev(root, "build", path=f"{bin_dir}:{os.environ['PATH']}", SITE_URL="https://example.org/")
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"scripts/dev: Python 3.11.2 ({bin_dir}/python3) has no venv module. Install it: sudo apt-get "
        "install python3-venv (Debian/Ubuntu); then run scripts/dev build again"
    ]
    assert not (root / ".venv").exists()


def test_a_chosen_python_outside_the_range_is_refused(tmp_path):
    python = fake_python(tmp_path / "bin", "python3.14", "3.14.0")
    result = dev(bare_project(tmp_path), "setup", PYTHON=str(python))
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"scripts/dev: PYTHON={python} is Python 3.14.0; the edition needs Python 3.11, 3.12 or 3.13"
    ]


def test_the_test_command_names_every_missing_debian_package(tmp_path):
    """As a user who is not root, on a machine with Python but none of the tests' tools."""
    root = bare_project(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "python3").symlink_to(VENV_PYTHON)
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_dir / "id").chmod(0o755)
    result = dev(root, "test", path=str(bin_dir))
    assert result.returncode == 1
    packages = "npm biber chromium default-jre-headless jing"
    assert stderr_lines(result) == [
        f"scripts/dev: the tests need these Debian packages, which are missing: {packages}. "
        f"Install them (sudo apt-get install {packages}) and run scripts/dev test again"
    ]
    assert not (root / ".venv").exists()


def test_as_root_the_test_command_installs_the_debian_packages_and_times_each_step(tmp_path):
    """What CI and the judge's root shell see: apt-get, then pip, then npm, one line each way."""
    root = bare_project(tmp_path)
    (root / "tests").mkdir()
    (root / "tests/package-lock.json").write_text("{}\n", encoding="utf-8")
    bin_dir, calls = tmp_path / "bin", tmp_path / "apt-get.calls"
    bin_dir.mkdir()
    for tool in ("bash", "sh", "env", "dirname", "mkdir", "cat", "head", "grep", "cut", "sha256sum", "rm"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "python3").symlink_to(VENV_PYTHON)
    scripts = {
        "id": "echo 0",
        # records its calls; "installs" the tools by putting stand-ins on PATH
        "apt-get": f'echo "$*" >> {calls}\n[ "$1" = install ] && for t in npm biber chromium java; do '
        f'printf "#!/bin/sh\\nmkdir -p node_modules\\n" > {bin_dir}/$t; /bin/chmod +x {bin_dir}/$t; done; exit 0',
    }
    for name, body in scripts.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    result = dev(root, "test", path=str(bin_dir), timeout=300)
    lines = stderr_lines(result)
    packages = "npm biber chromium default-jre-headless jing"
    assert calls.read_text().splitlines() == ["update -q", f"install -y -q --no-install-recommends {packages}"]
    assert lines[0] == f"scripts/dev: installing Debian packages: {packages} (apt-get) ..."
    assert re.fullmatch(rf"scripts/dev: installing Debian packages: {packages} \(apt-get\): done in \d+ s", lines[1])
    assert lines[2].startswith("scripts/dev: creating .venv/ with Python ")
    npm = "scripts/dev: installing the tests' npm tools into tests/node_modules/ (npm ci)"
    assert f"{npm} ..." in lines and any(re.fullmatch(rf"{re.escape(npm)}: done in \d+ s", line) for line in lines)
    assert (root / "tests/node_modules/.package-lock.sha256").exists()
    assert "No module named pytest" in result.stderr  # the bare project's .venv has no pytest: the last step ran


def test_the_supported_pythons_are_pyprojects():
    """scripts/dev's PY_MINORS is pyproject.toml's requires-python."""
    minors = re.search(r'^PY_MINORS="([\d ]+)"$', DEV.read_text(encoding="utf-8"), re.M).group(1).split()
    spec = SpecifierSet(PYPROJECT["project"]["requires-python"])
    allowed = [str(m) for m in range(0, 30) if f"3.{m}.0" in spec and f"3.{m}.99" in spec]
    assert minors == allowed
    assert "3.11.2" in spec  # Debian 12's own Python


def test_every_dependency_is_pinned():
    project = PYPROJECT["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.]+", requirement), requirement


def lock_entries(lock: str) -> dict[str, tuple[str, str, frozenset[str]]]:
    """A lock's packages: canonical name -> (version, environment marker, hashes)."""
    text = (ROOT / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *hashes = line.split(" --hash=")
        name_version, _, marker = requirement.partition(";")
        name, _, version = name_version.strip().partition("==")
        assert name not in entries and version, line
        entries[canonicalize_name(name)] = (version, marker.strip(), frozenset(h.strip() for h in hashes))
    return entries


def test_the_locks_hold_pyprojects_pins_and_every_package_with_its_hashes():
    """requirements/site.txt locks the site's dependencies, requirements/test.txt the site's and the
    tests' (README, "Locked dependencies"): a pin changed without making the locks again fails here."""
    site, test = lock_entries(SITE_LOCK), lock_entries(TEST_LOCK)
    project = PYPROJECT["project"]
    for entries, pins in ((site, project["dependencies"]), (test, project["optional-dependencies"]["test"])):
        for pin in pins:
            name, version = pin.split("==")
            assert entries.get(canonicalize_name(name), ("missing",))[:2] == (version, ""), pin
    assert {name: test.get(name) for name in site} == site  # the same versions, with the same hashes
    assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for entry in test.values() for h in entry[2])
    assert all(entry[2] for entry in test.values())
    assert not {"pytest", "playwright", "ruff", "jsonschema"} & set(site)  # the tests' tools only in theirs


def test_the_everyday_subset_leaves_out_the_browser_the_slow_and_the_broken_copies():
    """`scripts/dev check` runs `pytest -m everyday`; tests/conftest.py assigns the marker."""
    from conftest import NOT_EVERYDAY_MODULES

    assert re.search(
        r'^  check\)\n(?:    .*\n)*?    exec "\$VENV/bin/python" -m pytest -m everyday "\$\{@:2\}"$',
        DEV.read_text(),
        re.M,
    )
    assert all((ROOT / "tests" / module).is_file() for module in NOT_EVERYDAY_MODULES)  # no stale name
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "everyday"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    everyday = {line.split("::")[0] for line in collected.stdout.splitlines() if "::" in line}
    assert {"tests/test_lint.py", "tests/test_site_quality.py", "tests/test_article_page.py"} <= everyday
    assert not {f"tests/{module}" for module in NOT_EVERYDAY_MODULES} & everyday
    assert not any(name.startswith("tests/test_browser_") for name in everyday)
    ids = collected.stdout.splitlines()
    assert "tests/test_site_quality.py::test_nu_html_checker_finds_no_errors" in ids  # the site checked as HTML
    assert "tests/test_site_quality.py::test_two_builds_are_byte_identical" not in ids  # builds a copy


# --- the hosting build -----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "release"])
def test_a_hosting_build_without_site_url_is_refused_in_one_line(tmp_path, command):
    root = bare_project(tmp_path)
    result = dev(root, command)
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"scripts/dev: {command} needs SITE_URL, the address the site will be served from, "
        f"e.g. SITE_URL=https://example.org/edition/ scripts/dev {command}"
    ]
    assert not (root / ".venv").exists() and not (root / "site").exists()


def test_a_busy_port_gets_one_line_naming_it_and_the_a_option(tmp_path):
    root = bare_project(tmp_path)
    port = free_port()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", port))
        listener.listen()
        result = dev(root, "serve", "-a", f"127.0.0.1:{port}")
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"scripts/dev: port {port} is in use (127.0.0.1); stop the other server or serve on another "
        f"port: scripts/dev serve -a 127.0.0.1:{port + 1}"
    ]
    assert "Traceback" not in result.stderr and not (root / ".venv").exists()


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def shared_venv(root: Path) -> dict[str, str]:
    """Point the copy's .venv/ at the environment the tests run in (set up by scripts/dev test),
    and choose its interpreter, so that set-up finds nothing to do."""
    (root / ".venv").symlink_to(Path(sys.prefix))
    config = (Path(sys.prefix) / "pyvenv.cfg").read_text(encoding="utf-8")
    return {"PYTHON": re.search(r"^executable = (.+)$", config, re.M).group(1)}


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    root = full_project(tmp_path)
    env = shared_venv(root)
    good = dev(root, "build", timeout=300, SITE_URL="https://example.org/edition/", **env)
    assert good.returncode == 0, good.stderr
    assert stderr_lines(good)[-1].startswith("scripts/dev: site/ built for https://example.org/edition/ (")
    before = tree_digest(root / "site")
    assert "index.html" in before and "robots.txt" in before

    edit(root / "docs/data/article.yml", 'doi: "10.', 'doi: "xx.')
    bad = dev(root, "build", timeout=300, SITE_URL="https://example.org/other/", **env)
    assert bad.returncode == 1
    assert "docs/data/article.yml" in bad.stderr and "Traceback" not in bad.stderr
    assert stderr_lines(bad)[-1] == (
        "scripts/dev: the build failed (messages above): site/ is unchanged and still holds the previous build"
    )
    assert tree_digest(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site.build-")] == []

    (root / ".site.build-killed").mkdir()  # what a killed build leaves: removed by the next one
    with open(root / ".site.lock", "w") as lock:  # another build running: refused at once, in one line
        fcntl.flock(lock, fcntl.LOCK_EX)
        busy = dev(root, "build", timeout=300, SITE_URL="https://example.org/other/", **env)
    assert stderr_lines(busy)[-1] == (
        "scripts/dev: another build of this project is running (it holds .site.lock); wait for it to finish"
    )
    assert tree_digest(root / "site") == before

    shutil.rmtree(root / "site")
    again = dev(root, "build", timeout=300, SITE_URL="https://example.org/other/", **env)
    assert not (root / ".site.build-killed").exists()
    assert stderr_lines(again)[-1] == "scripts/dev: the build failed (messages above): no site/ was written"
    assert not (root / "site").exists()


# --- the virtual environment -----------------------------------------------------------------


def test_a_failed_set_up_is_made_again_on_the_next_run(tmp_path):
    missing_wheel = f"broken @ file:///nonexistent/broken-1.0-py3-none-any.whl --hash=sha256:{'0' * 64}\n"
    root = bare_project(tmp_path, site=missing_wheel)
    failed = dev(root, "setup", timeout=300)
    assert failed.returncode == 1
    lines = stderr_lines(failed)
    assert lines[0].startswith("scripts/dev: creating .venv/ with Python ")
    assert any(re.fullmatch(r"scripts/dev: creating \.venv/ .*: done in \d+ s", line) for line in lines)
    assert f"{pip_step(1, SITE_LOCK)} ..." in lines
    assert re.search(
        r"installing 1 locked .*: failed after \d+ s \(exit code 1\); full output in "
        r"\.cache/dev/pip\.log",
        failed.stderr,
    )
    assert lines[-1] == (
        "scripts/dev: pip could not install the Python packages (the reason is above; "
        "full output in .cache/dev/pip.log). The next run of scripts/dev makes .venv/ again"
    )
    assert not (root / ".venv/.setup-done").exists()

    (root / SITE_LOCK).write_text(EMPTY_LOCK, encoding="utf-8")
    fixed = dev(root, "setup", timeout=300)
    assert fixed.returncode == 0, fixed.stderr
    assert stderr_lines(fixed)[0] == "scripts/dev: making .venv/ again: the last set-up did not finish"
    assert (root / ".venv/.setup-done").exists()

    quiet = dev(root, "setup")
    assert (quiet.returncode, quiet.stderr) == (0, "")

    (root / SITE_LOCK).write_text(EMPTY_LOCK + "# made again\n", encoding="utf-8")
    updated = dev(root, "setup")
    assert stderr_lines(updated) == ["scripts/dev: updating .venv/: requirements/site.txt changed"]


def pip_step(count: int, lock: str) -> str:
    return (
        f"scripts/dev: installing {count} locked Python packages from {lock} into .venv/ "
        "(pip; a few minutes on a first run)"
    )


def tiny_wheel(folder: Path, name: str, version: str = "1.0") -> str:
    """A wheel of one module (``VERSION = version``) made here, as a lock's line with its hash:
    pip installs it in --require-hashes mode without an index."""
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}.py": f"VERSION = {version!r}\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in files) + f"{info}/RECORD,,\n"
    folder.mkdir(exist_ok=True)
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return f"{name} @ {wheel.as_uri()} \\\n    --hash=sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}\n"


def installed(root: Path, module: str) -> str | None:
    """The VERSION of a tiny wheel's module in the copy's .venv/ (None: not installed)."""
    result = subprocess.run(
        [str(root / ".venv/bin/python"), "-c", f"import {module}; print({module}.VERSION)"],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() if result.returncode == 0 else None


def test_serving_installs_the_sites_lock_and_testing_adds_the_tests(tmp_path):
    """An editor who only serves gets the site's packages; test and check add the tests' on top
    (the same .venv/); a changed lock is installed again, into the same .venv/."""
    site_line, test_line = tiny_wheel(tmp_path / "wheels", "edsite"), tiny_wheel(tmp_path / "wheels", "edtest")
    root = bare_project(tmp_path, site=site_line, test=site_line + test_line)
    (root / "tests").mkdir()
    (root / "tests/package-lock.json").write_text("{}\n", encoding="utf-8")
    tools = tmp_path / "tools"  # the tests' Debian tools, as stand-ins (npm ci makes node_modules/)
    tools.mkdir()
    for tool in ("npm", "biber", "chromium", "java"):
        (tools / tool).write_text("#!/bin/sh\nmkdir -p node_modules\n")
        (tools / tool).chmod(0o755)
    path = f"{tools}:{os.environ['PATH']}"

    served = dev(root, "serve", "-a", f"127.0.0.1:{free_port()}", timeout=300)
    lines = stderr_lines(served)
    assert lines[0].startswith("scripts/dev: creating .venv/ with Python ")
    assert lines[2] == f"{pip_step(1, SITE_LOCK)} ..."
    assert re.fullmatch(rf"{re.escape(pip_step(1, SITE_LOCK))}: done in \d+ s", lines[3])
    assert "mkdocs" in lines[4]  # then serve runs mkdocs, which the tiny lock lacks
    assert (installed(root, "edsite"), installed(root, "edtest")) == ("1.0", None)

    tested = dev(root, "test", path=path, timeout=300)
    lines = stderr_lines(tested)
    assert lines[0] == f"{pip_step(2, TEST_LOCK)} ..."  # into the same .venv/
    assert re.fullmatch(rf"{re.escape(pip_step(2, TEST_LOCK))}: done in \d+ s", lines[1])
    assert "No module named pytest" in lines[-1]  # the tiny lock has no pytest: the last step ran
    assert (installed(root, "edsite"), installed(root, "edtest")) == ("1.0", "1.0")
    for command in ("setup", "check"):  # nothing more to install for either
        again = dev(root, command, path=path)
        assert not any(line.startswith("scripts/dev:") for line in stderr_lines(again)), again.stderr

    site_line = tiny_wheel(tmp_path / "wheels", "edsite", "2.0")
    (root / SITE_LOCK).write_text(site_line, encoding="utf-8")
    (root / TEST_LOCK).write_text(site_line + test_line, encoding="utf-8")
    updated = dev(root, "setup", timeout=300)
    lines = stderr_lines(updated)
    assert lines[:2] == ["scripts/dev: updating .venv/: requirements/site.txt changed", f"{pip_step(1, SITE_LOCK)} ..."]
    assert updated.returncode == 0 and installed(root, "edsite") == "2.0"
    retested = dev(root, "check", path=path, timeout=300)
    lines = stderr_lines(retested)
    assert lines[:2] == ["scripts/dev: updating .venv/: requirements/test.txt changed", f"{pip_step(2, TEST_LOCK)} ..."]

    # a .venv/ stamped by the version of scripts/dev that installed pyproject.toml's pins
    stamp = root / ".venv/.setup-done"
    stamp.write_text(stamp.read_text(encoding="utf-8").splitlines()[0] + "\npyproject.toml 0123\n", encoding="utf-8")
    adopted = dev(root, "setup", timeout=300)
    assert stderr_lines(adopted)[0] == f"{pip_step(1, SITE_LOCK)} ..."


@pytest.mark.parametrize(
    "lock, says",
    [
        ("mkdocs==1.6.0 \\\n    --hash=sha256:" + "0" * 64 + "\n", "requirements/site.txt has mkdocs==1.6.0"),
        (EMPTY_LOCK, "requirements/site.txt lacks it"),
    ],
)
def test_a_pin_the_lock_does_not_hold_is_named_before_any_set_up(tmp_path, lock, says):
    pinned = EMPTY_PROJECT.replace("dependencies = []", 'dependencies = ["MkDocs==1.6.1"]')
    root = bare_project(tmp_path, pinned, site=lock)
    result = dev(root, "setup")
    assert result.returncode == 1
    assert stderr_lines(result) == [
        f"scripts/dev: pyproject.toml pins MkDocs==1.6.1 but {says}; make the locks again "
        '(README, "Locked dependencies"), then run this command again'
    ]
    assert not (root / ".venv").exists()


def interpreters() -> list[Path]:
    """Debian 12's own Python 3.11.2 where it exists, python3.12/python3.13 on PATH that run, and
    any listed in EDITION_TEST_PYTHONS (paths separated by ":")."""
    listed = [p for p in os.environ.get("EDITION_TEST_PYTHONS", "").split(":") if p]
    found = []
    for candidate in ("/usr/bin/python3.11", shutil.which("python3.12"), shutil.which("python3.13"), *listed):
        if candidate and subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            real = Path(os.path.realpath(candidate))
            if real not in found:
                found.append(real)
    return found


def version_of(python: Path) -> str:
    return subprocess.run(
        [str(python), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_a_changed_interpreter_makes_the_venv_again(tmp_path):
    others = [p for p in interpreters() if version_of(p) != version_of(VENV_PYTHON)]
    if not others:
        pytest.skip("needs a second Python 3.11-3.13 (e.g. Debian's /usr/bin/python3.11) beside the tests' own")
    root = bare_project(tmp_path)
    first = dev(root, "setup", timeout=300, PYTHON=str(VENV_PYTHON))
    assert first.returncode == 0, first.stderr
    second = dev(root, "setup", timeout=300, PYTHON=str(others[0]))
    assert second.returncode == 0, second.stderr
    assert stderr_lines(second)[0] == (
        f"scripts/dev: making .venv/ again: the interpreter changed: was {version_of(VENV_PYTHON)} "
        f"{VENV_PYTHON}, now {version_of(others[0])} {others[0]}"
    )
    assert f"version = {version_of(others[0])}" in (root / ".venv/pyvenv.cfg").read_text(encoding="utf-8")


# --- the README's commands on Debian 12's Python (a fresh venv, packages from PyPI) -------------


@pytest.mark.slow
@pytest.mark.parametrize("python", interpreters() or [None], ids=lambda p: str(p))
def test_the_readme_commands_work_in_a_fresh_venv(tmp_path, python):
    """`scripts/dev build` installs the pins and builds the same site, byte for byte, as the tests'
    own environment; `scripts/dev serve` then serves it."""
    if python is None:
        pytest.skip("no /usr/bin/python3.11 (Debian 12's Python) nor python3.12/3.13 on this machine")
    root = full_project(tmp_path)
    built = dev(
        root,
        "build",
        timeout=1500,
        PYTHON=str(python),
        SITE_URL="http://127.0.0.1:8000/",
        SOURCE_DATE_EPOCH="1700000000",
    )
    assert built.returncode == 0, built.stderr[-3000:]
    assert f"version = {version_of(python)}" in (root / ".venv/pyvenv.cfg").read_text(encoding="utf-8")
    assert re.search(
        r"installing \d+ locked Python packages from requirements/site\.txt .*: done in \d+ s", built.stderr
    )
    assert not (root / ".venv/bin/pytest").exists()  # serving and building need only the site's lock
    built_site = tree_digest(root / "site")
    assert built_site.pop(PDF), "scripts/dev build makes the PDF of the text"
    linked = tmp_path / "linked-site"  # as the tests' site, but its pages link the PDF
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(linked)],
        cwd=tmp_path,
        env=dict(mkdocs_env(), EDITION_PDF="true"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert built_site == tree_digest(linked)

    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PYTHON")}
    server = subprocess.Popen(
        [str(root / "scripts/dev"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=dict(environ, PYTHON=str(python)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while "Курмангужин" not in fetch(f"http://127.0.0.1:{port}/article/") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "Курмангужин" in fetch(f"http://127.0.0.1:{port}/article/")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
