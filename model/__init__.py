"""actor-stance: stance and sentiment of every actor mention in conflict news."""
from .errors import InputError

__version__ = "0.1.0"
__all__ = ["StancePipeline", "InputError", "__version__"]


def __getattr__(name):
    # The pipeline pulls in torch and transformers; import it only when asked for.
    if name == "StancePipeline":
        from .pipeline import StancePipeline

        return StancePipeline
    raise AttributeError(name)
