#!/usr/bin/env python3
"""The client's MSI, built with msitools' wixl from installer/windows/dcc-login.wxs (the
source the WiX Toolset builds on Windows) and read back with msiinfo.

The Windows build cannot run here, so the payload is this build's Linux dcc-login binary,
core library and backend module standing in for dcc-login.exe, dcc-login-core.dll and
dcc-login-backend.dll (and without the Qt runtime that windeployqt adds on Windows):
what is checked is the installer's logic — properties, registry policies, shortcut,
upgrades — not the Windows executable.

Checked: the Property table (version, fixed UpgradeCode, per-machine, the public properties
secure), one Registry row per policy under HKLM\\Software\\Policies\\DCC Login holding its
property's value, each in its own component installed only when the property is given and
whose key path is that value, the Start-menu Shortcut, the Upgrade table (MajorUpgrade), the
File table (the executable, and its core library and module in the same folder, where the
executable looks for them). The MSI is left at OUTPUT for the client test that reads its Registry table.

Usage: check-msi.py SOURCE_DIR CLIENT_BINARY CORE_LIBRARY BACKEND_MODULE VERSION OUTPUT.msi
"""
import os
import shutil
import subprocess
import sys

UPGRADE_CODE = "{5C0E7B1E-3D2A-4F8B-9A61-7D4E2B9C0A15}"
POLICY_KEY = "Software\\Policies\\DCC Login"
# MSI property -> registry value name (ClientSettings::policyName()).
POLICIES = {
    "SERVER_URL": "ServerUrl",
    "PKCS11_MODULE": "Pkcs11Module",
    "LANGUAGE": "Language",
    "SUPPORT_CONTACT": "SupportContact",
    "SERVER_CA": "ServerCa",
    "LOG_LEVEL": "LogLevel",
}
HKLM = "2"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"check-msi: {' '.join(cmd)} failed ({result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")
    return result.stdout


def table(msi, name):
    """Rows of an MSI table as dicts (msiinfo export: names, types, table name, rows)."""
    lines = run(["msiinfo", "export", msi, name]).split("\n")
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"))) for line in lines[3:] if line]


def main():
    source, client, core, backend, version, msi = sys.argv[1:7]
    msi = os.path.abspath(msi)
    payload = os.path.join(os.path.dirname(msi), "payload")
    shutil.rmtree(payload, ignore_errors=True)
    os.makedirs(payload)
    # Stand-in for dcc-login.exe: this build's client (see the docstring).
    shutil.copy(client, os.path.join(payload, "dcc-login.exe"))
    shutil.copy(core, os.path.join(payload, "dcc-login-core.dll"))
    shutil.copy(backend, os.path.join(payload, "dcc-login-backend.dll"))
    run([sys.executable, os.path.join(source, "installer/windows/wixl-build.py"),
         os.path.join(source, "installer/windows/dcc-login.wxs"), msi,
         "--payload-dir", payload,
         "-D", f"ProductVersion={version}", "-D", "ClientExe=dcc-login.exe",
         "-D", "ClientCore=dcc-login-core.dll", "-D", "ClientBackend=dcc-login-backend.dll"])

    suminfo = run(["msiinfo", "suminfo", msi])
    check("Template: x64;" in suminfo, "summary: an x64 package")

    properties = {row["Property"]: row["Value"] for row in table(msi, "Property")}
    check(properties.get("ProductVersion") == version, f"ProductVersion = {version}")
    check(properties.get("UpgradeCode") == UPGRADE_CODE, f"UpgradeCode = {UPGRADE_CODE}")
    check(properties.get("ALLUSERS") == "1", "per-machine (ALLUSERS = 1)")
    check(properties.get("ProductName") == "DCC Login", "ProductName = DCC Login")
    secure = set(properties.get("SecureCustomProperties", "").split(";"))
    for prop in POLICIES:
        check(prop in secure, f"{prop} is a secure public property")
        check(prop not in properties, f"{prop} has no default: nothing written unless given")

    components = {row["Component"]: row for row in table(msi, "Component")}
    registry = table(msi, "Registry")
    for prop, name in POLICIES.items():
        rows = [r for r in registry if r["Name"] == name]
        check(len(rows) == 1, f"one Registry row for {name}")
        if len(rows) != 1:
            continue
        row = rows[0]
        # wixl may write the key with a trailing backslash.
        key = row["Key"].rstrip("\\")
        check(row["Root"] == HKLM and key == POLICY_KEY,
              f"{name} under HKLM\\{POLICY_KEY} ({row['Root']}, {row['Key']})")
        check(row["Value"] == f"[{prop}]", f"{name} = [{prop}]")
        component = components.get(row["Component_"], {})
        check(component.get("Condition") == prop,
              f"{name}: its component {row['Component_']} is installed only when {prop} is given")
        check(component.get("KeyPath") == row["Registry"], f"{name}: the value is the key path")
        others = [r for r in registry if r["Component_"] == row["Component_"]]
        check(len(others) == 1, f"{name}: alone in its component")
        # 0x100: 64-bit component (the 64-bit registry view, which the x64 client reads).
        check(int(component.get("Attributes", "0")) & 0x100 == 0x100,
              f"{name}: 64-bit component")
    policy_rows = [r for r in registry if r["Key"].rstrip("\\") == POLICY_KEY]
    check(len(policy_rows) == len(POLICIES), "no other value under the policy key")

    files = table(msi, "File")
    folders = {c["Component"]: c["Directory_"] for c in table(msi, "Component")}
    file_folders = {f["FileName"].split("|")[-1]: folders.get(f["Component_"]) for f in files}
    check(file_folders.get("dcc-login.exe") == "INSTALLDIR", "File: dcc-login.exe in INSTALLDIR")
    for library in ["dcc-login-core.dll", "dcc-login-backend.dll"]:
        check(file_folders.get(library) == "INSTALLDIR",
              f"File: {library} next to dcc-login.exe ({file_folders.get(library)})")

    shortcuts = table(msi, "Shortcut")
    check(len(shortcuts) == 1 and shortcuts[0]["Directory_"] == "ProgramMenuFolder"
          and shortcuts[0]["Target"] == "[INSTALLDIR]dcc-login.exe"
          and shortcuts[0]["Name"].split("|")[-1] == "DCC Login",
          "Shortcut: Start menu, DCC Login -> [INSTALLDIR]dcc-login.exe"
          + ("" if len(shortcuts) == 1 else f" ({shortcuts})"))

    upgrades = table(msi, "Upgrade")
    check(any(u["UpgradeCode"] == UPGRADE_CODE and u["VersionMax"] == version
              and u["ActionProperty"] == "WIX_UPGRADE_DETECTED" for u in upgrades),
          "Upgrade: older versions are removed (MajorUpgrade)")
    check(any(u["UpgradeCode"] == UPGRADE_CODE and u["VersionMin"] == version
              and u["ActionProperty"] == "WIX_DOWNGRADE_DETECTED" for u in upgrades),
          "Upgrade: newer versions are detected (no downgrade)")
    actions = {row["Action"] for row in table(msi, "InstallExecuteSequence")}
    check("RemoveExistingProducts" in actions, "InstallExecuteSequence: RemoveExistingProducts")

    if failures:
        print(f"check-msi: {len(failures)} checks failed", file=sys.stderr)
        sys.exit(1)
    print(f"check-msi: all checks passed; {msi}")


if __name__ == "__main__":
    main()
