"""exitcodes.conversions: totality, round trips, and agreement with real processes."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import conversions as cv
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError

if os.name == "posix":
    import resource

CI = os.environ.get("CI", "").lower() == "true"
POSIX = os.name == "posix"
LINUX = sys.platform.startswith("linux")

INT64 = st.integers(min_value=cv.INT64_MIN, max_value=cv.INT64_MAX)
BEYOND_INT64 = st.one_of(
    st.integers(max_value=cv.INT64_MIN - 1), st.integers(min_value=cv.INT64_MAX + 1)
)
NOT_INTS = st.one_of(
    st.booleans(),
    st.floats(allow_nan=True),
    st.none(),
    st.binary(max_size=3),
    st.lists(st.integers(), max_size=2),
    st.builds(object),
)
LINUX_TABLE = cv.SignalPlatform.LINUX
SIGNAL_NUMBERS = st.integers(min_value=1, max_value=cv.MAX_WAIT_SIGNAL)

# Functions of one int; the ones that also take a signal name are marked.
INT_FUNCTIONS: dict[str, Callable[[Any], object]] = {
    "decode_wait_status": cv.decode_wait_status,
    "wait_status_to_exit_code": cv.wait_status_to_exit_code,
    "exited_wait_status": cv.exited_wait_status,
    "signaled_wait_status": cv.signaled_wait_status,
    "shell_code_from_signal": cv.shell_code_from_signal,
    "signal_from_shell_code": cv.signal_from_shell_code,
    "returncode_to_shell_code": cv.returncode_to_shell_code,
    "ksh_code_from_signal": cv.ksh_code_from_signal,
    "signal_from_ksh_code": cv.signal_from_ksh_code,
    "ksh_code_to_shell_code": cv.ksh_code_to_shell_code,
    "truncate_status": cv.truncate_status,
    "windows_unsigned": cv.windows_unsigned,
    "windows_signed": cv.windows_signed,
    "ntstatus": cv.ntstatus,
    "signal_name": cv.signal_name,
    "signal_info": cv.signal_info,
}
TAKE_NAMES = {
    "signaled_wait_status",
    "shell_code_from_signal",
    "ksh_code_from_signal",
    "signal_info",
}


def host_platform() -> cv.SignalPlatform | None:
    if sys.platform.startswith("linux"):
        return cv.SignalPlatform.LINUX
    if sys.platform == "darwin":
        return cv.SignalPlatform.DARWIN
    if sys.platform.startswith("freebsd"):
        return cv.SignalPlatform.FREEBSD
    return None


def need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        if CI:
            pytest.fail(f"{binary} is required under CI=true")
        pytest.skip(f"{binary} is not installed")
    return path


# --------------------------------------------------------------------------- totality


@pytest.mark.parametrize("name", sorted(INT_FUNCTIONS))
@settings(max_examples=30)
@given(value=INT64)
def test_total_over_int64(name: str, value: int) -> None:
    try:
        INT_FUNCTIONS[name](value)
    except MalformedEvidenceError as error:
        assert str(value) in str(error)


@pytest.mark.parametrize("name", sorted(INT_FUNCTIONS))
@settings(max_examples=30)
@given(value=BEYOND_INT64)
def test_beyond_int64_is_malformed(name: str, value: int) -> None:
    with pytest.raises(MalformedEvidenceError):
        INT_FUNCTIONS[name](value)


@pytest.mark.parametrize("name", sorted(INT_FUNCTIONS))
@settings(max_examples=30)
@given(value=NOT_INTS)
def test_non_ints_are_malformed(name: str, value: object) -> None:
    with pytest.raises(MalformedEvidenceError, match=type(value).__name__):
        INT_FUNCTIONS[name](value)


@pytest.mark.parametrize("name", sorted(TAKE_NAMES - {"signal_info"}))
def test_unknown_signal_names_are_malformed(name: str) -> None:
    with pytest.raises(MalformedEvidenceError, match="SIGFOO"):
        INT_FUNCTIONS[name]("SIGFOO")


@given(value=st.one_of(INT64, NOT_INTS))
def test_signal_number_takes_only_str(value: object) -> None:
    with pytest.raises(MalformedEvidenceError):
        cv.signal_number(value)  # type: ignore[arg-type]


def test_bool_is_not_an_int() -> None:
    with pytest.raises(MalformedEvidenceError, match="bool"):
        cv.truncate_status(True)
    with pytest.raises(MalformedEvidenceError, match="bool"):
        cv.wait_status_to_exit_code(False)


def _raise(*args: object) -> Any:
    raise RuntimeError("hostile")


class HostileInt(int):
    """An int whose every overridable method raises."""

    __int__ = __index__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _raise
    __and__ = __rand__ = __add__ = __radd__ = __sub__ = __rsub__ = __neg__ = _raise
    __mod__ = __rmod__ = __or__ = __ror__ = __lshift__ = __rshift__ = _raise
    __repr__ = __str__ = __format__ = __bool__ = _raise
    __hash__ = int.__hash__


class HostileStr(str):
    """A str whose every overridable method raises."""

    strip = upper = startswith = __eq__ = __ne__ = __contains__ = __add__ = _raise
    __repr__ = __str__ = __format__ = __len__ = __iter__ = __getitem__ = _raise
    __hash__ = str.__hash__


class Spoof:
    """Claims to be an int through ``__class__``."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return int


