#!/usr/bin/env python3
"""The Group Policy template: installer/windows/admx/dcc-login.admx and its fr-FR and en-US
.adml files.

Every policy is a machine policy in the "DCC Login" category that writes a text value under
HKLM\\Software\\Policies\\DCC Login, and both languages define every string and presentation
the ADMX refers to (and nothing else). That each valueName is a setting the client reads,
and the reverse, is checked by the client test installer.PolicyDeployment.

Usage: check-admx.py ADMX_DIR
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
KEY = "Software\\Policies\\DCC Login"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def main():
    folder = sys.argv[1]
    admx = ET.parse(os.path.join(folder, "dcc-login.admx")).getroot()
    categories = admx.findall("p:categories/p:category", NS)
    check([c.get("name") for c in categories] == ["DccLogin"], "one category, DccLogin")
    strings, presentations = set(), set()

    def refs(value):
        for kind, name in re.findall(r"\$\((string|presentation)\.([^)]+)\)", value or ""):
            (strings if kind == "string" else presentations).add(name)

    for element in admx.iter():
        for attribute in ("displayName", "explainText", "presentation"):
            refs(element.get(attribute))

    policies = admx.findall("p:policies/p:policy", NS)
    check(len(policies) > 0, f"{len(policies)} policies")
    for policy in policies:
        name = policy.get("name")
        check(policy.get("class") == "Machine", f"{name}: machine policy (HKLM)")
        check(policy.get("key") == KEY, f"{name}: key {KEY}")
        parent = policy.find("p:parentCategory", NS)
        check(parent is not None and parent.get("ref") == "DccLogin", f"{name}: in DccLogin")
        texts = policy.findall("p:elements/p:text", NS)
        check(len(texts) == 1 and texts[0].get("valueName") == name,
              f"{name}: one text element writing the value {name}")
        check(policy.get("valueName") is None, f"{name}: no enable/disable value of its own")

    for language in ("fr-FR", "en-US"):
        path = os.path.join(folder, language, "dcc-login.adml")
        adml = ET.parse(path).getroot()
        defined = {s.get("id"): (s.text or "").strip()
                   for s in adml.findall("p:resources/p:stringTable/p:string", NS)}
        shown = {p.get("id"): p for p in
                 adml.findall("p:resources/p:presentationTable/p:presentation", NS)}
        check(set(defined) == strings,
              f"{language}: strings match the ADMX (missing {sorted(strings - set(defined))}, "
              f"extra {sorted(set(defined) - strings)})")
        check(all(defined.values()), f"{language}: no empty string")
        check(set(shown) == presentations, f"{language}: presentations match the ADMX")
        for policy in policies:
            presentation = shown.get(policy.get("name"))
            boxes = [] if presentation is None else presentation.findall("p:textBox", NS)
            check([b.get("refId") for b in boxes] == [policy.get("name")],
                  f"{language}: {policy.get('name')} has its text box")
    french = ET.parse(os.path.join(folder, "fr-FR", "dcc-login.adml")).getroot()
    english = ET.parse(os.path.join(folder, "en-US", "dcc-login.adml")).getroot()
    fr = {s.get("id"): s.text for s in french.iter(f"{{{NS['p']}}}string")}
    en = {s.get("id"): s.text for s in english.iter(f"{{{NS['p']}}}string")}
    translated = [k for k in fr if k.endswith("_Help") and fr[k] != en.get(k)]
    check(len(translated) == len(policies), "every explanation is translated")

    if failures:
        print(f"check-admx: {len(failures)} checks failed", file=sys.stderr)
        sys.exit(1)
    print("check-admx: all checks passed")


if __name__ == "__main__":
    main()
