"""The state file of the Ordinal sync changes how fast a run is, never what it writes (issue 15).

Two realms receive the same sequence of source files and the same hand edits by an
administrator; one is synced with the state file (and that file is truncated, deleted and
replaced by a foreign one along the way), the other without. After every run, every doctor's
attributes and enabled flag are the same in both realms, read back through the admin API.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from keycloak import KeycloakAdmin

from ordinal_sync.apply import SyncResult, SyncSettings, sync_file
from ordinal_sync.readers import EXTRACTION_COLUMNS
from provisioning.realm.apply import apply_realm
from tests.support.harness import Harness
from tests.support.ordinal import Row, write_csv
from tests.support.rpps import new_rpps

WITH_STATE = "monespace-sync-state"
WITHOUT_STATE = "monespace-sync-plain"
DOCTORS = 60


@pytest.fixture(scope="module")
def realm_pair(harness: Harness, realms: dict[str, str]) -> tuple[KeycloakAdmin, KeycloakAdmin]:
    master = harness.admin("master")
    for name in (WITH_STATE, WITHOUT_STATE):
        apply_realm(master, {"realm": name, **harness.smtp_values()})
    return harness.admin(WITH_STATE), harness.admin(WITHOUT_STATE)


def doctors_of(kc: KeycloakAdmin) -> dict[str, tuple[bool, str | None, str | None, dict[str, list[str]]]]:
    """Every user holding an RPPS: enabled flag, names and attributes, by username."""
    realm = kc.connection.realm_name
    found: dict[str, tuple[bool, str | None, str | None, dict[str, list[str]]]] = {}
    first = 0
    while page := kc.connection.raw_get(
        f"admin/realms/{realm}/users", first=first, max=200, briefRepresentation="false"
    ).json():
        for user in page:
            attributes = {name: sorted(values) for name, values in (user.get("attributes") or {}).items()}
            if "rpps" in attributes:
                found[user["username"]] = (user["enabled"], user.get("firstName"), user.get("lastName"), attributes)
        first += len(page)
    return found


def hand_edits(kc: KeycloakAdmin, victims: list[str], seed: int) -> None:
    """What an administrator may do between two runs, the same in both realms."""
    rng = random.Random(seed)
    realm = kc.connection.realm_name
    for rpps in victims:
        found = kc.connection.raw_get(f"admin/realms/{realm}/users", username=rpps, exact="true").json()
        if not found:
            continue
        user = kc.connection.raw_get(f"admin/realms/{realm}/users/{found[0]['id']}").json()
        edit = rng.choice(["delete", "disable", "enable", "hash", "mobile"])
        if edit == "delete":
            kc.delete_user(user["id"])
            continue
        if edit in ("disable", "enable"):
            user["enabled"] = edit == "enable"
        elif edit == "hash":
            user["attributes"]["ordinalHash"] = ["0" * 32]
        else:
            user["attributes"]["mobilePhone"] = ["+33699999999"]  # not repaired: the hash still matches
        kc.update_user(user["id"], user)


def test_the_same_files_and_hand_edits_give_the_same_doctors_with_and_without_the_state(
    realm_pair: tuple[KeycloakAdmin, KeycloakAdmin], tmp_path: Path
) -> None:
    kept_kc, plain_kc = realm_pair
    state = tmp_path / "state" / "ordinal.state"
    rng = random.Random(15)
    people = [Row(new_rpps(), first=f"Claire{n}") for n in range(DOCTORS)]
    newcomers = [Row(new_rpps(), first=f"Nouveau{n}") for n in range(10)]

    def sync(kc: KeycloakAdmin, source: Path, with_state: bool) -> SyncResult:
        settings = SyncSettings(
            realm=WITH_STATE if with_state else WITHOUT_STATE,
            max_change_share=1.0,
            keep_state=with_state,
            state_file=state if with_state and source.suffix == ".csv" else None,
            workdir=tmp_path / "work",
        )
        return sync_file(kc, source, settings=settings)

    accidents: dict[int, Callable[[], object]] = {
        3: lambda: state.write_bytes(state.read_bytes()[: state.stat().st_size // 2]),  # truncated
        4: lambda: state.unlink(),  # deleted
        6: lambda: state.write_bytes(extraction_state(tmp_path).read_bytes()),  # foreign: another layout's
    }
    reused = 0
    for step in range(8):
        drift(people, rng)
        if step == 2:
            people += newcomers
        if step == 5:
            source = write_extraction(tmp_path / f"extraction-{step}.txt", people[:40])
        else:
            present = [row for row in people if rng.random() < 0.95]
            rng.shuffle(present)
            source = write_csv(tmp_path / f"ordinal-{step}.csv", present)
        if step in accidents:
            accidents[step]()
        if step > 0:
            victims = rng.sample([row.rpps for row in people], 4)
            for kc in realm_pair:
                hand_edits(kc, victims, seed=step)
        kept = sync(kept_kc, source, with_state=True)
        plain = sync(plain_kc, source, with_state=False)
        assert kept.plan == plain.plan, f"step {step}"
        assert (kept.applied, kept.rejected, kept.warnings) == (plain.applied, plain.rejected, plain.warnings)
        assert doctors_of(kept_kc) == doctors_of(plain_kc), f"step {step}: the realms differ"
        assert kept.state is not None
        reused += kept.state.reused
    assert reused > DOCTORS, "the state was used, not only written"


def drift(people: list[Row], rng: random.Random) -> None:
    """A day of the Ordinal: a few contact details and statuses change."""
    for row in rng.sample(people, 5):
        change = rng.random()
        if change < 0.4:
            row.mobile = f"07 81 {rng.randrange(10, 99)} 45 22"
        elif change < 0.7:
            row.status = rng.choice(["radie", "suspendu", "inscrit", "interne"])
        else:
            row.email = rng.choice(["", f"autre.{rng.randrange(1000)}@exemple.fr"])


def write_extraction(path: Path, rows: list[Row]) -> Path:
    """The same doctors in the RPPS extraction layout (no status: it enables nobody)."""
    columns = EXTRACTION_COLUMNS
    lines = ["|".join(columns) + "|"]
    for row in rows:
        values = dict.fromkeys(columns, "")
        values |= {
            "Type d'identifiant PP": "8",
            "Identifiant PP": row.rpps,
            "Nom de famille": row.last,
            "Prénoms": row.first + "'",
            "Date de naissance": row.birth,
            "Téléphone (coord. correspondance)": row.mobile,
            "Adresse e-mail (coord. correspondance)": row.email or f"corr.{row.rpps}@exemple.fr",
            "Code civilité": "MME",
            "Code profession": "10",
            "Code catégorie professionnelle": "C",
            "Code département (coord. structure)": "75",
        }
        lines.append("|".join(values[name] for name in columns) + "|")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def extraction_state(tmp_path: Path) -> Path:
    """The state the extraction run left (default name in the workdir): foreign to the CSV runs."""
    found = sorted((tmp_path / "work").glob(f"ordinal-sync-{WITH_STATE}-extraction.state"))
    assert found, "the extraction run saved its own state"
    return found[0]