@pytest.mark.parametrize("name", sorted(INT_FUNCTIONS))
@pytest.mark.parametrize("value", [-1, 0, 9, 137, 256, 0xC000013A, 2**40])
def test_hostile_int_subclasses_behave_like_ints(name: str, value: int) -> None:
    function = INT_FUNCTIONS[name]
    try:
        expected: object = function(value)
    except MalformedEvidenceError:
        expected = MalformedEvidenceError
    try:
        got: object = function(HostileInt(value))
    except MalformedEvidenceError:
        got = MalformedEvidenceError
    assert got == expected


@pytest.mark.parametrize("name", sorted(INT_FUNCTIONS))
def test_spoofed_ints_are_malformed(name: str) -> None:
    with pytest.raises(MalformedEvidenceError):
        INT_FUNCTIONS[name](Spoof())


def test_hostile_str_subclasses_behave_like_strs() -> None:
    assert cv.signal_number(HostileStr("kill")) == 9
    assert cv.shell_code_from_signal(HostileStr("SIGTERM")) == 143
    with pytest.raises(MalformedEvidenceError):
        cv.signal_number(Spoof())  # type: ignore[arg-type]


def test_int_subclasses_are_accepted() -> None:
    assert cv.shell_code_from_signal(signal.SIGTERM) == 143
    assert cv.signaled_wait_status(signal.SIGKILL) == 9


# --------------------------------------------------------------------------- wait statuses


@given(code=st.integers(min_value=0, max_value=255))
def test_exited_round_trip(code: int) -> None:
    status = cv.exited_wait_status(code)
    decoded = cv.decode_wait_status(status)
    assert decoded.kind is cv.WaitKind.EXITED
    assert decoded.exit_status == code
    assert cv.wait_status_to_exit_code(status) == code


@given(number=SIGNAL_NUMBERS, core=st.booleans())
def test_signaled_round_trip(number: int, core: bool) -> None:
    status = cv.signaled_wait_status(number, core_dumped=core)
    decoded = cv.decode_wait_status(status)
    assert (decoded.kind, decoded.signal, decoded.core_dumped) == (
        cv.WaitKind.SIGNALED,
        number,
        core,
    )
    assert cv.wait_status_to_exit_code(status) == -number
    assert cv.returncode_to_shell_code(-number) == cv.shell_code_from_signal(number)


