# Production images: `app` runs web (gunicorn) and worker (django-q2); `proxy` is Caddy with the
# collected static files and deploy/Caddyfile, serving /static/ and /media/ (docs/operations.md, Media).
# Build: docker build --target app -t govportal .   Run: see docker-compose.yml.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements/base.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm AS app
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PORT=8000
RUN apt-get update && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 1000 app
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=app:app . .
# collectstatic needs settings that load; the real key and database come at run time.
RUN SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput -v0 \
    && SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py compile_translations \
    && mkdir -p /app/media /app/private && chown app:app /app/media /app/private
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
# Release step (run once per deploy): python manage.py migrate --noinput
CMD ["gunicorn", "config.wsgi", "-c", "gunicorn.conf.py"]

FROM caddy:2.11-alpine AS proxy
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=app /app/staticfiles /srv/static
