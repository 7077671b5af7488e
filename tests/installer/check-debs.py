#!/usr/bin/env python3
"""The two Debian packages, built by CPack from this build tree and inspected with dpkg-deb.

dcc-login: the client binary, desktop entry (desktop-file-validate) and icon; depends on
pcscd. dcc-login-server: the binary, the configuration as a conffile, the maintainer scripts
(system user, state folder, systemd handled when present and skipped when not), and the
systemd unit with its sandboxing; `systemd-analyze verify` checks the unit when the tool is
here (it works without a running systemd). Then the server package is unpacked into a
temporary root and its unit's ExecStart is run from there, with the packaged configuration:
only root-relative paths are moved into the temporary root, TLS points at the test PKI's
localhost certificate and the port at a free one, and GET /healthz must answer 200.

Usage: check-debs.py BUILD_DIR PKI_DIR WORK_DIR
"""
import json
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

failures = []


def check(condition, what):
    if condition:
        print(f"ok   {what}")
    else:
        print(f"FAIL {what}")
        failures.append(what)


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"check-debs: {' '.join(cmd)} failed ({result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")
    return result.stdout


def deb_files(deb):
    names = set()
    for line in run(["dpkg-deb", "-c", deb]).splitlines():
        name = line.split(None, 5)[-1].split(" -> ")[0]
        names.add(name[2:] if name.startswith("./") else name)
    return names


def control_member(deb, member, work):
    target = os.path.join(work, "control-" + os.path.basename(deb))
    if not os.path.isdir(target):
        run(["dpkg-deb", "-e", deb, target])
    path = os.path.join(target, member)
    return path if os.path.exists(path) else None


def unit_entries(text):
    entries = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        entries.append((section, key.strip(), value.strip()))
    return entries


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def in_root(root, path):
    return os.path.join(root, path.lstrip("/"))


STUBS = {
    # name: exit status. Every call is recorded; none touches this machine.
    "adduser": 0, "getent": 2, "install": 0, "chown": 0, "chmod": 0,
    "dpkg-statoverride": 1, "deb-systemd-helper": 0, "deb-systemd-invoke": 0, "systemctl": 0,
}


def run_maintainer_scripts(deb, work):
    """Runs postinst configure (first install and upgrade), prerm remove, postrm remove and
    postrm purge as dpkg would on a machine without systemd running (this one: no
    /run/systemd/system), with every command that would change the machine replaced by a stub
    that records its arguments. They must succeed, create the user and the state folder, and
    call neither systemctl nor deb-systemd-invoke."""
    if os.path.isdir("/run/systemd/system"):
        print("note: systemd runs here; the maintainer scripts are not run")
        return
    stubs = os.path.join(work, "stubs")
    os.makedirs(stubs)
    calls = os.path.join(work, "stub-calls.log")
    for name, status in STUBS.items():
        path = os.path.join(stubs, name)
        with open(path, "w") as out:
            out.write(f'#!/bin/sh\necho "{name} $*" >> "{calls}"\nexit {status}\n')
        os.chmod(path, 0o755)
    env = dict(os.environ, PATH=stubs + ":/usr/bin:/bin")
    for script, args in [("postinst", ["configure"]), ("postinst", ["configure", "0.0.9"]),
                         ("prerm", ["remove"]), ("postrm", ["remove"]),
                         ("postrm", ["purge"])]:
        path = control_member(deb, script, work)
        if path is None:
            continue
        result = subprocess.run([path] + args, env=env, capture_output=True, text=True)
        check(result.returncode == 0,
              f"{script} {' '.join(args)} succeeds without systemd {result.stderr.strip()}")
    log = open(calls).read() if os.path.exists(calls) else ""
    check(re.search(r"^adduser --system .*dcc-login-server$", log, re.M) is not None,
          "postinst creates the dcc-login-server system user (adduser --system)")
    check(re.search(r"^install -d .*-o dcc-login-server .*/var/lib/dcc-login-server$", log,
                    re.M) is not None,
          "postinst creates /var/lib/dcc-login-server owned by the service user")
    check(re.search(r"^(systemctl|deb-systemd-invoke) ", log, re.M) is None,
          "no systemctl or deb-systemd-invoke call without systemd")
    check(re.search(r"^deb-systemd-helper update-state dcc-login-server.service$", log, re.M)
          is not None, "postinst registers the unit with deb-systemd-helper")


