"""The rows: every cause of the catalog and the exit codes the troubleshooting page covers."""

from __future__ import annotations

from exitcodes.catalog._model import PATTERN_SEPARATOR, CatalogEntry, CodeMeaning, Condition
from exitcodes.outcome import ExitOutcome

_O = ExitOutcome
_SEP = PATTERN_SEPARATOR
_POST_START = "exec /" + _SEP + ": no such file or directory"
_POST_START_OLD = "exec user process caused" + _SEP + "no such file or directory"
_WAIT_CANCELED = "error waiting for container: context canceled"
_RUNC_EXEC_DENIED = 'exec: "' + _SEP + '": permission denied'
"""runc's refusal of the command: a file without the exec bit, or (runc 1.1) a directory."""
_RUN_EXIT = (
    "docker run reports a create or start error as 125, or as 127 when its text says no such"
    " file or directory (126 for permission denied)."
)

CATALOG: tuple[CatalogEntry, ...] = (
    # ---------------------------------------------------------------- the command itself
    CatalogEntry(
        "exit-127",
        "127: the command was not found",
        "By convention 127 means the command to run could not be found. Docker's CLI also"
        " reports 127 for any create or start error whose text says 'no such file or"
        " directory', so check the message: a missing binary in $PATH, a wrong absolute path,"
        " a script whose interpreter is missing (CRLF line endings, bash on Alpine), a missing"
        " device node or bind-mount path. A shell inside the container also exits 127 for a"
        " command it cannot find (`sh -c missing`).",
        (_O.NOT_FOUND,),
        "Unstructured-IO/unstructured-api#261",
        "Container called exit(127).",
        codes=(127,),
        generic=True,
    ),
    CatalogEntry(
        "command-not-in-path",
        "The command is not in the image's $PATH",
        "The runtime looked the command up in $PATH and did not find it. Check the spelling"
        " of the command (or of the image's ENTRYPOINT/CMD), that the package providing it is"
        " installed in this image (slim and Alpine images lack bash, curl, ...), and that PATH"
        " is not overridden by `-e PATH=...`. Run `docker run --rm --entrypoint sh IMAGE -c"
        " 'command -v NAME'` to check. docker run exits 127; Kubernetes shows StartError"
        " (128).",
        (_O.NOT_FOUND,),
        "containerd/containerd#6429",
        "docker: Error response from daemon: OCI runtime create failed: container_linux.go:380:"
        ' starting container process caused: exec: "toto": executable file not found in $PATH:'
        " unknown.",
        messages=(
            "executable file not found",
            "executable file `" + _SEP + "` not found",
            "executable path is empty",
            ": command not found",
        ),
        codes=(127,),
    ),
    CatalogEntry(
        "command-path-missing",
        "The command's path does not exist in the image",
        "The command was given as a path (absolute, or relative to the working directory) and"
        " nothing exists there. Check the path in ENTRYPOINT/CMD against the image (`docker"
        " run --rm --entrypoint ls IMAGE -l PATH`), the WORKDIR for a relative path, and that"
        " a bind mount or volume does not hide the directory the file was built into. On"
        " Windows the same fault reads 'The system cannot find the file specified'.",
        (_O.NOT_FOUND,),
        "klange/toaruos#285",
        "failed to create task for container: failed to create shim task: OCI runtime create"
        " failed: runc create failed: unable to start container process: exec:"
        ' "util/build-in-docker.sh": stat util/build-in-docker.sh: no such file or directory:'
        " unknown",
        messages=(
            '": stat ' + _SEP + "no such file or directory",
            "system cannot find the file specified",
        ),
        codes=(127,),
    ),
    CatalogEntry(
        "exit-126",
        "126: the command was found but could not be invoked",
        "By convention 126 means the command exists but cannot be executed: it has no execute"
        " bit, it is a directory, it sits on a `noexec` mount, or a security module refused"
        " it. Docker's CLI reports 126 for any start error whose text says 'permission"
        " denied' or 'is a directory' (CLI 23.0.1+), so also consider permission errors that"
        " have nothing to do with the command (a bind mount, the Docker socket). With"
        " `--init`, tini exits 126 when it cannot exec the command.",
        (_O.CANNOT_INVOKE,),
        "deviantony/docker-elk#805",
        "docker-elk-tls-tls-1 exited with code 126",
        codes=(126,),
        generic=True,
    ),
    CatalogEntry(
        "no-exec-bit",
        "The command file is not executable",
        "The file exists but has no execute permission for the container's user, so execve"
        " fails with EACCES. Add `RUN chmod +x /path/to/script` to the Dockerfile (or `COPY"
        " --chmod=755`), or commit the file with its execute bit (`git update-index"
        " --chmod=+x`); a checkout on Windows or a umask can drop it. If the file is"
        " executable, the mount may be `noexec` or SELinux/AppArmor may deny it. runc 1.1 and"
        ' older word a directory the same way (`exec: "/etc": permission denied`): `ls -ld'
        " PATH` in the image tells them apart. docker run exits 126.",
        (_O.CANNOT_INVOKE,),
        "aminvakil/docker-ocserv#52",
        "docker: Error response from daemon: failed to create task for container: failed to"
        " create shim task: OCI runtime create failed: runc create failed: unable to start"
        ' container process: exec: "/entrypoint.sh": permission denied: unknown.',
        messages=(
            '": permission denied',
            _RUNC_EXEC_DENIED,
            "exec /" + _SEP + ": permission denied",
            "cannot execute: permission denied",
            "the path `" + _SEP + "` exists but it is not executable",
        ),
        codes=(126,),
    ),
    CatalogEntry(
        "path-is-a-directory",
        "The command is a directory",
        "The path given as the command is a directory, not a program: usually an argument"
        " meant for the image's ENTRYPOINT ended up replacing it (`docker run IMAGE /data`"
        " runs `/data` when the image only has a CMD), or a volume was mounted over the"
        " binary's path. Pass the argument after the real command, or use `--entrypoint`."
        " docker run exits 126 since CLI 23.0.1 (125 before); the daemon appends"
        " ': permission denied' to the message. runc 1.1 and older (dockerd 20.10 to 28 as"
        ' Debian bookworm ships them) say only `exec: "/etc": permission denied`, word for'
        " word what they say for a file without the execute bit, so both causes are ranked:"
        " `ls -ld PATH` in the image tells them apart (a leading `d`); runc 1.3 says 'is a"
        " directory'.",
        (_O.CANNOT_INVOKE,),
        "rustfs/docs.rustfs.com#7",
        "docker: Error response from daemon: failed to create task for container: failed to"
        " create shim task: OCI runtime create failed: runc create failed: unable to start"
        ' container process: exec: "/data": is a directory: unknown: permission denied.',
        messages=("is a directory", "is not a regular file", _RUNC_EXEC_DENIED),
        codes=(126,),
    ),
    CatalogEntry(
        "noexec-mount",
        "The file lives on a filesystem mounted noexec",
        "The kernel refuses to execute or memory-map code from a filesystem mounted with"
        " `noexec` (often /tmp, /dev/shm, or a volume with `users` in fstab): scripts fail"
        " with permission denied although they have the execute bit, and shared libraries"
        " unpacked into /tmp fail with 'failed to map segment from shared object'. Check"
        " `findmnt -T PATH`, run the file from another directory, point TMPDIR elsewhere, or"
        " mount the volume with `exec`.",
        (_O.CANNOT_INVOKE,),
        "docker/compose#6990",
        "docker-compose: error while loading shared libraries: libz.so.1: failed to map segment"
        " from shared object: Operation not permitted",
        messages=(
            "failed to map segment from shared object",
            '": permission denied',
            "noexec",
        ),
        codes=(126,),
    ),
    CatalogEntry(
        "missing-interpreter",
        "The script's interpreter (shebang) is missing from the image",
        "The script starts with `#!/bin/bash` (or `#!/usr/bin/env python`) and that"
        " interpreter is not installed in the image: Alpine and distroless images have no"
        " bash, slim images no python. Install it, or change the shebang to `#!/bin/sh`. The"
        " kernel reports ENOENT for the missing interpreter, so the message says 'no such"
        " file or directory' about a file that exists: Docker's `exec /app.sh: no such file or"
        " directory` (exit 1 with runc 1.1, 255 with runc 1.2+), tini's `[FATAL tini (7)]"
        " exec /app.sh failed: No such file or directory`. A shebang ending in a carriage"
        " return (CRLF line endings, from an edit on Windows) is one instance of it, and the"
        " message cannot tell them apart: `head -1 FILE | od -c` shows `\\r` before `\\n`"
        " for CRLF (then see crlf-line-endings, ranked next).",
        (_O.NOT_FOUND, _O.COMMAND_FAILED),
        "HeyWillow/willow-application-server#88",
        "env: can't execute 'bash': No such file or directory",
        messages=(
            "can't execute '" + _SEP + "no such file or directory",
            "bad interpreter",
            "cannot execute: required file not found",
            "/usr/bin/env: '" + _SEP + "': no such file or directory",
            _POST_START,
            _POST_START_OLD,
        ),
        codes=(127, 255),
        unless=("\r'", "\r:", "^m", "\\r'"),
    ),
    CatalogEntry(
        "crlf-line-endings",
        "The script has Windows (CRLF) line endings",
        "The shebang line ends in a carriage return (`#!/bin/sh\\r`), so the kernel looks for"
        " an interpreter called 'sh\\r' that does not exist and execve fails with ENOENT:"
        " the file is there, yet the error says 'no such file or directory'. It happens when"
        " the script was checked out on Windows. Convert it (`dos2unix`, or `sed -i"
        " 's/\\r$//'` in the Dockerfile) and add `*.sh text eol=lf` to .gitattributes. The"
        " failure comes after the container started, so the code is the container's own:"
        " 1 with runc 1.1 and older, 255 with runc 1.2+, 127 or 126 from a shell. Docker's"
        " `exec /entrypoint.sh: no such file or directory` cannot tell CRLF from another"
        " missing interpreter, so it ranks just below missing-interpreter: `head -1 FILE | od"
        " -c` in the image shows `\\r` before `\\n` for CRLF.",
        (_O.NOT_FOUND, _O.COMMAND_FAILED),
        "Tiryoh/docker-ros2-desktop-vnc#147",
        "/bin/bash: /entrypoint.sh: /bin/bash^M: bad interpreter: No such file or directory",
        messages=(
            _POST_START,
            _POST_START_OLD,
            "\r': no such file or directory",
            "\\r': no such file or directory",
            "^m: bad interpreter",
            "\r: bad interpreter",
        ),
        codes=(127, 255),
    ),
    CatalogEntry(
        "glibc-binary-on-musl",
        "A binary built for glibc runs in a musl (Alpine) image",
        "The program was linked against glibc, but the image is Alpine (musl): its dynamic"
        " loader /lib64/ld-linux-x86-64.so.2 does not exist, so the kernel reports ENOENT for"
        " a file that is plainly there ('not found', 'no such file or directory', 'required"
        " file not found'). Build the binary in the same image family (or statically, e.g."
        " CGO_ENABLED=0 for Go), use a Debian-based image, or install gcompat.",
        (_O.NOT_FOUND,),
        "MatthiasLohr/docker-f5fpc#26",
        "Error loading shared library ld-linux-x86-64.so.2: No such file or directory (needed"
        " by /usr/local/bin/f5fpc)",
        messages=(
            "error loading shared library ld-linux",
            "ld-linux-x86-64.so.2",
            "ld-linux-aarch64.so.1",
        ),
        codes=(127,),
    ),
    CatalogEntry(
        "missing-shared-library",
        "A shared library the program needs is missing",
        "The program started but the dynamic loader could not find one of its libraries, and"
        " exits 127. Install the package that provides it in the image (`apt-get install`,"
        " `apk add`), copy it from the build stage in a multi-stage build, or set"
        " LD_LIBRARY_PATH / run ldconfig if it lives in a non-standard directory. `ldd"
        " /path/to/program` inside the container lists what is missing.",
        (_O.NOT_FOUND,),
        "Docker-Hub-frolvlad/docker-alpine-glibc#47",
        "j2kdriver: error while loading shared libraries: libawj2k.so: cannot open shared object"
        " file: No such file or directory",
        messages=(
            "error while loading shared libraries",
            "cannot open shared object file",
            "error loading shared library",
            "error relocating",
        ),
        codes=(127,),
    ),
    CatalogEntry(
        "exec-format-error",
        "The binary is for another CPU architecture (exec format error)",
        "The kernel cannot execute the file's format: most often the image was built for"
        " another architecture (an amd64 image on an arm64 host such as Apple silicon or a"
        " Raspberry Pi, or the reverse), sometimes a script without a `#!` line or a"
        " truncated download. Check `docker image inspect -f '{{.Architecture}}' IMAGE`"
        " against `uname -m`, pull or build the right platform (`--platform`, `docker buildx"
        " build --platform linux/arm64,linux/amd64`), or install QEMU binfmt emulation. The"
        " container starts, then its process fails: exit 1 with runc 1.1 and older, 255"
        " with runc 1.2+.",
        (_O.COMMAND_FAILED,),
        "langfuse/langfuse#2556",
        "exec /usr/local/bin/docker-entrypoint.sh: exec format error",
        messages=("exec format error",),
        codes=(255,),
    ),
    CatalogEntry(
        "platform-mismatch",
        "The image's platform does not match the host",
        "Docker warns that it is running an image built for another platform. Without QEMU"
        " emulation the process fails with 'exec format error'; with emulation it runs slowly"
        " and can crash (139, 132). Pull or build an image for the host's platform, or pass"
        " `--platform` deliberately.",
        (_O.COMMAND_FAILED,),
        "runmedev/runme#504",
        "WARNING: The requested image's platform (linux/amd64) does not match the detected host"
        " platform (linux/arm64/v8) and no specific platform was requested",
        messages=("does not match the detected host platform",),
    ),
    CatalogEntry(
        "exit-132",
        "132: illegal instruction (SIGILL)",
        "128 + 4: the process executed an instruction the CPU does not support, usually"
        " because the binary was compiled for newer CPU features (AVX, AVX2, AVX-512: many"
        " machine-learning builds) than the host or VM exposes, or because it runs under"
        " emulation for another architecture. Use a build for generic x86-64, expose the CPU"
        " features to the VM (host CPU passthrough), or run on matching hardware.",
        (_O.SIGNALED,),
        "Cinnamon/kotaemon#257",
        "Illegal instruction (core dumped)",
        messages=("illegal instruction", "sigill"),
        codes=(132,),
        generic=True,
    ),
    CatalogEntry(
        "init-exec-failed",
        "The init process (--init, tini) could not start the command",
        "With `docker run --init` (or an image whose ENTRYPOINT is tini), tini is PID 1 and"
        " starts your command itself; when execvp fails it prints '[FATAL tini (N)] exec ..."
        " failed: ...' and exits 127 for ENOENT, 126 for EACCES, 1 otherwise. The container"
        " did start, so State.Error is empty and the code is the container's own. Fix the"
        " command as for a direct start (path, execute bit, interpreter). Podman's catatonit"
        " exits 1 in the same case.",
        (_O.NOT_FOUND, _O.CANNOT_INVOKE),
        "deviantony/docker-elk#805",
        "[FATAL tini (7)] exec /entrypoint.sh failed: Permission denied",
        messages=("[fatal tini (" + _SEP + "] exec " + _SEP + " failed: ",),
        codes=(126, 127),
    ),
    # ------------------------------------------------------------------------ signals
    CatalogEntry(
        "exit-137",
        "137: killed by SIGKILL",
        "128 + 9: something sent SIGKILL, which cannot be caught. The usual senders: the"
        " kernel's OOM killer (State.OOMKilled, Kubernetes reason OOMKilled), `docker stop`"
        " or `docker compose down` after the stop timeout when the process ignored SIGTERM,"
        " `docker kill`, `docker rm -f`, `kill -9` on the host, the kubelet after a failed"
        " liveness probe, an eviction or the grace period, and `timeout -s KILL`. Check"
        " `docker inspect -f '{{.State.OOMKilled}}'`, `dmesg` for oom-kill lines, and who"
        " stopped the container (`docker events`).",
        (_O.SIGNALED, _O.OOM_KILLED),
        "SMTP2Graph/SMTP2Graph#44",
        "Container does exit with code 137",
        messages=("killed by sigkill",),
        codes=(137,),
        generic=True,
    ),
    CatalogEntry(
        "oom-killed",
        "Killed by the out-of-memory (OOM) killer",
        "The kernel's OOM killer ended the process with SIGKILL because the container (or the"
        " whole host) ran out of memory. Raise the memory limit (`--memory`, Kubernetes"
        " resources.limits.memory) or lower the usage (JVM -Xmx / MaxRAMPercentage, worker"
        " counts, caches); `docker stats` shows the usage and `dmesg` the oom-kill lines."
        " Note that OOMKilled can also be set when a child process, not PID 1, was killed.",
        (_O.OOM_KILLED, _O.SIGNALED),
        "docker/for-linux#1001",
        "Memory cgroup out of memory: Killed process 15617 (python3) total-vm:11892kB,"
        " anon-rss:4292kB, file-rss:3428kB, shmem-rss:0kB",
        messages=(
            "memory cgroup out of memory",
            "out of memory: killed process",
            "out of memory: kill process",
            "invoked oom-killer",
            '"oomkilled": true',
            "oomkilled",
        ),
        codes=(137,),
        reasons=("OOMKilled",),
        conditions=(Condition.OOM_KILLED,),
        excluded_by=(Condition.SIGKILL_NOT_OOM,),
        unless=('"oomkilled": false',),
    ),
    CatalogEntry(
        "sigkill-not-oom",
        "SIGKILL (137) that was not an OOM kill of the main process",
        "The status is 137 (SIGKILL) but the engine saw no OOM kill in the container"
        " (State.OOMKilled is false; Kubernetes says reason Error, not OOMKilled). Something"
        " else sent SIGKILL: `docker stop` or `kubectl delete` after the grace period because"
        " the process ignored SIGTERM (a shell as PID 1 does not forward it; use `exec` or"
        " `--init`), `docker kill` / `docker rm -f`, `kill -9` on the host, or the kubelet"
        " (liveness probe, eviction, preemption). A host-wide OOM kill outside the container's"
        " limit is also possible: check `dmesg`.",
        (_O.SIGNALED,),
        "docker/for-linux#1019",
        '"OOMKilled": false, "Dead": false, "Pid": 0, "ExitCode": 137',
        messages=('"oomkilled": false' + _SEP + '"exitcode": 137',),
        conditions=(Condition.SIGKILL_NOT_OOM,),
    ),
    CatalogEntry(
        "stop-timeout",
        "Killed after ignoring SIGTERM for the stop timeout",
        "`docker stop` (and compose, and Kubernetes on delete) sends the stop signal, waits"
        " the timeout (10 s by default) and then sends SIGKILL: exit 137. The process did not"
        " exit on SIGTERM: a shell script as PID 1 that does not `exec` the program, a"
        " program without a SIGTERM handler running as PID 1 (the kernel ignores default"
        " actions for PID 1), or a slow shutdown. Use `exec` in entrypoint scripts, `--init`,"
        " handle SIGTERM, or raise `--stop-timeout` / terminationGracePeriodSeconds.",
        (_O.SIGNALED,),
        "docker-library/postgres#503",
        "Container 6d6215c65b6dc5938748fbdc8a66c69c0a6840a5585f8e414714d85d2013e0cf failed to"
        " exit within 10 seconds of signal 15 - using the force",
        messages=(
            "of signal 15 - using the force",
            "failed to exit within" + _SEP + "using the force",
            "failed to exit within" + _SEP + "trying direct sigkill",
        ),
        codes=(137,),
    ),
    CatalogEntry(
        "exit-143",
        "143: stopped by SIGTERM",
        "128 + 15: the process was ended by SIGTERM, the signal `docker stop`, `docker compose"
        " down` and Kubernetes send first. It is a normal stop for a program that does not"
        " handle SIGTERM; Kubernetes still reports reason Error (a request to treat it as"
        " Completed was declined, kubernetes/kubernetes#80089). Handle SIGTERM and exit 0 if"
        " the stop is expected, or look for who stopped the container.",
        (_O.SIGNALED,),
        "docker-library/tomcat#146",
        "Exited (143) 7 seconds ago",
        messages=("killed by sigterm",),
        codes=(143,),
        generic=True,
    ),
    CatalogEntry(
        "exit-139",
        "139: segmentation fault (SIGSEGV)",
        "128 + 11: the process accessed memory it may not (a crash in native code, a stack"
        " overflow, an incompatible native library, emulation of another architecture). Look"
        " at the container's last log lines, run it with a core dump or under gdb, check"
        " native dependencies against the base image. A PID 1 that raises the signal itself"
        " may exit 0 instead (moby/moby#41454) and abort() has been seen as 139"
        " (moby/moby#30593); `--init` restores the 128+n convention.",
        (_O.SIGNALED,),
        "docker/for-linux#1013",
        "Exited (139) 15 hours ago",
        messages=("segmentation fault", "sigsegv"),
        codes=(139,),
        generic=True,
    ),
    CatalogEntry(
        "exit-134",
        "134: aborted (SIGABRT)",
        "128 + 6: the program called abort(): a failed assertion, a C++ exception nobody"
        " caught, glibc detecting heap corruption, or a runtime giving up (a Go or JVM fatal"
        " error). The lines printed just before it say why.",
        (_O.SIGNALED,),
        "isl-org/Open3D#1743",
        "Aborted (core dumped)",
        messages=("aborted (core dumped)", "sigabrt"),
        codes=(134,),
        generic=True,
    ),
    CatalogEntry(
        "exit-130",
        "130: interrupted (SIGINT, Ctrl-C)",
        "128 + 2: the process was interrupted with SIGINT, usually Ctrl-C in the terminal"
        " (docker run forwards it to the container by default, `--sig-proxy`), or a tool that"
        " stops containers with SIGINT. It is an expected code after an interactive"
        " interruption.",
        (_O.SIGNALED,),
        "iron-fish/ironfish#2723",
        "docker container exited status 130",
        codes=(130,),
        generic=True,
    ),
    CatalogEntry(
        "exit-124",
        "124: a timeout command gave up",
        "GNU `timeout` exits 124 when the time limit was reached and the command ended on"
        " the signal it sent (137 with `-s KILL`, 128+n with `--preserve-status`). It is not"
        " a Docker code: a `timeout` wrapper in a script, a CI step or an entrypoint stopped"
        " the command. Raise the limit or find out why the command is slow.",
        (_O.COMMAND_FAILED, _O.SIGNALED),
        "coreutils/coreutils: src/timeout.c",
        "timeout: sending signal TERM to command 'sleep'",
        messages=("timeout: sending signal",),
        codes=(124,),
        generic=True,
    ),
    CatalogEntry(
        "exit-255",
        "255: exit(-1), a lost status, or a failed runtime init",
        "255 is -1 truncated to 8 bits, and several things produce it: the program's own"
        " `exit(-1)`; the daemon restoring a container with no recorded status after a"
        " reboot or daemon crash (`Exited (255)`, moby/moby#41349); `docker exec` losing the"
        " connection to the daemon; runc 1.2+ when the process cannot be executed after the"
        " container started (CRLF script, wrong architecture); podman's `--timeout`; and ssh."
        " Look at the container's logs and at what happened to the host or daemon at that"
        " time.",
        (_O.COMMAND_FAILED, _O.STATUS_UNKNOWN),
        "moby/moby#41349",
        "Docker containers showing Exited (255) after Virtual Machine restart.",
        codes=(255, 0xFFFFFFFF),
        generic=True,
    ),
    CatalogEntry(
        "exit-1",
        "1: a general failure (the application's own, or a plain docker error)",
        "1 is the generic failure code: the containerised program reported an error (read its"
        " last log lines), or a docker command other than run failed (`docker start`, `create`,"
        " `exec` on a stopped container, `attach` detaching, an unknown command, a daemon"
        " that cannot be reached since CLI 29.1.3). runc 1.1 and older also exit 1 when the"
        " process cannot be executed after the container started.",
        (_O.COMMAND_FAILED, _O.ENGINE_ERROR),
        "wukongdaily/DockerTarBuilder#11",
        "Error: Process completed with exit code 1.",
        codes=(1,),
        generic=True,
    ),
    CatalogEntry(
        "exit-0",
        "0: the command reported success",
        "0 means success. If a failure was expected: a detached `docker run -d` exits 0 as"
        " soon as the container started; a PID 1 without a handler for a signal it raises"
        " itself survives it and may exit 0 (moby/moby#41454; use `--init`); `docker wait`"
        " exits 0 whatever the statuses were; `docker compose up` returns 0 unless"
        " `--exit-code-from` or `--abort-on-container-exit` is used; and some engines lost"
        " the code with `--rm` (containers/podman#3795).",
        (_O.SUCCESS,),
        "moby/moby#12328",
        "Exited (0) 9 days ago",
        codes=(0,),
        generic=True,
    ),
    # ----------------------------------------------------------- engine and daemon errors
    CatalogEntry(
        "exit-125",
        "125: docker itself failed, before or around the command",
        "docker run exits 125 when the daemon or the CLI failed: the image could not be"
        " pulled, the container not created or started (ports, mounts, devices, runtime),"
        " a flag was invalid, or the wait for the container failed. The command in the"
        " container did not run (or its status was lost). The message after 'Error response"
        " from daemon:' names the cause. GNU wrappers (env, nice, timeout, chroot) also exit"
        " 125 when they themselves fail.",
        (_O.ENGINE_ERROR, _O.USAGE_ERROR, _O.STATUS_UNKNOWN),
        "moby/moby#31416",
        "Error response from daemon: containerd: container not started",
        codes=(125,),
        generic=True,
    ),
    CatalogEntry(
        "usage-flag-error",
        "A docker flag or flag value was rejected",
        "The docker CLI did not accept a flag: a typo, a flag placed after the image name"
        " (everything after the image is the container's command, so `docker run IMAGE -o x`"
        " gives '-o' to docker only if it comes before the image), a flag the installed"
        " version does not have, or an invalid value. Every docker command exits 125 for flag"
        " errors; a wrong number of arguments exits 1.",
        (_O.USAGE_ERROR,),
        "f5devcentral/f5-automation-config-converter#103",
        "unknown shorthand flag: 'o' in -o",
        messages=(
            "unknown flag: ",
            "unknown shorthand flag: ",
            "flag needs an argument: ",
            "bad flag syntax: ",
            "flag provided but not defined",
        ),
        codes=(125,),
    ),
    CatalogEntry(
        "port-already-allocated",
        "The host port is already allocated to another container",
        "Another container (running, or stopped but not removed, or a previous compose"
        " project) already publishes the same host port, so docker-proxy cannot bind it."
        " Find it with `docker ps -a --filter publish=PORT`, stop or remove it, or publish on"
        " another host port (`-p 8081:80`). If nothing uses it, restarting the daemon clears"
        " stale allocations. docker run exits 125; podman reports the same fault as 126.",
        (_O.ENGINE_ERROR,),
        "docker/for-mac#1249",
        "docker: Error response from daemon: driver failed programming external connectivity on"
        " endpoint db (8e5a43eef57528f0381cd70a50e7542783ce548467a265abb8cb40ffa098c4e8): Error"
        " starting userland proxy: Bind for 0.0.0.0:8091 failed: port is already allocated.",
        messages=("port is already allocated",),
        codes=(125,),
    ),
    CatalogEntry(
        "address-in-use",
        "A host process already listens on the published port",
        "A program on the host (a web server, another service, a previous run of this one)"
        " listens on the port you publish with `-p`, so Docker cannot bind it. Find it with"
        " `ss -ltnp 'sport = :PORT'` or `lsof -i :PORT` (Windows: `netstat -abno`), stop it,"
        " or publish another host port. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "digitallyinduced/thin-backend#19",
        "docker: Error response from daemon: driver failed programming external connectivity on"
        " endpoint vibrant_banach"
        " (b72db00e7396d0f1bc7602e1c468a5de6ef48482d54542e38acd6e73d558b826):"
        " Error starting userland proxy: listen tcp4 0.0.0.0:8001: bind: address already in"
        " use.",
        messages=(
            "address already in use",
            "failed to bind: eaddrinuse",
            "ports are not available",
        ),
        codes=(125,),
    ),
    CatalogEntry(
        "image-not-found",
        "The image does not exist, or the registry denies access to it",
        "The image could not be pulled: the repository name is misspelled, the image was never"
        " pushed (a locally built image referenced on another host or by another name), or it"
        " is private and you are not logged in. Check the name and tag (`docker image ls`),"
        " build it first, or `docker login REGISTRY`. Kubernetes shows ErrImagePull and"
        " ImagePullBackOff. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "any-listen/any-listen#5",
        "docker: Error response from daemon: pull access denied for test, repository does not"
        " exist or may require 'docker login': denied: requested access to the resource is"
        " denied.",
        messages=(
            "pull access denied",
            "repository does not exist or may require 'docker login'",
            "requested access to the resource is denied",
            "no such image",
            "unauthorized: authentication required",
            "errimagepull",
            "imagepullbackoff",
        ),
        codes=(125,),
        reasons=("ErrImagePull", "ImagePullBackOff", "InvalidImageName"),
    ),
    CatalogEntry(
        "manifest-unknown",
        "The image tag does not exist",
        "The repository exists but has no manifest for this tag: the tag is misspelled, was"
        " never pushed, or was deleted; many repositories publish no `latest` tag. List the"
        " available tags on the registry and pull an existing one. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "sixeyed/docker-on-windows#13",
        "Error response from daemon: manifest for dockeronwindows/ch03-nerd-dinner-web:2e-v2"
        " not found: manifest unknown: manifest unknown.",
        messages=("manifest unknown", "manifest for " + _SEP + " not found"),
        codes=(125,),
    ),
    CatalogEntry(
        "no-matching-manifest",
        "The image has no variant for this CPU architecture",
        "The image is a multi-platform index without an entry for the host's platform (for"
        " example no linux/arm64/v8 variant on Apple silicon or a Raspberry Pi). Use another"
        " tag or image that supports the platform, build it yourself, or pull the amd64"
        " variant explicitly with `--platform linux/amd64` to run it under emulation."
        " docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "caprover/caprover#1378",
        "no matching manifest for linux/arm64/v8 in the manifest list entries",
        messages=("no matching manifest for",),
        codes=(125,),
    ),
    CatalogEntry(
        "registry-rate-limit",
        "The registry's pull rate limit was reached",
        "Docker Hub limits anonymous and free pulls per IP address or account over six"
        " hours. Log in (`docker login`) so pulls count against your account, use a pull"
        " through cache or mirror, pull less often in CI (cache images), or wait. docker run"
        " exits 125.",
        (_O.ENGINE_ERROR,),
        "aquasecurity/tracee#4248",
        "docker: Error response from daemon: toomanyrequests: You have reached your pull rate"
        " limit. You may increase the limit by authenticating and upgrading",
        messages=("toomanyrequests", "pull rate limit"),
        codes=(125,),
    ),
    CatalogEntry(
        "name-conflict",
        "A container with this name already exists",
        "`--name` (or compose's container_name) is already taken by another container, often"
        " a stopped one from a previous run. Remove it (`docker rm NAME`, `docker rm -f NAME`"
        " if it runs), use `docker run --rm` so it is removed on exit, or pick another name."
        " docker run exits 125; docker create exits 1. Podman words it 'the container name"
        ' "NAME" is already in use by ID. You have to remove that container to be able to'
        " reuse that name' (podman 4.3.1, exit 125).",
        (_O.ENGINE_ERROR,),
        "percona/pmm-doc#953",
        'docker: Error response from daemon: Conflict. The container name "/pmm-server" is'
        " already in use by container"
        ' "0270fbfd68911886f1121168e84fff95d067257761395b3e478b7409c3124a3e". You have to'
        " remove (or rename) that container to be able to reuse that name.",
        messages=(
            "is already in use by container",
            "you have to remove (or rename)",
            "is already in use by " + _SEP + "you have to remove that container",
        ),
        codes=(125,),
    ),
    CatalogEntry(
        "bind-source-missing",
        "A bind mount's source path does not exist on the host",
        "`--mount type=bind` (and compose's long volume syntax) requires the host path to"
        " exist; unlike `-v`, it does not create it. Check the path on the machine where the"
        " daemon runs (in Docker Desktop and remote contexts that is not your shell's"
        " machine; the path must also be in a shared folder), create it, or fix a relative"
        " path. Snap-installed Docker cannot see most host paths. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "devcontainers/cli#613",
        'docker: Error response from daemon: invalid mount config for type "bind": bind source'
        " path does not exist: /app.",
        messages=("bind source path does not exist", "bind mount source path does not exist"),
        codes=(125,),
    ),
    CatalogEntry(
        "mount-type-mismatch",
        "A file is mounted onto a directory, or a directory onto a file",
        "The bind mount's source and target are of different types. Most often the host file"
        " did not exist when the container was first created, so Docker created a directory"
        " with that name, and now a file is expected there (or the image has a directory"
        " where you mount a file). Check the source with `ls -ld`, remove the stray"
        " directory, create the file, and recreate the container. docker run exits 125"
        " while the daemon records 127 in State.ExitCode.",
        (_O.ENGINE_ERROR,),
        "barrydeen/haven#15",
        "Error response from daemon: failed to create task for container: failed to create"
        " shim task: OCI runtime create failed: runc create failed: unable to start container"
        ' process: error during container init: error mounting "/data/appdata/haven/app" to'
        ' rootfs at "/app/haven": mount /data/appdata/haven/app:/app/haven (via'
        " /proc/self/fd/6), flags: 0x5400: not a directory: unknown: Are you trying to mount a"
        " directory onto a file (or vice-versa)? Check if the specified host path exists and"
        " is the expected type",
        messages=(
            "are you trying to mount a directory onto a file",
            "not a directory",
        ),
        codes=(125, 127),
    ),
    CatalogEntry(
        "workdir-not-a-directory",
        "The working directory is a file",
        "`--workdir` (or the image's WORKDIR, or compose's working_dir) names a path that"
        " exists in the image as a file, so the daemon cannot create the directory and"
        " refuses to create the container: 'Cannot mkdir: PATH is not a directory'. Pick a"
        " directory (`docker run --rm --entrypoint ls IMAGE -ld PATH` shows what it is)."
        " docker run exits 125, docker create 1; nothing ran.",
        (_O.ENGINE_ERROR,),
        "moby/moby: container/container.go (v28.5.2)",
        "docker: Error response from daemon: Cannot mkdir: /etc/passwd is not a directory.",
        messages=("cannot mkdir: " + _SEP + " is not a directory",),
        codes=(125,),
    ),
    CatalogEntry(
        "no-space-left",
        "The disk (or its inodes) is full",
        "The daemon could not write an image layer, a container's writable layer or a log"
        " because the filesystem holding /var/lib/docker (or the Docker Desktop VM disk) is"
        " full, or out of inodes. Check `df -h` and `df -i`, `docker system df`, then prune"
        " (`docker system prune`, `docker builder prune`), rotate container logs, or grow the"
        " disk. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "moby/moby#36473",
        "docker: Error response from daemon: mkdir"
        " /var/lib/docker/overlay2/"
        "80b87cb3384f465cbc2f82c244b4183ea7c34090f152af26907faf914300c625-init:"
        " no space left on device.",
        messages=("no space left on device",),
        codes=(125,),
    ),
    CatalogEntry(
        "device-missing",
        "A device passed with --device does not exist on the host",
        "`--device /dev/dri` (or a GPU, USB or serial device) names a device node that does"
        " not exist on the daemon's host: no GPU or driver, a VM or Docker Desktop without"
        " that device, or a different node name. Check `ls -l /dev/...` on the host, load"
        " the driver, or drop the option. Because the message says 'no such file or"
        " directory', docker run exits 127, as if the command were missing. Podman says"
        " 'container create: stat /dev/NAME: no such file or directory' (older podman:"
        ' "error stat\'ing file `/dev/NAME`", containers/podman#11239).',
        (_O.ENGINE_ERROR, _O.NOT_FOUND),
        "weskerfoot/DeleteFB#156",
        "docker: Error response from daemon: error gathering device information while adding"
        ' custom device "/dev/dri": no such file or directory.',
        messages=(
            "error gathering device information",
            "container create: stat /dev/",
            "error stat'ing file `/dev/",
        ),
        codes=(127,),
    ),
    CatalogEntry(
        "gpu-driver-missing",
        "No GPU device driver is available for --gpus",
        "`--gpus` (or compose's device reservations with capabilities [gpu]) needs the NVIDIA"
        " Container Toolkit on the host, registered with the daemon. Install"
        " nvidia-container-toolkit, run `nvidia-ctk runtime configure --runtime=docker`,"
        " restart the daemon, and check `nvidia-smi` on the host. Without an NVIDIA GPU,"
        " drop the option. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "hiyouga/LlamaFactory#5268",
        'docker: Error response from daemon: could not select device driver "" with'
        " capabilities: [[gpu]]",
        messages=("could not select device driver",),
        codes=(125,),
    ),
    CatalogEntry(
        "runtime-not-installed",
        "The requested container runtime is not configured",
        "`--runtime NAME` (often nvidia, runsc, kata) or the daemon's default-runtime names a"
        " runtime the daemon does not know. Install it and register it under 'runtimes' in"
        " /etc/docker/daemon.json (for NVIDIA: `nvidia-ctk runtime configure"
        " --runtime=docker`), restart the daemon, and check `docker info | grep -i runtime`."
        " docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "nv-tlabs/3dgrut#71",
        "docker: Error response from daemon: unknown or invalid runtime name: nvidia.",
        messages=("unknown or invalid runtime name", "unknown runtime specified"),
        codes=(125,),
    ),
    CatalogEntry(
        "cgroup-error",
        "The runtime could not set up the container's cgroups",
        "runc could not find or configure the cgroup hierarchy: cgroups are not mounted (some"
        " WSL, chroot or minimal init setups), the daemon's cgroup driver does not match the"
        " system (systemd vs cgroupfs), cgroup v1/v2 is not supported by an old runtime, or a"
        " requested limit cannot be applied. Check `mount | grep cgroup`, `docker info`"
        " (Cgroup Driver/Version), and update the engine. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "docker/for-linux#1334",
        "ERROR: for wolweb  Cannot start service wolweb: cgroups: cgroup mountpoint does not"
        " exist: unknown",
        messages=(
            "cgroup mountpoint does not exist",
            "cannot found cgroup mount destination",
            "cannot find cgroup mount destination",
            "mountpoint for cgroup not found",
            "error setting cgroup config",
        ),
        codes=(125,),
    ),
    CatalogEntry(
        "selinux-label",
        "SELinux labelling refused or denied access",
        "On an SELinux-enforcing host (Fedora, RHEL, CentOS) container processes may only use"
        " content labelled for containers. Relabel a bind mount with `:z` (shared) or `:Z`"
        " (private), but never for system directories such as /usr or /home, which Docker"
        " refuses to relabel; check `ausearch -m avc` for denials. A denial inside the"
        " container shows as 'Permission denied' although the file modes allow access.",
        (_O.ENGINE_ERROR, _O.CANNOT_INVOKE),
        "moby/moby#40092",
        "docker: Error response from daemon: error setting label on mount source"
        " '/usr/local/xya/log': relabeling content in /usr is not allowed.",
        messages=(
            "error setting label on mount source",
            "relabeling content in",
            "avc:  denied",
            "selinux",
        ),
        codes=(125, 126),
    ),
    CatalogEntry(
        "apparmor-profile",
        "The AppArmor profile could not be applied",
        "runc could not switch the process to its AppArmor profile: the profile (docker-default"
        " or the one from `--security-opt apparmor=...`) is not loaded, or AppArmor is"
        " half-enabled (a kernel without it, a container-in-container, snap-installed"
        " Docker). Load the profile (`apparmor_parser`), restart the daemon so it reloads"
        " docker-default, or run with `--security-opt apparmor=unconfined` to confirm. As"
        " the message says 'no such file or directory', docker run exits 127.",
        (_O.ENGINE_ERROR, _O.NOT_FOUND),
        "kubernetes/minikube#15919",
        "apparmor failed to apply profile: write /proc/self/attr/apparmor/exec: no such file or"
        " directory: unknown.",
        messages=("apparmor failed to apply profile", 'apparmor="denied"'),
        codes=(125, 127),
    ),
    CatalogEntry(
        "daemon-not-running",
        "The Docker daemon is not running or not reachable",
        "The CLI could not connect to the daemon: it is stopped (`systemctl start docker`,"
        " start Docker Desktop), DOCKER_HOST or the current context points elsewhere (`docker"
        " context ls`), or the socket path is wrong. docker run exits 125 for it up to CLI"
        " 29.1.2 and 1 from 29.1.3 (it pings first); every other command exits 1. docker-py"
        " says it as \"Error while fetching server API version: ('Connection aborted.',"
        " FileNotFoundError(2, 'No such file or directory'))\": the socket file does not exist"
        " (docker/docker-py#3219).",
        (_O.ENGINE_ERROR,),
        "moby/moby#32658",
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
        " daemon running?",
        messages=(
            "cannot connect to the docker daemon",
            "is the docker daemon running",
            "failed to connect to the docker api",
            "error during connect",
            "('connection aborted.', filenotfounderror(2,",
            "error while fetching server api version",
        ),
        codes=(125, 1),
    ),
    CatalogEntry(
        "docker-socket-permission",
        "No permission to use the Docker socket",
        "The user running docker may not open /var/run/docker.sock. Add the user to the"
        " docker group (`sudo usermod -aG docker $USER`, then log in again or `newgrp"
        " docker`), use sudo, or use rootless Docker; in CI or a container, mount the socket"
        " with a matching group. Because the text says 'permission denied', docker run"
        " exits 126 up to CLI 29.1.2 (1 from 29.1.3); other commands exit 1.",
        (_O.ENGINE_ERROR,),
        "docker/docs#12793",
        "docker: Got permission denied while trying to connect to the Docker daemon socket at"
        " unix:///var/run/docker.sock: Post http://%2Fvar%2Frun%2Fdocker.sock/v1.40/containers/create:"
        " dial unix /var/run/docker.sock: connect: permission denied.",
        messages=(
            "permission denied while trying to connect to the docker daemon socket",
            "docker.sock: connect: permission denied",
        ),
        codes=(126, 1),
    ),
    CatalogEntry(
        "wait-error",
        "Waiting for the container's exit failed",
        "docker run registers a wait before starting the container and reads the status from"
        " it. If the wait request fails or its response carries an Error (for example a failed"
        " `--rm` removal), the status is unknown and docker run exits 125 (docker attach: 1)."
        " The line 'error waiting for container: context canceled' printed next to another"
        " error by CLIs before 26.1.1 is harmless (wait-canceled-after-error): the real"
        " error is the other one.",
        (_O.STATUS_UNKNOWN,),
        "docker/cli: cli/command/container/utils.go (v28.2.2)",
        "Error waiting for container: %v",
        messages=("error waiting for container",),
        codes=(125,),
        conditions=(Condition.WAIT_ERROR,),
        unless=(_WAIT_CANCELED,),
    ),
    CatalogEntry(
        "wait-canceled-after-error",
        "The CLI's wait was canceled because the start failed (a harmless line)",
        "CLIs before 26.1.1 (docker/cli#5043) cancel the wait they registered when the start"
        " fails, and may log 'error waiting for container: context canceled' before or after"
        " the daemon's error, depending on a race. The line itself says nothing about the"
        " cause: read the other error in the output. Alone, it means the start failed and its"
        " message went elsewhere.",
        (_O.ENGINE_ERROR, _O.STATUS_UNKNOWN),
        "docker/for-win#3678",
        "ERRO[0001] error waiting for container: context canceled",
        messages=(_WAIT_CANCELED,),
        generic=True,
    ),
    CatalogEntry(
        "podman-events-file-race",
        "podman (before 5.3.0) lost the container's status while reading its events file",
        "Through podman's Docker API (docker CLI, docker-py, compose against podman's socket),"
        " a `docker run` without `--rm` waits for the container's next exit. podman before"
        " 5.3.0 answers that wait by tailing its events file; a line read while podman is still"
        " writing it does not parse, and the wait ends with that parse error (StatusCode -1)."
        " The container itself ran and exited normally: `podman inspect` (State.ExitCode) or"
        " `podman ps -a` still holds its code. docker run exits 125. Upgrade podman to 5.3.0 or"
        " later (containers/podman#24406 skips such lines), or read the status with inspect"
        " after a 125 that says this; a retry may meet the race again.",
        (_O.STATUS_UNKNOWN,),
        "containers/podman#24406",
        "docker: Error waiting for container: unexpected end of JSON input",
        messages=("error waiting for container" + _SEP + "unexpected end of json input",),
        conditions=(Condition.WAIT_ERROR,),
    ),
    CatalogEntry(
        "no-command-specified",
        "The image defines no command and none was given",
        "The image has neither ENTRYPOINT nor CMD (base images such as scratch, some OS"
        " images, or an image whose config was lost), and `docker run` was given no command."
        " Pass one after the image name (`docker run IMAGE sh`), add CMD/ENTRYPOINT to the"
        " Dockerfile, or re-pull an image whose local copy is broken. docker run exits 125.",
        (_O.ENGINE_ERROR,),
        "osixia/container-openldap#386",
        "docker: Error response from daemon: No command specified.",
        messages=("no command specified", "no command or entrypoint provided"),
        codes=(125,),
    ),
    CatalogEntry(
        "file-not-found-elsewhere",
        "A file other than the command was not found (docker still says 127)",
        "docker run maps any create or start error that contains 'no such file or directory'"
        " to 127, whichever file it was: a device node, a cgroup or /proc file, a bind-mount"
        " path, the runtime binary, a log file. Read the path in the message rather than"
        " assuming the command is missing.",
        (_O.NOT_FOUND, _O.ENGINE_ERROR),
        "docker/cli#297",
        "docker: Error response from daemon: oci runtime error: container_linux.go:262:"
        ' starting container process caused "open /proc/self/fd: no such file or directory".',
        messages=("no such file or directory",),
        codes=(127,),
        generic=True,
    ),
    CatalogEntry(
        "oci-exec-failed",
        "docker exec could not start the process in the container",
        "The runtime failed to start the command of `docker exec`; the daemon writes this"
        " error into the exec's output stream (so it can appear on stdout) and records the"
        " exec's code: 126 for most failures before Engine 28, 127 for a missing binary from"
        " Engine 28, 126 for permission errors. The text after it names the cause (not found,"
        " permission denied, is a directory), so that cause ranks first. Check that the binary"
        " exists in the running container (`docker exec C ls -l PATH`) and that the container"
        " is healthy.",
        (_O.NOT_FOUND, _O.CANNOT_INVOKE, _O.ENGINE_ERROR),
        "docker/for-linux#246",
        "OCI runtime exec failed: exec failed: container_linux.go:348: starting container"
        ' process caused "open /proc/self/fd: no such file or directory": unknown',
        messages=("oci runtime exec failed", "oci runtime exec failed: exec failed"),
        codes=(126, 127),
        generic=True,
    ),
    CatalogEntry(
        "exec-container-not-running",
        "docker exec into a container that is not running",
        "`docker exec` needs a running container; this one has exited, is still being"
        " created, or is restarting. Look at why it stopped (`docker logs C`, `docker inspect"
        " -f '{{.State.ExitCode}} {{.State.Error}}' C`), start it first, or run a one-off"
        " container with `docker run` instead. docker exec exits 1. Podman says 'can only"
        " create exec sessions on running containers: container state improper' and exits"
        " 255 (125 through podman-remote).",
        (_O.ENGINE_ERROR,),
        "garylab/dnmp#137",
        "Error response from daemon: Container"
        " b9820ff9dc45ce4f55294ed9de27c0b8c4997a3173e568bfdd56d6332e06e3b4 is not running",
        messages=(
            "container " + _SEP + " is not running",
            "cannot exec in a stopped state",
            "cannot exec a container that has stopped",
            "can only create exec sessions on running containers",
        ),
        codes=(1,),
    ),
    CatalogEntry(
        "kill-container-not-running",
        "docker kill of a container that is not running",
        "`docker kill` (with any `-s` signal) sends a signal to the"
        " container's process, and a stopped, created or exited container has none: the"
        " daemon refuses with 409 and the command exits 1. Nothing was killed; check `docker"
        " ps -a` for its state (`docker stop` of a stopped container, by contrast, exits 0).",
        (_O.ENGINE_ERROR,),
        "moby/moby: daemon/kill.go (v28.5.2)",
        "Error response from daemon: cannot kill container: exitcodes-RUN-kill-stopped-container:"
        " container aa9802a5c672f9a383aea72e5e0719815d48d880c5339c063e2d012eecb9a4dd is not"
        " running",
        messages=("cannot kill container" + _SEP + "is not running",),
        codes=(1,),
    ),
    CatalogEntry(
        "no-such-container",
        "The container does not exist",
        "No container has this name or ID on this daemon: it was removed (`--rm`), never"
        " created, belongs to another context or host, or the name is misspelled (compose"
        " names containers PROJECT-SERVICE-N). List them with `docker ps -a`. The command"
        " exits 1 (`docker rm -f` ignores it and exits 0).",
        (_O.ENGINE_ERROR,),
        "docker/cli#3518",
        "No such container: en-us_showcase_1",
        messages=("no such container",),
        codes=(1,),
    ),
    CatalogEntry(
        "docker-start-failed",
        "docker start failed, which is a plain error (exit 1)",
        "`docker start` (without -a) prints each container's start error and then 'failed to"
        " start containers: NAMES', exiting 1; `docker start -a` exits 1 too. Unlike docker"
        " run it never maps errors to 125/126/127, so read the error line above it: the cause"
        " it names ranks first.",
        (_O.ENGINE_ERROR,),
        "moby/moby#31416",
        "Error: failed to start containers: elegant_spence",
        messages=("failed to start containers",),
        codes=(1,),
        generic=True,
    ),
    CatalogEntry(
        "detach-keys",
        "Detached with the escape key sequence",
        "The user pressed the detach keys (Ctrl-P Ctrl-Q by default, `--detach-keys`): the"
        " container keeps running. `docker run -it` and `docker start -ai` exit 0, but"
        " `docker attach` and `docker exec -it` print 'read escape sequence' and exit 1."
        " Nothing failed; the container is still running.",
        (_O.SUCCESS, _O.ENGINE_ERROR),
        "containerd/nerdctl#3571",
        "read escape sequence",
        messages=("read escape sequence",),
        codes=(1,),
    ),
    # ----------------------------------------------------------------------- Kubernetes
    CatalogEntry(
        "start-error-128",
        "128: the runtime could not start the container (Kubernetes StartError)",
        "The container never ran. containerd's CRI reports reason StartError with exit code"
        " 128 and the runtime's error as the message (cri-dockerd: ContainerCannotRun with"
        " docker's 126/127); Docker Engine 24+ records 128 in State.ExitCode for a start"
        " error it cannot classify. The message names the real cause (command not found,"
        " mount, device, permission); `kubectl describe pod` shows it under Last State.",
        (_O.ENGINE_ERROR,),
        "containerd/containerd#9160",
        "failed to create containerd task: failed to create shim task: OCI runtime create"
        " failed: runc create failed: unable to create new parent process: namespace path:"
        " lstat /proc/0/ns/ipc: no such file or directory: unknown",
        messages=(
            "failed to create containerd task",
            "starterror",
            "containercannotrun",
            "runcontainererror",
        ),
        codes=(128,),
        reasons=("StartError", "ContainerCannotRun", "RunContainerError"),
        generic=True,
    ),
    CatalogEntry(
        "k8s-container-status-unknown",
        "Kubernetes lost the container (ContainerStatusUnknown, 137)",
        "The kubelet could not find the container when the pod was terminated or deleted"
        " (the node was restarted or drained, the runtime's state was lost, the pod was"
        " evicted for ephemeral storage) and reports a synthetic exit code 137 with reason"
        " ContainerStatusUnknown. The process may have exited cleanly"
        " (kubernetes/kubernetes#104107); look at the node's events and the pod's eviction"
        " message rather than at the code.",
        (_O.STATUS_UNKNOWN,),
        "kubernetes/kubernetes#122160",
        "The container could not be located when the pod was terminated",
        messages=(
            "the container could not be located when the pod was",
            "containerstatusunknown",
        ),
        codes=(137,),
        reasons=("ContainerStatusUnknown",),
    ),
    CatalogEntry(
        "k8s-deadline-exceeded",
        "The pod or job ran longer than its deadline (DeadlineExceeded)",
        "`activeDeadlineSeconds` on the pod or the Job was reached: Kubernetes stops the"
        " containers (143 after SIGTERM, 137 after the grace period) and marks the pod or Job"
        " with reason DeadlineExceeded. Raise the deadline, or find out why the work takes"
        " longer than expected.",
        (_O.SIGNALED,),
        "argoproj/argo-workflows#9934",
        "Pod was active on the node longer than the specified deadline",
        messages=("longer than the specified deadline", "deadlineexceeded"),
        codes=(137, 143),
        reasons=("DeadlineExceeded",),
    ),
    CatalogEntry(
        "k8s-crash-loop",
        "The container keeps crashing (CrashLoopBackOff)",
        "The container exits again and again and the kubelet waits longer between restarts."
        " CrashLoopBackOff is not a cause: look at the last termination (`kubectl describe"
        " pod`, Last State: reason and exit code) and the previous logs (`kubectl logs"
        " --previous`). A container that exits 0 under restartPolicy Always loops as well.",
        (_O.COMMAND_FAILED, _O.STATUS_UNKNOWN),
        "portainer/portainer#5314",
        "CrashLoopBackOff / Back-off restarting failed container",
        messages=("back-off restarting failed container", "crashloopbackoff"),
        reasons=("CrashLoopBackOff",),
    ),
    # -------------------------------------------------------------------------- Windows
    CatalogEntry(
        "windows-access-violation",
        "Windows access violation (0xC0000005)",
        "A Windows container's process crashed with STATUS_ACCESS_VIOLATION, the Windows"
        " equivalent of a segmentation fault: 3221225477 unsigned, -1073741819 signed, and 5"
        " after a POSIX shell keeps the low byte. Debug the program (a crash dump, WER"
        " logs), check native dependencies and the base image's Windows version against the"
        " host's.",
        (_O.COMMAND_FAILED,),
        "moby/moby#40328",
        "The exit code of the container is now 3221225477",
        messages=("0xc0000005", "3221225477", "-1073741819", "access violation"),
        codes=(0xC0000005,),
    ),
    CatalogEntry(
        "windows-ctrl-c-exit",
        "Windows container stopped by docker stop (0xC000013A)",
        "STATUS_CONTROL_C_EXIT: the process ended on a console control event, which is how"
        " `docker stop` stops a Windows container. It is the Windows counterpart of 143/137"
        " on Linux: 3221225786 unsigned, -1073741510 signed, 58 after a POSIX shell keeps"
        " the low byte. Expected after a stop; otherwise find who stopped the container.",
        (_O.SIGNALED, _O.COMMAND_FAILED),
        "dotnet/announcements#128",
        'Docker Stop return status Exited "(3221225786)"',
        messages=("0xc000013a", "3221225786", "-1073741510"),
        codes=(0xC000013A,),
    ),
    CatalogEntry(
        "windows-stack-buffer-overrun",
        "Windows fail-fast or stack buffer overrun (0xC0000409)",
        "STATUS_STACK_BUFFER_OVERRUN, which Windows also uses for fail-fast exits"
        " (__fastfail, an unhandled exception in some runtimes): the process terminated"
        " itself. 3221226505 unsigned, -1073740791 signed, 9 after a POSIX shell. Look at the"
        " application's event log; moby/moby#40328 also ties it to host exploit-protection"
        " settings for vmcompute.exe.",
        (_O.COMMAND_FAILED,),
        "moby/moby#40328",
        "what does exitCode=3221226505 means when container die?",
        messages=("0xc0000409", "3221226505", "-1073740791"),
        codes=(0xC0000409,),
    ),
    CatalogEntry(
        "windows-path-not-found",
        "Windows: the system cannot find the path specified",
        "On a Windows host the container could not be created or started because a path does"
        " not exist: the working directory, a volume or layer folder, or the command's"
        " directory. The daemon records 128 and docker run exits 125 (the CLI only maps"
        " 'file specified' to 127). Check the paths in WORKDIR, volumes and the command.",
        (_O.ENGINE_ERROR,),
        "moby/moby#31469",
        "container 1a28de23a474c1116c2295530631b778a08519d80b47ee65ab380eeb482ed462 encountered"
        " an error during CreateContainer: failure in a Windows system call: The system cannot"
        " find the path specified. (0x3)",
        messages=("system cannot find the path specified",),
        codes=(125, 128),
    ),
    # ---------------------------------------------------------------- docker compose
    CatalogEntry(
        "compose-dependency-failed",
        "docker compose: a dependency failed, so compose did not start the service",
        "docker compose starts a service only once each service in its depends_on meets its"
        " condition: service_healthy needs the dependency's healthcheck to pass,"
        " service_completed_successfully needs it to exit 0. This dependency turned"
        " unhealthy, exited, or exited non-zero, and compose exits 1 with its own error (not a"
        " container's code). Read the dependency's logs (`docker compose logs SERVICE`) and"
        " its health (`docker inspect --format '{{json .State.Health}}' CONTAINER`).",
        (_O.ENGINE_ERROR,),
        "docker/compose: pkg/compose/convergence.go",
        "dependency failed to start: container app-db-1 is unhealthy",
        messages=(
            "dependency failed to start: container ",
            "didn't complete successfully: exit ",
        ),
    ),
    CatalogEntry(
        "compose-service-not-found",
        "docker compose: the service is not in the compose file, or has no container",
        "A service named on the command line (up, run, --exit-code-from, wait) is not defined"
        " in the compose files compose read, or `compose wait` found no running container of"
        " it (wait looks only at running containers: a service that already exited gives 'no"
        " containers for project'). Check the name against `docker compose config --services`"
        " and the -f/--profile options. compose exits 1.",
        (_O.USAGE_ERROR,),
        "docker/compose: pkg/compose/compose.go",
        "no such service: nosuch",
        messages=("no such service: ", 'no containers for project "'),
    ),
    CatalogEntry(
        "compose-service-unhealthy",
        "docker compose up --wait: a container exited or turned unhealthy",
        "`docker compose up --wait` waits for every service to run, and to be healthy where it"
        " has a healthcheck. A container that exits -- even with 0, unless another service"
        " waits for it with service_completed_successfully -- or whose healthcheck fails makes"
        " compose exit 1. Check the container's logs and `docker inspect --format '{{json"
        " .State.Health}}' CONTAINER`; a one-shot task belongs behind a"
        " service_completed_successfully dependency, or outside `up --wait`.",
        (_O.ENGINE_ERROR,),
        "docker/compose: pkg/compose/convergence.go",
        "container app-web-1 is unhealthy",
        messages=("container " + _SEP + " is unhealthy", "container " + _SEP + " exited ("),
        unless=("dependency failed to start",),
    ),
    CatalogEntry(
        "compose-wait-timeout",
        "docker compose: the services were not healthy within --wait-timeout",
        "`docker compose up --wait --wait-timeout N` gave up after N seconds: a healthcheck"
        " had not passed yet (a slow start, a start_period longer than the timeout, a check"
        " that never succeeds). Raise the timeout or fix the healthcheck. compose exits 1."
        " compose (seen on 2.26.1 and 2.40.3) sometimes exits 0 with no message: when the"
        " deadline strikes between two polls, nothing reports it.",
        (_O.ENGINE_ERROR,),
        "docker/compose: pkg/compose/start.go",
        "application not healthy after 2s",
        messages=("application not healthy after ", "timeout waiting for dependencies"),
    ),
)


