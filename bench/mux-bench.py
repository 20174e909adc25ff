#!/usr/bin/env python3
# mux-bench.py -- roost against a raw pty, dtach, GNU screen and tmux, side
# by side in one run (issue 6, "Benchmarks"). It owns nothing in roost: it
# starts the programs as a user would (a session started detached, a client
# attached in a pseudo-terminal of 200x50 that this script drains as fast as
# it can), measures, and kills every server it started. It must not be run
# by `make check`: figures depend on the machine and its load.
#
# Measures, per multiplexer (interleaved: every payload runs each program in
# turn before the next payload):
#   1. cat of 50 MB files (ASCII log lines, heavily coloured text with 256-
#      colour and 24-bit SGR, UTF-8 CJK with combining marks), attached and
#      detached: MB/s, ratio to roost, server and client CPU seconds
#      (/proc/PID/stat utime+stime before and after);
#   2. key echo latency (500 samples, median and p99) idle and while another
#      window of the same session floods; the server's CPU time per key
#      while idle (/proc/PID/schedstat, user and system);
#   3. server RSS with one window, and with 20 windows x 10,000 lines of
#      100 characters of history; bytes per history line; the RSS of a
#      bare `sleep` as the floor;
#   4. context switches of server and client over 10 idle seconds that do
#      not cross a minute boundary;
#   5. attach time to a fully drawn screen with small and large histories.
#
# Usage: bench/mux-bench.py [--roost PATH] [--mb 50] [--only roost,tmux,...]
#            [--tests cat,echo,rss,idle,attach] [--samples 500] [--json FILE]
# python3 standard library only. Linux only (/proc). See bench/README.md.

import argparse
import atexit
import errno
import fcntl
import json
import os
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLS = 50, 200
CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
# Markers: characters that never occur in the payloads, no two alike side
# by side (a renderer may use REP for a run of one character).
END_MARK = "@#E!N%D#@"
ATT_MARK = "@#A!T%T#@"

WIN_SH = r"""#!/bin/sh
# win.sh DIR ID MODE [FILE MARK] -- what a benchmark window runs.
d=$1 id=$2 mode=$3 f=$4 m=$5
echo $$ > "$d/pid.$id"
case $mode in
cat)	read go < "$d/go.$id"
	cat "$f"
	echo x > "$d/done.$id"
	printf '\033[m\033[H\033[2J%s' "$m"
	exec sleep 1000000 ;;
echo)	exec cat > /dev/null ;;
flood)	read go < "$d/go.$id"
	while :; do cat "$f"; done ;;
show)	cat "$f"
	printf '%s' "$m"
	echo x > "$d/done.$id"
	exec sleep 1000000 ;;
*)	exec sleep 1000000 ;;
esac
"""

started_pids = []  # every server/client we started, killed at exit
verbose = False


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def vlog(*a):
    if verbose:
        log(*a)


def now():
    return time.monotonic()


# ---------------------------------------------------------------- /proc


def proc_cpu(pid):
    """utime+stime of pid (all its threads), seconds; None if gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            s = f.read()
    except OSError:
        return None
    fields = s[s.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def proc_run_ns(pid):
    """Time pid has spent on a CPU (/proc/PID/schedstat), ns; None if
    gone or not available."""
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def proc_status(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def proc_ctxt(pid):
    """Voluntary + involuntary context switches of every thread of pid."""
    total = 0
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return None
    for t in tasks:
        try:
            with open("/proc/%d/task/%s/status" % (pid, t)) as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches",
                                        "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def proc_ppid_comm(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            s = f.read()
    except OSError:
        return None, None
    comm = s[s.index("(") + 1:s.rindex(")")]
    ppid = int(s[s.rindex(")") + 2:].split()[1])
    return ppid, comm


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
        return st[st.rindex(")") + 2] != "Z"
    except OSError:
        return False


def kill_pid(pid, grace=2.0):
    if pid is None or pid <= 1:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except OSError:
            return
        end = now() + grace
        while now() < end:
            try:
                os.waitpid(pid, os.WNOHANG)
            except OSError:
                pass
            if not alive(pid):
                return
            time.sleep(0.02)


def kill_tree(pid):
    """Kill pid and its descendants (found through /proc), children
    first."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        kids = []
    try:
        os.kill(pid, signal.SIGSTOP)
    except OSError:
        return
    for k in kids:
        kill_tree(k)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


def cleanup_all():
    for pid in reversed(started_pids):
        kill_pid(pid, 1.0)
    started_pids.clear()


# ---------------------------------------------------------------- terminals