@pytest.mark.skipif(not POSIX, reason="os.waitstatus_to_exitcode decodes POSIX statuses")
def test_every_16_bit_status_agrees_with_os() -> None:
    for status in range(0x10000):
        try:
            expected: int | str = os.waitstatus_to_exitcode(status)
        except ValueError:
            expected = "ValueError"
        try:
            got: int | str = cv.wait_status_to_exit_code(status)
        except MalformedEvidenceError:
            got = "ValueError"
        assert got == expected, hex(status)


@pytest.mark.skipif(not LINUX, reason="the Linux (glibc) wait macros")
@given(status=st.integers(min_value=0, max_value=0xFFFF))
def test_decode_agrees_with_os_macros(status: int) -> None:
    try:
        decoded = cv.decode_wait_status(status)
    except MalformedEvidenceError:
        assert not (os.WIFEXITED(status) or os.WIFSIGNALED(status) or os.WIFSTOPPED(status))
        return
    if decoded.kind is cv.WaitKind.EXITED:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == decoded.exit_status
    elif decoded.kind is cv.WaitKind.SIGNALED:
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == decoded.signal
        assert os.WCOREDUMP(status) == decoded.core_dumped
    elif decoded.kind is cv.WaitKind.STOPPED:
        assert os.WIFSTOPPED(status) and os.WSTOPSIG(status) == decoded.signal
    else:
        assert os.WIFCONTINUED(status)


@given(status=st.one_of(st.integers(max_value=-1), st.integers(min_value=0x10000)))
def test_statuses_beyond_16_bits_are_malformed(status: int) -> None:
    with pytest.raises(MalformedEvidenceError):
        cv.wait_status_to_exit_code(status)


def test_invalid_and_stopped_statuses() -> None:
    with pytest.raises(MalformedEvidenceError, match="invalid wait status: 255"):
        cv.decode_wait_status(0x00FF)
    assert cv.decode_wait_status(0xFFFF).kind is cv.WaitKind.CONTINUED
    with pytest.raises(MalformedEvidenceError, match="continued"):
        cv.wait_status_to_exit_code(0xFFFF)
    with pytest.raises(MalformedEvidenceError, match="stopped"):
        cv.wait_status_to_exit_code(0x137F)


# --------------------------------------------------------------------------- shells and Python


@pytest.mark.parametrize("platform", list(cv.SignalPlatform))
@given(number=SIGNAL_NUMBERS)
def test_shell_code_round_trip(platform: cv.SignalPlatform, number: int) -> None:
    code = cv.shell_code_from_signal(number, platform)
    assert code == 128 + number
    back = cv.signal_from_shell_code(code, platform)
    if cv.signal_name(number, platform) is None:
        assert back is None
    else:
        assert back == number


@given(code=st.integers(min_value=0, max_value=255))
def test_returncode_non_negative_is_unchanged(code: int) -> None:
    assert cv.returncode_to_shell_code(code) == code


@given(number=SIGNAL_NUMBERS)
def test_ksh_round_trip(number: int) -> None:
    ksh = cv.ksh_code_from_signal(number)
    assert ksh == 256 + number
    assert cv.signal_from_ksh_code(ksh) == number
    assert cv.ksh_code_to_shell_code(ksh) == cv.shell_code_from_signal(number)


@given(code=st.integers(min_value=0, max_value=255))
def test_ksh_exit_statuses_are_shell_codes(code: int) -> None:
    assert cv.ksh_code_to_shell_code(code) == code
    assert cv.signal_from_ksh_code(code) is None


def test_ksh_256_is_no_signal() -> None:
    with pytest.raises(MalformedEvidenceError, match="256"):
        cv.ksh_code_to_shell_code(256)


@given(status=INT64, k=st.integers(min_value=-(2**40), max_value=2**40))
def test_truncation(status: int, k: int) -> None:
    low = cv.truncate_status(status)
    assert low == status % 256
    assert cv.truncate_status(low) == low
    shifted = status + 256 * k
    if cv.INT64_MIN <= shifted <= cv.INT64_MAX:
        assert cv.truncate_status(shifted) == low


# --------------------------------------------------------------------------- Windows