EXIT_CODES: tuple[CodeMeaning, ...] = (
    CodeMeaning(0, "success", "The command succeeded."),
    CodeMeaning(
        1,
        "general error",
        "The application failed, or a docker command other than run returned a plain error.",
    ),
    CodeMeaning(
        2,
        "misuse / usage",
        "Shells and many CLIs exit 2 for a usage or syntax error"
        " (bash builtins, `set -u`, dash's `exit -1`); not produced by docker itself.",
    ),
    CodeMeaning(124, "timeout", "GNU `timeout` reached its limit."),
    CodeMeaning(
        125,
        "engine error",
        "docker run failed before or around the command (daemon,"
        " image, create, start, flags, wait); GNU wrappers also use it for their own"
        " failures.",
    ),
    CodeMeaning(126, "cannot invoke", "The command was found but could not be executed."),
    CodeMeaning(
        127, "not found", "The command (or, for docker run, any file in the error) was not found."
    ),
    CodeMeaning(
        128,
        "start error",
        "Kubernetes StartError, or Docker Engine 24+'s code for an unclassified start failure.",
    ),
    CodeMeaning(130, "SIGINT", "Interrupted (128 + 2), usually Ctrl-C."),
    CodeMeaning(132, "SIGILL", "Illegal instruction (128 + 4)."),
    CodeMeaning(134, "SIGABRT", "Aborted (128 + 6)."),
    CodeMeaning(
        137, "SIGKILL", "Killed (128 + 9): OOM killer, stop timeout, docker kill, the kubelet."
    ),
    CodeMeaning(139, "SIGSEGV", "Segmentation fault (128 + 11)."),
    CodeMeaning(143, "SIGTERM", "Terminated (128 + 15), the first signal of docker stop."),
    CodeMeaning(
        255,
        "-1",
        "exit(-1), a status lost by the daemon, a lost exec connection, or a"
        " runc 1.2+ init failure.",
    ),
    CodeMeaning(
        0xC0000005,
        "STATUS_ACCESS_VIOLATION",
        "Windows: access violation (3221225477; 5 after a POSIX shell).",
    ),
    CodeMeaning(
        0xC000013A,
        "STATUS_CONTROL_C_EXIT",
        "Windows: stopped by a console control"
        " event, as docker stop does (3221225786; 58 after a POSIX shell).",
    ),
    CodeMeaning(
        0xC0000409,
        "STATUS_STACK_BUFFER_OVERRUN",
        "Windows: fail-fast exit (3221226505; 9 after a POSIX shell).",
    ),
)
