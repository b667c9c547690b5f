"""The campaign-site engine: `create_app()` builds the site from config and `content/`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, clock, compression, errors, relative, security, theming
from .cli import campaign as campaign_commands
from .config import Config, from_env, with_overrides
from .content.campaign import load_locales, load_wizard_path
from .content.site import load_site
from .followup import views as followup
from .hosts import HostPolicy
from .i18n import init_i18n
from .pages.views import bp as pages_bp
from .pages.views import register_default_prefix_redirect
from .paths import site_paths
from .prebuilt import Prebuilder
from .site_context import init_site_context
from .wizard import views as wizard


def create_app(config: Config | Mapping[str, object] | None = None) -> Flask:
    """Build the app: config -> locales -> i18n -> routes -> content -> headers and error pages.

    `config` is a Config, or a mapping of settings that override what the environment gives (tests use it).
    Content is read and rendered here, once, after the routes exist (its links are built from them); a broken
    content file stops start-up with its name and line.
    """
    if not isinstance(config, Config):
        config = with_overrides(from_env(), dict(config or {}))
    app = errors.PrivateFlask(__name__, static_folder=str(assets.STATIC_DIR), static_url_path="/static")
    # A full form is under 20 KB; room for a far too long paragraph (which gets its message and stays as typed),
    # but not for bodies that are plainly not a visitor's answers.
    app.config.update(TESTING=config.testing, CAMPAIGN=config, MAX_CONTENT_LENGTH=256 * 1024)
    # Leaner HTML: block tags leave no blank lines behind (every htmx fragment travels on slow networks).
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    logging.getLogger("campaign").setLevel(config.log_level)
    assets.init_assets(app)
    settings = Path(config.content_dir) / "campaign.yml"
    locales = load_locales(settings)
    wizard_path = load_wizard_path(settings, locales)
    init_i18n(app, config, locales)
    init_site_context(app)
    app.register_blueprint(wizard.blueprint(wizard_path))
    app.register_blueprint(followup.blueprint(wizard_path))
    app.register_blueprint(pages_bp)
    register_default_prefix_redirect(app, locales.default)
    theming.init_theming(app)
    app.cli.add_command(campaign_commands)
    app.extensions["campaign_site"] = load_site(app, config, locales, wizard_path)
    wizard.init_wizard(app)
    security.init_security(app, config)
    compression.init_compression(app)
    relative.init_relative(app)  # after compression: it runs before it
    errors.init_errors(app)
    prebuild(app, config)
    assets.serve_files(app)
    app.wsgi_app = HostPolicy(app.wsgi_app, config, errors.host_refusal(app))
    if config.trusted_proxies:
        # Behind nginx: trust exactly that many proxies for the scheme and host of redirects. The client's
        # address is deliberately not taken (x_for=0): the site has no use for it.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=config.trusted_proxies,
                                x_host=config.trusted_proxies)
    return app


def prebuild(app: Flask, config: Config) -> None:
    """Serve the responses that depend only on their path and locale from entries built once (prebuilt.py)."""
    site = app.extensions["campaign_site"]
    paths = {entry.path: entry.varies_by_htmx for entry in site_paths(app)}
    # An open campaign's pages count the days to its deadline: they are rebuilt each new day.
    today = (lambda: clock.today(config.timezone)) if site.lifecycle.is_open else None
    prebuilder = Prebuilder(app.wsgi_app, paths, config.origin, today)
    app.extensions["prebuilder"] = prebuilder
    app.wsgi_app = prebuilder
