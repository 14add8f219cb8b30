"""Text and record output: ``to_string``, ``to_markdown``, ``to_html``, ``to_records``.

The result is host text (or a host NumPy record array), so the values are copied to the
host once and pandas' own formatters write them: the output is pandas' to the character,
options included. ``to_markdown`` needs the optional ``tabulate`` package; without it the
``ImportError`` is pandas' own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["FrameFormattingMixin", "SeriesFormattingMixin"]


class SeriesFormattingMixin:
    """``to_string`` and ``to_markdown`` of a Series."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def to_string(self, *args: Any, **kwargs: Any) -> Any:
        """The series as text, exactly as pandas' ``Series.to_string`` writes it.

        Examples
        --------
        >>> import gpuframe as gf
        >>> print(gf.Series([1.5, None], name="x").to_string())
        0    1.5
        1    NaN
        """
        return self.to_pandas().to_string(*args, **kwargs)

    def to_markdown(self, *args: Any, **kwargs: Any) -> Any:
        """The series as a Markdown table (pandas' ``to_markdown``; needs ``tabulate``)."""
        return self.to_pandas().to_markdown(*args, **kwargs)


class FrameFormattingMixin:
    """``to_string``, ``to_markdown``, ``to_html`` and ``to_records`` of a DataFrame."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def to_string(self, *args: Any, **kwargs: Any) -> Any:
        """The frame as text, exactly as pandas' ``DataFrame.to_string`` writes it.

        Examples
        --------
        >>> import gpuframe as gf
        >>> print(gf.DataFrame({"a": [1, 2], "b": ["x", None]}).to_string())
           a    b
        0  1    x
        1  2  NaN
        """
        return self.to_pandas().to_string(*args, **kwargs)

    def to_markdown(self, *args: Any, **kwargs: Any) -> Any:
        """The frame as a Markdown table (pandas' ``to_markdown``; needs ``tabulate``)."""
        return self.to_pandas().to_markdown(*args, **kwargs)

    def to_html(self, *args: Any, **kwargs: Any) -> Any:
        """The frame as an HTML table, exactly as pandas' ``DataFrame.to_html`` writes it.

        Examples
        --------
        >>> import gpuframe as gf
        >>> "<table" in gf.DataFrame({"a": [1]}).to_html()
        True
        """
        return self.to_pandas().to_html(*args, **kwargs)

    def to_records(
        self, index: bool = True, column_dtypes: Any = None, index_dtypes: Any = None
    ) -> Any:
        """A host NumPy record array of the rows (pandas' ``to_records``).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2]}).to_records(index=False).tolist()
        [(1,), (2,)]
        """
        return self.to_pandas().to_records(
            index=index, column_dtypes=column_dtypes, index_dtypes=index_dtypes
        )
