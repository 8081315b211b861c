"""Generate synthetic Ordinal sync input: an RPPS extraction or an Ordinal CSV.

    .venv/bin/python bench/generate_extraction.py -o /tmp/extraction.txt
    .venv/bin/python bench/generate_extraction.py -o /tmp/changed.zip --change-percent 1
    .venv/bin/python bench/generate_extraction.py -o /tmp/ordinal.csv --layout csv --encoding latin-1

The same ``--seed`` and ``--doctors`` always give the same population, whatever the other
options: three independent random streams draw the population, the changes
(``--change-percent``: that share of doctors get a new mobile and/or e-mail) and the line
order. So ``--change-percent 1`` is "yesterday's file with 1% of doctors changed".

Quirks reproduced (formats/rpps-extraction.md): 1–4 activity lines per doctor (~1.5 on
average) scattered across the file, later activity lines sometimes without contact
details, lines of other professions and ADELI lines, given names joined by apostrophes,
names of practice differing from birth names, e-mails in upper or lower case, every
phone format of the formats file (including overseas mobiles and a too-short number),
doctors with a phone only, an e-mail only or neither, invalid records (bad Luhn key,
31/02 birth date); in the CSV, ~2% inactive statuses and a few duplicated RPPS.
"""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import click

from ordinal_sync.readers import CSV_COLUMNS, EXTRACTION_COLUMNS

LAST_NAMES = (
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
    "LAURENT", "SIMON", "MICHEL", "LEFÈBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
    "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT",
    "MÜLLER", "FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER",
    "FRANÇOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "N'DIAYE", "DE LA FONTAINE",
    "NGUYEN", "BENALI", "COHEN", "HOARAU", "PAYET", "TAVERNIER", "LE GALL", "O'NEILL",
)  # fmt: skip
FEMALE_NAMES = (
    "MARIE", "ANNE", "SOUZANE", "DIANE", "CÉCILE", "HÉLÈNE", "SOPHIE", "JULIE", "CLAIRE",
    "ISABELLE", "NATHALIE", "CHLOÉ", "LÉA", "MANON", "FRANÇOISE", "AGNÈS", "INÈS", "ZOÉ",
)  # fmt: skip
MALE_NAMES = (
    "JEAN", "PIERRE", "MICHEL", "ANDRÉ", "PHILIPPE", "LOUIS", "NICOLAS", "FRANÇOIS", "JÉRÔME",
    "LUC", "MATHIEU", "HUGO", "THÉO", "NOËL", "KARIM", "YANNICK", "GUILLAUME", "BENOÎT",
)  # fmt: skip
DOMAINS = (
    "gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "yahoo.fr", "hotmail.fr", "laposte.net",
    "cn.medecin.fr", "sfr.fr", "outlook.fr",
)  # fmt: skip
DEPARTMENTS = (
    *(f"{n:02d}" for n in range(1, 96) if n != 20), "2A", "2B", "971", "972", "973", "974", "976",
)  # fmt: skip
MOBILE_PREFIXES = ("60", "61", "62", "64", "65", "66", "67", "68", "73", "75", "76", "77", "78")
# Réunion, Mayotte, Guadeloupe, Martinique, Guyane, and Mayotte under its pre-2007 code.
OVERSEAS_MOBILE_PREFIXES = ("262692", "26263967", "590690", "596696", "5946942", "26963967")
INACTIVE_STATUSES = ("suspendu", "radie", "decede", "non_inscrit")
OTHER_PROFESSIONS = ("21", "40", "50", "60", "70", "26", "28")
EXTRACTION_MEMBER = "Extraction_ProSanteConnect_Personne_activite_202601010600.txt"
BUCKETS = 32  # temporary files the lines are scattered over before shuffling each

_ASCII = str.maketrans("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ", "AAACEEEEIIOOUUU")
_COLUMN = {name: index for index, name in enumerate(EXTRACTION_COLUMNS)}


