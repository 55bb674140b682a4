# Production image: gunicorn serving Involve, static files collected and served by whitenoise.
# The same image runs the task worker: `docker run IMAGE python manage.py qcluster`.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000 \
    WEB_CONCURRENCY=3

# WeasyPrint needs Pango; curl answers the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 involve
WORKDIR /app

COPY requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt

COPY --chown=involve:involve . .
# collectstatic imports the settings, which insist on a secret key: a throwaway one is enough here.
RUN SECRET_KEY=collectstatic-only-$(python -c "import secrets; print(secrets.token_hex(32))") \
    python manage.py collectstatic --no-input -v 0 \
 && mkdir -p /app/media /app/private-media && chown involve:involve /app/media /app/private-media

USER involve
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl --fail --silent http://127.0.0.1:${PORT}/health/ -H "X-Forwarded-Proto: https" || exit 1

CMD ["sh", "-c", "gunicorn cms.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY} --access-logfile - --forwarded-allow-ips='*'"]
