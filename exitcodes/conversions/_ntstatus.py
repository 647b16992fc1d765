"""The Windows exit codes with a well-known meaning (NTSTATUS values)."""

from __future__ import annotations

import attrs

from exitcodes.conversions._statuses import windows_signed, windows_unsigned


@attrs.frozen
class NtStatus:
    """A Windows exit code that has a well-known meaning.

    Attributes:
        code: the unsigned 32-bit value (``docker inspect`` shows it this way).
        name: the symbolic name in Microsoft's ``ntstatus.h``; ``None`` for
            codes that are not NTSTATUS values (``0xFFFFFFFF``, exit code -1).
        description: what it means, in one sentence.
        source: where the name and the example come from.
    """

    code: int
    name: str | None
    description: str
    source: str

    @property
    def signed(self) -> int:
        """The same code as a signed 32-bit int."""
        return windows_signed(self.code)

    @property
    def posix_code(self) -> int:
        """The low byte: what a POSIX shell keeps of it."""
        return self.code & 0xFF

    def __str__(self) -> str:
        return f"0x{self.code:08X} {self.name or ''}".rstrip()


_NTSTATUS_H = "Microsoft ntstatus.h (values checked against mingw-w64-headers/include/ntstatus.h)"

NTSTATUS_CODES: tuple[NtStatus, ...] = (
    NtStatus(
        0x40000015,
        "STATUS_FATAL_APP_EXIT",
        "The program asked for a fatal exit (FatalAppExit).",
        _NTSTATUS_H,
    ),
    NtStatus(
        0x40010004, "DBG_TERMINATE_PROCESS", "A debugger terminated the process.", _NTSTATUS_H
    ),
    NtStatus(
        0x80000003,
        "STATUS_BREAKPOINT",
        "A breakpoint was hit with no debugger attached.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000005,
        "STATUS_ACCESS_VIOLATION",
        "Access violation: an invalid memory read or write (the counterpart of SIGSEGV).",
        _NTSTATUS_H + "; 3221225477 in reference notes section 5.5",
    ),
    NtStatus(
        0xC0000017,
        "STATUS_NO_MEMORY",
        "Not enough virtual memory or paging-file quota.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC000001D,
        "STATUS_ILLEGAL_INSTRUCTION",
        "An invalid instruction (the counterpart of SIGILL).",
        _NTSTATUS_H,
    ),
    NtStatus(0xC0000022, "STATUS_ACCESS_DENIED", "Access denied.", _NTSTATUS_H),
    NtStatus(
        0xC000007B,
        "STATUS_INVALID_IMAGE_FORMAT",
        "The program or a DLL is not a valid image here (often a 32/64-bit mismatch).",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC000008E, "STATUS_FLOAT_DIVIDE_BY_ZERO", "A floating-point division by zero.", _NTSTATUS_H
    ),
    NtStatus(
        0xC0000094,
        "STATUS_INTEGER_DIVIDE_BY_ZERO",
        "An integer division by zero (the counterpart of SIGFPE).",
        _NTSTATUS_H,
    ),
    NtStatus(0xC0000095, "STATUS_INTEGER_OVERFLOW", "An integer overflow trap.", _NTSTATUS_H),
    NtStatus(
        0xC0000096,
        "STATUS_PRIVILEGED_INSTRUCTION",
        "A privileged instruction in user mode.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC00000FD,
        "STATUS_STACK_OVERFLOW",
        "The stack overflowed (often unbounded recursion).",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000135,
        "STATUS_DLL_NOT_FOUND",
        "A DLL the program needs was not found at start.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000139,
        "STATUS_ENTRYPOINT_NOT_FOUND",
        "A function the program imports is missing from its DLL.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC000013A,
        "STATUS_CONTROL_C_EXIT",
        "Ended by CTRL+C or CTRL+BREAK; what docker stop gives Windows containers.",
        _NTSTATUS_H + "; 3221225786 after docker stop, dotnet/announcements#128",
    ),
    NtStatus(0xC0000142, "STATUS_DLL_INIT_FAILED", "A DLL failed to initialize.", _NTSTATUS_H),
    NtStatus(
        0xC0000374,
        "STATUS_HEAP_CORRUPTION",
        "The heap manager found the heap corrupted.",
        _NTSTATUS_H,
    ),
    NtStatus(
        0xC0000409,
        "STATUS_STACK_BUFFER_OVERRUN",
        "A security check failed: a stack buffer overrun (/GS) or a fail-fast exit (__fastfail).",
        _NTSTATUS_H + "; 3221226505 in moby#40328",
    ),
    NtStatus(
        0xC0000417,
        "STATUS_INVALID_CRUNTIME_PARAMETER",
        "The C runtime's invalid-parameter handler ended the program.",
        _NTSTATUS_H,
    ),
    NtStatus(0xC0000420, "STATUS_ASSERTION_FAILURE", "An assertion failed.", _NTSTATUS_H),
    NtStatus(
        0xFFFFFFFF,
        None,
        "Exit code -1 (exit(-1), ExitProcess(-1)); not an NTSTATUS.",
        "4294967295 in docker/docs#9870 (reference notes section 5.5)",
    ),
)

_NTSTATUS_BY_CODE = {row.code: row for row in NTSTATUS_CODES}


def ntstatus(code: int) -> NtStatus | None:
    """The well-known meaning of Windows exit code *code* (signed or unsigned).

    Raises:
        MalformedEvidenceError: *code* is not an int in ``-2**31..2**32-1``.

    >>> str(ntstatus(0xC0000005)), ntstatus(-1073741510).name
    ('0xC0000005 STATUS_ACCESS_VIOLATION', 'STATUS_CONTROL_C_EXIT')
    >>> ntstatus(0xC0000409).posix_code, ntstatus(1) is None
    (9, True)
    """
    return _NTSTATUS_BY_CODE.get(windows_unsigned(code))