def luhn_key(digits: str) -> str:
    """The Luhn check digit to append to ``digits``."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str(-total % 10)


@dataclass(frozen=True, slots=True)
class SyntheticDoctor:
    rpps: str
    birth_date: str
    sex: str
    civility: str
    last_name: str
    given_names: str  # extraction form: "MARIE'ANNE'"
    practice_last_name: str
    practice_first_name: str
    phone: str
    email: str
    category: str
    status: str
    activities: int
    departments: tuple[str, ...]


def draw_phone(rng: random.Random) -> str:
    """A correspondence phone in one of the forms seen in real files, or empty."""
    kind = rng.random()
    tail = f"{rng.randrange(10**7):07d}"
    mobile = rng.choice(MOBILE_PREFIXES)
    if kind < 0.25:
        return ""
    if kind < 0.50:
        return f"0{mobile}{tail}"  # 0652112846
    if kind < 0.58:
        return f"0033{mobile}{tail}"  # 0033667532652
    if kind < 0.64:
        return f"+33 {mobile}{tail}"  # +33 699083714
    if kind < 0.68:
        digits = rng.choice(OVERSEAS_MOBILE_PREFIXES) + f"{rng.randrange(10**6):06d}"
        return "+" + digits[:12]  # +262639671915
    if kind < 0.70:
        return f"0692{rng.randrange(10**6):06d}"  # Réunion mobile, national form
    landline = f"0{rng.choice('12345')}{rng.randrange(1, 9)}{rng.randrange(10**7):07d}"
    if kind < 0.80:
        return landline  # 0475678099
    if kind < 0.88:
        return ".".join(landline[i : i + 2] for i in range(0, 10, 2))  # 02.51.41.42.83
    if kind < 0.98:
        return " ".join(landline[i : i + 2] for i in range(0, 10, 2))  # 01 44 49 99 19
    return ".".join(f"{rng.randrange(100):02d}" for _ in range(4))  # 41.43.60.87: too short


def draw_email(rng: random.Random, first: str, last: str) -> str:
    kind = rng.random()
    if kind < 0.3:
        return ""
    local = f"{first}.{last}".replace(" ", "").replace("'", "").translate(_ASCII)
    address = f"{local}{rng.randrange(100):02d}@{rng.choice(DOMAINS)}"
    if kind < 0.31:
        return address.replace("@", " @ ")  # invalid, dropped with a warning
    return address.upper() if kind < 0.65 else address.lower()


def draw_doctor(rng: random.Random, index: int, seed: int, invalid_share: float) -> SyntheticDoctor:
    female = rng.random() < 0.5
    names = FEMALE_NAMES if female else MALE_NAMES
    given = rng.sample(names, rng.choice((1, 1, 1, 2, 2, 3)))
    given_field = "'".join(given) + ("''" if rng.random() < 0.05 else "'")  # SOUZANE'' / MARIE'ANNE'
    last_name = rng.choice(LAST_NAMES)
    practice_last_name = rng.choice(LAST_NAMES) if female and rng.random() < 0.15 else last_name
    status = rng.choices(("inscrit", "interne", "docteur_junior", "*"), (0.85, 0.08, 0.05, 0.02))[0]
    if status == "*":
        status = rng.choice(INACTIVE_STATUSES)
    year = rng.randrange(1994, 2001) if status == "interne" else rng.randrange(1945, 1996)
    birth_date = f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{year}"
    base = f"10{(seed * 7_654_321 + index) % 10**8:08d}"
    key = luhn_key(base)
    invalid = rng.random() / invalid_share if invalid_share else 1.0
    if invalid < 1 / 3:
        key = str((int(key) + 1) % 10)  # bad Luhn key
    elif invalid < 2 / 3:
        birth_date = f"31/02/{year}"
    elif invalid < 1:
        status = "retraite"  # unknown status (the CSV rejects it, the extraction has none)
    activities = rng.choices((1, 2, 3, 4), (0.60, 0.30, 0.08, 0.02))[0]
    return SyntheticDoctor(
        rpps=base + key,
        birth_date=birth_date,
        sex="F" if female else "M",
        civility=("MLLE" if rng.random() < 0.05 else "MME") if female else "M",
        last_name=last_name,
        given_names=given_field,
        practice_last_name=practice_last_name if rng.random() < 0.9 else "",
        practice_first_name=given[0] if rng.random() < 0.9 else "",
        phone=draw_phone(rng),
        email=draw_email(rng, given[0], last_name),
        category="E" if status == "interne" else rng.choices("CM", (0.97, 0.03))[0],
        status=status,
        activities=activities,
        departments=tuple(rng.choice(DEPARTMENTS) for _ in range(activities)),
    )


def changed(rng: random.Random, doctor: SyntheticDoctor) -> SyntheticDoctor:
    """The same doctor with a new mobile (70%), a new e-mail (60%), or both."""
    what = rng.random()
    phone, email = doctor.phone, doctor.email
    if what < 0.7:
        phone = f"07{rng.choice('35678')}{rng.randrange(10**7):07d}"
    if what >= 0.4:
        email = f"nouvelle.adresse{rng.randrange(10**6)}@orange.fr"
    return replace(doctor, phone=phone, email=email)


def extraction_lines(doctor: SyntheticDoctor, rng: random.Random) -> Iterator[str]:
    for activity in range(doctor.activities):
        row = [""] * len(EXTRACTION_COLUMNS)
        # Later activity lines sometimes lack the contact details: the first non-empty wins.
        bare = activity > 0 and rng.random() < 0.2
        values = {
            "Type d'identifiant PP": "8",
            "Identifiant PP": doctor.rpps,
            "Identification nationale PP": "8" + doctor.rpps,
            "Nom de famille": doctor.last_name,
            "Prénoms": doctor.given_names,
            "Date de naissance": doctor.birth_date,
            "Code sexe": doctor.sex,
            "Téléphone (coord. correspondance)": "" if bare else doctor.phone,
            "Adresse e-mail (coord. correspondance)": "" if bare else doctor.email,
            "Code civilité": doctor.civility,
            "Code profession": "10",
            "Code catégorie professionnelle": doctor.category,
            "Code civilité d'exercice": "" if doctor.category == "E" else "DR",
            "Nom d'exercice": doctor.practice_last_name,
            "Prénom d'exercice": doctor.practice_first_name,
            "Code mode exercice": rng.choice("LSB"),
            "Numéro SIRET site": f"{rng.randrange(10**14):014d}",
            "Raison sociale site": f"CABINET MEDICAL {doctor.last_name}",
            "Libellé Voie (coord. structure)": "DE LA REPUBLIQUE",
            "Code postal (coord. structure)": f"{doctor.departments[activity][:2]}100",
            "Code département (coord. structure)": doctor.departments[activity],
            "Autorité d'enregistrement": "CNOM/CNOM/CNOM",
        }
        for name, value in values.items():
            row[_COLUMN[name]] = value
        yield "|".join(row) + "|\n"


def other_line(rng: random.Random, index: int) -> str:
    """A line the sync must skip: another profession, or a doctor's ADELI line."""
    row = [""] * len(EXTRACTION_COLUMNS)
    adeli = rng.random() < 0.15
    identifier = f"{750000000 + index % 10**8}" if adeli else f"2{index:010d}"
    values = {
        "Type d'identifiant PP": "0" if adeli else "8",
        "Identifiant PP": identifier,
        "Identification nationale PP": ("0" if adeli else "8") + identifier,
        "Nom de famille": rng.choice(LAST_NAMES),
        "Prénoms": rng.choice(FEMALE_NAMES + MALE_NAMES) + "'",
        "Date de naissance": f"{rng.randrange(10, 29)}/{rng.randrange(10, 13)}/{rng.randrange(1950, 2000)}",
        "Code profession": "10" if adeli else rng.choice(OTHER_PROFESSIONS),
        "Code catégorie professionnelle": "C",
        "Code département (coord. structure)": rng.choice(DEPARTMENTS),
    }
    for name, value in values.items():
        row[_COLUMN[name]] = value
    return "|".join(row) + "|\n"


