"""Glue Data Catalog behaviours moto 5.2.5 gets wrong, corrected to what Glue does.

Applied by moto_launcher.py; tools/src/test/java/dev/responders/tools/emulator/GlueFidelityIT
proves each correction. Handlers are never bent to these emulator bugs.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

from moto.core.exceptions import JsonRESTError
from moto.glue.models import FakeTable
from moto.core.responses import ActionResult
from moto.glue.responses import GlueResponse

# Glue chooses its own GetPartitions page size; without MaxResults the emulator pages at this
# size, so a client that ignores NextToken loses partitions here as it would on Glue.
DEFAULT_PARTITION_PAGE = 100
MAX_PARTITION_PAGE = 1000
MAX_BATCH_UPDATE_PARTITION_ENTRIES = 100
_TOKEN_PREFIX = "partitions-from-"


def _check(condition: bool, what: str, error: Callable[[str], Exception]) -> None:
    if not condition:
        raise error(f"cannot apply Glue fidelity patch, {what}")


def _patch_update_table_version(error: Callable[[str], Exception]) -> None:
    """UpdateTable with a VersionId that is not the table's current version is refused.

    moto ignores VersionId, so a conditional update over a concurrent change succeeds; Glue answers
    ConcurrentModificationException.
    """
    original = getattr(GlueResponse, "update_table", None)
    _check(callable(original), "GlueResponse.update_table is gone", error)
    _check(
        "self._current_version" in inspect.getsource(FakeTable.__init__),
        "FakeTable no longer counts versions in _current_version",
        error,
    )

    def update_table(self: Any) -> Any:
        version = self.parameters.get("VersionId")
        if version is not None:
            table_input = self.parameters.get("TableInput") or {}
            table = self.glue_backend.get_table(
                self.parameters.get("DatabaseName"), table_input.get("Name")
            )
            if str(table._current_version) != str(version):
                raise JsonRESTError(
                    "ConcurrentModificationException",
                    f"Update table failed due to concurrent modifications: version {version} "
                    f"is not the current version {table._current_version}",
                )
        return original(self)

    GlueResponse.update_table = update_table


def _patch_get_partitions_pages(error: Callable[[str], Exception]) -> None:
    """GetPartitions answers in pages (MaxResults, NextToken), as Glue does.

    moto returns every partition in one answer and never a NextToken.
    """
    _check(callable(getattr(GlueResponse, "get_partitions", None)), "GlueResponse.get_partitions is gone", error)

    def get_partitions(self: Any) -> Any:
        partitions = self.glue_backend.get_partitions(
            self.parameters.get("DatabaseName"),
            self.parameters.get("TableName"),
            self.parameters.get("Expression"),
        )
        size = int(self.parameters.get("MaxResults") or DEFAULT_PARTITION_PAGE)
        if not 1 <= size <= MAX_PARTITION_PAGE:
            raise JsonRESTError("ValidationException", f"MaxResults must be 1 to {MAX_PARTITION_PAGE}")
        token = self.parameters.get("NextToken")
        start = 0
        if token:
            if not token.startswith(_TOKEN_PREFIX) or not token[len(_TOKEN_PREFIX):].isdigit():
                raise JsonRESTError("InvalidInputException", "Invalid NextToken")
            start = int(token[len(_TOKEN_PREFIX):])
        page = partitions[start:start + size]
        result: dict[str, Any] = {"Partitions": [p.as_dict() for p in page]}
        if start + size < len(partitions):
            result["NextToken"] = f"{_TOKEN_PREFIX}{start + size}"
        return ActionResult(result)

    GlueResponse.get_partitions = get_partitions


def _patch_batch_update_partition_limit(error: Callable[[str], Exception]) -> None:
    """BatchUpdatePartition takes at most 100 entries; moto takes any number."""
    original = getattr(GlueResponse, "batch_update_partition", None)
    _check(callable(original), "GlueResponse.batch_update_partition is gone", error)

    def batch_update_partition(self: Any) -> Any:
        entries = self.parameters.get("Entries") or []
        if len(entries) > MAX_BATCH_UPDATE_PARTITION_ENTRIES:
            raise JsonRESTError(
                "ValidationException",
                "1 validation error detected: Value at 'entries' failed to satisfy constraint: "
                f"Member must have length less than or equal to {MAX_BATCH_UPDATE_PARTITION_ENTRIES}",
            )
        return original(self)

    GlueResponse.batch_update_partition = batch_update_partition


def apply_glue_fidelity_patches(error: Callable[[str], Exception]) -> None:
    _patch_update_table_version(error)
    _patch_get_partitions_pages(error)
    _patch_batch_update_partition_limit(error)
