"""Finding records: the home page, the search page and award look-up."""

from web.search import awards, home, saved
from web.search.find import bp

# The area's blueprint is the search page's; the home page and awards hang beneath it.
bp.register_blueprint(home.bp)
bp.register_blueprint(awards.bp)
bp.register_blueprint(saved.bp)

__all__ = ["bp"]