def csv_line(doctor: SyntheticDoctor) -> str:
    first = doctor.practice_first_name or doctor.given_names.split("'")[0]
    values = (
        doctor.rpps, doctor.birth_date, doctor.civility, doctor.practice_last_name or doctor.last_name,
        first.title(), doctor.phone, doctor.email, doctor.status, doctor.departments[0],
    )  # fmt: skip
    return ";".join(_csv_quote(value) for value in values) + "\r\n"


def _csv_quote(value: str) -> str:
    return f'"{value.replace(chr(34), chr(34) * 2)}"' if any(c in value for c in ";\"\n'") else value


@click.command(help=__doc__.split("\n\n")[0] if __doc__ else None)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; a name ending in .zip is written as a zip holding one file.",
)
@click.option("--doctors", type=click.IntRange(1, 10**8), default=300_000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same population.")
@click.option("--layout", type=click.Choice(["extraction", "csv"]), default="extraction", show_default=True)
@click.option("--encoding", type=click.Choice(["utf-8", "latin-1"]), default="utf-8", show_default=True)
@click.option(
    "--change-percent",
    type=click.FloatRange(0, 100),
    default=0.0,
    show_default=True,
    help="Share of doctors whose mobile and/or e-mail differ from the unchanged population.",
)
@click.option(
    "--invalid-percent",
    type=click.FloatRange(0, 100),
    default=0.1,
    show_default=True,
    help="Share of doctors with a bad Luhn key, an impossible birth date or (CSV) an unknown status.",
)
@click.option(
    "--other-lines",
    type=click.FloatRange(0),
    default=1.2,
    show_default=True,
    help="Lines of other professions and ADELI lines, per doctor line (extraction only).",
)
@click.option(
    "--duplicates",
    type=click.IntRange(0),
    default=5,
    show_default=True,
    help="Doctors written twice (CSV only).",
)
def main(
    output: Path,
    doctors: int,
    seed: int,
    layout: str,
    encoding: str,
    change_percent: float,
    invalid_percent: float,
    other_lines: float,
    duplicates: int,
) -> None:
    population = random.Random(seed)
    changes = random.Random(f"{seed}:changes")
    order = random.Random(f"{seed}:order")
    with tempfile.TemporaryDirectory(prefix="generate-extraction-") as directory:
        buckets = [(Path(directory) / f"{n}.txt").open("w", encoding="utf-8", newline="") for n in range(BUCKETS)]
        doctor_lines = 0
        for index in range(doctors):
            doctor = draw_doctor(population, index, seed, invalid_percent / 100)
            if changes.random() < change_percent / 100:
                doctor = changed(changes, doctor)
            if layout == "csv":
                copies = 2 if index < duplicates else 1
                for _ in range(copies):
                    buckets[order.randrange(BUCKETS)].write(csv_line(doctor))
                continue
            for line in extraction_lines(doctor, order):
                buckets[order.randrange(BUCKETS)].write(line)
                doctor_lines += 1
        for index in range(round(doctor_lines * other_lines)):
            buckets[order.randrange(BUCKETS)].write(other_line(order, index))
        for bucket in buckets:
            bucket.close()
        header = "|".join(EXTRACTION_COLUMNS) + "|\n" if layout == "extraction" else ";".join(CSV_COLUMNS) + "\r\n"
        with _open_output(output, layout, encoding) as out:
            out.write(header)
            for n in range(BUCKETS):
                with (Path(directory) / f"{n}.txt").open(encoding="utf-8", newline="") as bucket:
                    lines = bucket.readlines()
                order.shuffle(lines)
                out.writelines(lines)


def _open_output(output: Path, layout: str, encoding: str) -> IO[str]:
    if output.suffix.lower() != ".zip":
        return output.open("w", encoding=encoding, newline="")
    member = EXTRACTION_MEMBER if layout == "extraction" else "ordinal.csv"
    archive = zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
    return _ZipText(archive, archive.open(member, "w", force_zip64=True), encoding)


class _ZipText(io.TextIOWrapper):
    """A text stream into one zip member that also closes the archive."""

    def __init__(self, archive: zipfile.ZipFile, member: IO[bytes], encoding: str) -> None:
        super().__init__(member, encoding=encoding, newline="")  # type: ignore[arg-type]
        self._archive = archive

    def close(self) -> None:
        super().close()
        self._archive.close()


if __name__ == "__main__":
    main()
