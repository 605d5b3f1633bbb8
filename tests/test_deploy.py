"""What can be checked of the deployment files without a Docker engine."""

import re
import shutil
import subprocess

import pytest
import yaml

from tests.support.paths import REPO

DEPLOY = REPO / "deploy"
KNOWN = set(re.findall(r'get\("([A-Z_]+)"\)', (REPO / "bot" / "config.py").read_text()))


def test_every_variable_the_deploy_files_use_is_a_setting() -> None:
    assert {"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET"} <= KNOWN
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    used = set(compose["services"]["bot"]["environment"])
    # The run stage's environment (the build stage's is uv's).
    dockerfile = (DEPLOY / "Dockerfile").read_text().rsplit("\nFROM ", 1)[-1]
    used |= set(re.findall(r"^\s+([A-Z_]+)=", dockerfile, re.MULTILINE)) - {
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONUNBUFFERED",
        "PATH",
    }
    used |= set(re.findall(r"environ\.get\('([A-Z_]+)'", dockerfile))
    example = (REPO / ".env.example").read_text()
    used |= set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert used - {"POSTGRES_PASSWORD"} <= KNOWN, used - KNOWN
    assert set(re.findall(r"^#?\s*([A-Z_]+)=", example, re.MULTILINE)) >= KNOWN - {
        "LOG_FORMAT",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "WEBHOOK_LISTEN",
        "WEBHOOK_PORT",
        "HEALTH_PORT",
        "SKILLBOT_CLOCK_START",  # for tests of the whole process, never for an operator
    }


def test_compose_runs_the_bot_with_postgresql() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    bot, db = compose["services"]["bot"], compose["services"]["db"]
    assert bot["restart"] == db["restart"] == "unless-stopped"
    assert bot["env_file"] == "../.env"
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert compose["volumes"] == {"pgdata": None}
    assert db["volumes"] == ["pgdata:/var/lib/postgresql/data"]
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql://")
    # No password in the file: both sides take it from .env, and refuse to start without.
    required = "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"
    assert db["environment"]["POSTGRES_PASSWORD"] == required
    assert f"skillbot:{required}@db" in bot["environment"]["DATABASE_URL"]


def test_the_image_is_multi_stage_non_root_and_checks_healthz() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    base = re.search(r"^ARG PYTHON_IMAGE=python:(\S+)$", dockerfile, re.MULTILINE)
    assert base and re.fullmatch(r"3\.11\.\d+-slim-\w+(@sha256:[0-9a-f]{64})?", base[1])
    assert re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE) == ["${PYTHON_IMAGE}"] * 2
    assert "uv sync --locked --no-dev --no-editable" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users == ["skillbot"]
    assert re.search(
        r'^HEALTHCHECK .*\n\s+CMD \["skillbot", "health"\]$', dockerfile, re.MULTILINE
    )
    ignored = (REPO / ".dockerignore").read_text()
    for line in re.findall(r"^COPY (?!--from)(.+) \S+$", dockerfile, re.MULTILINE):
        for copied in line.split():
            assert (REPO / copied).exists(), copied
            assert f"!{copied.rstrip('/')}" in ignored.replace("/\n", "\n"), copied


def test_the_health_path_is_served() -> None:
    import inspect

    from bot.telegram import webhook

    assert '"/healthz"' in inspect.getsource(webhook.HealthServer)


def test_the_systemd_unit_runs_the_console_script() -> None:
    unit = (DEPLOY / "skillbot.service").read_text()
    assert "ExecStart=/opt/skillbot/.venv/bin/skillbot run" in unit
    assert "KillSignal=SIGTERM" in unit and "Restart=on-failure" in unit


@pytest.mark.e2e
@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_systemd_unit_is_sandboxed() -> None:
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", str(DEPLOY / "skillbot.service")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= 2.0, result.stdout
