"""lagebild: German news articles in, a situation picture out."""

from lagebild.article import Article

__version__ = "0.1.0"

__all__ = ["Article", "__version__"]