WINDOWS_CODES = st.integers(min_value=-(2**31), max_value=2**32 - 1)


@given(code=WINDOWS_CODES)
def test_windows_round_trips(code: int) -> None:
    unsigned = cv.windows_unsigned(code)
    signed = cv.windows_signed(code)
    assert 0 <= unsigned < 2**32
    assert -(2**31) <= signed < 2**31
    assert cv.windows_unsigned(signed) == unsigned
    assert cv.windows_signed(unsigned) == signed
    assert cv.truncate_status(signed) == cv.truncate_status(unsigned)
    assert cv.ntstatus(signed) == cv.ntstatus(unsigned)


@given(code=st.one_of(st.integers(max_value=-(2**31) - 1), st.integers(min_value=2**32)))
def test_windows_codes_beyond_32_bits_are_malformed(code: int) -> None:
    with pytest.raises(MalformedEvidenceError, match=str(code)):
        cv.windows_unsigned(code)


@pytest.mark.parametrize(
    ("signed", "unsigned", "name", "low_byte"),
    [
        (-1073741510, 3221225786, "STATUS_CONTROL_C_EXIT", 58),
        (-1073741819, 0xC0000005, "STATUS_ACCESS_VIOLATION", 5),
        (-1073740791, 3221226505, "STATUS_STACK_BUFFER_OVERRUN", 9),
        (-1073741571, 0xC00000FD, "STATUS_STACK_OVERFLOW", 253),
        (-1073741515, 0xC0000135, "STATUS_DLL_NOT_FOUND", 53),
        (-1073741502, 0xC0000142, "STATUS_DLL_INIT_FAILED", 66),
        (-1073741795, 0xC000001D, "STATUS_ILLEGAL_INSTRUCTION", 29),
        (-1073741676, 0xC0000094, "STATUS_INTEGER_DIVIDE_BY_ZERO", 148),
        (1073807364, 0x40010004, "DBG_TERMINATE_PROCESS", 4),
        (-1073740940, 0xC0000374, "STATUS_HEAP_CORRUPTION", 116),
        (-1073741801, 0xC0000017, "STATUS_NO_MEMORY", 23),
        (-1073741790, 0xC0000022, "STATUS_ACCESS_DENIED", 34),
        (-1, 4294967295, None, 255),
    ],
)
def test_ntstatus_examples(signed: int, unsigned: int, name: str | None, low_byte: int) -> None:
    assert cv.windows_unsigned(signed) == unsigned
    assert cv.windows_signed(unsigned) == signed
    row = cv.ntstatus(signed)
    assert row is not None
    assert (row.code, row.name, row.signed, row.posix_code) == (unsigned, name, signed, low_byte)
    assert cv.truncate_status(unsigned) == low_byte


def test_ntstatus_table_is_consistent() -> None:
    codes = [row.code for row in cv.NTSTATUS_CODES]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)
    for row in cv.NTSTATUS_CODES:
        assert 0 <= row.code < 2**32
        assert row.name is None or row.name.startswith(("STATUS_", "DBG_"))
        assert row.description.endswith(".")
        assert row.source
        assert str(row).startswith(f"0x{row.code:08X}")


# --------------------------------------------------------------------------- signal tables


def test_signal_table_is_consistent() -> None:
    names = [row.name for row in cv.SIGNALS]
    assert len(names) == len(set(names))
    for platform in cv.SignalPlatform:
        numbers = [
            row.number(platform)
            for row in cv.SIGNALS
            if row.alias_of is None and row.number(platform) is not None
        ]
        assert len(numbers) == len(set(numbers)), platform
        assert set(numbers) == set(range(1, max(n for n in numbers if n is not None) + 1))
    for row in cv.SIGNALS:
        if row.alias_of is not None:
            canonical = next(r for r in cv.SIGNALS if r.name == row.alias_of)
            for platform in cv.SignalPlatform:
                if row.number(platform) is not None:
                    assert row.number(platform) == canonical.number(platform)


