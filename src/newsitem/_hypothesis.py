"""Hypothesis entry point: lets ``st.from_type(Story)`` (and the other model classes) draw valid values."""

from __future__ import annotations

from typing import Any


def _register() -> None:
    # Runs while hypothesis itself is importing (possibly from newsitem.strategies),
    # so the strategies are resolved lazily, on first draw.
    from hypothesis import strategies as st

    from newsitem import model

    def lazy(name: str) -> Any:
        def build() -> Any:
            from newsitem import strategies

            return getattr(strategies, name)()

        return st.deferred(build)

    for cls, name in (
        (model.Story, "stories"),
        (model.Byline, "bylines"),
        (model.Source, "sources"),
        (model.Rights, "rights"),
        (model.Subject, "subjects"),
        (model.Paragraph, "paragraphs"),
        (model.Run, "runs"),
        (model.Extras, "extras"),
    ):
        st.register_type_strategy(cls, lazy(name))
