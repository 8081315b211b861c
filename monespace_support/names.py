"""Names the support tools share with realm/support.yaml and the Java extensions: those of
realm/contract.yaml (`support`), read from it."""

from __future__ import annotations

from monespace_realm.contract import contract

_SUPPORT = contract().support

#: Doctors' groups: `conseil-<code>` (fr.ordre.monespace.sync.CouncilGroups.PREFIX).
DOCTORS_GROUP_PREFIX = _SUPPORT.doctors_group_prefix
#: The conseil of a doctor without one: group `conseil-inconnu`, `--council inconnu` in the audit.
UNKNOWN_COUNCIL = _SUPPORT.unknown_council
#: Agents' groups: `agents-conseil-<code>`, and the national support's.
AGENTS_GROUP_PREFIX = _SUPPORT.agents_group_prefix
NATIONAL_GROUP = _SUPPORT.national_group
#: The agents' realm role (fr.ordre.monespace.agent.Agents.ROLE).
AGENT_ROLE = _SUPPORT.agent_role
#: The agents' account set-up (fr.ordre.monespace.agent.AgentSetupFactory.ID).
AGENT_SETUP_ACTION = _SUPPORT.agent_setup_action
#: First segment of the support events' resource path (fr.ordre.monespace.support.SupportAudit.PATH).
AUDIT_PATH = _SUPPORT.endpoint
#: The word `--council` takes for the national support.
NATIONAL = _SUPPORT.national


def agents_group(council: str) -> str:
    """The agents' group of a conseil (`75`), or of the national support (`national`)."""
    return NATIONAL_GROUP if council == NATIONAL else AGENTS_GROUP_PREFIX + council