@pytest.mark.parametrize(
    ("name", "linux", "darwin", "freebsd"),
    [
        ("SIGUSR1", 10, 30, 30),
        ("SIGUSR2", 12, 31, 31),
        ("SIGCHLD", 17, 20, 20),
        ("SIGSTOP", 19, 17, 17),
        ("SIGTSTP", 20, 18, 18),
        ("SIGCONT", 18, 19, 19),
        ("SIGBUS", 7, 10, 10),
        ("SIGSYS", 31, 12, 12),
        ("SIGURG", 23, 16, 16),
        ("SIGIO", 29, 23, 23),
        ("SIGKILL", 9, 9, 9),
        ("SIGTERM", 15, 15, 15),
        ("SIGINFO", None, 29, 29),
        ("SIGPWR", 30, None, None),
        ("SIGRTMIN", 34, None, 65),
        ("SIGRTMAX", 64, None, 126),
        ("SIGRTMIN+15", 49, None, 80),
        ("SIGRTMAX-14", 50, None, 112),
    ],
)
def test_platform_numbers(
    name: str, linux: int | None, darwin: int | None, freebsd: int | None
) -> None:
    expected = {
        cv.SignalPlatform.LINUX: linux,
        cv.SignalPlatform.DARWIN: darwin,
        cv.SignalPlatform.FREEBSD: freebsd,
    }
    for platform, number in expected.items():
        assert cv.signal_number(name, platform) == number
        assert cv.signal_number(name.lower().removeprefix("sig"), platform) == number
        if number is not None:
            assert cv.signal_name(number, platform) == name


@pytest.mark.parametrize("platform", list(cv.SignalPlatform))
def test_name_number_round_trip(platform: cv.SignalPlatform) -> None:
    named = 0
    for number in range(1, 130):
        name = cv.signal_name(number, platform)
        if name is not None:
            named += 1
            assert cv.signal_number(name, platform) == number
            assert cv.shell_code_from_signal(name, platform) == 128 + number
    assert named == {"linux": 62, "darwin": 31, "freebsd": 94}[platform.value]


def test_realtime_names_out_of_range() -> None:
    assert cv.signal_number("SIGRTMIN-1") is None
    assert cv.signal_number("SIGRTMAX+1") is None
    assert cv.signal_number("SIGRTMIN+31") is None
    assert cv.signal_number("SIGRTMIN+3", cv.SignalPlatform.DARWIN) is None
    assert cv.signal_info("SIGRTMIN") is None
    assert cv.signal_info("nonsense") is None


@pytest.mark.skipif(host_platform() is None, reason="no signal table for this host")
def test_tables_agree_with_the_host_signal_module() -> None:
    platform = host_platform()
    assert platform is not None
    checked = 0
    for attribute in dir(signal):
        if not attribute.startswith("SIG") or attribute.startswith("SIG_"):
            continue
        value = getattr(signal, attribute)
        if not isinstance(value, int):
            continue
        assert cv.signal_number(attribute, platform) == int(value), attribute
        checked += 1
    for member in signal.Signals:
        assert cv.signal_name(int(member), platform) == member.name
    assert checked >= 25


