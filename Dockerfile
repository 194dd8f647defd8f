# Beacon, as one image for the web app and the notification worker (docs/deployment.md).
#
# Two stages. "build" has Node.js and the compilers: it installs the Python packages,
# compiles the front end with Sass and the translations. The final stage has only Python,
# WeasyPrint's libraries and the Noto fonts every guide's script needs, and runs as a user
# with no rights over the code. Built and run nowhere in CI (there is no container engine
# there): `make test` lints this file with hadolint and tests/foundation/test_deployment.py
# checks what matters in it.

FROM python:3.11-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

COPY pyproject.toml README.md ./
COPY portal ./portal
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --editable .

COPY templates ./templates
COPY translations ./translations
COPY easyread ./easyread
# The front end and the catalogues are built here, so the final image needs no Node.js.
RUN PORTAL_ENV=development /opt/venv/bin/portal assets build \
    && PORTAL_ENV=development /opt/venv/bin/portal translations compile \
    && rm -rf node_modules


FROM python:3.11-slim-bookworm

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORTAL_ENV=production \
    PORTAL_LOG_FORMAT=json

# WeasyPrint's Pango, and fonts for every script the guides use (Arabic and Urdu too).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 beacon \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin beacon

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# The code stays root's; the user may write only the instance folder and the guides'
# PDF cache.
RUN mkdir -p /app/instance /app/easyread/build \
    && chown 10001:10001 /app/instance /app/easyread/build

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# No gunicorn access log: it would print paths, which can hold a crime reference. The
# app writes one line a request itself, without them (portal/web/request_log.py).
CMD ["gunicorn", "--workers", "4", "--bind", "0.0.0.0:8000", "portal:create_app()"]
