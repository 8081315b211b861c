"""Names the support tools share with realm/support.yaml and the Java extensions (checked by
tests/unit/provisioning/test_support_names.py)."""

from __future__ import annotations

#: Doctors' groups: `conseil-<code>` (fr.ordre.monespace.sync.CouncilGroups.PREFIX).
DOCTORS_GROUP_PREFIX = "conseil-"
#: Agents' groups: `agents-conseil-<code>`, and the national support's.
AGENTS_GROUP_PREFIX = "agents-conseil-"
NATIONAL_GROUP = "agents-national"
#: The agents' realm role (fr.ordre.monespace.agent.Agents.ROLE).
AGENT_ROLE = "support-agent"
#: The agents' account set-up (fr.ordre.monespace.agent.AgentSetupFactory.ID).
AGENT_SETUP_ACTION = "monespace-agent-setup"
#: First segment of the support events' resource path (fr.ordre.monespace.support.SupportAudit.PATH).
AUDIT_PATH = "monespace-support"
#: The word `--council` takes for the national support.
NATIONAL = "national"


def agents_group(council: str) -> str:
    """The agents' group of a conseil (`75`), or of the national support (`national`)."""
    return NATIONAL_GROUP if council == NATIONAL else AGENTS_GROUP_PREFIX + council
