"""The demo's region: the gemeenten, who works for which, and the joint contracts' key."""

# The arbeidsmarktregio Zuidoost-Brabant, in part: Eindhoven contracts for the region.
GEMEENTEN = [
    # naam, CBS-code, rol, who works for it
    ("Eindhoven", "0772", "centrum", ["inkoper", "specialist", "specialist2"]),
    ("Helmond", "0794", "deelnemend", ["specialist-helmond"]),
    ("Veldhoven", "0861", "deelnemend", ["specialist-veldhoven"]),
    ("Best", "0753", "deelnemend", ["specialist-best"]),
]
# The region's joint contracts (the two tenders) and each gemeente's share in per cent; the
# other contracts are Eindhoven's own, open to every gemeente's clients.
DEELNAMES = {
    kenmerk: {"Eindhoven": 70, "Helmond": 15, "Veldhoven": 10, "Best": 5}
    for kenmerk in ("INB-2025-101", "INB-2025-102")
}
