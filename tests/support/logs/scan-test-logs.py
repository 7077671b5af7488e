#!/usr/bin/env python3
"""No secret in any log line of a test run (DESIGN.md: "never a password, code, PIN or token").

scan-test-logs.py <log folder> <source folder>

The folder is the one CTest gives every suite in DCC_TEST_LOG_DIR: the output of every
suite (run-logged.sh), the log of every server process the suites started
(ServerProcess), and secrets-*.tsv, where the test helpers noted each secret they saw
cross (TestLogs: passwords, codes, reset tokens, flows, tickets, session cookies). To these
the scan adds the passwords written in the test sources (constants named like kPassword)
and looks for all of them in every log line; then for the shapes a leak takes whatever the
value ("password=…", "\"code\": \"123456\"", a PIN next to its digits, Bearer …).

Exit 0 when no log holds a secret, 1 (with file, line and kind of each finding — never the
secret itself) otherwise, 2 when there is nothing to scan.
"""

import pathlib
import re
import sys

# Values that look like test secrets but are ordinary text in logs.
NOT_SECRETS = {"", "password", "Password"}

SOURCE_PASSWORD = re.compile(
    r'\bk\w*(?:Password|Passw0rd|Pin)\w*\s*(?:\[\])?\s*=\s*(?:u8)?"([^"\\]{4,})"')
SHAPES = [
    ("password field", re.compile(r'"(?:password|confirm|pin)"\s*:\s*"[^"]{3,}"', re.I)),
    ("password parameter", re.compile(r'[?&](?:password|confirm|pin)=[^&\s"]{3,}', re.I)),
    ("code field", re.compile(r'"code"\s*:\s*"\d{6}"')),
    ("token parameter", re.compile(r'[?&](?:token|ticket)=[A-Za-z0-9_-]{20,}')),
    ("token field", re.compile(r'"(?:token|ticket|flow)"\s*:\s*"[A-Za-z0-9_-]{20,}"')),
    ("session cookie", re.compile(r'(?:__Host-)?dcc_session=[A-Za-z0-9_-]{20,}')),
    ("bearer token", re.compile(r'Bearer\s+[A-Za-z0-9_-]{20,}')),
    ("PIN", re.compile(r'\bPIN\b[^0-9\n]{0,12}\b\d{4,8}\b', re.I)),
]


def noted_secrets(folder):
    secrets = {}
    for tsv in folder.glob("secrets-*.tsv"):
        for line in tsv.read_text(encoding="utf-8", errors="replace").splitlines():
            kind, _, value = line.partition("\t")
            if value and value not in NOT_SECRETS:
                secrets.setdefault(value, kind)
    return secrets


def source_passwords(sources):
    found = {}
    for path in sources.rglob("*"):
        if path.suffix not in (".cpp", ".h", ".py", ".sh") or "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in SOURCE_PASSWORD.finditer(text):
            value = match.group(1)
            # PIN constants are short: looked for by the PIN shape, not as raw digits.
            if len(value) >= 8 and value not in NOT_SECRETS:
                found.setdefault(value, "password (test source)")
    return found


def contains(line, secret):
    if secret.isdigit():
        return re.search(r"(?<![0-9])" + secret + r"(?![0-9])", line) is not None
    return secret in line


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, sources = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    logs = sorted(folder.glob("*.log"))
    if not logs:
        print(f"scan-test-logs: no log in {folder}", file=sys.stderr)
        return 2
    secrets = noted_secrets(folder)
    secrets.update({k: v for k, v in source_passwords(sources).items() if k not in secrets})

    findings = []
    lines_read = 0
    for log in logs:
        for number, line in enumerate(
                log.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            lines_read += 1
            for secret, kind in secrets.items():
                if contains(line, secret):
                    findings.append(f"{log.name}:{number}: a {kind} in clear")
            for kind, shape in SHAPES:
                if shape.search(line):
                    findings.append(f"{log.name}:{number}: looks like a {kind}")
    print(f"scan-test-logs: {len(logs)} logs, {lines_read} lines, "
          f"{len(secrets)} known secrets, {len(SHAPES)} shapes")
    if findings:
        for finding in sorted(set(findings)):
            print(finding)
        print(f"scan-test-logs: {len(set(findings))} log lines hold a secret", file=sys.stderr)
        return 1
    print("scan-test-logs: no secret in any log line")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