class Term:
    """A program in a pseudo-terminal; output drained and counted."""

    def __init__(self, argv, env, rows=ROWS, cols=COLS):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

        def pre():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, preexec_fn=pre, close_fds=True)
        os.close(slave)
        os.set_blocking(master, False)
        self.fd = master
        self.pid = self.proc.pid
        self.nbytes = 0
        self.tail = b""
        started_pids.append(self.pid)

    def read_avail(self, timeout):
        """Read what there is, waiting at most timeout s. New bytes, or
        None at EOF."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            b = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return b""
        except OSError as e:
            if e.errno == errno.EIO:
                return None
            raise
        if not b:
            return None
        self.nbytes += len(b)
        return b

    def wait_for(self, mark, timeout, extra_fds=(), on_fd=None):
        """Drain until mark (bytes) appears in the output; True if it did.
        extra_fds are watched too: on_fd(fd) is called when one is
        readable."""
        end = now() + timeout
        tail = self.tail
        fds = [self.fd] + list(extra_fds)
        while now() < end:
            r, _, _ = select.select(fds, [], [], min(0.5, end - now()))
            for fd in r:
                if fd != self.fd:
                    on_fd(fd)
                    fds.remove(fd)
                    continue
                try:
                    b = os.read(self.fd, 1 << 20)
                except BlockingIOError:
                    continue
                except OSError:
                    b = b""
                if not b:
                    self.tail = b""
                    return False
                self.nbytes += len(b)
                tail += b
                if mark in tail:
                    self.tail = b""
                    return True
                tail = tail[-len(mark) - 16:]
        self.tail = tail
        return False

    def wait_quiet(self, quiet=0.3, timeout=10.0, need=1):
        """Drain until nothing arrived for `quiet` s (after at least
        `need` bytes). True on quiet, False on timeout or EOF."""
        end = now() + timeout
        last = now()
        got = 0
        while now() < end:
            b = self.read_avail(0.05)
            if b is None:
                return False
            if b:
                got += len(b)
                last = now()
            elif got >= need and now() - last >= quiet:
                return True
        return False

    def drain(self):
        while True:
            b = self.read_avail(0)
            if not b:
                return

    def send(self, b):
        os.write(self.fd, b)

    def wait_exit(self, timeout=5.0):
        end = now() + timeout
        while now() < end:
            self.read_avail(0.05)
            if self.proc.poll() is not None:
                return True
        return False

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.pid, signal.SIGHUP)
            except OSError:
                pass
            try:
                self.proc.wait(1)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.pid, signal.SIGKILL)
                except OSError:
                    pass
                self.proc.wait()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


# ---------------------------------------------------------------- programs


def run(argv, env, timeout=10):
    try:
        return subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout,
                              start_new_session=True)
    except subprocess.TimeoutExpired:
        log("  timeout: %s" % " ".join(argv))
        return None


class Mux:
    """One program under test. An instance is one session, in private
    directories, with its server killed by stop()."""
    name = "?"
    server_comm = None  # comm of the server process (ppid walk)
    windows = True      # can open more windows
    history = True      # keeps history / redraws on attach
    detachable = True

    def __init__(self, bench, tag):
        self.b = bench
        self.dir = tempfile.mkdtemp(prefix="%s-%s." % (self.name, tag),
                                    dir=bench.tmp)
        os.chmod(self.dir, 0o700)
        self.env = dict(bench.env)
        self.env["HOME"] = self.dir
        self.spid = None
        self.nwin = 0

    def winargv(self, wid, mode, f="", mark=""):
        return ["/bin/sh", self.b.winsh, self.b.tmp, wid, mode, f, mark]

    def server_pid(self, wid):
        """The server: the nearest ancestor of window wid named
        server_comm."""
        if self.spid:
            return self.spid
        pid = self.b.window_pid(wid)
        while pid and pid > 1:
            ppid, comm = proc_ppid_comm(pid)
            if comm is None:
                break
            if comm.startswith(self.server_comm):
                self.spid = pid
                started_pids.append(pid)
                return pid
            pid = ppid
        return None

    def stop(self):
        if self.spid:
            kill_pid(self.spid)
        shutil.rmtree(self.dir, ignore_errors=True)


class Roost(Mux):
    name = "roost"
    server_comm = "roost"

    def __init__(self, bench, tag):
        super().__init__(bench, tag)
        self.env["ROOST_SOCKET_DIR"] = os.path.join(self.dir, "sock")
        self.env["ROOST_SYSTEMRC"] = ""
        self.env["ROOSTRC"] = os.path.join(self.dir, "roostrc")
        with open(self.env["ROOSTRC"], "w"):
            pass

    def start(self, argv):
        self.nwin = 1
        return run([self.b.roost, "-dmS", "b"] + argv, self.env)

    def attach(self):
        return Term([self.b.roost, "-r", "b"], self.env)

    def new_window(self, argv):
        self.nwin += 1
        return run([self.b.roost, "-S", "b", "-X", "screen"] + argv,
                   self.env)

    def select(self, n):
        return run([self.b.roost, "-S", "b", "-X", "select", str(n)],
                   self.env)

    def detach(self, term):
        run([self.b.roost, "-S", "b", "-X", "detach"], self.env)

    def stop(self):
        run([self.b.roost, "-S", "b", "-X", "quit"], self.env, 3)
        super().stop()


class Tmux(Mux):
    name = "tmux"
    server_comm = "tmux"

    def __init__(self, bench, tag):
        super().__init__(bench, tag)
        self.sock = os.path.join(self.dir, "sock")
        self.conf = os.path.join(self.dir, "tmux.conf")
        with open(self.conf, "w") as f:
            f.write("set -g history-limit 10000\n")

    def base(self):
        return ["tmux", "-S", self.sock, "-f", self.conf]

    def start(self, argv):
        self.nwin = 1
        return run(self.base() + ["new-session", "-d", "-s", "b", "-x",
                                  str(COLS), "-y", str(ROWS)] + argv,
                   self.env)

    def attach(self):
        return Term(self.base() + ["attach", "-t", "b"], self.env)

    def new_window(self, argv):
        self.nwin += 1
        return run(self.base() + ["new-window", "-d", "-t", "b"] + argv,
                   self.env)

    def select(self, n):
        return run(self.base() + ["select-window", "-t", "b:%d" % n],
                   self.env)

    def detach(self, term):
        run(self.base() + ["detach-client", "-s", "b"], self.env)

    def stop(self):
        run(self.base() + ["kill-server"], self.env, 3)
        super().stop()


class Screen(Mux):
    name = "screen"
    server_comm = "screen"

    def __init__(self, bench, tag):
        super().__init__(bench, tag)
        self.env["SCREENDIR"] = os.path.join(self.dir, "s")
        os.mkdir(self.env["SCREENDIR"], 0o700)
        self.conf = os.path.join(self.dir, "screenrc")
        with open(self.conf, "w") as f:
            f.write("startup_message off\ndefscrollback 10000\n")

    def start(self, argv):
        self.nwin = 1
        return run(["screen", "-c", self.conf, "-dmS", "b"] + argv,
                   self.env)

    def attach(self):
        return Term(["screen", "-c", self.conf, "-r", "b"], self.env)

    def new_window(self, argv):
        self.nwin += 1
        return run(["screen", "-S", "b", "-X", "screen"] + argv, self.env)

    def select(self, n):
        return run(["screen", "-S", "b", "-X", "select", str(n)], self.env)

    def detach(self, term):
        run(["screen", "-S", "b", "-X", "detach"], self.env)

    def stop(self):
        run(["screen", "-S", "b", "-X", "quit"], self.env, 3)
        super().stop()


class Dtach(Mux):
    name = "dtach"
    server_comm = "dtach"
    windows = False
    history = False

    def __init__(self, bench, tag):
        super().__init__(bench, tag)
        self.sock = os.path.join(self.dir, "sock")

    def start(self, argv):
        self.nwin = 1
        return run(["dtach", "-n", self.sock, "-z"] + argv, self.env)

    def attach(self):
        return Term(["dtach", "-a", self.sock, "-r", "none", "-z"],
                    self.env)

    def detach(self, term):
        term.send(b"\x1c")  # dtach's detach character, C-\


class Raw(Mux):
    """The window program straight in our pseudo-terminal: the floor."""
    name = "raw-pty"
    windows = False
    history = False
    detachable = False

    def start(self, argv):
        self.argv = argv
        return True

    def attach(self):
        return Term(self.argv, self.env)

    def server_pid(self, wid):
        return None


MUXES = {"raw-pty": (Raw, None), "dtach": (Dtach, "dtach"),
         "screen": (Screen, "screen"), "tmux": (Tmux, "tmux"),
         "roost": (Roost, None)}

# ---------------------------------------------------------------- payloads


def gen_lines_ascii(rng):
    lv = ["INFO ", "DEBUG", "WARN ", "ERROR"]
    out = []
    for _ in range(4000):
        out.append(
            "2026-11-30T%02d:%02d:%02d.%03dZ %s [worker-%02d] request id=%08x"
            " path=/api/v1/items/%d status=%d bytes=%d dur=%.1fms\r\n" % (
                rng.randrange(24), rng.randrange(60), rng.randrange(60),
                rng.randrange(1000), rng.choice(lv), rng.randrange(32),
                rng.getrandbits(32), rng.randrange(100000),
                rng.choice([200, 200, 200, 304, 404, 500]),
                rng.randrange(100000), rng.random() * 500))
    return out


def gen_lines_colour(rng):
    words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur",
             "adipiscing", "elit", "sed", "do", "eiusmod", "tempor"]
    out = []
    for _ in range(4000):
        col, parts = 0, []
        while col < 150:
            w = rng.choice(words)
            k = rng.randrange(6)
            if k == 0:
                sgr = "\033[38;5;%dm" % rng.randrange(256)
            elif k == 1:
                sgr = "\033[38;5;%d;48;5;%dm" % (rng.randrange(256),
                                                 rng.randrange(256))
            elif k == 2:
                sgr = "\033[38;2;%d;%d;%dm" % (rng.randrange(256),
                                               rng.randrange(256),
                                               rng.randrange(256))
            elif k == 3:
                sgr = "\033[1;38;2;%d;%d;%d;48;2;%d;%d;%dm" % tuple(
                    rng.randrange(256) for _ in range(6))
            elif k == 4:
                sgr = "\033[3;4;38;5;%dm" % rng.randrange(256)
            else:
                sgr = "\033[7;%dm" % (30 + rng.randrange(8))
            parts.append(sgr + w + "\033[m ")
            col += len(w) + 1
        out.append("".join(parts) + "\r\n")
    return out


def gen_lines_cjk(rng):
    out = []
    for _ in range(4000):
        col, parts = 0, []
        while col < 150:
            r = rng.randrange(10)
            if r < 5:
                parts.append(chr(0x4E00 + rng.randrange(0x5000)))
                col += 2
            elif r < 6:
                parts.append(chr(0xAC00 + rng.randrange(11000)))
                col += 2
            elif r < 7:
                parts.append(chr(0x3042 + rng.randrange(80)))
                col += 2
            elif r < 9:
                parts.append(chr(ord("a") + rng.randrange(26)) +
                             rng.choice(["\u0301", "\u0308", "\u0323\u0302",
                                         "\u0300"]))
                col += 1
            else:
                parts.append(" ")
                col += 1
        out.append("".join(parts) + "\r\n")
    return out


PAYLOADS = [("ascii", gen_lines_ascii), ("colour", gen_lines_colour),
            ("cjk", gen_lines_cjk)]


def make_payload(path, gen, size, seed):
    if os.path.exists(path) and os.path.getsize(path) >= size:
        return
    rng = random.Random(seed)
    lines = [ln.encode() for ln in gen(rng)]
    for ln in lines:
        assert b"@" not in ln and b"#" not in ln
    with open(path + ".tmp", "wb") as f:
        n = 0
        while n < size:
            chunk = b"".join(rng.choice(lines) for _ in range(1000))
            f.write(chunk)
            n += len(chunk)
    os.rename(path + ".tmp", path)


def make_history_file(path, nlines, width=100):
    rng = random.Random(7)
    alpha = "abcdefghijklmnopqrstuvwxyz0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    with open(path, "w") as f:
        for i in range(nlines):
            s = "%06d " % i
            s += "".join(rng.choice(alpha) for _ in range(width - len(s)))
            f.write(s + "\r\n")


def make_screen_file(path, hist):
    """hist lines of history, then a screenful of coloured rows; the
    window prints ATT_MARK after it, on the last row."""
    rng = random.Random(9)
    with open(path, "w") as f:
        for i in range(hist):
            f.write("history line %06d %s\r\n" % (i, "x" * 80))
        for i in range(ROWS - 1):
            f.write("\033[38;5;%dm row %02d \033[1;38;2;%d;%d;%dm%s\033[m"
                    "\r\n" % (rng.randrange(256), i, rng.randrange(256),
                              rng.randrange(256), rng.randrange(256),
                              "".join(rng.choice("abcdefgh ")
                                      for _ in range(COLS - 12))))


# ---------------------------------------------------------------- bench


def pct(xs, p):
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * len(xs) + 0.5)) - 1))
    return xs[k]


class Bench:
    def __init__(self, args):
        self.args = args
        self.roost = os.path.abspath(args.roost)
        self.tmp = tempfile.mkdtemp(prefix="roost-bench.")
        self.data = args.data or os.path.join(
            tempfile.gettempdir(), "roost-bench-data")
        os.makedirs(self.data, exist_ok=True)
        self.winsh = os.path.join(self.tmp, "win.sh")
        with open(self.winsh, "w") as f:
            f.write(WIN_SH)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color", "COLORTERM": "truecolor",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SHELL": "/bin/sh",
            "TMPDIR": self.tmp}
        self.ids = 0
        self.results = {}
        self.runs = {}
        self.skipped = {}
        self.muxes = []
        for name in args.only.split(","):
            cls, exe = MUXES[name]
            if name == "roost" and not os.access(self.roost, os.X_OK):
                self.skipped[name] = "no executable %s" % self.roost
            elif exe and shutil.which(exe) is None:
                self.skipped[name] = "%s not installed" % exe
            else:
                self.muxes.append(cls)

    def cleanup(self):
        cleanup_all()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def wid(self):
        self.ids += 1
        wid = "w%d" % self.ids
        os.mkfifo(os.path.join(self.tmp, "go." + wid))
        os.mkfifo(os.path.join(self.tmp, "done." + wid))
        return wid

    def window_pid(self, wid, timeout=10):
        path = os.path.join(self.tmp, "pid." + wid)
        end = now() + timeout
        while now() < end:
            try:
                with open(path) as f:
                    return int(f.read())
            except (OSError, ValueError):
                time.sleep(0.01)
        return None

    def open_done(self, wid):
        return os.open(os.path.join(self.tmp, "done." + wid),
                       os.O_RDONLY | os.O_NONBLOCK)

    def go(self, wid, timeout=10):
        """Release window wid (blocked reading its go fifo). True if
        done."""
        path = os.path.join(self.tmp, "go." + wid)
        end = now() + timeout
        while now() < end:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as e:
                if e.errno != errno.ENXIO:
                    raise
                time.sleep(0.002)
                continue
            os.write(fd, b"go\n")
            os.close(fd)
            return True
        return False

    def record(self, key, mux, value):
        if key.startswith("cat "):
            self.runs.setdefault(key, {}).setdefault(mux, []).append(value)
            return
        self.results.setdefault(key, {})[mux] = value

    def summarise(self):
        """cat runs: the best rate (least disturbed by other load), the
        median CPU seconds, every run kept under "runs"."""
        for key, per in self.runs.items():
            for mux, runs in per.items():
                ok = [r for r in runs if "error" not in r]
                if not ok:
                    self.results.setdefault(key, {})[mux] = runs[-1]
                    continue
                best = max(ok, key=lambda r: r["MBps"])
                res = dict(best)
                for k in ("server_cpu", "client_cpu"):
                    v = [r[k] for r in ok if r[k] is not None]
                    res[k] = statistics.median(v) if v else None
                res["runs"] = runs
                self.results.setdefault(key, {})[mux] = res

    # ---- 1. throughput

    def bench_cat(self):
        mb = self.args.mb
        size = mb * 1000 * 1000
        files = {}
        for i, (pname, gen) in enumerate(PAYLOADS):
            if pname not in self.args.payloads.split(","):
                continue
            path = os.path.join(self.data, "%s-%dMB" % (pname, mb))
            log("generating %s" % path)
            make_payload(path, gen, size, 100 + i)
            files[pname] = path
        for rnd in range(self.args.rounds):
            self.cat_round(files, rnd)

    def cat_round(self, files, rnd):
        for pname, _ in PAYLOADS:
            if pname not in self.args.payloads.split(","):
                continue
            for attached in (True, False):
                # Interleaved, and rotated each round so that no program
                # always runs right after the same other one.
                order = list(self.muxes)
                k = rnd % len(order)
                order = order[k:] + order[:k]
                for cls in order:
                    if not attached and not cls.detachable:
                        continue
                    self.cat_one(cls, pname, files[pname], attached)

    def cat_one(self, cls, pname, path, attached):
        mode = "attached" if attached else "detached"
        key = "cat %s %s" % (pname, mode)
        size = os.path.getsize(path)
        m = cls(self, "cat")
        t = None
        try:
            wid = self.wid()
            donefd = self.open_done(wid)
            m.start(m.winargv(wid, "cat", path, END_MARK))
            t = m.attach()
            if not t.wait_quiet(0.3, 10, 0 if cls is Raw else 1):
                vlog("  %s: client not quiet after attach" % m.name)
            spid = m.server_pid(wid)
            if not attached:
                m.detach(t)
                if not t.wait_exit(5):
                    self.record(key, m.name, {"error": "detach failed"})
                    return
            cpid = t.pid if attached else None
            s0 = proc_cpu(spid) if spid else None
            c0 = proc_cpu(cpid) if cpid else None
            done_at = [None]

            def on_done(fd):
                done_at[0] = now()

            perfs = []
            if self.args.perf and m.name == "roost":
                for who, pid in (("server", spid), ("client", cpid)):
                    if pid:
                        perfs.append(self.perf_start(
                            pid, "%s-%s-%s" % (who, pname, mode)))
            t0 = now()
            if not self.go(wid):
                self.record(key, m.name, {"error": "window never started"})
                return
            tmo = self.args.timeout
            if attached:
                ok = t.wait_for(END_MARK.encode(), tmo, [donefd], on_done)
                t1 = now()
                if done_at[0] is None:
                    r, _, _ = select.select([donefd], [], [], 1)
                    done_at[0] = now() if r else None
            else:
                r, _, _ = select.select([donefd], [], [], tmo)
                ok = bool(r)
                t1 = now()
                done_at[0] = t1
                # Let the server parse what is still in the pty buffer.
                last = proc_cpu(spid)
                for _ in range(40):
                    time.sleep(0.05)
                    c = proc_cpu(spid)
                    if c == last:
                        break
                    last = c
            os.close(donefd)
            for p in perfs:
                p.send_signal(signal.SIGINT)
                p.wait()
            if not ok:
                self.record(key, m.name, {"error": "timeout after %ds" % tmo})
                return
            s1 = proc_cpu(spid) if spid else None
            c1 = proc_cpu(cpid) if cpid else None
            el = t1 - t0
            res = {"s": el, "MBps": size / 1e6 / el,
                   "cat_s": (done_at[0] - t0) if done_at[0] else None,
                   "server_cpu": (s1 - s0) if s0 is not None and s1 is not None
                   else None,
                   "client_cpu": (c1 - c0) if c0 is not None and c1 is not None
                   else None,
                   "client_bytes": t.nbytes if attached else None}
            self.record(key, m.name, res)
            log("  %-24s %-8s %7.1f MB/s  server %s s  client %s s" % (
                key, m.name, res["MBps"], fmt(res["server_cpu"], 2),
                fmt(res["client_cpu"], 2)))
        finally:
            if t:
                t.close()
            m.stop()

    def perf_start(self, pid, name):
        os.makedirs(self.args.perf, exist_ok=True)
        out = os.path.join(self.args.perf, name + ".data")
        p = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock",
                              "-F", "2000", "--call-graph", "dwarf,16384",
                              "-p", str(pid), "-o", out],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL)
        time.sleep(0.5)  # let perf attach
        return p

    # ---- 2. key echo latency

    def bench_echo(self):
        for cls in self.muxes:
            m = cls(self, "echo")
            try:
                self.echo_one(m)
            finally:
                m.stop()
                cleanup_terms()

    def echo_one(self, m):
        wid = self.wid()
        m.start(m.winargv(wid, "echo"))
        fid = None
        if m.windows:
            fid = self.wid()
            m.new_window(m.winargv(fid, "flood",
                                   os.path.join(self.data, "ascii-%dMB" %
                                                self.args.mb)))
            m.select(0)
        t = m.attach()
        TERMS.append(t)
        t.wait_quiet(0.5, 10)
        spid = m.server_pid(wid)
        for phase in ("idle", "flood"):
            key = "echo %s" % phase
            if phase == "flood":
                if fid is None:
                    self.record(key, m.name, {"error": "no windows"})
                    continue
                if not self.go(fid):
                    self.record(key, m.name, {"error": "flood not started"})
                    continue
                time.sleep(0.5)
            lat, lost = [], 0
            rng = random.Random(5)
            run0 = proc_run_ns(spid) if spid else None
            for i in range(self.args.samples):
                if i and i % 150 == 0:
                    t.send(b"\r")
                    t.wait_quiet(0.05, 2, 0)
                t.drain()
                t0 = now()
                t.send(b"x")
                if t.wait_for(b"x", 2.0):
                    lat.append(now() - t0)
                else:
                    lost += 1
                # Keys as typed, not faster than the display refreshes
                # (--echo-gap-ms; jittered so as not to lock onto a timer).
                gap = self.args.echo_gap_ms / 1000.0
                time.sleep(gap * (0.8 + 0.4 * rng.random()))
            if not lat:
                self.record(key, m.name, {"error": "no echo seen"})
                continue
            res = {"median_ms": statistics.median(lat) * 1e3,
                   "p99_ms": pct(lat, 99) * 1e3, "n": len(lat),
                   "lost": lost}
            run1 = proc_run_ns(spid) if spid else None
            if run0 is not None and run1 is not None:
                # The server's CPU time (user and system) per key, the
                # frames and, while flooding, the flood's parsing.
                res["server_us_per_key"] = (run1 - run0) / 1e3 / len(lat)
            self.record(key, m.name, res)
            log("  %-24s %-8s median %.3f ms  p99 %.3f ms  (%d lost)" % (
                key, m.name, res["median_ms"], res["p99_ms"], lost))
        if fid is not None:
            p = self.window_pid(fid, 1)
            if p:
                kill_tree(p)

    # ---- 3. memory

    def bench_rss(self):
        hist = os.path.join(self.data, "hist-10000x100")
        if not os.path.exists(hist):
            make_history_file(hist, 10000 + ROWS)
        # The floor: what any dynamically linked program's RSS is on this
        # machine (the C library's pages it touches count in full).
        p = subprocess.Popen(["sleep", "60"])
        time.sleep(0.5)
        self.floor = {"kB": proc_status(p.pid, "VmRSS"),
                      "anon_kB": proc_status(p.pid, "RssAnon")}
        p.kill()
        p.wait()
        for cls in self.muxes:
            if not cls.windows:
                self.record("rss 1 window", cls.name,
                            {"error": "n/a: relay"})
                continue
            m = cls(self, "rss")
            try:
                self.rss_one(m, hist)
            finally:
                m.stop()
                cleanup_terms()

    def settle(self, pid, timeout=30):
        """Wait until pid used no CPU for 0.3 s."""
        end = now() + timeout
        last = proc_cpu(pid)
        while now() < end:
            time.sleep(0.3)
            c = proc_cpu(pid)
            if c == last:
                return True
            last = c
        return False

    def rss_one(self, m, hist):
        wid = self.wid()
        m.start(m.winargv(wid, "idle"))
        t = m.attach()
        TERMS.append(t)
        t.wait_quiet(0.5, 10)
        spid = m.server_pid(wid)
        if not spid:
            self.record("rss 1 window", m.name, {"error": "no server pid"})
            return
        self.settle(spid)
        rss1 = proc_status(spid, "VmRSS")
        anon1 = proc_status(spid, "RssAnon")
        self.record("rss 1 window", m.name, {"kB": rss1, "anon_kB": anon1})
        dones = []
        for i in range(20):
            w = self.wid()
            dones.append((w, self.open_done(w)))
            m.new_window(m.winargv(w, "show", hist, ""))
            t.drain()
        end = now() + 120
        pending = [fd for _, fd in dones]
        while pending and now() < end:
            r, _, _ = select.select(pending + [t.fd], [], [], 0.5)
            for fd in r:
                if fd == t.fd:
                    t.drain()
                else:
                    pending.remove(fd)
        for _, fd in dones:
            os.close(fd)
        if pending:
            self.record("rss 20x10000", m.name,
                        {"error": "%d windows never finished" % len(pending)})
            return
        end = now() + 30
        while now() < end:
            t.wait_quiet(0.3, 2, 0)
            if self.settle(spid, 1):
                break
        rss20 = proc_status(spid, "VmRSS")
        anon20 = proc_status(spid, "RssAnon")
        per = (rss20 - rss1) * 1024.0 / (20 * 10000)
        self.record("rss 20x10000", m.name, {"kB": rss20, "anon_kB": anon20,
                                             "per_line": per})
        log("  rss %-8s 1 window %d kB; 20x10000 lines %d kB; %.0f B/line"
            % (m.name, rss1, rss20, per))

    # ---- 4. idle wakeups

    def bench_idle(self):
        ms, terms = [], []
        try:
            for cls in self.muxes:
                if cls is Raw:
                    continue
                m = cls(self, "idle")
                ms.append(m)
                wid = self.wid()
                m.start(m.winargv(wid, "idle"))
                t = m.attach()
                TERMS.append(t)
                terms.append((m, wid, t))
            for m, wid, t in terms:
                t.wait_quiet(0.5, 10)
                m.server_pid(wid)
            # 10 s that do not cross a minute boundary (+1 s margin).
            sec = time.time() % 60
            if sec < 1 or sec > 48:
                time.sleep(61 - sec)
            for m, wid, t in terms:
                t.drain()
            c0 = {m.name: (proc_ctxt(m.spid), proc_ctxt(t.pid))
                  for m, _, t in terms}
            b0 = {m.name: t.nbytes for m, _, t in terms}
            end = now() + 10
            fds = {t.fd: t for _, _, t in terms}
            while now() < end:
                r, _, _ = select.select(list(fds), [], [], end - now())
                for fd in r:
                    fds[fd].read_avail(0)
            for m, _, t in terms:
                s0, k0 = c0[m.name]
                s1, k1 = proc_ctxt(m.spid), proc_ctxt(t.pid)
                res = {"server": (s1 - s0) if s0 is not None and s1 is not None
                       else None,
                       "client": (k1 - k0) if k0 is not None and k1 is not None
                       else None,
                       "bytes": t.nbytes - b0[m.name]}
                self.record("ctxt 10s idle", m.name, res)
                log("  idle %-8s server %s client %s switches, %d bytes" % (
                    m.name, res["server"], res["client"], res["bytes"]))
        finally:
            for m in ms:
                m.stop()
            cleanup_terms()

    # ---- 5. attach time

    def bench_attach(self):
        files = {}
        for label, n in (("small", 100), ("large", 10000)):
            p = os.path.join(self.data, "screen-%d" % n)
            if not os.path.exists(p):
                make_screen_file(p, n)
            files[label] = p
        for label in ("small", "large"):
            for cls in self.muxes:
                key = "attach %s history" % label
                if not cls.history:
                    self.record(key, cls.name, {"error": "n/a: relay"})
                    continue
                m = cls(self, "att")
                try:
                    self.attach_one(m, key, files[label])
                finally:
                    m.stop()
                    cleanup_terms()

    def attach_one(self, m, key, path):
        wid = self.wid()
        donefd = self.open_done(wid)
        m.start(m.winargv(wid, "show", path, ATT_MARK))
        t = m.attach()
        TERMS.append(t)
        r, _, _ = select.select([donefd], [], [], 30)
        os.close(donefd)
        if not r:
            self.record(key, m.name, {"error": "window never drew"})
            return
        t.wait_quiet(0.3, 10)
        times = []
        for i in range(self.args.attach_runs):
            m.detach(t)
            if not t.wait_exit(5):
                self.record(key, m.name, {"error": "detach failed"})
                return
            t.close()
            time.sleep(0.2)
            t0 = now()
            t = m.attach()
            TERMS.append(t)
            if not t.wait_for(ATT_MARK.encode(), 10):
                self.record(key, m.name, {"error": "marker never seen"})
                return
            times.append(now() - t0)
            t.wait_quiet(0.2, 5)
        res = {"median_ms": statistics.median(times) * 1e3,
               "max_ms": max(times) * 1e3, "n": len(times)}
        self.record(key, m.name, res)
        log("  %-24s %-8s median %.1f ms" % (key, m.name, res["median_ms"]))


TERMS = []


def cleanup_terms():
    while TERMS:
        TERMS.pop().close()


def fmt(v, nd=1):
    if v is None:
        return "-"
    return "%.*f" % (nd, v)


def report(b):
    names = [c.name for c in b.muxes]
    out = []
    w = 14

    def row(label, cells):
        out.append("| %-30s | " % label + " | ".join(
            "%-*s" % (w, c) for c in cells) + " |")

    row("", names)
    out.append("|" + "-" * 32 + "|" + "|".join("-" * (w + 2) for _ in names)
               + "|")
    keys = sorted(b.results, key=lambda k: not k.startswith("cat"))
    for key in keys:
        res = b.results[key]
        if key.startswith("cat"):
            ref = res.get("roost", {}).get("MBps")

            def cell(n, f):
                r = res.get(n)
                if r is None:
                    return "n/a"
                if "error" in r:
                    return r["error"][:w]
                return f(r)
            row(key + " MB/s", [cell(n, lambda r: "%.1f" % r["MBps"])
                                for n in names])
            if ref:
                row("  roost / this", [cell(n, lambda r: "%.2fx" % (
                    ref / r["MBps"])) for n in names])
            row("  server CPU s", [cell(n, lambda r: fmt(r["server_cpu"], 2))
                                   for n in names])
            if "detached" not in key:
                row("  client CPU s", [cell(n, lambda r: fmt(r["client_cpu"],
                                                             2))
                                       for n in names])
                row("  MB written to terminal", [cell(
                    n, lambda r: "%.1f" % (r["client_bytes"] / 1e6))
                    for n in names])
            continue

        def cell2(n, f):
            r = res.get(n)
            if r is None:
                return "n/a"
            if "error" in r:
                return r["error"][:w]
            return f(r)
        if key.startswith("echo"):
            row(key + " median/p99 ms", [cell2(n, lambda r: "%.3f/%.3f" % (
                r["median_ms"], r["p99_ms"])) for n in names])
            if key == "echo idle":
                row("  server CPU us per key", [cell2(n, lambda r: (
                    "%.0f" % r["server_us_per_key"])
                    if "server_us_per_key" in r else "-") for n in names])
        elif key == "rss 1 window":
            row("server RSS 1 window kB", [cell2(n, lambda r: "%d" % r["kB"])
                                           for n in names])
            row("  of which anonymous kB", [cell2(
                n, lambda r: "%d" % r["anon_kB"]) for n in names])
        elif key == "rss 20x10000":
            row("server RSS 20x10000 lines kB", [cell2(
                n, lambda r: "%d" % r["kB"]) for n in names])
            row("  of which anonymous kB", [cell2(
                n, lambda r: "%d" % r["anon_kB"]) for n in names])
            row("  bytes per history line", [cell2(
                n, lambda r: "%.0f" % r["per_line"]) for n in names])
        elif key.startswith("ctxt"):
            row("ctxt switches 10s idle srv/cli", [cell2(
                n, lambda r: "%s/%s" % (r["server"], r["client"]))
                for n in names])
        elif key.startswith("attach"):
            row(key + " ms", [cell2(n, lambda r: "%.1f" % r["median_ms"])
                              for n in names])
    return "\n".join(out)


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def versions(b):
    out = []
    for cls in b.muxes:
        argv = {"roost": [b.roost, "-v"], "tmux": ["tmux", "-V"],
                "screen": ["screen", "-v"]}.get(cls.name)
        if argv is None:
            out.append(cls.name)
            continue
        r = run(argv, b.env, 5)
        v = (r.stdout.decode(errors="replace").strip().splitlines() or
             ["?"])[0] if r else "?"
        out.append(v)
    return out


def main():
    global verbose
    ap = argparse.ArgumentParser(description=__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--roost", default=os.environ.get(
        "ROOST_BIN", os.path.join(here, "..", "src", "roost")))
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--only", default="raw-pty,dtach,screen,tmux,roost")
    ap.add_argument("--tests", default="cat,echo,rss,idle,attach")
    ap.add_argument("--rounds", type=int, default=3,
                    help="cat runs per program and payload (best rate, "
                    "median CPU reported)")
    ap.add_argument("--payloads", default="ascii,colour,cjk")
    ap.add_argument("--samples", type=int, default=500)
    ap.add_argument("--echo-gap-ms", type=float, default=25,
                    help="pause between echo samples (mean, ms)")
    ap.add_argument("--attach-runs", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--data", help="where generated payloads are kept")
    ap.add_argument("--perf", metavar="DIR",
                    help="perf record roost's server and client during "
                    "the cat runs into DIR")
    ap.add_argument("--json", help="write the raw results here")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    verbose = args.v
    b = Bench(args)
    atexit.register(b.cleanup)

    def on_signal(sig, frm):
        b.cleanup()
        os._exit(130)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load0 = loadavg()
    log("mux-bench: %s; %s; %d CPUs" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        " ".join(c.name for c in b.muxes), os.cpu_count()))
    for n, why in b.skipped.items():
        log("  skipped %s: %s" % (n, why))
    if "roost" in b.skipped:
        log("mux-bench: roost skipped (--roost or ROOST_BIN names the "
            "binary)")
    for test in args.tests.split(","):
        log("== %s" % test)
        getattr(b, "bench_" + test)()
    b.summarise()
    print("mux-bench.py %s" % " ".join(sys.argv[1:]))
    print("started %s, ended %s; load average at start %s, at end %s" % (
        started, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        load0, loadavg()))
    print("programs: %s" % "; ".join(versions(b)))
    print("cat: %d MB per payload, best rate of %d rounds, median CPU "
          "seconds; client in a %dx%d pty drained by this script" % (
              args.mb, args.rounds, COLS, ROWS))
    print()
    print(report(b))
    if getattr(b, "floor", None):
        print("RSS of a bare `sleep 60` (the floor of a dynamically linked "
              "program here): %d kB, %d kB anonymous"
              % (b.floor["kB"], b.floor["anon_kB"]))
    for n, why in b.skipped.items():
        print("skipped %s: %s" % (n, why))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"results": b.results, "skipped": b.skipped,
                       "rss_floor": getattr(b, "floor", None)}, f,
                      indent=1)


if __name__ == "__main__":
    main()
