"""Flask extensions, made unbound here and bound to the app only in `create_app`."""

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from portal.data.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
compress = Compress()
csrf = CSRFProtect()
login_manager = LoginManager()


def _client_address() -> str:
    # ProxyFix (configured in create_app) has already put the real client address here.
    from flask import request

    return request.remote_addr or "unknown"


limiter = Limiter(key_func=_client_address, default_limits=[])