@pytest.mark.skipif(not LINUX, reason="bash's kill -l lists the host's signals")
def test_linux_names_agree_with_bash_kill_l() -> None:
    need("bash")
    out = subprocess.run(
        ["bash", "-c", 'for i in $(seq 1 64); do echo "$i $(kill -l $i 2>/dev/null)"; done'],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout
    for line in out.splitlines():
        number, _, name = line.partition(" ")
        expected = cv.signal_name(int(number))
        assert (f"SIG{name}" if name else None) == expected, line


# --------------------------------------------------------------------------- real processes

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def fork_and_wait(action: Callable[[], None]) -> int:
    """Run *action* in a forked child (which must end the child) and return its raw status.

    The child only makes system calls (no imports, no locks), so forking is safe
    even if another thread exists; the 3.12+ warning about that is silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            action()
        finally:
            os._exit(99)
    _, status = os.waitpid(pid, 0)
    return status


def no_core_kill(number: int) -> Callable[[], None]:
    def action() -> None:  # pragma: no cover - runs in the child
        _, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
        if number != signal.SIGKILL:  # Python's own SIGINT handler would raise instead
            signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    return action


@needs_fork
@pytest.mark.parametrize("code", [0, 1, 3, 42, 125, 126, 127, 128, 255])
def test_forked_child_exit(code: int) -> None:
    status = fork_and_wait(lambda: os._exit(code))
    assert status == cv.exited_wait_status(code)
    assert cv.wait_status_to_exit_code(status) == os.waitstatus_to_exitcode(status) == code


@needs_fork
@pytest.mark.parametrize("name", ["SIGHUP", "SIGINT", "SIGKILL", "SIGSEGV", "SIGTERM", "SIGUSR1"])
def test_forked_child_killed(name: str) -> None:
    number = int(getattr(signal, name))
    status = fork_and_wait(no_core_kill(number))
    decoded = cv.decode_wait_status(status)
    assert (decoded.kind, decoded.signal, decoded.core_dumped) == (
        cv.WaitKind.SIGNALED,
        number,
        False,
    )
    assert cv.wait_status_to_exit_code(status) == os.waitstatus_to_exitcode(status) == -number
    platform = host_platform()
    if platform is not None:
        assert cv.signal_name(number, platform) == name


@pytest.mark.skipif(not hasattr(os, "posix_spawnp"), reason="needs os.posix_spawnp")
def test_real_core_dump_bit(tmp_path: Path) -> None:
    need("sh")
    script = f"cd {shlex.quote(str(tmp_path))} && ulimit -c unlimited 2>/dev/null; kill -QUIT $$"
    # setsigdef: a background job (nohup, &) inherits SIGQUIT ignored; restore the default.
    pid = os.posix_spawnp("sh", ["sh", "-c", script], os.environ, setsigdef=(signal.SIGQUIT,))
    _, status = os.waitpid(pid, 0)
    decoded = cv.decode_wait_status(status)
    assert decoded.kind is cv.WaitKind.SIGNALED
    assert decoded.signal == int(signal.SIGQUIT)
    assert decoded.core_dumped == os.WCOREDUMP(status)  # set only where the kernel dumped
    assert cv.wait_status_to_exit_code(status) == os.waitstatus_to_exitcode(status) == -3


@pytest.fixture
def stopped_child() -> Iterator[int]:
    need("sleep")
    pid = os.posix_spawnp("sleep", ["sleep", "5"], os.environ)
    try:
        yield pid
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


@pytest.mark.skipif(not LINUX, reason="WCONTINUED statuses as Linux reports them")
def test_real_stopped_and_continued_statuses(stopped_child: int) -> None:
    os.kill(stopped_child, signal.SIGSTOP)
    _, status = os.waitpid(stopped_child, os.WUNTRACED)
    decoded = cv.decode_wait_status(status)
    assert (decoded.kind, decoded.signal) == (cv.WaitKind.STOPPED, int(signal.SIGSTOP))
    with pytest.raises(ValueError, match="stopped"):
        os.waitstatus_to_exitcode(status)
    with pytest.raises(MalformedEvidenceError, match="stopped"):
        cv.wait_status_to_exit_code(status)
    os.kill(stopped_child, signal.SIGCONT)
    deadline = time.monotonic() + 5
    while True:
        pid, status = os.waitpid(stopped_child, os.WCONTINUED | os.WNOHANG)
        if pid or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert cv.decode_wait_status(status).kind is cv.WaitKind.CONTINUED
    with pytest.raises(MalformedEvidenceError):
        cv.wait_status_to_exit_code(status)


def test_subprocess_returncode_of_a_killed_shell() -> None:
    need("sh")
    result = subprocess.run(["sh", "-c", "kill -KILL $$"], check=False, timeout=10)
    assert result.returncode == -9
    assert cv.returncode_to_shell_code(result.returncode) == 137
    assert cv.shell_code_from_signal("KILL") == 137
    assert cv.signal_from_shell_code(137) == 9


@pytest.mark.parametrize("shell", ["sh", "bash", "dash"])
@pytest.mark.parametrize("name", ["TERM", "SEGV", "KILL", "USR1"])
def test_shell_reports_128_plus_n(shell: str, name: str) -> None:
    need(shell)
    script = f'sh -c "ulimit -c 0; kill -{name} \\$\\$"; echo $?'
    out = subprocess.run(
        [shell, "-c", script], check=False, capture_output=True, text=True, timeout=10
    )
    assert int(out.stdout) == cv.shell_code_from_signal(name, host_platform() or LINUX_TABLE)


@pytest.mark.parametrize("status", [0, 3, 255, 256, 257, 300, 511, 1000])
@pytest.mark.parametrize("shell", ["sh", "bash", "dash"])
def test_shell_exit_truncates(shell: str, status: int) -> None:
    need(shell)
    result = subprocess.run([shell, "-c", f"exit {status}"], check=False, timeout=10)
    assert result.returncode == cv.truncate_status(status)


@pytest.mark.parametrize(
    ("argument", "expected"),
    [("256", 0), ("-1", 255), ("300", 44), ("-256", 0), ("'msg'", 1), ("None", 0)],
)
def test_python_sys_exit_truncates(argument: str, expected: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.exit({argument})"],
        check=False,
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == expected
    if argument not in ("'msg'", "None"):
        assert cv.truncate_status(int(argument)) == expected


@pytest.mark.skipif(not LINUX, reason="needs the Linux 128+n of a real SIGUSR1")
def test_linux_usr1_is_138_not_darwins_158() -> None:
    need("sh")
    out = subprocess.run(
        ["sh", "-c", 'sh -c "kill -USR1 \\$\\$"; echo $?'],
        check=False,
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert int(out.stdout) == cv.shell_code_from_signal("USR1") == 138
    assert cv.shell_code_from_signal("USR1", cv.SignalPlatform.DARWIN) == 158


@pytest.mark.parametrize("given", ["linux", "Linux", " LINUX "])
def test_a_platform_given_as_text_is_that_platform(given: str) -> None:
    """Issue 14 item 2: "`conversions.signal_name(10, "linux")` returns 'SIGBUS' and
    `signal_number("USR1", "linux")` 30: a platform given as a string falls through to
    FreeBSD numbering"."""
    assert cv.signal_name(10, given) == "SIGUSR1"
    assert cv.signal_number("USR1", given) == 10
    assert cv.shell_code_from_signal("USR1", given) == 138
    assert cv.signal_info("USR1", given).number(given) == 10  # type: ignore[union-attr]


def test_darwin_and_profile_platforms_are_accepted() -> None:
    from exitcodes.profiles import Platform

    assert cv.signal_number("USR1", "macos") == 30
    assert cv.signal_number("USR1", Platform.DARWIN) == 30  # type: ignore[arg-type]
    assert cv.signal_platform("freebsd") is cv.SignalPlatform.FREEBSD


@pytest.mark.parametrize("platform", ["windows", "beos", 3, None, "win32"])
def test_an_unknown_signal_platform_is_refused(platform: object) -> None:
    with pytest.raises(InvalidArgumentError, match="signal platform must be"):
        cv.signal_name(10, platform)  # type: ignore[arg-type]


def test_linux_signals_are_the_linux_table() -> None:
    """LinuxSignal holds every Linux row of SIGNALS and the real-time signals, by number."""
    for row in cv.SIGNALS:
        if row.alias_of is None and row.linux is not None:
            assert cv.LinuxSignal[row.name] == row.linux
    for number in range(1, 65):
        name = cv.signal_name(number)
        assert (name is None) == (number not in set(cv.LinuxSignal))
        if name is not None:
            assert cv.LinuxSignal(number).name == name
