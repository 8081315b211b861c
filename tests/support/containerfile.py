"""Read a Containerfile the way the tests need it: stages, their instructions, ARG defaults.

Enough of the Dockerfile syntax for our own files (no heredocs, no parser directives beyond the
syntax line): continuation lines joined, comments dropped, JSON arrays of ENTRYPOINT/CMD decoded.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str

    def exec_form(self) -> list[str]:
        """ENTRYPOINT/CMD in exec form (a JSON array), or shell form split as sh -c would run it."""
        text = self.arguments.strip()
        if text.startswith("["):
            return list(json.loads(text))
        return ["/bin/sh", "-c", text]

    def words(self) -> list[str]:
        return shlex.split(self.arguments)


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None


@dataclass
class Containerfile:
    path: Path
    args: dict[str, str]
    stages: list[Stage]

    @classmethod
    def read(cls, path: Path) -> Containerfile:
        lines: list[str] = []
        pending = ""
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.lstrip().startswith("#"):
                continue
            if raw.rstrip().endswith("\\"):
                pending += raw.rstrip()[:-1] + " "
                continue
            line = (pending + raw).strip()
            pending = ""
            if line:
                lines.append(line)
        args: dict[str, str] = {}
        stages: list[Stage] = []
        for line in lines:
            keyword, _, rest = line.partition(" ")
            keyword = keyword.upper()
            if keyword == "ARG" and not stages:
                name, _, default = rest.strip().partition("=")
                args[name] = default
            elif keyword == "FROM":
                match = re.fullmatch(r"(\S+)(?:\s+AS\s+(\S+))?", rest.strip(), re.IGNORECASE)
                assert match, f"{path}: cannot read FROM {rest}"
                stages.append(Stage(cls._expand(match.group(1), args), match.group(2)))
            else:
                assert stages, f"{path}: {keyword} before any FROM"
                stages[-1].instructions.append(Instruction(keyword, rest.strip()))
        return cls(path, args, stages)

    @staticmethod
    def _expand(text: str, args: dict[str, str]) -> str:
        return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: args.get(m.group(1) or m.group(2), m.group(0)), text)

    def stage(self, name: str | None) -> Stage:
        """A named stage, or the last one (the image `docker build` produces without --target)."""
        if name is None:
            return self.stages[-1]
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise KeyError(f"{self.path.name}: no stage {name}")

    def lineage(self, name: str | None) -> list[Stage]:
        """The stage and the stages it is built FROM, nearest first."""
        chain = [self.stage(name)]
        names = {s.name for s in self.stages}
        while chain[-1].base in names:
            chain.append(self.stage(chain[-1].base))
        return chain

    def entrypoint_and_cmd(self, name: str | None) -> tuple[list[str], list[str]]:
        """What a container of that stage runs, ENTRYPOINT and CMD inherited as Docker does."""
        entrypoint: list[str] | None = None
        cmd: list[str] | None = None
        for stage in self.lineage(name):
            if entrypoint is None and stage.last("ENTRYPOINT"):
                entrypoint = stage.last("ENTRYPOINT").exec_form()  # type: ignore[union-attr]
            if cmd is None and stage.last("CMD"):
                cmd = stage.last("CMD").exec_form()  # type: ignore[union-attr]
        return entrypoint or [], cmd or []

    def copies(self) -> list[tuple[str | None, list[str], str]]:
        """(`--from` stage or None for the build context, sources, destination) of every COPY."""
        found = []
        for stage in self.stages:
            for instruction in stage.all("COPY"):
                words = instruction.words()
                origin = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
                paths = [w for w in words if not w.startswith("--")]
                found.append((origin, paths[:-1], paths[-1]))
        return found
