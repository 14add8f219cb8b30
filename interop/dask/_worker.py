"""Making Dask worker processes know gpuframe partitions."""

from __future__ import annotations

from typing import Any

__all__ = ["setup_workers"]


def _import_backend() -> bool:
    import interop.dask  # noqa: F401  (registers the dispatch functions on import)

    return True


def setup_workers(client: Any) -> None:
    """Register gpuframe's Dask dispatch functions on every worker of ``client``.

    Worker processes learn how to concat, hash or size gpuframe partitions by importing
    :mod:`interop.dask`. Graphs built by this package (``from_gpuframe``, the readers,
    ``to_backend``) import it on the workers by themselves; graphs whose partitions come
    from elsewhere (a ``dd.from_map`` of user functions returning gpuframe frames) need this
    worker plugin, which imports it on the present workers and on every worker that joins
    later. Threads of the client's own process (``LocalCluster(processes=False)``) need
    nothing.

    Examples
    --------
    >>> from distributed import Client, LocalCluster  # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2))  # doctest: +SKIP
    >>> setup_workers(client)  # doctest: +SKIP
    """
    from distributed.diagnostics.plugin import WorkerPlugin

    if not hasattr(client, "register_plugin"):
        raise TypeError(
            f"setup_workers: `client` must be a distributed.Client; received {type(client).__name__}"
        )

    class GpuframeBackendPlugin(WorkerPlugin):
        name = "gpuframe-dask-backend"

        def setup(self, worker: Any) -> None:
            _import_backend()

    client.register_plugin(GpuframeBackendPlugin())