def main():
    build, pki, work = (os.path.abspath(a) for a in sys.argv[1:4])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    started = time.monotonic()
    run(["cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-B",
         os.path.join(work, "cpack")])
    print(f"cpack: {time.monotonic() - started:.1f} s")
    debs = {}
    for name in os.listdir(os.path.join(work, "cpack")):
        if name.endswith(".deb"):
            path = os.path.join(work, "cpack", name)
            debs[run(["dpkg-deb", "-f", path, "Package"]).strip()] = path
    check(set(debs) == {"dcc-login", "dcc-login-server"}, f"two packages: {sorted(debs)}")
    client, server = debs["dcc-login"], debs["dcc-login-server"]

    # --- dcc-login
    files = deb_files(client)
    for wanted in ["usr/bin/dcc-login", "usr/lib/dcc-login/libdcc-login-core.so",
                   "usr/lib/dcc-login/dcc-login-backend.so",
                   "usr/share/applications/dcc-login.desktop",
                   "usr/share/icons/hicolor/scalable/apps/dcc-login.svg"]:
        check(wanted in files, f"dcc-login ships /{wanted}")
    depends = run(["dpkg-deb", "-f", client, "Depends"])
    check(re.search(r"(^|, )pcscd(,|$| )", depends.strip()) is not None,
          "dcc-login depends on pcscd")
    check("libqt6widgets6" in depends, "dcc-login's shared libraries are dependencies")
    unpacked_client = os.path.join(work, "client-root")
    run(["dpkg-deb", "-x", client, unpacked_client])
    desktop = in_root(unpacked_client, "/usr/share/applications/dcc-login.desktop")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", desktop], capture_output=True,
                                text=True)
        check(result.returncode == 0 and "error" not in result.stdout,
              f"desktop-file-validate: {result.stdout.strip() or 'clean'}")
    desktop_text = open(desktop, encoding="utf-8").read()
    check("\nExec=dcc-login" in desktop_text and "\nIcon=dcc-login" in desktop_text,
          "desktop entry runs dcc-login with the dcc-login icon")
    check("\nName[en]=" in desktop_text and "\nComment[en]=" in desktop_text,
          "desktop entry has English translations of the French texts")
    check(os.access(in_root(unpacked_client, "/usr/bin/dcc-login"), os.X_OK),
          "/usr/bin/dcc-login is executable")
    # The packaged layout works: the executable finds its core library (run path
    # $ORIGIN/../lib/dcc-login) and its backend module (client/app/BackendLoader), whose
    # checks make the report. No display needed; a check may be in error (status 1), a
    # missing module says so on stderr.
    home = os.path.join(work, "client-home")
    os.makedirs(home, exist_ok=True)
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"))
    diagnose = subprocess.run(
        [in_root(unpacked_client, "/usr/bin/dcc-login"), "--diagnose", "--json",
         "--server=http://127.0.0.1:9"],
        capture_output=True, text=True, env=environment, timeout=60)
    try:
        report = json.loads(diagnose.stdout)
    except ValueError:
        report = {}
    loaded = (diagnose.returncode in (0, 1) and "Installation incomplète" not in diagnose.stderr
              and any(c.get("id") == "pcsc.service" for c in report.get("checks", [])))
    check(loaded, "the unpacked dcc-login loads its module from /usr/lib/dcc-login"
          + ("" if loaded else f": status {diagnose.returncode}, {diagnose.stderr.strip()}"))

    # --- dcc-login-server: files, conffiles, maintainer scripts
    files = deb_files(server)
    conf = "/etc/dcc-login-server/dcc-login-server.properties"
    unit_path = "/lib/systemd/system/dcc-login-server.service"
    for wanted in ["usr/bin/dcc-login-server", conf.lstrip("/"), unit_path.lstrip("/")]:
        check(wanted in files, f"dcc-login-server ships /{wanted}")
    conffiles = control_member(server, "conffiles", work)
    check(conffiles is not None and open(conffiles).read().split() == [conf],
          f"conffiles lists {conf}")
    depends = run(["dpkg-deb", "-f", server, "Depends"])
    check("adduser" in depends and "libpoconetssl80" in depends,
          "dcc-login-server depends on adduser and its shared libraries")
    for name in ["postinst", "prerm", "postrm"]:
        path = control_member(server, name, work)
        check(path is not None and os.access(path, os.X_OK), f"{name} is there, executable")
        if path:
            check(subprocess.run(["sh", "-n", path]).returncode == 0, f"{name} parses (sh -n)")
    run_maintainer_scripts(server, work)

    # --- the unit
    unpacked = os.path.join(work, "server-root")
    run(["dpkg-deb", "-x", server, unpacked])
    unit_text = open(in_root(unpacked, unit_path)).read()
    entries = unit_entries(unit_text)
    service = {}
    for section, key, value in entries:
        if section == "Service":
            service.setdefault(key, []).append(value)
    expected = {
        "User": "dcc-login-server", "ProtectSystem": "strict", "NoNewPrivileges": "yes",
        "PrivateTmp": "yes", "ProtectHome": "yes", "CapabilityBoundingSet": "",
        "ReadWritePaths": "/var/lib/dcc-login-server",
    }
    for key, value in expected.items():
        check(service.get(key) == [value], f"unit: {key}={value}")
    check("@system-service" in service.get("SystemCallFilter", []),
          "unit: SystemCallFilter=@system-service")
    check(service.get("RestrictAddressFamilies") == ["AF_INET AF_INET6 AF_UNIX"],
          "unit: RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX")
    check(("Install", "WantedBy", "multi-user.target") in entries, "unit: WantedBy=multi-user")
    exec_start = shlex.split(service["ExecStart"][0])
    check(exec_start[0] == "/usr/bin/dcc-login-server" and f"--config={conf}" in exec_start,
          f"unit: ExecStart runs the packaged binary with {conf}")

    # Root-relative paths of the command line moved into the unpacked tree.
    def relocate(argument):
        if argument.startswith("/"):
            return in_root(unpacked, argument)
        key, sep, value = argument.partition("=")
        if sep and value.startswith("/"):
            return f"{key}={in_root(unpacked, value)}"
        return argument

    command = [relocate(a) for a in exec_start]

    if shutil.which("systemd-analyze"):
        verify_dir = os.path.join(work, "verify")
        os.makedirs(verify_dir)
        # verify wants the ExecStart program to exist: the unpacked one.
        verify_unit = os.path.join(verify_dir, "dcc-login-server.service")
        with open(verify_unit, "w") as out:
            out.write(unit_text.replace("ExecStart=" + service["ExecStart"][0],
                                        "ExecStart=" + shlex.join(command)))
        result = subprocess.run(["systemd-analyze", "verify", verify_unit],
                                capture_output=True, text=True)
        messages = (result.stdout + result.stderr).strip()
        check(result.returncode == 0 and not messages,
              f"systemd-analyze verify: {messages or 'clean'}")
    else:
        print("note: systemd-analyze is not installed; the unit was not verified")

    # --- run the packaged server from the unpacked tree with the packaged configuration
    config_path = in_root(unpacked, conf)
    properties = open(config_path).read()
    port = free_port()
    overrides = {
        "server.address": "127.0.0.1",
        "server.port": str(port),
        "server.publicOrigin": f"https://localhost:{port}",
        "tls.certificate": os.path.join(pki, "localhost-chain.pem"),
        "tls.privateKey": os.path.join(pki, "localhost.key.pem"),
    }
    lines = []
    for line in properties.splitlines():
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if sep and not key.startswith("#"):
            if key in overrides:
                line = f"{key} = {overrides[key]}"
            elif value.startswith(("/etc/dcc-login-server", "/var/lib/dcc-login-server")):
                line = f"{key} = {in_root(unpacked, value)}"
        lines.append(line)
    with open(config_path, "w") as out:
        out.write("\n".join(lines) + "\n")
    # What the postinst (and the unit's StateDirectory) make.
    os.makedirs(in_root(unpacked, "/var/lib/dcc-login-server"), exist_ok=True)

    log_path = os.path.join(work, "server.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   cwd=in_root(unpacked, "/var/lib/dcc-login-server"))
    context = ssl.create_default_context(cafile=os.path.join(pki, "tls-ca.pem"))
    status = None
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"https://localhost:{port}/healthz",
                                            context=context, timeout=2) as response:
                    status = response.status
                    break
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                # Not listening yet: wait for the next try (bounded by the deadline).
                time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    check(status == 200, "the unpacked server, started as the unit says, answers /healthz")
    check(process.returncode == 0, f"it stops cleanly on SIGTERM (exit {process.returncode})")
    check(os.path.exists(in_root(unpacked, "/var/lib/dcc-login-server/dcc-login.db")),
          "its database is in /var/lib/dcc-login-server")
    if failures:
        print(open(log_path).read())
        print(f"check-debs: {len(failures)} checks failed", file=sys.stderr)
        sys.exit(1)
    print(f"check-debs: all checks passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
