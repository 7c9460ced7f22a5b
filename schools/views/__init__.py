"""The schools app's pages, by topic. `admin_login` is served from config/urls (the home page
is the forums app's: it gathers what's next across forums and stories)."""

from schools.views.signin import admin_login

__all__ = ["admin_login"]
