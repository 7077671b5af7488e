#!/usr/bin/env python3
"""Builds the client's MSI from dcc-login.wxs with msitools' wixl (Linux), for the tests.

The WiX Toolset builds the same file on Windows (the `installer` CMake target). wixl 0.101
differs in three ways that this script makes up for, reading them from the same .wxs so it
stays the single source of truth:

* it ignores Package/@Platform: it is run with `-a x64`;
* it reads neither a Property without a Value nor Property/@Secure: the .wxs hides those
  declarations from it (`<?ifndef var.Wixl?>`), and every Property with Secure="yes" is
  added here to the SecureCustomProperties that wixl writes for MajorUpgrade;
* it cannot read Component/Condition (also hidden): each Component's condition is written
  here into the Component table's Condition column.

Usage: wixl-build.py WXS OUTPUT.msi --payload-dir DIR [-D NAME=VALUE]...
File sources in the .wxs are found relative to the payload folder (wixl runs there).
"""
import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def run(cmd, cwd=None):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"wixl-build: {' '.join(cmd)} failed ({result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("wxs")
    parser.add_argument("output")
    parser.add_argument("--payload-dir", required=True)
    parser.add_argument("-D", dest="defines", action="append", default=[])
    args = parser.parse_args()

    output = os.path.abspath(args.output)
    if os.path.exists(output):
        os.remove(output)
    cmd = ["wixl", "-a", "x64", "-D", "Wixl=1", "-o", output]
    for define in args.defines:
        cmd += ["-D", define]
    cmd.append(os.path.abspath(args.wxs))
    run(cmd, cwd=args.payload_dir)
    if not os.path.exists(output):
        sys.exit("wixl-build: wixl wrote no MSI")

    tree = ET.parse(args.wxs)
    queries = []
    for component in tree.getroot().iter(f"{{{NS['w']}}}Component"):
        condition = component.find("w:Condition", NS)
        if condition is not None and condition.text and condition.text.strip():
            queries.append("UPDATE `Component` SET `Condition` = "
                           f"{sql_text(condition.text.strip())} "
                           f"WHERE `Component` = {sql_text(component.get('Id'))}")

    secure = [p.get("Id") for p in tree.getroot().iter(f"{{{NS['w']}}}Property")
              if p.get("Secure") == "yes"]
    properties = run(["msiinfo", "export", output, "Property"])
    existing = []
    for line in properties.splitlines()[3:]:
        name, _, value = line.partition("\t")
        if name == "SecureCustomProperties":
            existing = [v for v in value.split(";") if v]
    merged = ";".join(sorted(set(existing) | set(secure)))
    if existing:
        queries.append(f"UPDATE `Property` SET `Value` = {sql_text(merged)} "
                       "WHERE `Property` = 'SecureCustomProperties'")
    elif merged:
        queries.append("INSERT INTO `Property` (`Property`, `Value`) "
                       f"VALUES ('SecureCustomProperties', {sql_text(merged)})")
    for query in queries:
        run(["msibuild", output, "-q", query])


if __name__ == "__main__":
    main()
