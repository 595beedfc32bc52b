"""A contract type for import-linter: every app has a small public surface.

``lint-imports`` (in ``.ci/run``) loads it from ``pyproject.toml``. An app's
public surface is the modules other code may import: its registration
(``hooks``), its writes (``actions``), its reads for others (``queries``),
its ``models`` (for foreign keys and the demo's fixtures) and ``urls`` (the
composition root includes them), plus what the contract names per app.
Django and Celery discover the rest (``apps``, ``admin``, ``tasks``,
``migrations``, ``management``) by name, never through an import. Any other
import of an app's module from outside the app breaks the contract.
"""

import grimp
from importlinter import Contract, ContractCheck, fields, output


class PublicSurfaceContract(Contract):
    type_name = "public_surface"

    apps = fields.ListField(subfield=fields.StringField())
    public_modules = fields.ListField(subfield=fields.StringField())
    # Modules public for one app only, e.g. "social.networks" (the adapter
    # contract the social-network fakes implement).
    also_public = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        also_public = set(self.also_public or [])  # type: ignore[arg-type]
        violations = []
        for app in self.apps:  # type: ignore[attr-defined]
            public = {f"{app}.{name}" for name in self.public_modules} | {  # type: ignore[attr-defined]
                name for name in also_public if name.startswith(app + ".")
            }
            for module in sorted(graph.find_descendants(app)):
                if any(module == name or module.startswith(name + ".") for name in public):
                    continue
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer == app or importer.startswith(app + "."):
                        continue
                    details = graph.get_import_details(importer=importer, imported=module)
                    lines = ", ".join(str(detail["line_number"]) for detail in details)
                    violations.append({"importer": importer, "imported": module, "lines": lines})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(
                f"{violation['importer']} imports {violation['imported']} (l. {violation['lines']}), "
                "which is not part of that app's public surface",
                bold=False,
            )
        output.new_line()
        output.print_error(
            "Import the app's hooks, actions, queries, models or urls instead, or add what is needed there."
        )
